"""Knowledge assets: the tail of a community; proposing, editing, publishing, harvesting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chumchon.blogs.models import Post
from chumchon.comments.models import Comment
from chumchon.communities import services
from chumchon.communities.forms import AssetForm, HarvestForm
from chumchon.communities.models import KnowledgeAsset, Session
from chumchon.communities.views._helpers import (
    active_membership,
    can_manage,
    community_readable,
    submit,
)
from chumchon.core.pagination import paginate
from chumchon.core.tags import tags_text


def _asset(request: HttpRequest, slug: str, pk: int) -> KnowledgeAsset:
    return get_object_or_404(
        KnowledgeAsset.objects.visible_to(request.user).select_related("community", "proposed_by"),
        community__slug=slug, pk=pk,
    )  # fmt: skip


def asset_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_readable(request, slug)
    assets = KnowledgeAsset.objects.visible_to(request.user).filter(community=community)
    context = {
        "community": community,
        "page": paginate(request, assets.for_list()),
        "is_member": active_membership(community, request.user) is not None,
    }
    return render(request, "communities/asset_list.html", context)


def asset_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    asset = _asset(request, slug, pk)
    sources = asset.sources.values_list("post_id", "comment_id", "session_id")
    context = {
        "community": asset.community,
        "asset": asset,
        # Provenance shows only what this viewer may read.
        "posts": Post.objects.visible_to(request.user).filter(pk__in=[s[0] for s in sources]),
        "comments": Comment.objects.visible_to(request.user)
        .filter(pk__in=[s[1] for s in sources])
        .select_related("post", "author"),
        "sessions": Session.objects.visible_to(request.user).filter(pk__in=[s[2] for s in sources]),
        "revisions": asset.revisions.select_related("edited_by"),
        "can_manage": can_manage(asset.community, request.user),
    }
    return render(request, "communities/asset_detail.html", context)


@login_required
def asset_create(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_readable(request, slug)
    if active_membership(community, request.user) is None and not request.user.is_staff:
        raise PermissionDenied(_("Members propose knowledge assets."))
    form = AssetForm(request.POST or None)
    if request.method == "POST":
        asset = submit(
            form,
            lambda: services.asset_propose(
                community=community, author=request.user, **form.cleaned_data
            ),
        )
        if asset is not None:
            return redirect(asset)
    return render(request, "communities/asset_form.html", {"form": form, "community": community})


@login_required
def asset_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    asset = _asset(request, slug, pk)
    initial = {
        "title": asset.title, "summary": asset.summary, "steps": asset.steps,
        "tags": tags_text(asset.tags.all()),
    }  # fmt: skip
    form = AssetForm(request.POST or None, initial=initial)
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.asset_update(asset=asset, editor=request.user, **form.cleaned_data),
        )
        if done is not None:
            return redirect(asset)
    elif not (can_manage(asset.community, request.user) or asset.proposed_by_id == request.user.pk):
        raise PermissionDenied(_("Only facilitators can edit a published asset."))
    context = {"form": form, "community": asset.community, "asset": asset}
    return render(request, "communities/asset_form.html", context)


@require_POST
@login_required
def asset_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    asset = _asset(request, slug, pk)
    if request.POST.get("action") == "remove":
        services.asset_remove(asset=asset, member=request.user)
        messages.info(request, _("The asset was removed."))
        return redirect("communities:asset-list", slug)
    services.asset_publish(asset=asset, member=request.user)
    messages.success(request, _("The asset is published."))
    return redirect(asset)


@login_required
def asset_harvest(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Start an asset from a post and the comments under it."""
    community = community_readable(request, slug)
    if active_membership(community, request.user) is None and not request.user.is_staff:
        raise PermissionDenied(_("Members harvest knowledge assets."))
    post = get_object_or_404(Post.objects.visible_to(request.user).published(), number=number)
    comments = Comment.objects.visible_to(request.user).filter(post=post).for_list()
    initial = {"title": post.display_title, "summary": post.body[:600], "comments": comments}
    form = HarvestForm(request.POST or None, initial=initial, comments=comments)
    if request.method == "POST":
        asset = submit(
            form,
            lambda: services.asset_harvest(
                community=community, member=request.user, post=post, **form.cleaned_data
            ),
        )
        if asset is not None:
            return redirect(asset)
    context = {"form": form, "community": community, "post": post}
    return render(request, "communities/asset_harvest.html", context)
