"""Request helpers shared by views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

if TYPE_CHECKING:
    from chumchon.accounts.models import Member


class AuthenticatedRequest(HttpRequest):
    """The request a @login_required view receives: its user is a Member."""

    user: Member


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def safe_next(request: HttpRequest, default: str) -> str:
    """The ?next= or posted next address if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if ok else default
