"""Sharing sessions: lists, scheduling, recording notes and AAR, calendars and .ics feeds."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.communities import services
from chumchon.communities.calendar import calendar_token, member_from_token, sessions_ics
from chumchon.communities.forms import SessionForm, SessionRecordForm
from chumchon.communities.models import Session, membership_for
from chumchon.communities.views._helpers import (
    community_readable,
    community_visible,
    is_organiser,
    submit,
)
from chumchon.core.pagination import paginate


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def session_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_readable(request, slug)
    sessions = Session.objects.filter(community=community).for_list()
    context = {
        "community": community,
        "upcoming": sessions.upcoming()[:20],
        "page": paginate(request, sessions.past()),
        "can_organise": is_organiser(membership_for(community, request.user), request.user),
    }
    return render(request, "communities/session_list.html", context)


def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = get_object_or_404(
        Session.objects.visible_to(request.user).select_related("community"),
        community__slug=slug, pk=pk,
    )  # fmt: skip
    context = {
        "community": session.community,
        "session": session,
        "participants": session.participants.order_by("display_name"),
        "posts": Post.objects.visible_to(request.user).filter(sessions=session).for_list(),
        "can_organise": is_organiser(membership_for(session.community, request.user), request.user),
    }
    return render(request, "communities/session_detail.html", context)


@login_required
def session_create(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_visible(request, slug)
    if not is_organiser(membership_for(community, request.user), request.user):
        raise PermissionDenied(_("Facilitators and note-takers schedule sessions."))
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        session = submit(
            form,
            lambda: services.session_create(
                community=community, organiser=request.user, **form.cleaned_data
            ),
        )
        if session is not None:
            return redirect(session)
    return render(request, "communities/session_form.html", {"form": form, "community": community})


@login_required
def session_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = get_object_or_404(
        Session.objects.visible_to(request.user).select_related("community"),
        community__slug=slug, pk=pk,
    )  # fmt: skip
    if not is_organiser(membership_for(session.community, request.user), request.user):
        raise PermissionDenied(_("Facilitators and note-takers record sessions."))
    members = Member.objects.filter(
        memberships__community=session.community, memberships__status="active"
    )
    initial = {
        "notes": session.notes, "outsider_count": session.outsider_count,
        "aar_expected": session.aar_expected, "aar_happened": session.aar_happened,
        "aar_why": session.aar_why, "aar_next": session.aar_next,
        "participants": list(session.participants.all()),
        "linked_posts": ", ".join(map(str, session.linked_posts.values_list("number", flat=True))),
    }  # fmt: skip
    form = SessionRecordForm(request.POST or None, initial=initial, members=members)
    if request.method == "POST":
        done = submit(form, lambda: _record(request, session, form.cleaned_data))
        if done is not None:
            return redirect(session)
    return render(
        request, "communities/session_record.html",
        {"form": form, "session": session, "community": session.community},
    )  # fmt: skip


def _record(request: HttpRequest, session: Session, data: dict) -> Session:
    numbers = data.pop("linked_posts")
    posts = list(Post.objects.filter(number__in=numbers))
    if len(posts) != len(set(numbers)):
        raise ValidationError({"linked_posts": _("A post number does not exist.")})
    return services.session_record(session=session, editor=request.user, linked_posts=posts, **data)


def session_ics(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_readable(request, slug)
    sessions = Session.objects.filter(community=community).select_related("community")
    return _ics(sessions_ics(sessions.upcoming(), name=community.name), f"{community.slug}.ics")


@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    sessions = Session.objects.visible_to(request.user).for_member(request.user)
    context = {
        "upcoming": sessions.upcoming().for_list()[:50],
        "ics_url": request.build_absolute_uri(
            reverse("communities:my-sessions-ics", args=[calendar_token(request.user)])
        ),
    }
    return render(request, "communities/session_mine.html", context)


def my_sessions_ics(request: HttpRequest, token: str) -> HttpResponse:
    member = member_from_token(token)
    if member is None:
        raise Http404
    sessions = Session.objects.visible_to(member).for_member(member).select_related("community")
    return _ics(sessions_ics(sessions.upcoming(), name=str(member)), "sessions.ics")
