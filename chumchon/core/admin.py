from django.contrib import admin

from chumchon.core.models import Counter, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    """Counters are read-only: a number handed out must never be handed out again."""

    list_display = ["name", "value"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
