from django.contrib import admin

from chumchon.comments.models import Comment, Flag, Flower


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["pk", "post", "name", "ip", "status", "is_accepted", "created_at"]
    list_filter = ["status", "is_accepted"]
    search_fields = ["body", "guest_name", "author__handle", "ip"]
    readonly_fields = ["post", "parent", "author", "guest_name", "guest_email", "ip", "body",
                       "is_accepted", "created_at"]  # fmt: skip
    fields = readonly_fields + ["status"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Flower)
class FlowerAdmin(admin.ModelAdmin):
    list_display = ["post", "member", "created_at"]
    raw_id_fields = ["post", "member"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["pk", "post", "comment", "reporter", "reason", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["post", "comment", "reporter", "resolved_by"]
