"""The permission matrix: every route × role × object state, with the response expected.

Each app declares its routes in `<app>/tests/routes.py`:

    ROUTES = [
        route("communities:detail", lambda w, s: f"/c/{w.get('community', s).slug}",
              public="200 200 200 200 200",      # anonymous outsider member facilitator staff
              closed="200 200 200 200 200",
              secret="404 404 200 200 200"),
    ]

and may define `prepare(world)` to create the objects its routes need, stored with
`world.put(kind, state, obj)`. `test_permission_matrix.py` walks every URL pattern in
the resolver and fails when one has no entry, when an entry names no pattern, or when
any cell answers differently from what its entry says.
"""

from __future__ import annotations

import fnmatch
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from chumchon.core.testing import Cast

ROLES = ("anonymous", "outsider", "member", "facilitator", "staff")
STATES = ("public", "closed", "secret", "draft", "removed")


@dataclass
class World:
    """The cast in its matrix roles, and one object per (kind, state) for routes to use."""

    cast: Cast
    objects: dict[tuple[str, str], Any] = field(default_factory=dict)

    def user(self, role: str) -> Any:
        return {
            "anonymous": None,
            "outsider": self.cast.prasert,
            "member": self.cast.somying,
            "facilitator": self.cast.malee,
            "staff": self.cast.admin,
        }[role]

    def put(self, kind: str, state: str, obj: Any) -> None:
        self.objects[(kind, state)] = obj

    def get(self, kind: str, state: str) -> Any:
        return self.objects[(kind, state)]


@dataclass
class Route:
    pattern: str  # a URL name ("communities:detail"), or a glob over names or route strings
    url: Callable[[World, str, str], str]  # (world, state, matched key) -> path to request
    expect: dict[str, tuple[int, ...]]  # state -> status per role, in ROLES order
    method: str = "GET"
    data: Callable[[World, str], dict[str, Any]] | None = None

    def matches(self, key: str) -> bool:
        return key == self.pattern or fnmatch.fnmatchcase(key, self.pattern)


def route(
    pattern: str,
    url: Callable[..., str],
    *,
    method: str = "GET",
    data: Callable[[World, str], dict[str, Any]] | None = None,
    **expect: str,
) -> Route:
    """Declare a route; `url` takes (world, state) or (world, state, key)."""
    parsed = {}
    for state, codes in expect.items():
        assert state in STATES, f"{pattern}: unknown state {state!r}"
        numbers = tuple(int(c) for c in codes.split())
        assert len(numbers) == len(ROLES), f"{pattern}/{state}: give one code per role {ROLES}"
        parsed[state] = numbers
    builder = url if url.__code__.co_argcount == 3 else (lambda w, s, _k: url(w, s))
    return Route(pattern, builder, parsed, method, data)


# ---- the registry --------------------------------------------------------------------


def registry_modules() -> Iterator[Any]:
    """Every installed chumchon app's `tests/routes.py`, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("chumchon."):
            continue
        name = f"{config.name}.tests.routes"
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


def all_routes() -> list[Route]:
    return [r for module in registry_modules() for r in getattr(module, "ROUTES", [])]


def prepare_world(world: World) -> World:
    for module in registry_modules():
        if hasattr(module, "prepare"):
            module.prepare(world)
    return world


# ---- walking the resolver -----------------------------------------------------------------


def resolver_keys() -> list[str]:
    """One key per URL pattern: its namespaced name, or its full route if it has no name."""
    keys: list[str] = []

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}:{p.namespace}".strip(":") if p.namespace else namespace
                walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                if p.name:
                    keys.append(f"{namespace}:{p.name}" if namespace else p.name)
                else:
                    keys.append(f"{namespace}/{prefix}{p.pattern}")

    walk(get_resolver().url_patterns, "", "")
    return keys


def entry_for(key: str, routes: list[Route]) -> Route | None:
    """The most specific entry: an exact name wins over a glob."""
    exact = [r for r in routes if r.pattern == key]
    if exact:
        return exact[0]
    globs = [r for r in routes if r.matches(key)]
    return max(globs, key=lambda r: len(r.pattern)) if globs else None
