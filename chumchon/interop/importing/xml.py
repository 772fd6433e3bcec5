"""Streaming XML with defusedxml: a DOCTYPE, entities or external references are refused.

Exports never need a DOCTYPE, so any file that has one is refused at its first bytes:
billion-laughs and external-entity files fail in milliseconds, before anything grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, in the user's language."""


def local_name(tag: str) -> tuple[str, str]:
    """Split "{namespace}name" into (namespace, name)."""
    if tag.startswith("{"):
        namespace, _sep, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def stream(source: IO[bytes]) -> Iterator[tuple[str, Element]]:
    """(event, element) pairs for "start" and "end"; the caller clears what it has read."""
    try:
        yield from iterparse(source, events=("start", "end"), forbid_dtd=True)
    except DTDForbidden as exc:
        raise ImportRefused(
            _("The file declares a DOCTYPE, which an export never needs: refused for safety.")
        ) from exc
    except EntitiesForbidden as exc:
        raise ImportRefused(
            _("The file declares XML entities, which an export never needs: refused for safety.")
        ) from exc
    except ExternalReferenceForbidden as exc:
        raise ImportRefused(
            _("The file refers to outside resources, which an export never needs: refused.")
        ) from exc
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise ImportRefused(
            _("The file is not well-formed XML (line %(line)s).") % {"line": line}
        ) from exc


def text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""
