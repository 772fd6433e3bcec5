"""The finder over real rows: evidence through visible_to, signals, filters, hiding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from chumchon.blogs.models import Post
from chumchon.comments.services import comment_accept, comment_create
from chumchon.core.testing import Cast
from chumchon.experts.queries import (
    FinderFilters,
    endorsements_of,
    experts_for,
    experts_hydrate,
    topics_seen,
)
from chumchon.experts.ranking import Kind
from chumchon.experts.relevance import index_hits
from chumchon.experts.services import endorsement_create, finder_preference_set
from chumchon.experts.tests.helpers import fixed_source, write


def handles(scores: list, cast: Cast) -> list[str]:
    by_id = {m.pk: m.handle for m in (cast.somchai, cast.somying, cast.malee, cast.prasert)}
    return [by_id.get(p.person_id, "?") for p in scores]


def test_it_ranks_writers_answerers_and_commenters_in_the_known_order(cast: Cast) -> None:
    a = write(cast.somying, "AAR หลังเวร")
    b = write(cast.somying, "AAR ครั้งที่สอง")
    question = write(cast.somchai, "ทำ AAR อย่างไรดี", kind=Post.Kind.QUESTION)
    answer = comment_create(post=question, author=cast.prasert, body="เริ่มจากสิ่งที่คาดหวัง")
    comment_accept(comment=answer, member=cast.somchai)
    remark = comment_create(post=a, author=cast.malee, body="AAR ดีมาก")
    source = fixed_source({a: 1.0, b: 1.0, question: 1.0, remark: 1.0})
    ranked = experts_for("AAR", viewer=cast.prasert, source=source)
    # somying 2 posts = 2.0; prasert's accepted answer 1.5; malee's comment 0.3;
    # somchai only asked (0.2): asking shows interest, not knowledge.
    assert handles(ranked, cast) == ["somying", "prasert", "malee", "somchai"]
    assert ranked[3].counts[Kind.QUESTION] == 1
    assert ranked[1].counts[Kind.ANSWER] == 1


def test_it_never_counts_a_document_the_viewer_cannot_read(cast: Cast) -> None:
    secret = write(cast.malee, "AAR ลับ", publish=False)
    public = write(cast.somchai, "AAR เปิด")
    source = fixed_source({secret: 5.0, public: 1.0})
    assert handles(experts_for("AAR", viewer=cast.somying, source=source), cast) == ["somchai"]
    # Not even for the author: a draft is not evidence of anything yet.
    assert handles(experts_for("AAR", viewer=cast.malee, source=source), cast) == ["somchai"]


def test_it_orders_people_differently_for_viewers_who_may_see_different_evidence(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Private evidence decides the order for an insider and is invisible to an outsider."""
    only_prasert = Q(tags__name="ภายใน") & ~Q(author__isnull=True)

    def closed(user: object) -> Q:
        insider = getattr(user, "handle", "") == "prasert"
        return Q() if insider else ~Q(pk__in=Post.objects.filter(only_prasert).values("pk"))

    monkeypatch.setattr(Post, "visibility_filters", [closed])
    inside = [write(cast.malee, f"วัคซีน ภายใน {i}", tags=["ภายใน"]) for i in range(3)]
    public = [write(cast.somying, "วัคซีน สาธารณะ"), write(cast.somying, "วัคซีน อีกเรื่อง")]
    source = fixed_source({**dict.fromkeys(inside, 1.0), **dict.fromkeys(public, 0.5)})

    insider = experts_for("วัคซีน", viewer=cast.prasert, source=source)
    outsider = experts_for("วัคซีน", viewer=cast.somchai, source=source)
    assert handles(insider, cast) == ["malee", "somying"]
    assert handles(outsider, cast) == ["somying"]
    # The outsider's scores are computed as if the closed posts did not exist: somying's
    # two posts are each the best *visible* match (1.0), spread over her two posts.
    assert outsider[0].score == pytest.approx(2 / 2**0.5)
    page = experts_hydrate(outsider, viewer=cast.somchai)
    assert all("ภายใน" not in e.title for e in page[0].evidence)


