"""The notifications page, digest settings, and one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from chumchon.notifications.digests import member_from_token
from chumchon.notifications.forms import DigestPreferenceForm
from chumchon.notifications.models import DigestPreference, Notification
from chumchon.notifications.services import (
    digest_preference_of,
    digest_preference_set,
    notifications_mark_read,
)


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.for_member(request.user).for_list()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    unread = Notification.objects.for_member(request.user).unread().count()
    return render(request, "notifications/notification_list.html", {"page": page, "unread": unread})


@login_required
def notification_badge(request: HttpRequest) -> HttpResponse:
    """The unread count for the header, fetched by htmx so pages pay no query for it."""
    unread = Notification.objects.for_member(request.user).unread().count()
    return render(request, "notifications/_badge.html", {"unread": unread})


@login_required
@require_POST
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(member=request.user)  # type: ignore[arg-type]
    return redirect("notifications:list")


@login_required
def digest_settings(request: HttpRequest) -> HttpResponse:
    form = DigestPreferenceForm(request.POST or None, instance=digest_preference_of(request.user))  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        digest_preference_set(member=request.user, frequency=form.cleaned_data["frequency"])  # type: ignore[arg-type]
        messages.success(request, _("Saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/digest_settings.html", {"form": form})


@csrf_exempt  # mail programs POST here without a session (RFC 8058 one-click)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    member = member_from_token(token)
    if member is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST" and request.POST.get("resubscribe"):
        digest_preference_set(member=member, frequency=DigestPreference.Frequency.WEEKLY)
        return render(request, "notifications/unsubscribe.html", {"resubscribed": True})
    digest_preference_set(member=member, frequency=DigestPreference.Frequency.OFF)
    return render(request, "notifications/unsubscribe.html", {"token": token})
