"""The expertise table: equal to Model 2 computed directly, and kept so by every write."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.blogs.services import post_remove, post_update
from chumchon.comments.services import comment_accept, comment_create
from chumchon.communities.models import Community
from chumchon.communities.services import (
    asset_propose,
    community_post_share,
    community_update,
    session_create,
)
from chumchon.core.testing import Cast
from chumchon.experts.expertise import direct_scores, document_scores, expertise_rebuild
from chumchon.experts.models import ExpertWeight
from chumchon.experts.queries import experts_for, experts_hydrate
from chumchon.experts.ranking import Kind
from chumchon.experts.terms import query_terms
from chumchon.experts.tests.helpers import write
from chumchon.experts.tests.test_communities import bring_in, community

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def table(query: str, viewer: object) -> dict[int, float]:
    return dict(document_scores(query_terms(query), viewer, now=NOW, limit=1000))


def direct(query: str, viewer: object) -> dict[int, float]:
    return direct_scores(query_terms(query), viewer, now=NOW)


def assert_same(query: str, *viewers: object) -> None:
    for viewer in viewers:
        found, expected = table(query, viewer), direct(query, viewer)
        assert found.keys() == expected.keys(), viewer
        for person, score in expected.items():
            assert found[person] == pytest.approx(score, rel=1e-9), (viewer, person)


@pytest.fixture
def corpus(cast: Cast) -> Community:
    """Posts, a question with an accepted answer, remarks, an old post, a members-only
    post of a closed community, a session and an asset there."""
    closed = community(cast, "epi-closed", "closed", creator=cast.malee)
    bring_in(closed, cast.malee, cast.prasert)
    write(cast.somying, "ไข้เลือดออกในเด็ก", "ไข้เลือดออก ลูกน้ำยุงลาย " * 4)
    write(cast.somying, "ลูกน้ำยุงลายในโรงเรียน", "สำรวจลูกน้ำยุงลาย")
    write(cast.somchai, "ไข้เลือดออก", "ไข้เลือดออก", written_at=dt.datetime(2012, 1, 1, tzinfo=dt.UTC))
    question = write(cast.somchai, "ไข้เลือดออกรักษาอย่างไร", "ไข้เลือดออก", kind=Post.Kind.QUESTION)
    answer = comment_create(post=question, author=cast.prasert, body="ให้สารน้ำอย่างระวัง")
    comment_accept(comment=answer, member=cast.somchai)
    comment_create(post=question, author=cast.somying, body="ไข้เลือดออก น่าสนใจ")
    inside = write(cast.malee, "ไข้เลือดออก ภายใน", "ไข้เลือดออก " * 6)
    community_post_share(community=closed, post=inside, member=cast.malee, members_only=True)
    session_create(community=closed, organiser=cast.malee, title="ทบทวนไข้เลือดออก", starts_at=NOW)
    asset_propose(
        community=closed, author=cast.malee, title="แนวทางไข้เลือดออก", summary="ไข้เลือดออก",
        posts=[inside], publish=True,
    )  # fmt: skip
    expertise_rebuild(workers=1)
    return closed


def test_it_equals_model_2_computed_directly_for_every_viewer(
    cast: Cast, corpus: Community
) -> None:
    viewers = (AnonymousUser(), cast.somchai, cast.prasert, cast.malee, cast.admin)
    assert_same("ไข้เลือดออก", *viewers)
    assert_same("ไข้เลือดออก ลูกน้ำยุงลาย", *viewers)  # two words: idf weighs them
    assert_same("ลูกน้ำยุงลาย", *viewers)


def test_it_counts_closed_evidence_only_for_who_may_read_it(cast: Cast, corpus: Community) -> None:
    assert cast.malee.pk not in table("ไข้เลือดออก", cast.somchai)
    assert cast.malee.pk not in table("ไข้เลือดออก", AnonymousUser())
    assert cast.malee.pk in table("ไข้เลือดออก", cast.prasert)
    # The outsider's scores are those of a world without the closed community.
    before = table("ไข้เลือดออก", cast.somchai)
    Post.objects.filter(community_shares__community=corpus).delete()
    corpus.sessions.all().delete()
    corpus.assets.all().delete()
    expertise_rebuild(workers=1)
    assert table("ไข้เลือดออก", cast.somchai) == pytest.approx(before)


def test_it_ranks_writer_answerer_commenter_and_asker_in_the_known_order(cast: Cast) -> None:
    write(cast.somying, "AAR หลังเวร", "AAR")
    write(cast.somying, "AAR ครั้งที่สอง", "AAR")
    question = write(cast.somchai, "ทำ AAR อย่างไรดี", "AAR", kind=Post.Kind.QUESTION)
    answer = comment_create(post=question, author=cast.prasert, body="เริ่มจากสิ่งที่คาดหวัง")
    comment_accept(comment=answer, member=cast.somchai)
    comment_create(post=question, author=cast.malee, body="AAR ของเราทบทวนทุกเวร AAR ช่วยได้มาก")
    expertise_rebuild(workers=1)
    ranked = experts_for("AAR", viewer=cast.malee)
    by_id = dict(Member.objects.values_list("pk", "handle"))
    assert [by_id[p.person_id] for p in ranked] == ["somying", "prasert", "malee", "somchai"]
    page = experts_hydrate(ranked, viewer=cast.malee, query="AAR")
    assert [e.kind for e in page[1].evidence] == [Kind.ANSWER]
    assert page[0].reason.startswith("เขียนเรื่องนี้ 2 บันทึก") or "2" in page[0].reason


def test_it_discounts_old_writing(cast: Cast) -> None:
    for i in range(2):
        write(cast.somchai, f"HA {i}", "HA", written_at=dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
    write(cast.somying, "HA ใหม่", "HA")
    expertise_rebuild(workers=1)
    by_id = dict(Member.objects.values_list("pk", "handle"))
    assert [by_id[p.person_id] for p in experts_for("HA", viewer=cast.malee)] == [
        "somying",
        "somchai",
    ]


Run = Callable[..., object]


def test_it_stays_right_through_edits_removals_answers_and_shares(
    cast: Cast, corpus: Community, django_capture_on_commit_callbacks: Run
) -> None:
    viewers = (AnonymousUser(), cast.somchai, cast.prasert, cast.admin)
    post = Post.objects.get(title="ลูกน้ำยุงลายในโรงเรียน")
    with django_capture_on_commit_callbacks(execute=True):
        post_update(
            post=post, editor=cast.somying, title="ไข้เลือดออกในโรงเรียน", body="ไข้เลือดออก",
            kind=post.kind, tags=["ไข้เลือดออก"], licence=post.licence,
        )  # fmt: skip
    assert_same("ไข้เลือดออก", *viewers)
    assert_same("ลูกน้ำยุงลาย", *viewers)
    with django_capture_on_commit_callbacks(execute=True):
        post_remove(post=Post.objects.get(title="ไข้เลือดออกรักษาอย่างไร"), member=cast.somchai)
    assert_same("ไข้เลือดออก", *viewers)
    # The answer went with its question.
    assert cast.prasert.pk not in table("ไข้เลือดออก", cast.somchai)
    with django_capture_on_commit_callbacks(execute=True):
        shared = write(cast.somying, "ไข้เลือดออก สำหรับสมาชิก", "ไข้เลือดออก")
        bring_in(corpus, cast.malee, cast.somying)
        community_post_share(community=corpus, post=shared, member=cast.somying, members_only=True)
        comment_create(post=shared, author=cast.malee, body="ไข้เลือดออก ขอบคุณ")
    assert_same("ไข้เลือดออก", *viewers, cast.somying)


def test_it_stays_right_when_a_community_opens_or_closes(
    cast: Cast, corpus: Community, django_capture_on_commit_callbacks: Run
) -> None:
    def reopen(visibility: str) -> None:
        c = Community.objects.get(pk=corpus.pk)
        with django_capture_on_commit_callbacks(execute=True):
            community_update(
                community=c, editor=cast.malee, name=c.name, purpose=c.purpose, goals=c.goals,
                tags=[], home_unit=c.home_unit, reach=c.reach, visibility=visibility,
                join_policy="open" if visibility == "public" else "invitation",
            )  # fmt: skip

    reopen("public")
    # Its session and asset are public now; the members-only post stays for members.
    assert cast.malee.pk in table("ไข้เลือดออก", cast.somchai)
    assert_same("ไข้เลือดออก", AnonymousUser(), cast.somchai, cast.prasert)
    reopen("secret")
    assert cast.malee.pk not in table("ไข้เลือดออก", cast.somchai)
    assert_same("ไข้เลือดออก", AnonymousUser(), cast.somchai, cast.prasert)


def test_it_keeps_nothing_for_a_closed_account(
    cast: Cast, corpus: Community, django_capture_on_commit_callbacks: Run
) -> None:
    from chumchon.core import effects

    Member.objects.filter(pk=cast.somying.pk).update(is_active=False)
    effects.member_changed(cast.somying.pk)
    assert not ExpertWeight.objects.filter(person_id=cast.somying.pk).exists()
    assert cast.somying.pk not in [p.person_id for p in experts_for("ไข้เลือดออก", viewer=cast.admin)]


def test_it_answers_before_the_clock_of_its_epoch_and_long_after(cast: Cast) -> None:
    write(cast.somying, "HA", "HA", written_at=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    expertise_rebuild(workers=1)
    for year in (2001, 2026, 2090):
        now = dt.datetime(year, 6, 1, tzinfo=dt.UTC)
        found = document_scores(["ha"], AnonymousUser(), now=now, limit=5)
        assert found and found[0][1] == pytest.approx(
            direct_scores(["ha"], AnonymousUser(), now=now)[cast.somying.pk]
        )


def test_a_stopped_rebuild_resumes_after_the_last_person_written(
    cast: Cast, corpus: Community
) -> None:
    from chumchon.experts.models import ExpertVolume

    full = sorted(ExpertWeight.objects.values_list("person_id", "term_id", "scope_id", "weight"))
    last = max(p for p, *_r in full)
    ExpertWeight.objects.filter(person_id=last).delete()
    ExpertVolume.objects.filter(person_id=last).delete()
    expertise_rebuild(workers=1, resume=True)
    again = sorted(ExpertWeight.objects.values_list("person_id", "term_id", "scope_id", "weight"))
    assert again == full


def test_it_queues_prolific_writers_for_the_periodic_refresh(
    cast: Cast,
    corpus: Community,
    django_capture_on_commit_callbacks: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.core.management import call_command

    from chumchon.experts import hooks
    from chumchon.experts.models import ExpertPending

    monkeypatch.setattr(hooks, "REFRESH_LIMIT", 2)  # somying has more documents than that
    before = table("ไข้เลือดออก", cast.somchai)
    with django_capture_on_commit_callbacks(execute=True):
        write(cast.somying, "ไข้เลือดออก อีกครั้ง", "ไข้เลือดออก " * 3)
    assert list(ExpertPending.objects.values_list("person_id", flat=True)) == [cast.somying.pk]
    assert table("ไข้เลือดออก", cast.somchai) == before  # not yet
    call_command("experts_rebuild", pending=True, stdout=io.StringIO())
    assert not ExpertPending.objects.exists()
    assert_same("ไข้เลือดออก", cast.somchai, cast.prasert)