def test_it_leaves_out_members_who_hide_themselves(cast: Cast) -> None:
    post = write(cast.somying, "พัสดุ")
    endorsement_create(endorser=cast.malee, member=cast.somchai, tag="พัสดุ")
    source = fixed_source({post: 1.0})
    assert handles(experts_for("พัสดุ", viewer=cast.malee, source=source), cast) == [
        "somying",
        "somchai",
    ]
    finder_preference_set(member=cast.somying, hidden=True)
    for viewer in (cast.malee, cast.somying, AnonymousUser()):
        assert handles(experts_for("พัสดุ", viewer=viewer, source=source), cast) == ["somchai"]


def test_it_counts_declared_tags_and_endorsements_once_per_endorser(cast: Cast) -> None:
    # somchai declared การจัดการความรู้ in the cast; somying is endorsed for it twice by one person.
    endorsement_create(endorser=cast.malee, member=cast.somying, tag="การจัดการความรู้")
    endorsement_create(endorser=cast.malee, member=cast.somying, tag="การจัดการความรู้")
    endorsement_create(endorser=cast.prasert, member=cast.somchai, tag="การจัดการความรู้")
    ranked = experts_for("การจัดการความรู้", viewer=cast.prasert, source=fixed_source({}))
    assert handles(ranked, cast) == ["somchai", "somying"]
    somchai, somying = ranked
    assert somchai.declared == ("การจัดการความรู้",)
    assert (somying.endorsers, somying.cross_unit_endorsers) == (1, 1)
    assert (somchai.endorsers, somchai.cross_unit_endorsers) == (1, 1)


def test_it_weighs_an_endorser_from_another_unit_above_a_colleague(cast: Cast) -> None:
    endorsement_create(endorser=cast.prasert, member=cast.malee, tag="ระบาดวิทยา")  # same unit
    endorsement_create(endorser=cast.somchai, member=cast.somying, tag="ระบาดวิทยา")  # other unit
    ranked = experts_for("ระบาดวิทยา", viewer=cast.prasert, source=fixed_source({}))
    assert handles(ranked, cast) == ["somying", "malee"]


def test_it_filters_by_organisation_unit_and_outside_my_unit(cast: Cast) -> None:
    posts = {
        write(cast.somchai, "R2R"): 1.0,
        write(cast.somying, "R2R"): 0.9,
        write(cast.malee, "R2R"): 0.8,
    }
    source = fixed_source(posts)

    def find(viewer: object, **filters: object) -> list[str]:
        scored = experts_for("R2R", viewer=viewer, filters=FinderFilters(**filters), source=source)
        return handles(scored, cast)

    assert find(cast.prasert) == ["somchai", "somying", "malee"]
    assert find(cast.prasert, organisation=cast.university) == ["somchai", "somying"]
    assert find(cast.prasert, organisation=cast.epidemiology) == ["malee"]  # its organisation
    assert find(cast.prasert, unit=cast.nursing) == ["somying"]
    assert find(cast.prasert, unit=cast.health_office) == ["malee"]  # units below count
    assert find(cast.somchai, outside_my_unit=True) == ["somying", "malee"]
    assert find(AnonymousUser(), outside_my_unit=True) == ["somchai", "somying", "malee"]


