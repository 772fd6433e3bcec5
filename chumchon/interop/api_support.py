"""What every router of the JSON API shares: token auth, pagination and JSON errors.

Read endpoints use `read_auth` (a token of any scope, the browser session, or nobody);
write endpoints use `write_auth` (a read-write token). Either way `request.auth` is the
member (or AnonymousUser), which is what every QuerySet's `visible_to` is given.
"""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PaginationBase
from ninja.security import HttpBearer

from chumchon.accounts.models import Member
from chumchon.core.pagination import capped_count
from chumchon.interop.models import AccessToken
from chumchon.interop.services import token_touch

MAX_PAGE = 10_000
# Largest id or number the API accepts in a path: bigger ones are simply "not found".
MAX_ID = 2**53


class ErrorOut(Schema):
    message: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
ERRORS_404: dict[int, type[Schema]] = {**ERRORS, 404: ErrorOut}


def _bearer_token(request: HttpRequest) -> str | None:
    value = request.headers.get("Authorization", "")
    scheme, _sep, token = value.partition(" ")
    if not value:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError(message=_("Use “Authorization: Bearer <token>”."))
    return token.strip()


def _token_member(raw: str) -> tuple[Member, AccessToken]:
    token = AccessToken.objects.active().matching(raw).select_related("member").first()
    if token is None:
        raise AuthenticationError(message=_("This token is unknown or has been revoked."))
    token_touch(token=token)
    return token.member, token


class ReadAuth(HttpBearer):
    """A token of either scope, else the signed-in browser session, else an anonymous reader."""

    def __call__(self, request: HttpRequest) -> Any:
        raw = _bearer_token(request)
        if raw is None:
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else AnonymousUser()
        member, _token = _token_member(raw)
        request.user = member  # so code that reads request.user honours tokens too
        return member

    def authenticate(self, request: HttpRequest, token: str) -> Any:  # pragma: no cover
        return None  # __call__ does the work; HttpBearer requires the method


class WriteAuth(HttpBearer):
    """Only a read-write token may write."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        member, access = _token_member(token.strip())
        if not access.can_write:
            raise HttpError(403, _("This token may only read: create a read-write token."))
        request.user = member
        return member


read_auth = ReadAuth()
write_auth = WriteAuth()


def reader(request: HttpRequest) -> Member | AnonymousUser:
    return request.auth  # type: ignore[attr-defined,no-any-return]


# ---- pagination ---------------------------------------------------------------------


class PagePagination(PaginationBase):
    """?page=N over a fixed page size; the answer says how many items and pages there are."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)

    class Output(Schema):
        items: list[Any]
        count: int
        count_is_lower_bound: bool  # more than `count` items: lists count up to 10,000
        page: int
        pages: int

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        size = settings.CHUMCHON_PAGE_SIZE
        count, capped = capped_count(queryset)
        offset = (pagination.page - 1) * size
        return {
            "items": list(queryset[offset : offset + size]),
            "count": count,
            "count_is_lower_bound": capped,
            "page": pagination.page,
            "pages": max(1, math.ceil(count / size)),
        }


# ---- errors as JSON with a message ---------------------------------------------------------

ERROR_DESCRIPTIONS = {
    "400": "Refused: the message says why.",
    "401": "No token, or a token that is unknown or revoked.",
    "403": "Not allowed, e.g. a read-only token trying to write.",
    "404": "Not found, or not visible to the caller.",
    "422": "Malformed request: errors says which field.",
}


def _document_errors(api: NinjaAPI) -> None:
    """The handlers below serve every operation, so every operation documents them."""
    build = api.get_openapi_schema

    def get_openapi_schema(**kwargs: Any) -> Any:
        schema = build(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault(
            "ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for code, description in ERROR_DESCRIPTIONS.items():
                    responses.setdefault(code, {"description": description, "content": body})
        return schema

    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]


def _messages(exc: DjangoValidationError) -> tuple[str, dict[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        first = next(iter(errors.values()), [""])
        return " ".join(first), errors
    return " ".join(str(m) for m in exc.messages), {}


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error of every router answers {"message", "errors"}, and the schema says so."""
    _document_errors(api)

    def respond(
        request: HttpRequest, status: int, message: str, errors: Any = None
    ) -> HttpResponse:
        return api.create_response(
            request, {"message": message, "errors": errors or {}}, status=status
        )

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        message, errors = _messages(exc)
        return respond(request, 400, message, errors)

    @api.exception_handler(NinjaValidationError)
    def malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            loc = list(error.get("loc", ()))
            if loc[:1] == ["body"]:
                loc = loc[2:]  # drop "body" and the name of the view's parameter
            elif loc[:1] in (["query"], ["path"], ["header"]):
                loc = loc[1:]
            where = ".".join(str(p) for p in loc)
            errors.setdefault(where or "request", []).append(str(error.get("msg", "")))
        return respond(request, 422, _("Some of what was sent is not valid."), errors)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, str(exc) or _("You may not do this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, _("Not found, or not visible to you."))

    @api.exception_handler(OverflowError)
    def overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        return respond(request, 400, _("A number in the request is too large."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = exc.message
        if isinstance(exc, AuthenticationError) and message == "Unauthorized":
            message = _("Send a personal access token: “Authorization: Bearer <token>”.")
        return respond(request, exc.status_code, message)


# ---- shapes of what a client may send -----------------------------------------------------

HANDLE_PATTERN = r"^[a-z0-9](?:[a-z0-9_.-]{0,28}[a-z0-9])?$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,60}$"
# No control characters: PostgreSQL refuses NUL, and nobody means to send the others.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
TAG_PATTERN = r"^[^\x00-\x1f/\\?#<>\"'`,]{1,64}$"
