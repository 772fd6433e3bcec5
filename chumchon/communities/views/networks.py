"""Networks: forming one around a hub, asking to join, the hub accepting, the network page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chumchon.blogs.models import Post
from chumchon.communities import services
from chumchon.communities.forms import NetworkForm, NetworkJoinForm
from chumchon.communities.models import (
    Community,
    CommunityQuerySet,
    KnowledgeAsset,
    Network,
    NetworkLink,
    Role,
    Session,
    in_communities,
)
from chumchon.communities.views._helpers import can_manage, submit
from chumchon.core.pagination import paginate


def _facilitated(request: HttpRequest) -> CommunityQuerySet:
    if not request.user.is_authenticated:
        return Community.objects.none()
    return Community.objects.filter(
        memberships__member=request.user, memberships__status="active",
        memberships__role=Role.FACILITATOR,
    )  # fmt: skip


def network_list(request: HttpRequest) -> HttpResponse:
    networks = Network.objects.visible_to(request.user).for_list()
    return render(request, "communities/network_list.html", {"page": paginate(request, networks)})


@login_required
def network_create(request: HttpRequest) -> HttpResponse:
    form = NetworkForm(request.POST or None, hubs=_facilitated(request))
    if request.method == "POST":
        network = submit(
            form, lambda: services.network_create(creator=request.user, **form.cleaned_data)
        )
        if network is not None:
            return redirect(network)
    return render(request, "communities/network_form.html", {"form": form})


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The aggregation: only public communities' content, whoever is looking."""
    network = get_object_or_404(
        Network.objects.visible_to(request.user).select_related("hub"), slug=slug
    )
    members = network.communities()
    public = members.public()
    hub_manager = can_manage(network.hub, request.user)
    context = {
        "network": network,
        "communities": members.visible_to(request.user).for_list(),
        "page": paginate(
            request,
            Post.objects.visible_to(request.user).published()
            .filter(in_communities(public.values("pk"))).for_list().latest(),
        ),
        "sessions": Session.objects.filter(community__in=public).upcoming().for_list()[:10],
        "assets": KnowledgeAsset.objects.published().filter(community__in=public).for_list()[:10],
        "requests": network.links.filter(status="requested").select_related("community")
        if hub_manager else [],
        "join_form": NetworkJoinForm(
            communities=_facilitated(request).exclude(pk__in=network.links.values("community"))
        ),
    }  # fmt: skip
    return render(request, "communities/network_detail.html", context)


@require_POST
@login_required
def network_join(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network.objects.visible_to(request.user), slug=slug)
    form = NetworkJoinForm(request.POST, communities=_facilitated(request))
    if form.is_valid() and submit(
        form,
        lambda: services.network_link_request(
            network=network, community=form.cleaned_data["community"], member=request.user
        ),
    ):
        messages.success(request, _("Your request was sent to the hub's facilitators."))
    else:
        messages.error(request, _("Choose a community you facilitate."))
    return redirect(network)


@require_POST
@login_required
def network_link_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = get_object_or_404(Network.objects.visible_to(request.user), slug=slug)
    link = get_object_or_404(
        NetworkLink.objects.select_related("network__hub", "community"), network=network, pk=pk
    )
    if request.POST.get("action") == "remove":
        services.network_link_delete(link=link, member=request.user)
        messages.info(request, _("The community left the network."))
    else:
        services.network_link_accept(link=link, member=request.user)
        messages.success(request, _("The community joined the network."))
    return redirect(network)
