"""Pages of the expert finder: the list, endorsing, and the member's finder setting."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chumchon.accounts.models import Member
from chumchon.experts.forms import EndorseForm, ExpertSearchForm, FinderPreferenceForm
from chumchon.experts.models import FinderPreference
from chumchon.experts.queries import expertise_of, experts_for, experts_hydrate
from chumchon.experts.services import (
    endorsement_create,
    endorsement_withdraw,
    finder_preference_set,
)


def expert_list(request: HttpRequest) -> HttpResponse:
    form = ExpertSearchForm(request.GET, viewer=request.user)
    query = form.query()
    page = Paginator(
        experts_for(query, viewer=request.user, filters=form.filters()) if query else [],
        settings.CHUMCHON_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    experts = experts_hydrate(page.object_list, viewer=request.user, query=query)
    context = {"form": form, "query": query, "page": page, "experts": experts}
    return render(request, "experts/expert_list.html", context)


TAG_EXPERTS_SHOWN = 5


def tag_experts(request: HttpRequest, name: str) -> HttpResponse:
    """The people who know a tag best: the fragment the tag page loads."""
    ranked = experts_for(name, viewer=request.user)[:TAG_EXPERTS_SHOWN]
    experts = experts_hydrate(ranked, viewer=request.user, query=name)
    context = {"tag_name": name, "experts": experts}
    return render(request, "experts/_tag_experts_list.html", context)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def member_expertise(request: HttpRequest, handle: str) -> HttpResponse:
    """A member's expertise: the fragment the profile loads, or a page of its own."""
    member = get_object_or_404(
        Member.objects.visible_to(request.user).prefetch_related("tags"), handle=handle
    )
    expertise = expertise_of(member, viewer=request.user)
    fragment = _is_htmx(request)
    template = "_profile_expertise.html" if fragment else "member_expertise.html"
    context = {"x": expertise, "member": member, "fragment": fragment}
    return render(request, f"experts/{template}", context)


def _endorsement_change(request: HttpRequest, handle: str, *, withdraw: bool) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(request.user), handle=handle)
    form = EndorseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["tag"])
        change = endorsement_withdraw if withdraw else endorsement_create
        change(endorser=request.user, member=member, tag=form.cleaned_data["tag"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = _("You withdrew your endorsement.") if withdraw else _("You endorsed %(name)s.")
        messages.success(request, done % {"name": member} if not withdraw else done)
    if _is_htmx(request):
        return member_expertise(request, handle)
    return redirect(member)


@login_required
@require_POST
def endorse(request: HttpRequest, handle: str) -> HttpResponse:
    return _endorsement_change(request, handle, withdraw=False)


@login_required
@require_POST
def withdraw(request: HttpRequest, handle: str) -> HttpResponse:
    return _endorsement_change(request, handle, withdraw=True)


@login_required
def finder_settings(request: HttpRequest) -> HttpResponse:
    preference = FinderPreference.objects.filter(member=request.user).first()
    form = FinderPreferenceForm(
        request.POST or None, initial={"hidden": bool(preference and preference.hidden)}
    )
    if request.method == "POST" and form.is_valid():
        finder_preference_set(member=request.user, hidden=form.cleaned_data["hidden"])
        messages.success(request, _("Your expert finder setting is saved."))
        return redirect("experts:settings")
    return render(request, "experts/finderpreference_form.html", {"form": form})
