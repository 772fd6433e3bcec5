from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from chumchon.accounts.models import Member, OrgUnit


class MemberCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = Member
        fields = ("handle", "display_name", "email")
        field_classes: dict = {}


class MemberChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = Member
        field_classes: dict = {}


@admin.register(Member)
class MemberAdmin(UserAdmin):
    add_form = MemberCreationForm
    form = MemberChangeForm
    ordering = ["handle"]
    list_display = ["handle", "display_name", "email", "unit", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active", "calendar"]
    search_fields = ["handle", "display_name", "email"]
    autocomplete_fields = ["unit", "tags"]
    fieldsets = [
        (None, {"fields": ["handle", "password"]}),
        (_("Profile"), {"fields": ["display_name", "email", "bio", "avatar", "unit", "tags"]}),
        (_("Preferences"), {"fields": ["calendar", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "handle",
                    "display_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "organisation"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "short_name", "slug"]
    readonly_fields = ["organisation"]
