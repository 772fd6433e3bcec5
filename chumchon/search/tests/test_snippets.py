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


def _whole(monkeypatch, text: str, terms: frozenset[str], strong: frozenset[str]):  # type: ignore[no-untyped-def]
    """The snippet made from the whole text cleaned (the head left out)."""
    from chumchon.search import snippets

    with monkeypatch.context() as patched:
        patched.setattr(snippets, "_from_head", lambda *args: None)
        return snippets.snippet_found(text, terms, strong)


def test_it_makes_the_same_snippet_from_the_head_as_from_the_whole_text(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from chumchon.core import thai
    from chumchon.search import snippets

    query = parse("การพัฒนาคุณภาพ PMQA")
    filler = "ทีมงานประชุมกันทุกสัปดาห์เพื่อทบทวนงาน " * 24
    texts = [
        # the word early, a long rest: made from the head
        "เรื่องเล่า การพัฒนาคุณภาพ ของหน่วยงาน " + filler,
        # invisible characters, doubled marks and lookalikes before and around the cut
        "ก\u200bา\u200dร พัฒนาคุณภาพ ไม่่่ เเมว PMQA\u00a0\u00a0 " + filler + " ดีีี\u200b",
        # a weak word first, the strong one later: the window opens at the strong one
        "การประชุม " * 8 + "ทีมเริ่มพัฒนาคุณภาพบริการ " + filler,
        # "İ" in the rest lowers to two characters: the whole text keeps its case
        "ระบบ pmqa และ PMQA ของเรา " + filler + " İstanbul",
        "ระบบ pmqa และ PMQA ของเรา " + filler + " I\u0307stanbul",
        # what cleaning takes away after the word leaves the head too short for a window
        "ระบบ pmqa ของเรา" + "\u200b" * 300 + " " + filler,
        # the word in upper case in the raw text, a Greek capital sigma beside it
        "ระบบ PMQAΣ และ ΣPMQA " + filler,
        # the word only beyond the head, and not at all
        filler + "การพัฒนาคุณภาพ " + filler,
        filler,
        # Thai digits, and spaces before ๆ at the cut
        "ตัวชี้วัด ๑๒ ข้อ การพัฒนาคุณภาพ ง่าย ๆ " + filler + " ๆ ๆ",
    ]
    cleaned: list[int] = []
    real = thai.clean
    monkeypatch.setattr(thai, "clean", lambda text: cleaned.append(len(text)) or real(text))
    for text in texts:
        for strong in (query.strong, frozenset(), None):
            expected = _whole(monkeypatch, text, query.highlight, strong)  # type: ignore[arg-type]
            assert snippets.snippet_found(text, query.highlight, strong) == expected
    # The first text is long and marked near its start: only its head was cleaned.
    cleaned.clear()
    html, found = snippets.snippet_found(texts[0], query.highlight, query.strong)
    assert found and "<mark>พัฒนาคุณภาพ</mark>" in html
    assert cleaned and max(cleaned) < len(texts[0]) / 2


def test_it_looks_up_only_the_pieces_holding_a_word_as_it_would_every_piece() -> None:
    from itertools import accumulate

    from chumchon.core import thai
    from chumchon.search import snippets

    for typed, chunk in (
        ("PMQA การพัฒนาคุณภาพ", "การพัฒนาคุณภาพPMQAของทีม"),
        # Σ lowers to σ before a letter and to ς at the end of a word: "ΟΔΟΣ" alone
        # is "οδος", in "ΟΔΟΣPMQA" it is "οδοσ"
        ("οδος pmqa", "ΟΔΟΣPMQAการพัฒนาคุณภาพ"),
        ("๒๕๖๗ การพัฒนาคุณภาพ", "ปี๒๕๖๗การพัฒนาคุณภาพ"),  # Thai digits match Arabic ones
        ("pmqa การพัฒนาคุณภาพ", "İPMQAการพัฒนาคุณภาพ"),  # `_lowered` keeps this text as it is
    ):
        query = parse(typed)
        terms, strong = query.highlight, query.strong
        text = f"เรื่อง {chunk} จบ"
        lowered = snippets._lowered(text)
        start = text.index(chunk)
        pieces = thai.segment_pieces(chunk)
        ends = list(accumulate(map(len, pieces), initial=start))
        bounds = [0, start - 1, start, start + len(chunk), start + len(chunk) + 1, len(text)]
        words = snippets._holding(lowered, bounds, 0, len(text), terms).get(2, [])
        every = snippets._strengths(text, lowered, pieces, ends, None, terms, strong, {})
        some = snippets._strengths(text, lowered, pieces, ends, words, terms, strong, {})
        assert {k: s for k, s in every.items() if s} == {k: s for k, s in some.items() if s}
        assert any(every.values())


def test_it_knows_the_only_letter_lowered_to_two() -> None:
    """`snippets._from_head` checks the rest of a text for this letter alone."""
    import sys

    longer = [c for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1]
    assert longer == [0x130]


def test_it_marks_a_weak_word_in_a_segmented_chunk_only_beside_another_match() -> None:
    query = parse("การพัฒนาคุณภาพ")
    # One chunk, segmented for its strong word: "การประชุม" holds the weak "การ" alone.
    html = marked("การประชุมทีมพัฒนาคุณภาพ", query.highlight, query.strong)
    assert _marks(html) == ["พัฒนาคุณภาพ"]
    html = marked("ทีมพัฒนาคุณภาพการประชุม", query.highlight, query.strong)
    assert _marks(html) == ["พัฒนาคุณภาพ", "การประชุม"]
