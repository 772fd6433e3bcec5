"""Parsing and attaching tags, shared by every app that tags things."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chumchon.core.models import TAG_MAX_LENGTH, Tag

MAX_TAGS = 20
_SPLIT = re.compile(r"[,\n،、]+")
_FORBIDDEN = re.compile(r"[/\\?#<>\"'`]")


def tags_parse(text: str) -> list[str]:
    """Split "a, b, c" into clean, unique tag names, keeping their order."""
    names: list[str] = []
    for raw in _SPLIT.split(text or ""):
        name = " ".join(unicodedata.normalize("NFC", raw).split()).lstrip("#")
        if not name:
            continue
        if len(name) > TAG_MAX_LENGTH:
            raise ValidationError(
                _("Tag “%(name)s…” is longer than %(max)d characters.")
                % {"name": name[:20], "max": TAG_MAX_LENGTH}
            )
        if _FORBIDDEN.search(name):
            raise ValidationError(
                _("Tag “%(name)s” has a character tags cannot use.") % {"name": name}
            )
        name = name.lower() if name.isascii() else name
        if name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise ValidationError(_("At most %(max)d tags, please.") % {"max": MAX_TAGS})
    return names


def tags_ensure(names: list[str]) -> list[Tag]:
    """Return Tag rows for the names, creating the missing ones."""
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=n) for n in names if n not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    return [existing[n] for n in names]


def tags_text(tags: object) -> str:
    """The comma-separated text a tag field shows for editing."""
    return ", ".join(t.name for t in tags)  # type: ignore[attr-defined]
