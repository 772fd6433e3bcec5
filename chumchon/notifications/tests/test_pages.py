from __future__ import annotations

from django.test import Client

from chumchon.blogs.services import post_remove
from chumchon.core.testing import Cast, make_post
from chumchon.notifications.models import Notification
from chumchon.notifications.services import notification_create


def notify(cast: Cast, post, n: int = 1) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        notification_create(
            recipient=cast.somchai, kind=Notification.Kind.FLOWER, url=post.get_absolute_url(),
            key=f"flower:{post.pk}:{i}", actor=cast.somying, post=post,
        )  # fmt: skip


def test_it_lists_notifications_with_the_unread_count(
    client: Client, cast: Cast, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    post = make_post(cast.somchai_blog, title="เรื่องดอกไม้")
    notify(cast, post, 3)
    client.force_login(cast.somchai)
    with django_assert_max_num_queries(8):
        response = client.get("/notifications")
    assert response.content.decode().count("เรื่องดอกไม้") == 3
    assert response.context["unread"] == 3
    client.post("/notifications/read")
    assert not Notification.objects.unread().exists()


def test_it_hides_notifications_about_posts_taken_down(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    notify(cast, post)
    post_remove(post=post, member=cast.admin)
    assert not Notification.objects.for_member(cast.somchai).exists()


def test_it_shows_an_empty_state(client: Client, cast: Cast) -> None:
    client.force_login(cast.prasert)
    response = client.get("/notifications")
    assert response.status_code == 200 and response.context["page"].paginator.count == 0


def test_it_saves_the_digest_frequency(client: Client, cast: Cast) -> None:
    client.force_login(cast.somchai)
    client.post("/settings/notifications", {"frequency": "daily"})
    assert cast.somchai.digest_preference.frequency == "daily"
    bad = client.post("/settings/notifications", {"frequency": "hourly"})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_it_serves_the_unread_badge_for_the_header(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog)
    client.force_login(cast.somchai)
    assert client.get("/notifications/badge").content.decode().strip() == ""
    notify(cast, post, 2)
    badge = client.get("/notifications/badge").content.decode()
    assert 'class="badge"' in badge and ">2<" in badge
