from __future__ import annotations

from chumchon.search.query import parse
from chumchon.search.snippets import marked, snippet


def _marks(html: str) -> list[str]:
    return [part.split("</mark>")[0] for part in html.split("<mark>")[1:]]


def test_it_leaves_a_lone_piece_of_another_reading_unmarked() -> None:
    query = parse("ผู้ป่วยเบาหวาน")  # also read as ผู้|ป่วย|เบา|หวาน
    text = "งานบริการผู้รับบริการทุกคน และผู้ป่วยเบาหวานที่มาตามนัด"
    assert _marks(snippet(text, query.highlight, query.strong)) == ["ผู้ป่วย", "เบาหวาน"]
    # Without the strong words every word counts alone: "ผู้" marks "ผู้รับ" too.
    assert "ผู้รับ" in _marks(snippet(text, query.highlight))


def test_it_marks_a_function_word_only_beside_a_strong_one() -> None:
    query = parse("การพัฒนาคุณภาพ")
    assert "การ" in query.highlight and "การ" not in query.strong
    html = marked("เรื่องการพัฒนาคุณภาพงาน และการประชุมของทีม", query.highlight, query.strong)
    assert _marks(html) == ["การ", "พัฒนาคุณภาพ"]


def test_it_opens_the_window_at_a_strong_word() -> None:
    query = parse("การพัฒนาคุณภาพ")
    text = "การประชุม " * 30 + "ทีมเริ่มพัฒนาคุณภาพบริการ"
    html = snippet(text, query.highlight, query.strong)
    assert html.startswith("…") and _marks(html) == ["พัฒนาคุณภาพ"]


def test_it_marks_every_word_of_a_query_of_function_words() -> None:
    query = parse("การ")
    assert _marks(marked("การประชุมและการอบรม", query.highlight, query.strong)) == [
        "การประชุม",
        "การอบรม",
    ]


def test_it_leaves_unsegmented_only_a_chunk_that_cannot_hold_a_mark(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from chumchon.core import thai
    from chumchon.search import snippets

    query = parse("การพัฒนาคุณภาพ")
    segmented: list[str] = []
    real = thai.segment_pieces
    monkeypatch.setattr(thai, "segment_pieces", lambda text: segmented.append(text) or real(text))
    lone = "เรื่องการประชุม"  # one weak word: nothing to mark
    pair = "การประชุมการอบรม"  # two weak words side by side may be marked together
    strong = "ทีมพัฒนาคุณภาพ"
    html = marked(f"{lone} {pair} {strong}", query.highlight, query.strong)
    assert segmented == [pair, strong]
    assert _marks(html) == ["การประชุม", "การอบรม", "พัฒนาคุณภาพ"]
    assert snippets._unmarkable(lone, 0, len(lone), query.highlight, query.strong)
