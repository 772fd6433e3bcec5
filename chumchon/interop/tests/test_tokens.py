from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from chumchon.core.testing import Cast
from chumchon.interop.models import AccessToken, token_digest
from chumchon.interop.services import token_create, token_revoke


def test_it_stores_only_a_digest_of_the_token(cast: Cast) -> None:
    token, raw = token_create(member=cast.somchai, name="สคริปต์", scope="read")
    stored = AccessToken.objects.get(pk=token.pk)
    assert raw.startswith("chc_") and len(raw) > 40
    assert raw not in (stored.digest, stored.hint) and stored.digest == token_digest(raw)


def test_it_lets_only_the_owner_revoke(cast: Cast) -> None:
    token, _raw = token_create(member=cast.somchai, name="x", scope="read")
    with pytest.raises(PermissionDenied):
        token_revoke(token=token, member=cast.somying)
    assert token_revoke(token=token, member=cast.somchai).revoked_at is not None


def test_it_shows_a_new_token_once_on_the_settings_page(client: Client, cast: Cast) -> None:
    client.force_login(cast.somchai)
    response = client.post("/settings/tokens", {"name": "ส่งบันทึก", "scope": "read-write"})
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    again = client.get("/settings/tokens").content.decode()
    assert raw not in again and "ส่งบันทึก" in again


def test_it_keeps_the_form_when_the_name_is_missing(client: Client, cast: Cast) -> None:
    client.force_login(cast.somchai)
    response = client.post("/settings/tokens", {"name": "", "scope": "read"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not AccessToken.objects.exists()


def test_it_revokes_from_the_page_but_not_someone_elses(client: Client, cast: Cast) -> None:
    mine, _raw = token_create(member=cast.somchai, name="mine", scope="read")
    theirs, _raw = token_create(member=cast.somying, name="theirs", scope="read")
    client.force_login(cast.somchai)
    assert client.post(f"/settings/tokens/{theirs.pk}/revoke").status_code == 404
    client.post(f"/settings/tokens/{mine.pk}/revoke")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None and theirs.revoked_at is None


def test_it_asks_guests_to_sign_in(client: Client, cast: Cast) -> None:
    assert client.get("/settings/tokens").status_code == 302
