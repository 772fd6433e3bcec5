"""Joining, leaving, inviting, roles, handing over; following; blogs and shared posts."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog, Post
from chumchon.communities import services
from chumchon.communities.forms import HandleForm, RoleForm, ShareForm
from chumchon.communities.models import Community, Membership
from chumchon.communities.views._helpers import (
    can_manage,
    community_readable,
    community_visible,
    submit,
)
from chumchon.core.pagination import paginate


def _done(
    request: HttpRequest,
    back_to: Community,
    service: Callable[..., object],
    success: str,
    /,
    **kwargs: object,
) -> HttpResponse:
    """Run a one-click service with kwargs; come back with its message (or its refusal)."""
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(back_to)


def community_members(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_readable(request, slug)
    memberships = Membership.objects.filter(community=community).for_list()
    context = {
        "community": community,
        "page": paginate(request, memberships.active()),
        "can_manage": can_manage(community, request.user),
        "requests": memberships.requested() if can_manage(community, request.user) else [],
        "invite_form": HandleForm(),
        "role_form": RoleForm(),
    }
    return render(request, "communities/community_members.html", context)


@require_POST
@login_required
def community_join(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_visible(request, slug)
    membership = services.membership_join(community=community, member=request.user)
    if membership.is_active:
        messages.success(request, _("Welcome to the community."))
    else:
        messages.info(request, _("Your request was sent to the facilitators."))
    return redirect(community)


@require_POST
@login_required
def community_leave(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_visible(request, slug)
    return _done(
        request, community, services.membership_leave, _("You have left the community."),
        community=community, member=request.user,
    )  # fmt: skip


@require_POST
@login_required
def community_invite(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_readable(request, slug)
    form = HandleForm(request.POST)
    member = Member.objects.active().filter(handle=request.POST.get("handle", "").strip()).first()
    if not form.is_valid() or member is None:
        messages.error(request, _("There is no member with that handle."))
        return redirect("communities:members", community.slug)
    role = form.cleaned_data["role"] or "member"
    return _done(
        request, community, services.membership_invite,
        _("Invitation sent to %(name)s.") % {"name": member},
        community=community, inviter=request.user, member=member, role=role,
    )  # fmt: skip


@require_POST
@login_required
def membership_decide(request: HttpRequest, slug: str, handle: str) -> HttpResponse:
    community = community_visible(request, slug)
    membership = get_object_or_404(
        Membership.objects.requested(), community=community, member__handle=handle
    )
    approve = request.POST.get("action") == "approve"
    service = services.membership_approve if approve else services.membership_decline
    return _done(
        request, community, service, _("Approved.") if approve else _("Declined."),
        membership=membership, approver=request.user,
    )  # fmt: skip


@require_POST
@login_required
def membership_role(request: HttpRequest, slug: str, handle: str) -> HttpResponse:
    community = community_visible(request, slug)
    membership = get_object_or_404(
        Membership.objects.active(), community=community, member__handle=handle
    )
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else "member"
    return _done(
        request, community, services.membership_set_role, _("Role changed."),
        membership=membership, granter=request.user, role=role,
    )  # fmt: skip


@require_POST
@login_required
def community_hand_over(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_visible(request, slug)
    receiver = get_object_or_404(Member.objects.active(), handle=request.POST.get("handle", ""))
    return _done(
        request, community, services.community_hand_over, _("The community was handed over."),
        community=community, giver=request.user, receiver=receiver,
    )  # fmt: skip


@require_POST
@login_required
def community_follow(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_visible(request, slug)
    if request.POST.get("action") == "unfollow":
        services.community_unfollow(community=community, member=request.user)
        messages.info(request, _("You no longer follow this community."))
    else:
        services.community_follow(community=community, member=request.user)
        messages.success(request, _("Its new posts will appear in your feed."))
    return redirect(community)


@require_POST
@login_required
def community_blog(request: HttpRequest, slug: str) -> HttpResponse:
    """Join one of my blogs to the community, or take it out again."""
    community = community_visible(request, slug)
    blog = get_object_or_404(
        Blog.objects.visible_to(request.user), pk=request.POST.get("blog") or 0
    )
    if request.POST.get("action") == "leave":
        service, success = services.blog_membership_delete, _("The blog left the community.")
    else:
        service = services.blog_membership_create
        success = _("New posts of %(blog)s will appear here.") % {"blog": blog}
    return _done(
        request, community, service, success, blog=blog, community=community, member=request.user
    )


@login_required
def community_share(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_readable(request, slug)
    form = ShareForm(request.POST or None, initial={"number": request.GET.get("post")})
    if request.method == "POST" and form.is_valid():
        post = (
            Post.objects.visible_to(request.user).filter(number=form.cleaned_data["number"]).first()
        )
        if post is None:
            form.add_error("number", _("There is no post with that number you can read."))
        elif submit(
            form,
            lambda: services.community_post_share(
                community=community,
                post=post,
                member=request.user,
                members_only=form.cleaned_data["members_only"],
            ),  # fmt: skip
        ):
            messages.success(request, _("The post is now in the community."))
            return redirect(community)
    return render(
        request, "communities/community_share.html", {"community": community, "form": form}
    )
