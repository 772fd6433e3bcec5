"""Every route × role × state answers as its entry in `<app>/tests/routes.py` says.

See chumchon/core/tests/matrix.py for how to add an entry.
"""

from __future__ import annotations

import copy
import time

from django.db import transaction
from django.test import Client

from chumchon.core.testing import Cast
from chumchon.core.tests.matrix import (
    ROLES,
    World,
    all_routes,
    entry_for,
    prepare_world,
    resolver_keys,
)


def test_it_has_an_entry_for_every_route_in_the_resolver() -> None:
    routes = all_routes()
    missing = [key for key in resolver_keys() if entry_for(key, routes) is None]
    assert missing == [], (
        "These routes have no entry in any <app>/tests/routes.py "
        f"(see docs/architecture.md, 'The permission matrix'): {missing}"
    )


def test_it_has_no_entry_that_names_no_route() -> None:
    keys = resolver_keys()
    stale = [r.pattern for r in all_routes() if not any(r.matches(k) for k in keys)]
    assert stale == []


def test_it_answers_every_cell_as_declared(cast: Cast) -> None:
    world = prepare_world(World(cast=cast))
    clients = {role: Client(raise_request_exception=False) for role in ROLES}
    for role, client in clients.items():
        if world.user(role) is not None:
            client.force_login(world.user(role))
    routes = all_routes()
    unexpected: list[str] = []
    cells = 0
    timings: dict[str, float] = {}
    for key in resolver_keys():
        entry = entry_for(key, routes)
        assert entry is not None
        for state, codes in entry.expect.items():
            for role, expected in zip(ROLES, codes, strict=True):
                cells += 1
                began = time.perf_counter()
                got, url = _request(clients[role], entry, world, state, key)
                timings[key] = timings.get(key, 0.0) + time.perf_counter() - began
                if got != expected:
                    unexpected.append(
                        f"{key} [{state}] {role}: {entry.method} {url} → {got}, expected {expected}"
                    )
    slowest = sorted(timings.items(), key=lambda kv: -kv[1])[:5]
    print("slowest:", [(k, round(v, 2)) for k, v in slowest])
    print(f"permission matrix: {cells} cells over {len(resolver_keys())} routes")
    assert unexpected == [], "\n".join(unexpected)


def _request(client: Client, entry, world: World, state: str, key: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """One cell, inside a savepoint that is rolled back so cells cannot affect each other."""
    cookies = copy.deepcopy(client.cookies)  # a logout or language switch must not stick
    with transaction.atomic():
        url = entry.url(world, state, key)
        data = entry.data(world, state) if entry.data else {}
        response = client.post(url, data) if entry.method == "POST" else client.get(url, data)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code, url
