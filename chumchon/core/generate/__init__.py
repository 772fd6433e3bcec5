"""Synthetic data at scale: members, blogs, tagged Thai posts of about 2 KB, comments and,
when asked, communities of practice.

Used by `chumchon generate` and by the benchmarks in bench/. Rows go in with bulk inserts
in batches (no per-row services, no side effects); run `chumchon reindex` afterwards, or
let the command do it. The text comes from a vocabulary and sentence templates written
for this purpose (`text.py`): topics of Thai public-sector and health KM, so search, the
expert locator and community health have something realistic to chew on.

Other apps add their own rows by appending a function to `EXTENSIONS`; each gets the
`Generated` summary and the random generator.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from chumchon.core.generate.communities import make_communities
from chumchon.core.generate.people import make_members, make_units
from chumchon.core.generate.posts import Generated, Shape, _reserve_numbers, make_posts
from chumchon.core.generate.text import BODY_BYTES, TOPICS, Writer

__all__ = [
    "BODY_BYTES", "EXTENSIONS", "TOPICS", "Generated", "Shape", "Writer", "_reserve_numbers",
    "generate", "make_communities", "make_members", "make_posts", "make_units",
]  # fmt: skip

# Other apps append functions here: fn(summary, rng, communities=C) adds their own rows.
EXTENSIONS: list[Callable[..., None]] = []


def generate(
    *,
    posts: int,
    members: int,
    communities: int = 0,
    seed: int = 1,
    comments_per_post: float = 1.0,
    progress: Callable[[int], None] | None = None,
    shape: Shape | None = None,
) -> Generated:
    shape = shape or Shape()
    rng = random.Random(seed)
    unit_ids = make_units(rng)
    member_ids = make_members(max(1, members), rng, unit_ids, seed)
    summary = make_posts(
        posts, rng, member_ids, comments_per_post=comments_per_post, progress=progress,
        shape=shape,
    )  # fmt: skip
    summary.members, summary.units = member_ids, unit_ids
    make_communities(summary, rng, communities=communities, since=shape.start)
    for extend in EXTENSIONS:
        extend(summary, rng, communities=communities)
    return summary
