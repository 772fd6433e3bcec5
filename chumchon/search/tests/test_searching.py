from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.models import AnonymousUser

from chumchon.blogs.models import Post
from chumchon.blogs.services import post_create
from chumchon.comments.services import comment_create
from chumchon.core.testing import Cast
from chumchon.search import registry, searching
from chumchon.search.indexing import reindex
from chumchon.search.searching import search


def _post(write, cast: Cast, title: str, body: str, **kwargs):  # type: ignore[no-untyped-def]
    blog = kwargs.pop("blog", cast.somchai_blog)
    return write(post_create, blog=blog, author=blog.owner, title=title, body=body, **kwargs)


def _titles(q: str, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.title for h in search(user=AnonymousUser(), q=q, **kwargs).hits]


def test_it_finds_a_thai_word_inside_a_compound_but_not_a_false_substring(write, cast) -> None:
    _post(write, cast, "องค์ความรู้ของหน่วยงาน", "เราเก็บองค์ความรู้ไว้ในคลัง")
    _post(write, cast, "อาหารเกินพอดี", "กินข้าวเกินไปไม่ดีต่อสุขภาพ และงานบริการ")
    assert _titles("ความรู้") == ["องค์ความรู้ของหน่วยงาน"]
    assert _titles("กิน") == ["อาหารเกินพอดี"]  # found by its own word กิน, not by เกิน
    _post(write, cast, "เกินเวลา", "ประชุมเกินเวลาไปมาก")
    assert _titles("กิน") == ["อาหารเกินพอดี"]
    assert _titles("การ") == []  # บริการ does not hold the word การ


def test_it_matches_thai_and_arabic_digits_both_ways(write, cast) -> None:
    _post(write, cast, "แผนปี ๒๕๔๙", "แผนงานของ สคร ๖")
    _post(write, cast, "แผนปี 2550", "แผนงานปีถัดไป")
    assert _titles("2549") == ["แผนปี ๒๕๔๙"]
    assert _titles("๒๕๕๐") == ["แผนปี 2550"]
    assert _titles("สคร 6") == ["แผนปี ๒๕๔๙"]


def test_it_mixes_thai_and_english(write, cast) -> None:
    _post(write, cast, "เตรียมรับตรวจ PMQA", "หมวด 4 และ R2R ในงานประจำ")
    assert _titles("pmqa") == ["เตรียมรับตรวจ PMQA"]
    assert _titles("R2R งานประจำ") == ["เตรียมรับตรวจ PMQA"]


def test_it_finds_a_run_the_document_segmented_differently(write, cast) -> None:
    _post(write, cast, "ผ้าที่ตากลมไว้", "ผ้าตาก ลมพัดแรง")  # "ตาก ลม" written apart
    assert _titles("ตากลม") == ["ผ้าที่ตากลมไว้"]
    _post(write, cast, "ดวงตาของแมว", "ตา กลม ใส")
    assert set(_titles("ตากลม")) == {"ผ้าที่ตากลมไว้", "ดวงตาของแมว"}


def test_it_ranks_full_matches_before_partial_ones(write, cast) -> None:
    _post(write, cast, "ดูแลแผลเบาหวาน", "ทำแผลที่เท้าให้ผู้ป่วยเบาหวาน")
    _post(write, cast, "เบาหวานกับอาหาร", "กินอาหารให้เหมาะกับโรค")
    _post(write, cast, "แผลกดทับ", "พลิกตัวผู้ป่วยทุกสองชั่วโมง")
    results = search(user=AnonymousUser(), q="แผล เบาหวาน")
    assert results.hits[0].title == "ดูแลแผลเบาหวาน" and results.hits[0].full_match
    assert {h.title for h in results.hits[1:]} == {"เบาหวานกับอาหาร", "แผลกดทับ"}
    assert not any(h.full_match for h in results.hits[1:])
    assert results.total == 3


