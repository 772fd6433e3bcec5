from __future__ import annotations

from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from chumchon.blogs.models import Licence, Post
from chumchon.core.fuzzing import form_number, form_settings, form_text
from chumchon.core.testing import Cast

kinds = st.one_of(st.sampled_from([k for k, _ in Post.Kind.choices]), form_text)
licences = st.one_of(st.sampled_from([k for k, _ in Licence.choices]), form_text)


@form_settings
@given(
    title=form_text, body=form_text, kind=kinds, tags=form_text, licence=licences,
    blog=st.one_of(st.just("own"), form_number), action=st.sampled_from(["publish", "draft", "preview"]),
)  # fmt: skip
def test_it_never_fails_and_writes_a_post_only_from_valid_input(
    cast: Cast, title: str, body: str, kind: str, tags: str, licence: str, blog: str, action: str
) -> None:
    client = Client()
    client.force_login(cast.somchai)
    data = {
        "blog": cast.somchai_blog.pk if blog == "own" else blog, "title": title, "body": body,
        "kind": kind, "tags": tags, "licence": licence, action: "1",
    }  # fmt: skip
    with transaction.atomic():
        response = client.post("/write", data)
        written = Post.objects.count()
        transaction.set_rollback(True)
    assert response.status_code in (200, 302)
    assert written == (1 if response.status_code == 302 else 0)
    if response.status_code == 302:
        assert action != "preview"
