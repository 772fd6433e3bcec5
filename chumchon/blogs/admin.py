from django.contrib import admin

from chumchon.blogs.models import Blog, Post, PostRevision


@admin.register(Blog)
class BlogAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "slug", "allow_guest_comments", "created_at"]
    search_fields = ["title", "slug", "owner__handle"]
    autocomplete_fields = ["owner", "tags"]


class RevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    can_delete = False
    readonly_fields = ["title", "edited_by", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    """Staff review posts here; members write through the site, which keeps revisions."""

    list_display = ["number", "display_title", "author", "kind", "status", "published_at"]
    list_filter = ["status", "kind", "licence"]
    search_fields = ["number", "title", "author__handle"]
    readonly_fields = [
        "number", "blog", "author", "title", "body", "kind", "licence", "written_at",
        "edited_at", "published_at", "read_count", "flower_count", "comment_count",
    ]  # fmt: skip
    fields = readonly_fields[:7] + ["status", "tags"] + readonly_fields[7:]
    autocomplete_fields = ["tags"]
    inlines = [RevisionInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
