from django.contrib import admin

from chumchon.follows.models import Follow, Message


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["follower", "member", "blog", "created_at"]
    raw_id_fields = ["follower", "member", "blog"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "sender", "recipient", "created_at", "read_at"]
    raw_id_fields = ["sender", "recipient"]