def test_it_ranks_the_title_above_the_body_and_words_side_by_side_first(write, cast) -> None:
    _post(write, cast, "บันทึกทั่วไป", "วันนี้คุยเรื่องไข้เลือดออกในโรงเรียนกันยาว")
    _post(write, cast, "ไข้เลือดออก", "บันทึกสั้น ๆ")
    assert _titles("ไข้เลือดออก")[0] == "ไข้เลือดออก"
    _post(write, cast, "โรงเรียนกับไข้", "ไข้หวัดระบาดในโรงเรียน เลือดออกตามไรฟัน")
    assert _titles("ไข้เลือดออกในโรงเรียน")[0] == "บันทึกทั่วไป"


def test_it_searches_a_phrase_and_leaves_out_excluded_words(write, cast) -> None:
    _post(write, cast, "เรื่องเล่าเร้าพลัง", "เล่าเรื่องจากหอผู้ป่วย")
    _post(write, cast, "อบรมเรื่องเล่า", "อบรมการเล่าเรื่องเร้าพลังให้ทีม")
    assert _titles('"เรื่องเล่าเร้าพลัง"') == ["เรื่องเล่าเร้าพลัง"]
    assert _titles("เล่าเรื่อง -อบรม") == ["เรื่องเล่าเร้าพลัง"]


def test_it_finds_posts_by_tag_and_by_visible_comments(write, cast) -> None:
    post = _post(write, cast, "บันทึกหนึ่ง", "เนื้อหาทั่วไป", tags=["ชุมชนนักปฏิบัติ"])
    assert _titles("ชุมชนนักปฏิบัติ") == ["บันทึกหนึ่ง"]
    write(comment_create, post=post, author=cast.somying, body="ลองใช้ตารางอิสรภาพดูค่ะ")
    assert _titles("ตารางอิสรภาพ") == ["บันทึกหนึ่ง"]


def test_it_finds_people_by_name_unit_and_expertise(write, cast) -> None:
    reindex(["people"], workers=1)
    assert [h.key for h in search(user=AnonymousUser(), q="สมชาย", type="people").hits][0] == (
        "somchai"
    )
    assert search(user=AnonymousUser(), q="การจัดการความรู้", type="people").hits[0].key == ("somchai")
    units = {h.key for h in search(user=AnonymousUser(), q="ระบาดวิทยา", type="people").hits}
    assert units == {"malee", "prasert"}


def test_it_pages_through_results(write, cast) -> None:
    for i in range(5):
        _post(write, cast, f"บันทึกเบาหวานตอนที่ {i}", "เรื่องเบาหวาน")
    first = search(user=AnonymousUser(), q="เบาหวาน", per_page=2)
    last = search(user=AnonymousUser(), q="เบาหวาน", per_page=2, page=3)
    assert first.total == 5 and first.pages == 3 and first.has_next
    assert len(last.hits) == 1 and not last.has_next
    assert not {h.key for h in first.hits} & {h.key for h in last.hits}


def test_it_counts_a_long_list_of_matches_through_visible_to(write, cast) -> None:
    # Over 50 ids travel to the database as one parameter (JSON or an array).
    for i in range(60):
        _post(write, cast, f"บันทึกทุเรียนตอนที่ {i}", "เรื่องทุเรียน")
    _post(write, cast, "ร่างเรื่องทุเรียน", "ทุเรียนยังไม่เผยแพร่", publish=False)
    assert search(user=AnonymousUser(), q="ทุเรียน").total == 60
    assert search(user=cast.somchai, q="ทุเรียน").total == 61


