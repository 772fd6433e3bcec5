"""Members, their profiles, and the organisation units they belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chumchon.core.models import Tag

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

HANDLE_RE = r"^[a-z0-9](?:[a-z0-9_.-]{0,28}[a-z0-9])?$"
handle_validator = RegexValidator(
    HANDLE_RE,
    _("A handle has 1–30 lower-case Latin letters, digits, '.', '_' or '-'."),
)


# ---- organisation units ---------------------------------------------------------


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def organisations(self) -> OrgUnitQuerySet:
        return self.filter(parent__isnull=True)

    def within(self, organisation: OrgUnit) -> OrgUnitQuerySet:
        return self.filter(organisation=organisation)


class OrgUnit(models.Model):
    """A node of an organisation tree: organisation → faculty/bureau/office → group/unit."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation")
        FACULTY = "faculty", _("faculty")
        BUREAU = "bureau", _("bureau")
        REGIONAL_OFFICE = "regional_office", _("regional office")
        DIVISION = "division", _("division")
        GROUP = "group", _("group")
        UNIT = "unit", _("unit")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # The root of the tree, stored so that "everything in this organisation" is one filter.
    organisation = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=False)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def root(self) -> OrgUnit:
        return self.organisation or self

    def ancestors(self) -> list[OrgUnit]:
        chain: list[OrgUnit] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


# ---- members --------------------------------------------------------------------


class MemberQuerySet(models.QuerySet["Member"]):
    def active(self) -> MemberQuerySet:
        return self.filter(is_active=True)

    def visible_to(self, user: Member | AnonymousUser) -> MemberQuerySet:
        """Profiles are public; deactivated members are seen by staff only."""
        if getattr(user, "is_staff", False):
            return self.all()
        return self.active()


class MemberManager(BaseUserManager.from_queryset(MemberQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, handle: str, email: str = "", password: str | None = None, **extra):  # type: ignore[no-untyped-def]
        member = self.model(handle=handle, email=self.normalize_email(email), **extra)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_superuser(self, handle: str, email: str = "", password: str | None = None, **extra):  # type: ignore[no-untyped-def]
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(handle, email, password, **extra)


class Member(AbstractBaseUser, PermissionsMixin):
    class Calendar(models.TextChoices):
        BUDDHIST = "be", _("Buddhist Era (พ.ศ.)")
        GREGORIAN = "ce", _("Common Era (ค.ศ.)")

    handle = models.CharField(
        _("handle"), max_length=30, unique=True, validators=[handle_validator],
        help_text=_("Your address: /@handle"),
    )  # fmt: skip
    email = models.EmailField(_("e-mail"), blank=True)
    display_name = models.CharField(_("display name"), max_length=100)
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    avatar = models.ImageField(_("picture"), upload_to="avatars/", blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="members",
    )  # fmt: skip
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="members")
    calendar = models.CharField(
        _("calendar"), max_length=2, choices=Calendar.choices, default=Calendar.BUDDHIST
    )
    language = models.CharField(_("language"), max_length=5, blank=True, default="")
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = MemberManager()

    USERNAME_FIELD = "handle"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        ordering = ["handle"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.display_name or self.handle

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", args=[self.handle])

    def get_full_name(self) -> str:
        return self.display_name or self.handle

    def get_short_name(self) -> str:
        return self.display_name or self.handle
