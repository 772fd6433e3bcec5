from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.comments.services import comment_create
from chumchon.communities.models import Community
from chumchon.communities.services import (
    blog_membership_create,
    community_follow,
    community_post_share,
    membership_join,
)
from chumchon.communities.tests.conftest import Cop
from chumchon.core.testing import Cast, make_post
from chumchon.follows.queries import following_feed


def test_it_brings_new_posts_of_a_joined_blog_but_not_older_ones(cop: Cop, cast: Cast) -> None:
    older = make_post(cast.somchai_blog, title="ก่อนเข้าชุมชน")
    blog_membership_create(blog=cast.somchai_blog, community=cop.public, member=cast.somchai)
    newer = make_post(cast.somchai_blog, title="หลังเข้าชุมชน")
    assert list(cop.public.posts()) == [newer]
    assert older not in cop.public.posts()


def test_it_shows_a_post_once_however_it_arrived(cop: Cop, cast: Cast) -> None:
    blog_membership_create(blog=cast.somchai_blog, community=cop.public, member=cast.somchai)
    post = make_post(cast.somchai_blog)
    community_post_share(community=cop.public, post=post, member=cast.somchai)
    assert cop.public.posts().count() == 1
    with pytest.raises(ValidationError):
        community_post_share(community=cop.public, post=post, member=cast.malee)


def test_it_lets_only_the_owner_join_a_blog_and_only_as_a_member(cop: Cop, cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        blog_membership_create(blog=cast.somying_blog, community=cop.public, member=cast.somchai)
    with pytest.raises(PermissionDenied):
        blog_membership_create(blog=cast.somying_blog, community=cop.closed, member=cast.somying)


def test_it_keeps_a_members_only_post_inside_its_community_everywhere(cop: Cop, cast: Cast) -> None:
    post = make_post(cast.somchai_blog, title="เรื่องภายในทีมสอบสวนโรค")
    community_post_share(community=cop.closed, post=post, member=cast.somchai, members_only=True)
    comment_create(post=post, author=cast.malee, body="ขอบคุณที่เล่าค่ะ")

    def sees(user) -> bool:  # type: ignore[no-untyped-def]
        return Post.objects.visible_to(user).filter(pk=post.pk).exists()

    assert not sees(AnonymousUser())
    assert not sees(cast.prasert)
    assert sees(cast.malee) and sees(cast.somchai) and sees(cast.admin)
    assert not Comment.objects.visible_to(cast.prasert).filter(post=post).exists()
    membership_join(community=cop.closed, member=cast.prasert)  # only a request so far
    assert not sees(cast.prasert)


def test_it_refuses_members_only_in_a_public_community_or_by_others(cop: Cop, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    with pytest.raises(ValidationError):
        community_post_share(
            community=cop.public, post=post, member=cast.somchai, members_only=True
        )
    with pytest.raises(PermissionDenied):
        community_post_share(community=cop.closed, post=post, member=cast.malee, members_only=True)


def test_it_puts_a_followed_community_in_the_follower_feed(cop: Cop, cast: Cast) -> None:
    blog_membership_create(blog=cast.somchai_blog, community=cop.public, member=cast.somchai)
    community_follow(community=cop.public, member=cast.prasert)
    post = make_post(cast.somchai_blog, title="บันทึกในชุมชนที่ติดตาม")
    assert list(following_feed(cast.prasert)) == [post]


def test_it_keeps_a_closed_community_out_of_an_outsider_feed(cop: Cop, cast: Cast) -> None:
    blog_membership_create(blog=cast.somchai_blog, community=cop.closed, member=cast.somchai)
    community_follow(community=cop.closed, member=cast.prasert)
    post = make_post(cast.somchai_blog, title="สาธารณะแต่อยู่ในชุมชนปิด")
    assert post not in following_feed(cast.prasert)
    community_follow(community=cop.closed, member=cast.malee)
    assert post in following_feed(cast.malee)


def test_it_marks_a_community_active_when_a_post_arrives(
    cop: Cop, cast: Cast, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    blog_membership_create(blog=cast.somchai_blog, community=cop.public, member=cast.somchai)
    before = Community.objects.get(pk=cop.public.pk).last_activity_at
    with django_capture_on_commit_callbacks(execute=True):
        make_post(cast.somchai_blog)
    assert Community.objects.get(pk=cop.public.pk).last_activity_at > before
