"""The demo organisation: loaded once through the services, rich enough for a newcomer."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db.models import F
from django.test.utils import override_settings

from chumchon.accounts.models import Member
from chumchon.accounts.services import member_create
from chumchon.blogs.models import Post, PostRevision
from chumchon.comments.models import Comment, Flag
from chumchon.communities.models import (
    AssetSource,
    Community,
    KnowledgeAsset,
    Network,
    Reach,
    Role,
    Session,
    in_communities,
)
from chumchon.core.demo.data import demo_data, parse_posts
from chumchon.core.demo.load import DEMO_PASSWORD, demo_load, demo_summary
from chumchon.core.demo.people import quick_demo_hashing
from chumchon.follows.models import Follow, Message
from chumchon.health.models import ScopeDay, Snapshot
from chumchon.search.backends import backend
from chumchon.search.searching import search

THAI = re.compile(r"[\u0E00-\u0E7F]")
CHUMCHON = Path(sys.executable).parent / "chumchon"


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, int]]:
    """The demo, loaded once for this module (it takes seconds), then flushed away."""
    with django_db_blocker.unblock():
        result = demo_load(progress=False)
        assert result.loaded == [
            "people", "posts", "conversations", "social", "communities", "life", "health",
        ]  # fmt: skip
        yield demo_summary()
        call_command("flush", interactive=False, verbosity=0)
        backend().clear(None)  # the index is no model: flush leaves it behind


@pytest.fixture
def demo(loaded: dict[str, int], db: None) -> dict[str, int]:
    return loaded


def _row_counts() -> dict[str, int]:
    models = [Member, Post, PostRevision, Comment, Flag, Follow, Message, Community, Session]
    return {m.__name__: m.objects.count() for m in models}


# ---- the load ------------------------------------------------------------------------


def test_it_leaves_every_kind_of_demo_content_findable(demo: dict[str, int]) -> None:
    anyone = AnonymousUser()
    for community in Community.objects.visible_to(anyone):
        found = search(user=anyone, q=community.name, type="communities", per_page=50)
        assert community.slug in [h.key for h in found.hits], community.name
    assets = KnowledgeAsset.objects.visible_to(anyone).published()
    assert assets.exists()
    for asset in assets:
        found = search(user=anyone, q=asset.title, type="assets", per_page=50)
        assert str(asset.pk) in [h.key for h in found.hits], asset.title
    post = Post.objects.visible_to(anyone).order_by("-published_at").first()
    assert post is not None
    assert post.number in [h.key for h in search(user=anyone, q=post.title, per_page=50).hits]
    hidden = Community.objects.exclude(pk__in=Community.objects.visible_to(anyone))
    assert hidden.exists()
    for community in hidden:
        found = search(user=anyone, q=community.name, type="communities", per_page=50)
        assert community.slug not in [h.key for h in found.hits]


def test_it_loads_once_and_a_second_run_adds_nothing(demo: dict[str, int]) -> None:
    before = _row_counts()
    again = demo_load(progress=False)
    assert again.loaded == [] and not again.refused
    assert _row_counts() == before
    assert demo_summary() == demo


def test_it_meets_the_minimum_counts_with_every_kind_of_post(demo: dict[str, int]) -> None:
    assert demo["organisations"] >= 2
    assert demo["members"] >= 36
    assert demo["posts"] >= 70
    for kind in Post.Kind:
        assert demo[f"posts:{kind.value}"] >= 5, kind
    assert demo["edited posts"] >= 5
    assert demo["revisions"] > demo["posts"]
    assert demo["follows"] >= 100 and demo["flowers"] >= 100 and demo["messages"] >= 5
    every_member_writes = Member.objects.filter(is_staff=False, posts__isnull=True)
    assert not every_member_writes.exists()


def test_it_loads_communities_of_every_reach_in_one_organisation_of_people(
    demo: dict[str, int],
) -> None:
    assert demo["communities"] >= 8 and Community.objects.count() >= 9  # one is secret
    assert set(Community.objects.values_list("reach", flat=True)) == set(Reach.values)
    network = Network.objects.select_related("hub__home_unit").get(slug="isan-health-km")
    assert network.hub.reach == Reach.HUB_NETWORK
    roots = {c.home_unit.root.slug for c in network.communities() if c.home_unit}
    assert {"phupha", "odpc6"} <= roots  # the university and the health office
    # The communities demo found the organisation's people instead of making its own.
    assert (
        not Member.objects.filter(is_staff=False, unit=None)
        .exclude(handle__in=["yupin", "bounmy"])
        .exists()
    )
    assert Member.objects.filter(memberships__community__slug="epi-dpc6").count() >= 4


def test_it_records_sessions_with_aars_and_assets_with_their_sources(demo: dict[str, int]) -> None:
    recorded = Session.objects.exclude(aar_next="").exclude(aar_expected="")
    assert recorded.exists() and recorded.first().participants.count() >= 3
    assert Session.objects.filter(starts_at__gt=recorded.first().starts_at).count() >= 3
    published = KnowledgeAsset.objects.published()
    assert published.count() >= 2
    sources = AssetSource.objects.filter(asset__in=published)
    assert sources.filter(post__isnull=False).exists()
    assert sources.filter(comment__isnull=False).exists()
    assert sources.filter(session__isnull=False).exists()


def test_it_fills_every_community_feed_with_conversations_across_units(
    demo: dict[str, int],
) -> None:
    for community in Community.objects.all():
        member = community.memberships.filter(role=Role.MEMBER).first().member
        feed = Post.objects.visible_to(member).published().filter(in_communities([community.pk]))
        assert feed.count() >= 5, community.slug
        comments = Comment.objects.visible_to(member).filter(post__in=feed)
        outsiders = comments.exclude(author__unit=F("post__author__unit")).exclude(author=None)
        assert outsiders.exists(), community.slug
        # replies both ways: an author answers a commenter who answered the author
        replies = comments.exclude(parent=None).filter(author=F("post__author"))
        assert replies.exists(), community.slug


def test_it_holds_sessions_with_full_aars_before_and_after_today(demo: dict[str, int]) -> None:
    recorded = Session.objects.exclude(notes="")
    for field in ("aar_expected", "aar_happened", "aar_why", "aar_next"):
        recorded = recorded.exclude(**{field: ""})
    assert recorded.count() >= 16
    assert not recorded.filter(participants=None).exists()
    assert recorded.filter(outsider_count__gt=0, linked_posts__isnull=False).exists()
    for community in Community.objects.all():
        assert community.sessions.count() >= 2, community.slug
    months = {(s.year, s.month) for s in recorded.values_list("starts_at", flat=True)}
    assert len(months) >= 8 and Session.objects.upcoming().count() >= 6


def test_it_publishes_assets_with_provenance_and_posts_that_reuse_them(
    demo: dict[str, int],
) -> None:
    published = KnowledgeAsset.objects.published()
    assert published.count() >= 12
    assert KnowledgeAsset.objects.filter(status=KnowledgeAsset.Status.PROPOSED).count() >= 2
    assert not published.filter(sources=None).exists()
    for community in Community.objects.all():
        assert published.filter(community=community).exists(), community.slug
    asset = published.get(title="ห้าคำถามก่อนเผยแพร่ขุมความรู้")
    assert asset.published_at < asset.community.created_at + dt.timedelta(days=500)
    assert Post.objects.filter(body__contains="/assets/").count() >= 4


def test_it_ends_with_health_dashboards_in_different_stages(demo: dict[str, int]) -> None:
    hub = Community.objects.get(slug="health-km-hub")
    snapshots = Snapshot.objects.filter(scope=hub.pk)
    assert snapshots.exists() and all(s.score > 0 for s in snapshots)
    assert Snapshot.objects.filter(scope=0, score__gt=0).exists()
    stages = set(Snapshot.objects.exclude(scope=0).values_list("stage", flat=True))
    assert len(stages) >= 4, stages
    assert ScopeDay.objects.filter(scope=hub.pk).dates("day", "month").count() >= 6


def test_it_puts_a_thai_post_first(demo: dict[str, int]) -> None:
    first = Post.objects.visible_to(AnonymousUser()).get(number=1)
    assert THAI.search(first.title) and THAI.search(first.body_html)
    written = list(Post.objects.order_by("number").values_list("written_at", flat=True))
    assert written == sorted(written)  # numbers follow the order posts were written


def test_it_holds_some_guest_comments_and_shows_others(demo: dict[str, int]) -> None:
    guests = Comment.objects.filter(author=None)
    held = guests.filter(status=Comment.Status.PENDING)
    assert held.exists() and guests.filter(status=Comment.Status.VISIBLE).exists()
    assert all(c.masked_ip.startswith("xxx.") or "::" in c.masked_ip for c in guests)
    owner = held.first().post.blog.owner
    assert held.first() in Comment.objects.visible_to(owner)
    assert held.first() not in Comment.objects.visible_to(AnonymousUser())


def test_it_has_answered_questions_replies_and_a_flag(demo: dict[str, int]) -> None:
    accepted = Comment.objects.filter(is_accepted=True).select_related("post")
    assert accepted.exists()
    assert all(c.post.kind == Post.Kind.QUESTION and c.author != c.post.author for c in accepted)
    assert demo["replies"] > 0
    assert Flag.objects.open().filter(comment__isnull=False).exists()


def test_it_writes_every_post_in_the_past_and_its_comments_after_it(demo: dict[str, int]) -> None:
    first = Post.objects.order_by("written_at").first()
    last = Post.objects.order_by("-written_at").first()
    assert (last.written_at - first.written_at).days > 600
    for comment in Comment.objects.select_related("post"):
        assert comment.post.written_at < comment.created_at
    assert not Post.objects.filter(edited_at__lt=first.written_at).exists()


def test_it_hashes_the_public_password_quickly_then_fully_on_sign_in(db: None) -> None:
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    ):  # fmt: skip
        with quick_demo_hashing():
            member = member_create(handle="demo1", display_name="ทดลอง", password=DEMO_PASSWORD)
        assert member.password.startswith("pbkdf2_sha256$1000$")
        assert member.check_password(DEMO_PASSWORD)
        member.refresh_from_db()
        rounds = PBKDF2PasswordHasher.iterations
        assert member.password.startswith(f"pbkdf2_sha256${rounds}$")


def test_it_reads_edits_and_comments_from_post_files() -> None:
    text = (
        "+++\nkey = 'k'\nby = 'a'\nblog = 'b'\nkind = 'article'\ntitle = 'ท'\ndays_ago = 3\n"
        "+++\nก่อน\n%% edit\nหลัง\n+++ comments\n[[comments]]\nby = 'c'\nhours = 1\ntext = 'ดี'\n"
    )
    (post,) = parse_posts(text)
    assert (post.body_first, post.body) == ("ก่อน", "ก่อน\nหลัง")
    assert post.comments[0].text == "ดี"
    with pytest.raises(ValueError):
        parse_posts("+++\nkey = 'k'\n")


def test_it_keeps_its_content_consistent() -> None:
    data = demo_data()
    handles = {m.handle for m in data.members}
    blogs = {(m.handle, b.slug) for m in data.members for b in m.blogs}
    assert len({p.key for p in data.posts}) == len(data.posts)
    for post in data.posts:
        assert (post.by, post.blog) in blogs, post.key
        assert all(c.by in handles | {""} for c in post.comments), post.key
        assert all(c.by or c.guest for c in post.comments), post.key


# ---- the commands, as a newcomer runs them -----------------------------------------------


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(CHUMCHON_DATA_DIR=str(data_dir), CHUMCHON_TESTING="1")
    return env


@pytest.fixture(scope="module")
def loaded_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A fresh SQLite instance made by `chumchon demo --no-serve`, and what it printed."""
    data_dir = tmp_path_factory.mktemp("demo")
    run = subprocess.run(
        [CHUMCHON, "demo", "--no-serve"], env=_env(data_dir),
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return data_dir, run.stdout


def test_it_loads_a_fresh_instance_from_the_command_line(loaded_dir: tuple[Path, str]) -> None:
    data_dir, output = loaded_dir
    assert (data_dir / "chumchon.sqlite3").exists()
    assert int(re.search(r"^\s+posts\s+(\d+)$", output, re.M)[1]) >= 70
    assert int(re.search(r"^\s+communities\s+(\d+)$", output, re.M)[1]) >= 8
    assert f"admin / {DEMO_PASSWORD}" in output
    again = subprocess.run(
        [CHUMCHON, "demo", "--no-serve"], env=_env(data_dir),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert again.returncode == 0 and "ไม่มีอะไรต้องโหลดเพิ่ม" in again.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_it_serves_post_one_over_http(loaded_dir: tuple[Path, str]) -> None:
    data_dir, _output = loaded_dir
    port = _free_port()
    server = subprocess.Popen(
        [CHUMCHON, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-access-log"],
        env=_env(data_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        html = _fetch(f"http://127.0.0.1:{port}/posts/1", time.monotonic() + 60)
        assert demo_data().posts[0].title in html
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_it_explains_that_the_worker_needs_the_database_backend(tmp_path: Path) -> None:
    run = subprocess.run(
        [CHUMCHON, "worker"], env=_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 2
    assert "CHUMCHON_TASKS_BACKEND=django_tasks_db.DatabaseBackend" in run.stderr


def test_it_drains_the_task_queue_with_the_worker(loaded_dir: tuple[Path, str]) -> None:
    env = _env(loaded_dir[0]) | {"CHUMCHON_TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    run = subprocess.run(
        [CHUMCHON, "worker", "--batch", "--no-startup-delay"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
