"""What the community views share: fetching through permissions, forms, pagination."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from chumchon.communities.models import Community, Membership, Role, membership_for
from chumchon.core.forms import add_service_errors


def community_visible(request: HttpRequest, slug: str) -> Community:
    """The community, or 404 for anyone who may not know it exists."""
    return get_object_or_404(
        Community.objects.visible_to(request.user).select_related("home_unit"), slug=slug
    )


def community_readable(request: HttpRequest, slug: str) -> Community:
    """The community's content: 404 if secret to the user, 403 if closed to them."""
    community = community_visible(request, slug)
    if not Community.objects.readable_by(request.user).filter(pk=community.pk).exists():
        raise PermissionDenied(_("Only members of this community can read its content."))
    return community


def community_managed(request: HttpRequest, slug: str) -> Community:
    """A community the user facilitates (staff too): 403 for its other viewers."""
    community = community_visible(request, slug)
    if not can_manage(community, request.user):
        raise PermissionDenied(_("Only the community's facilitators can do this."))
    return community


def can_manage(community: Community, user: Any) -> bool:
    if getattr(user, "is_staff", False):
        return True
    membership = membership_for(community, user)
    return membership is not None and membership.is_facilitator


def active_membership(community: Community, user: Any) -> Membership | None:
    membership = membership_for(community, user)
    return membership if membership is not None and membership.is_active else None


def is_organiser(membership: Membership | None, user: Any) -> bool:
    if getattr(user, "is_staff", False):
        return True
    return membership is not None and membership.role in (Role.FACILITATOR, Role.NOTE_TAKER)


def submit(form: forms.Form, call: Callable[[], Any]) -> Any | None:
    """Run a service with a valid form's data; its ValidationError goes onto the form."""
    if not form.is_valid():
        return None
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
