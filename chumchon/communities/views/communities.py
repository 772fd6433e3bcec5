"""Community lists, starting and editing a community, and its page (head, body, tail)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from chumchon.blogs.models import Blog, Post
from chumchon.communities import services
from chumchon.communities.forms import CommunityFilterForm, CommunityForm
from chumchon.communities.models import (
    BlogMembership,
    Community,
    CommunityQuerySet,
    KnowledgeAsset,
    Membership,
    Session,
    in_communities,
    membership_for,
)
from chumchon.communities.views._helpers import (
    can_manage,
    community_managed,
    community_visible,
    submit,
)
from chumchon.core.pagination import paginate
from chumchon.core.tags import tags_text


def filter_communities(
    communities: CommunityQuerySet, form: CommunityFilterForm
) -> CommunityQuerySet:
    """Narrow a community QuerySet by the list filters: reach, organisation, tag, activity."""
    if not form.is_valid():
        return communities
    data = form.cleaned_data
    if data["reach"]:
        communities = communities.with_reach(data["reach"])
    if data["org"]:
        communities = communities.in_organisation(data["org"])
    if data["tag"]:
        communities = communities.tagged(data["tag"].strip())
    if data["active"]:
        since = timezone.now() - dt.timedelta(days=int(data["active"]))
        communities = communities.active_since(since)
    return communities


def community_list(request: HttpRequest) -> HttpResponse:
    form = CommunityFilterForm(request.GET or None)
    communities = filter_communities(Community.objects.visible_to(request.user), form)
    page = paginate(request, communities.for_list())
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "communities/community_list.html", context)


@login_required
def community_create(request: HttpRequest) -> HttpResponse:
    form = CommunityForm(
        request.POST or None, initial={"visibility": "public", "join_policy": "open"}
    )
    if request.method == "POST":
        community = submit(
            form, lambda: services.community_create(creator=request.user, **form.cleaned_data)
        )
        if community is not None:
            return redirect(community)
    return render(request, "communities/community_form.html", {"form": form})


@login_required
def community_edit(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_managed(request, slug)
    initial = {
        "name": community.name, "purpose": community.purpose, "goals": community.goals,
        "tags": tags_text(community.tags.all()), "home_unit": community.home_unit,
        "reach": community.reach, "visibility": community.visibility,
        "join_policy": community.join_policy,
    }  # fmt: skip
    form = CommunityForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.community_update(
                community=community, editor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            return redirect(community)
    return render(
        request, "communities/community_form.html", {"form": form, "community": community}
    )


def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_visible(request, slug)
    readable = Community.objects.readable_by(request.user).filter(pk=community.pk).exists()
    context = {
        "community": community,
        "membership": membership_for(community, request.user),
        "can_read": readable,
        "can_manage": can_manage(community, request.user),
        "facilitators": Membership.objects.facilitators().filter(community=community).for_list(),
        "member_count": Membership.objects.active().filter(community=community).count(),
        "follows": community.followers.filter(follower_id=request.user.pk).exists(),
    }
    if readable:
        context.update(_community_body(request, community))
        membership = context["membership"]
        context["can_harvest"] = membership is not None and membership.is_active
    return render(request, "communities/community_detail.html", context)


def _community_body(request: HttpRequest, community: Community) -> dict[str, object]:
    """The body (feed, discussions, sessions) and tail (assets) for readers of the content."""
    posts = Post.objects.visible_to(request.user).published().filter(in_communities([community.pk]))
    user_blogs = Blog.objects.none()
    if request.user.is_authenticated:
        joined = BlogMembership.objects.filter(community=community).values("blog")
        user_blogs = Blog.objects.owned_by(request.user).exclude(pk__in=joined)
    return {
        "page": paginate(request, posts.for_list().latest()),
        "discussions": posts.by_kind(Post.Kind.QUESTION).order_by("-last_commented_at")[:5],
        "sessions": Session.objects.filter(community=community).upcoming().for_list()[:3],
        "assets": KnowledgeAsset.objects.visible_to(request.user)
        .filter(community=community)
        .published()[:6],
        "blogs_joined": Blog.objects.filter(community_links__community=community).select_related(
            "owner"
        ),
        "my_blogs": user_blogs,
    }