def test_it_counts_facets_and_narrows_by_them(write, cast) -> None:
    _post(write, cast, "เบาหวานในชุมชน", "เบาหวาน", tags=["เบาหวาน"])
    _post(write, cast, "เบาหวานในหอผู้ป่วย", "เบาหวาน", tags=["พยาบาล"], blog=cast.somying_blog)
    results = search(user=AnonymousUser(), q="เบาหวาน", with_details=True)
    facets = {f.key: {v.value: v.count for v in f.values} for f in results.facets}
    assert facets["tag"] == {"เบาหวาน": 1, "พยาบาล": 1}
    assert facets["author"] == {"somchai": 1, "somying": 1}
    assert facets["unit"] == {"uni-med": 1, "uni-nurse": 1}
    assert facets["kind"] == {"article": 2}
    narrowed = search(user=AnonymousUser(), q="เบาหวาน", filters={"unit": "uni-nurse"})
    assert [h.title for h in narrowed.hits] == ["เบาหวานในหอผู้ป่วย"]
    (year,) = facets["year"]
    by_year = search(user=AnonymousUser(), q="เบาหวาน", filters={"year": year})
    assert by_year.total == 2 and int(year) > 2500  # Buddhist era


def test_it_marks_whole_words_in_escaped_snippets(write, cast) -> None:
    _post(write, cast, "ทดสอบ", "เราคุยเรื่ององค์ความรู้ <script>alert(1)</script> กัน")
    (hit,) = search(user=AnonymousUser(), q="ความรู้").hits
    assert "<mark>องค์ความรู้</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


def test_it_marks_the_searched_words_in_an_escaped_title(write, cast) -> None:
    _post(write, cast, "คลังองค์ความรู้ <b>ของเรา</b>", "บันทึกนี้เล่าเรื่องอื่น")
    (hit,) = search(user=AnonymousUser(), q="ความรู้").hits
    assert "<mark>องค์ความรู้</mark>" in hit.title_marked
    assert "<b>" not in hit.title_marked and "&lt;b&gt;" in hit.title_marked
    assert hit.title == "คลังองค์ความรู้ <b>ของเรา</b>"  # plain for the API


def test_it_lets_another_app_add_a_facet_to_posts(write, cast, monkeypatch) -> None:
    from chumchon.search import registry

    monkeypatch.setattr(registry, "_types", dict(registry._types))
    registry.add_facet("posts", registry.Facet("blog", "Blog", "blog__slug", "blog__title"))
    _post(write, cast, "เบาหวาน", "เบาหวาน")
    results = search(user=AnonymousUser(), q="เบาหวาน", with_details=True)
    blogs = next(f for f in results.facets if f.key == "blog")
    assert [(v.value, v.label, v.count) for v in blogs.values] == [
        ("km-notes", "บันทึก KM ของสมชาย", 1)
    ]
    assert search(user=AnonymousUser(), q="เบาหวาน", filters={"blog": "ward"}).total == 0


def test_it_loads_a_page_without_details_as_the_queryset_would(write, cast) -> None:
    """The API's page comes from a statement compiled once (searching._PageStatement):
    the same objects, deferred fields and converted values as `.only(...)` gives."""
    published = _post(write, cast, "ปลาทูนึ่ง", "ปลาทู แม่กลอง")
    draft = _post(write, cast, "", "ปลาทูทอด", publish=False, kind="journal")
    posts = registry.get("posts")
    fields = ("number", "title", "published_at", "status", "edited_at", "read_count")
    for page_fields in (posts.page_fields, fields):
        kind = replace(posts, page_fields=page_fields)
        loaded = {o.pk: o for o in searching._page(kind, [draft.pk, published.pk, 10**9], False)}
        expected = Post.objects.filter(pk__in=[draft.pk, published.pk]).only(*page_fields)
        assert len(loaded) == 2
        for post in expected:
            got = loaded[post.pk]
            assert got.get_deferred_fields() == post.get_deferred_fields()
            for name in page_fields:
                assert getattr(got, name) == getattr(post, name), name
                assert type(getattr(got, name)) is type(getattr(post, name)), name
            assert got._state.db == post._state.db and not got._state.adding
    assert loaded[published.pk].published_at is not None  # a converted datetime
    assert loaded[draft.pk].display_title == "ปลาทูทอด"
