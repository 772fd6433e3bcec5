"""Staff views of communities; writes by staff still go through the services where it matters."""

from django.contrib import admin
from django.db import models

from chumchon.communities.models import (
    Community,
    KnowledgeAsset,
    Membership,
    Network,
    NetworkLink,
    Session,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["member", "invited_by"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "reach", "visibility", "join_policy", "last_activity_at"]
    list_filter = ["reach", "visibility", "join_policy"]
    search_fields = ["name", "slug", "purpose"]
    inlines = [MembershipInline]
    raw_id_fields = ["created_by"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "starts_at"]
    search_fields = ["title"]
    raw_id_fields = ["community", "participants", "linked_posts", "created_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(KnowledgeAsset)
class KnowledgeAssetAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "status", "updated_at"]
    list_filter = ["status"]
    raw_id_fields = ["community", "proposed_by", "published_by"]


class NetworkLinkInline(admin.TabularInline):
    model = NetworkLink
    extra = 0
    raw_id_fields = ["community", "requested_by", "accepted_by"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "hub"]
    inlines = [NetworkLinkInline]
    raw_id_fields = ["hub"]
