from __future__ import annotations

from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from chumchon.comments.models import Comment
from chumchon.core.fuzzing import form_number, form_settings, form_text
from chumchon.core.testing import Cast, make_post

addresses = st.one_of(st.ip_addresses().map(str), st.sampled_from(["", "unknown", "::1"]))


@form_settings
@given(
    name=form_text, email=form_text, body=form_text, parent=form_number, ip=addresses,
    as_member=st.booleans(),
)  # fmt: skip
def test_it_never_fails_and_writes_a_comment_only_from_valid_input(
    cast: Cast, name: str, email: str, body: str, parent: str, ip: str, as_member: bool
) -> None:
    client = Client(REMOTE_ADDR=ip)
    if as_member:
        client.force_login(cast.somying)
    with transaction.atomic():
        post = make_post(cast.somchai_blog)
        data = {"guest_name": name, "guest_email": email, "body": body, "parent": parent}
        response = client.post(f"/posts/{post.number}/comments", data)
        written = Comment.objects.count()
        transaction.set_rollback(True)
    assert response.status_code in (200, 302)
    assert written == (1 if response.status_code == 302 else 0)
