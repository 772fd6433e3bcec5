from __future__ import annotations

from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog
from chumchon.core.fuzzing import form_settings, form_text

handles = st.one_of(form_text, st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,10}", fullmatch=True))
emails = st.one_of(form_text, st.emails().map(str))


@form_settings
@given(handle=handles, name=form_text, email=emails, password=form_text)
def test_it_never_fails_and_signs_up_only_from_valid_input(
    db: None, handle: str, name: str, email: str, password: str
) -> None:
    data = {"handle": handle, "display_name": name, "email": email, "password": password}
    with transaction.atomic():
        response = Client().post("/accounts/signup", data)
        members, blogs = Member.objects.count(), Blog.objects.count()
        transaction.set_rollback(True)
    assert response.status_code in (200, 302)
    expected = 1 if response.status_code == 302 else 0
    assert (members, blogs) == (expected, expected)
