"""The demo never loads into a database that already holds someone's data.

Apart from test_demo.py, whose tests share one loaded demo for the whole module.
"""

from __future__ import annotations

from chumchon.accounts.models import Member, OrgUnit
from chumchon.blogs.models import Post
from chumchon.core.demo.load import demo_load
from chumchon.core.testing import Cast


def test_it_leaves_a_database_with_other_data_alone(cast: Cast) -> None:
    before = (Member.objects.count(), OrgUnit.objects.count(), Post.objects.count())
    result = demo_load(progress=False)
    assert result.refused and result.loaded == []
    assert (Member.objects.count(), OrgUnit.objects.count(), Post.objects.count()) == before
