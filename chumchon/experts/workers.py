"""Entry points of the processes that help `expertise_rebuild`.

Kept free of model imports: a spawned process imports this module before Django is set up.
"""

from __future__ import annotations

from typing import Any


def start(tags: list[str]) -> None:
    import django

    django.setup()
    from chumchon.core import thai

    thai.add_words(tags, reload=True)


def chunk_sums(person_ids: list[int]) -> Any:
    from django.db import connections

    from chumchon.experts.expertise import sums_for

    try:
        return sums_for(person_ids)
    finally:
        connections.close_all()
