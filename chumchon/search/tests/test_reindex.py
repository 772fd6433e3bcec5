from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from chumchon.core.testing import Cast, make_post
from chumchon.search.searching import search


def test_it_rebuilds_the_index_with_a_progress_bar(cast: Cast, capsys) -> None:
    make_post(cast.somchai_blog, title="บันทึกก่อนสร้างดัชนี", body="เรื่องขุมความรู้")
    assert search(user=AnonymousUser(), q="ขุมความรู้").total == 0  # written without effects
    out = io.StringIO()
    call_command("reindex", "--workers", "1", stdout=out)
    assert "Indexed 1 posts, 5 people" in out.getvalue()
    assert "reindex: 100%" in capsys.readouterr().err  # the progress bar
    assert search(user=AnonymousUser(), q="ขุมความรู้").total == 1


def test_it_rebuilds_with_worker_processes(cast: Cast) -> None:
    make_post(cast.somchai_blog, title="ทดลองหลายโปรเซส", body="แก่นความรู้ของชุมชน")
    call_command("reindex", "--type", "posts", "--workers", "2", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    assert search(user=AnonymousUser(), q="แก่นความรู้").total == 1


def test_it_names_the_types_it_knows(db) -> None:
    with pytest.raises(CommandError, match="posts"):
        call_command("reindex", "--type", "blogs")
