from __future__ import annotations

from django.test import Client

from chumchon.accounts.models import Member
from chumchon.core.testing import Cast
from chumchon.interop.services import token_create


def test_it_shows_public_profiles_and_hides_deactivated_members(client: Client, cast: Cast) -> None:
    Member.objects.filter(pk=cast.prasert.pk).update(is_active=False)
    handles = [m["handle"] for m in client.get("/api/v1/members").json()["items"]]
    assert "somchai" in handles and "prasert" not in handles
    assert client.get("/api/v1/members/prasert").status_code == 404
    somchai = client.get("/api/v1/members/somchai").json()
    assert somchai["display_name"] == "สมชาย ใจดี"
    assert somchai["tags"] == ["การจัดการความรู้"]
    assert "email" not in somchai


def test_it_says_who_the_token_belongs_to(client: Client, cast: Cast) -> None:
    assert client.get("/api/v1/me").status_code == 401
    _token, raw = token_create(member=cast.malee, name="me", scope="read")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["handle"] == "malee"


def test_it_refuses_a_malformed_authorization_header(client: Client, cast: Cast) -> None:
    response = client.get("/api/v1/members", HTTP_AUTHORIZATION="Token abc")
    assert response.status_code == 401
    assert "Bearer" in response.json()["message"]
