from __future__ import annotations

from django.test import Client
from django.urls import reverse

from chumchon.comments.services import comment_create
from chumchon.communities.models import Community, KnowledgeAsset, Membership
from chumchon.communities.services import (
    asset_propose,
    blog_membership_create,
    community_post_share,
    membership_invite,
)
from chumchon.communities.tests.conftest import Cop, start
from chumchon.core.testing import Cast, make_post


def test_it_starts_a_community_from_the_form_without_approval(cast: Cast, client: Client) -> None:
    client.force_login(cast.somying)
    response = client.post(
        reverse("communities:create"),
        {
            "name": "ชุมชนพยาบาลห้องฉุกเฉิน", "slug": "er-nurses", "purpose": "ลดเวลารอคอย",
            "tags": "ฉุกเฉิน, พยาบาล", "reach": "unit", "visibility": "public",
            "join_policy": "open",
        },
    )  # fmt: skip
    assert response.status_code == 302
    community = Community.objects.get(slug="er-nurses")
    assert Membership.objects.get(community=community).role == "facilitator"
    assert sorted(t.name for t in community.tags.all()) == ["ฉุกเฉิน", "พยาบาล"]


def test_it_keeps_the_form_as_typed_when_input_is_bad(cast: Cast, client: Client) -> None:
    start(cast, "taken")
    client.force_login(cast.somying)
    data = {"name": "ชุมชนใหม่", "slug": "taken", "purpose": "ก" * 4001, "reach": "unit",
            "visibility": "public", "join_policy": "open"}  # fmt: skip
    response = client.post(reverse("communities:create"), data)
    assert response.status_code == 200
    assert "ชุมชนใหม่" in response.content.decode()
    assert not Community.objects.filter(name="ชุมชนใหม่").exists()
    data["purpose"] = "สั้นพอ"
    response = client.post(reverse("communities:create"), data)
    assert response.status_code == 200 and "slug" in response.context["form"].errors


def test_it_lays_the_page_out_head_body_tail(cop: Cop, cast: Cast, client: Client) -> None:
    blog_membership_create(blog=cast.somchai_blog, community=cop.public, member=cast.somchai)
    make_post(cast.somchai_blog, title="บันทึกในฟีดชุมชน")
    asset_propose(
        community=cop.public, author=cast.malee, title="ขุมความรู้แรก", summary="ก", publish=True
    )
    html = client.get(cop.public.get_absolute_url()).content.decode()
    head, body, tail = html.index('id="head"'), html.index('id="body"'), html.index('id="tail"')
    assert head < body < tail
    assert html.index("บันทึกในฟีดชุมชน") > body and html.index("ขุมความรู้แรก") > tail
    assert "มาลี ศรีสุข" in html[head:body]  # facilitators are shown, not one owner


def test_it_shows_outsiders_only_the_head_of_a_closed_community(
    cop: Cop, cast: Cast, client: Client
) -> None:
    post = make_post(cast.somchai_blog, title="บันทึกเฉพาะสมาชิก")
    community_post_share(community=cop.closed, post=post, member=cast.somchai)
    html = client.get(cop.closed.get_absolute_url()).content.decode()
    assert cop.closed.purpose in html and post.title not in html
    assert client.get(cop.secret.get_absolute_url()).status_code == 404
    client.force_login(cast.somchai)
    assert post.title in client.get(cop.closed.get_absolute_url()).content.decode()


def test_it_filters_the_list_by_reach_organisation_tag_and_activity(
    cop: Cop, cast: Cast, client: Client
) -> None:
    start(cast, "dm-care", reach="region", tags=["เบาหวาน"], home_unit=cast.medicine)
    url = reverse("communities:list")
    names = lambda r: [c.slug for c in r.context["page"]]  # noqa: E731
    assert names(client.get(url, {"reach": "region"})) == ["dm-care"]
    assert names(client.get(url, {"org": "uni"})) == ["dm-care"]
    assert names(client.get(url, {"tag": "เบาหวาน"})) == ["dm-care"]
    assert "epi-secret" not in names(client.get(url))
    assert len(names(client.get(url, {"active": "30"}))) == 3


def test_it_lists_communities_with_a_bounded_number_of_queries(
    cast: Cast, client: Client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for n in range(25):
        start(cast, f"cop-{n}", tags=["ลปรร.", f"แท็ก{n}"], home_unit=cast.nursing)
    client.force_login(cast.somying)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("communities:list"))
    assert len(response.context["page"]) == 20 and response.context["page"].has_next()


def test_it_shows_a_community_page_with_a_bounded_number_of_queries(
    cop: Cop, cast: Cast, client: Client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    blog_membership_create(blog=cast.somchai_blog, community=cop.public, member=cast.somchai)
    for n in range(25):
        make_post(cast.somchai_blog, title=f"บันทึกที่ {n}", tags=["ลปรร."])
    client.force_login(cast.somchai)
    with django_assert_max_num_queries(18):
        response = client.get(cop.public.get_absolute_url())
    assert len(response.context["page"]) == 20


def test_it_approves_a_request_from_the_members_page(cop: Cop, cast: Cast, client: Client) -> None:
    client.force_login(cast.prasert)
    client.post(reverse("communities:join", args=[cop.closed.slug]))
    client.force_login(cast.malee)
    page = client.get(reverse("communities:members", args=[cop.closed.slug])).content.decode()
    assert "ประเสริฐ อ่านมาก" in page
    client.post(
        reverse("communities:decide", args=[cop.closed.slug, "prasert"]), {"action": "approve"}
    )
    assert Membership.objects.get(community=cop.closed, member=cast.prasert).is_active


def test_it_harvests_from_a_thread_and_links_back(cop: Cop, cast: Cast, client: Client) -> None:
    post = make_post(cast.somchai_blog, title="ทำ AAR ให้ได้ผล")
    comment = comment_create(post=post, author=cast.malee, body="เริ่มจากสามคำถาม")
    client.force_login(cast.malee)
    url = reverse("communities:harvest", args=[cop.public.slug, post.number])
    form = client.get(url).content.decode()
    assert "เริ่มจากสามคำถาม" in form
    response = client.post(
        url, {"title": "AAR สามคำถาม", "summary": "สรุป", "comments": [comment.pk], "publish": "on"}
    )
    asset = KnowledgeAsset.objects.get(title="AAR สามคำถาม")
    assert response.url == asset.get_absolute_url()
    html = client.get(asset.get_absolute_url()).content.decode()
    assert post.get_absolute_url() in html and comment.get_absolute_url() in html


def test_it_escapes_user_content(cast: Cast, client: Client) -> None:
    community = start(
        cast, "xss", name="<script>alert(1)</script>", purpose="<img src=x onerror=alert(1)>"
    )
    html = client.get(community.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html


def test_it_lets_an_invited_person_find_and_accept_a_secret_community(
    cop: Cop, cast: Cast, client: Client
) -> None:
    client.force_login(cast.prasert)
    assert client.get(cop.secret.get_absolute_url()).status_code == 404
    membership_invite(community=cop.secret, inviter=cast.malee, member=cast.prasert)
    page = client.get(cop.secret.get_absolute_url())
    assert page.status_code == 200 and page.context["can_read"] is False
    client.post(reverse("communities:join", args=[cop.secret.slug]))
    assert Membership.objects.get(community=cop.secret, member=cast.prasert).is_active