def test_it_discounts_old_evidence(cast: Cast) -> None:
    old = write(cast.somchai, "HA", written_at=dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
    older = write(cast.somchai, "HA 2", written_at=dt.datetime(2015, 2, 1, tzinfo=dt.UTC))
    new = write(cast.somying, "HA ใหม่")
    ranked = experts_for("HA", viewer=cast.malee, source=fixed_source({old: 1, older: 1, new: 1}))
    assert handles(ranked, cast) == ["somying", "somchai"]


def test_it_finds_writers_through_the_default_relevance(cast: Cast, index) -> None:  # type: ignore[no-untyped-def]
    write(cast.somying, "การดูแลแผลเบาหวาน", "เบาหวาน เบาหวาน การดูแลเท้า")
    write(cast.somchai, "เรื่องอื่น", "วันนี้ประชุมเรื่องงบประมาณ")
    index()
    ranked = experts_for("เบาหวาน", viewer=AnonymousUser())
    assert handles(ranked, cast) == ["somying"]
    (expert,) = experts_hydrate(ranked, viewer=AnonymousUser(), query="เบาหวาน")
    assert "<mark>เบาหวาน</mark>" in expert.evidence[0].snippet
    assert expert.evidence[0].url.startswith("/posts/")


def test_it_returns_nobody_for_an_empty_query(cast: Cast) -> None:
    assert experts_for("   ", viewer=cast.somchai) == []


def test_it_shows_the_topics_of_a_members_writing_as_the_viewer_may_see_them(cast: Cast) -> None:
    write(cast.somchai, "หนึ่ง", tags=["aar", "ลปรร."])
    write(cast.somchai, "สอง", tags=["aar"])
    write(cast.somchai, "ร่าง", tags=["ร่าง"], publish=False)
    assert topics_seen(cast.somchai, viewer=cast.somying) == [("aar", 2), ("ลปรร.", 1)]


def test_it_summarises_endorsements_per_topic_with_mine_marked(cast: Cast) -> None:
    endorsement_create(endorser=cast.malee, member=cast.somchai, tag="AAR")
    endorsement_create(endorser=cast.somying, member=cast.somchai, tag="AAR")
    endorsement_create(endorser=cast.somying, member=cast.somchai, tag="พัสดุ")
    summary = endorsements_of(cast.somchai, viewer=cast.malee)
    assert [(e.tag, e.endorsers, e.mine) for e in summary] == [
        ("aar", 2, True),
        ("พัสดุ", 1, False),
    ]


def test_it_matches_tags_to_the_words_of_a_thai_query(cast: Cast) -> None:
    endorsement_create(endorser=cast.malee, member=cast.somying, tag="เบาหวาน")
    ranked = experts_for("การดูแลผู้ป่วยเบาหวาน", viewer=cast.prasert, source=fixed_source({}))
    assert handles(ranked, cast) == ["somying"]


def test_the_index_source_falls_back_to_partial_matches_only_when_full_ones_are_too_few(
    cast: Cast,
    index,  # type: ignore[no-untyped-def]
) -> None:
    write(cast.somying, "เยี่ยมบ้านผู้ป่วย", "เยี่ยมบ้านผู้ป่วยติดเตียงทุกสัปดาห์")
    write(cast.somchai, "แผนงานปีหน้า", "แผนงานของคณะ")
    index()
    # Nobody wrote all of "เยี่ยมบ้าน" and "แผนงาน": partial matches count, at half.
    both = experts_for("เยี่ยมบ้าน แผนงาน", viewer=cast.malee, source=index_hits)
    assert sorted(handles(both, cast)) == ["somchai", "somying"]
    # Enough full matches: a post that only says "แผนงาน" is no evidence of "เยี่ยมบ้าน".
    for i in range(10):
        write(cast.somying, f"เยี่ยมบ้าน แผนงาน {i}", "เยี่ยมบ้าน แผนงาน")
    index()
    found = experts_for("เยี่ยมบ้าน แผนงาน", viewer=cast.malee, source=index_hits)
    assert handles(found, cast) == ["somying"]


def test_the_index_source_counts_full_matches_beyond_the_ranked_ones_at_a_floor(
    cast: Cast,
    index,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from chumchon.experts import queries, relevance

    write(cast.somchai, "ทันตสุขภาพ", "ทันตสุขภาพ ทันตสุขภาพ")  # the one best document
    for i in range(6):
        write(cast.somying, f"บันทึกที่ {i}", "วันนี้สอนเด็กเรื่องทันตสุขภาพในโรงเรียน " * 3)
    index()
    monkeypatch.setattr(queries, "EVIDENCE_DEPTH", 2)  # the ranking keeps two documents

    def somying() -> object:
        people = experts_for("ทันตสุขภาพ", viewer=cast.malee, source=index_hits)
        return next(p for p in people if p.person_id == cast.somying.pk)

    with_tail = somying()
    monkeypatch.setattr(relevance, "TAIL", 0)
    without = somying()
    assert with_tail.counts[Kind.POST] == 6  # all her posts count
    assert without.counts[Kind.POST] < 6
    assert with_tail.score > without.score
