from __future__ import annotations

from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from chumchon.core.fuzzing import form_settings, form_text
from chumchon.core.testing import Cast
from chumchon.follows.models import Message


@form_settings
@given(subject=form_text, body=form_text, to=st.sampled_from(["somchai", "malee", "nobody"]))
def test_it_never_fails_and_sends_only_valid_messages(
    cast: Cast, subject: str, body: str, to: str
) -> None:
    client = Client()
    client.force_login(cast.malee)
    with transaction.atomic():
        response = client.post(f"/contact/@{to}", {"subject": subject, "body": body})
        written = Message.objects.count()
        transaction.set_rollback(True)
    assert response.status_code in (200, 302, 404)
    assert written == (1 if response.status_code == 302 else 0)
    if to == "nobody":
        assert response.status_code == 404
