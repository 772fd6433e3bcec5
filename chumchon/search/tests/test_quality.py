from __future__ import annotations

import random

from django.contrib.auth.models import AnonymousUser

from chumchon.core.generate import make_members, make_posts, make_units
from chumchon.core.testing import Cast
from chumchon.search.evaluation import evaluate, like_baseline, ours, plant
from chumchon.search.indexing import reindex


def test_it_ranks_the_judged_answers_first(cast: Cast) -> None:
    rng = random.Random(7)
    members = make_members(30, rng, make_units(rng), seed=7)
    make_posts(400, rng, members, comments_per_post=0.5)
    keys = plant(cast.somying_blog)
    reindex(workers=1)

    scores = evaluate(ours(AnonymousUser()), keys)
    baseline = evaluate(like_baseline(AnonymousUser()), keys)
    print(scores.line("chumchon"), baseline.line("LIKE"), sep="\n")

    assert scores.queries >= 100
    assert scores.mrr >= 0.8
    assert scores.mrr > baseline.mrr
