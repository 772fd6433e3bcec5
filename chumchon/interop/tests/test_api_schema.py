"""schemathesis against the live OpenAPI schema, in-process through WSGI.

Every operation is called with generated input, with and without a read-write token:
no answer may be a server error, and every answer must be one the schema documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chumchon.comments.services import comment_create
from chumchon.core.testing import Cast, make_post
from chumchon.interop.services import token_create
from chumchon.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def same_connection() -> Iterator[None]:
    """Calls through WSGI would close the test's database connection after each request,
    as a server should; Django's own test client switches that off the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def write_token(cast: Cast, same_connection: None) -> str:
    """A few posts and comments to find, and a token that may write."""
    post = make_post(cast.somchai_blog, tags=["ลปรร."])
    make_post(cast.somchai_blog, title="ร่าง", publish=False)
    comment_create(post=post, author=cast.somying, body="ขอบคุณครับ")
    comment_create(post=post, body="รอตรวจ", guest_name="แขก", ip="203.0.113.7")
    return token_create(member=cast.somchai, name="schemathesis", scope="read-write")[1]


# The schema document itself needs no database, so it is loaded once, at collection.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def test_it_serves_an_openapi_document(client) -> None:  # type: ignore[no-untyped-def]
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/posts/{number}" in document["paths"]
    assert "post" in document["paths"]["/api/v1/posts"]


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_it_keeps_every_answer_within_the_schema(case: Any, write_token: str) -> None:
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {write_token}"})


def test_it_documents_the_shared_errors_on_every_operation(client) -> None:  # type: ignore[no-untyped-def]
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            missing = {"400", "401", "403", "404", "422"} - set(operation["responses"])
            assert not missing, f"{method} {path} does not document {missing}"


def test_it_gives_every_schema_its_own_name() -> None:
    """Two schemas of one name share one OpenAPI component, and one of them then lies."""
    from ninja import Schema

    import chumchon.api  # noqa: F401  (loads every router)

    def subclasses(cls: type) -> list[type]:
        return [s for c in cls.__subclasses__() for s in [c, *subclasses(c)]]

    names = [c.__name__ for c in subclasses(Schema) if c.__module__.startswith("chumchon.")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
