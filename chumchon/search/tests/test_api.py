from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from chumchon.blogs.services import post_create
from chumchon.core.testing import Cast
from chumchon.search.indexing import reindex


def test_it_returns_posts_with_number_title_url_score_snippet_and_total(
    client, write, cast: Cast
) -> None:
    post = write(
        post_create, blog=cast.somchai_blog, author=cast.somchai, title="ลปรร. เรื่อง AAR",
        body="เราทำ AAR หลังเวที ลปรร. ทุกครั้ง",
    )  # fmt: skip
    data = client.get("/api/v1/search", {"q": "ลปรร"}).json()
    assert data["total"] == 1 and data["total_is_lower_bound"] is False
    (hit,) = data["results"]
    assert hit["number"] == post.number and hit["title"] == "ลปรร. เรื่อง AAR"
    assert hit["url"] == f"/posts/{post.number}" and hit["score"] > 0
    assert "<mark>ลปรร.</mark>" in hit["snippet"]


def test_it_returns_people_by_slug(client, cast: Cast) -> None:
    reindex(["people"], workers=1)
    data = client.get("/api/v1/search", {"q": "มาลี", "type": "people"}).json()
    assert data["results"][0]["slug"] == "malee"
    assert data["results"][0]["title"] == "มาลี ศรีสุข"


def test_it_answers_nothing_when_no_community_or_asset_exists(client, db) -> None:
    for kind in ("communities", "assets"):
        data = client.get("/api/v1/search", {"q": "ชุมชน", "type": kind}).json()
        assert data["total"] == 0 and data["results"] == []


def test_it_refuses_bad_input_with_a_message(client, db) -> None:
    too_long = client.get("/api/v1/search", {"q": "ก" * 300})
    assert too_long.status_code == 400 and "200" in too_long.json()["message"]
    assert client.get("/api/v1/search", {"q": "x", "type": "blogs"}).status_code == 422
    assert client.get("/api/v1/search", {"q": "x", "page": 0}).status_code == 400


def test_it_loads_a_page_of_posts_in_one_query_untitled_ones_included(
    client, write, cast: Cast
) -> None:
    """The API's page loads only what its results show (`DocumentType.page_fields`): an
    untitled journal entry's title comes from its body without a query per result."""

    def queries(q: str) -> tuple[int, list[dict]]:
        # Searched once before: the word bitmaps a search after a write reads again
        # (bits.Cache) may take PostgreSQL one more statement, which is not the page's.
        client.get("/api/v1/search", {"q": q})
        with CaptureQueriesContext(connection) as captured:
            data = client.get("/api/v1/search", {"q": q}).json()
        return len(captured), data["results"]

    write(post_create, blog=cast.somchai_blog, author=cast.somchai, title="ปลาทูนึ่ง",
          body="ปลาทู ทอด")  # fmt: skip
    one, _results = queries("ปลาทู")
    for body in ("ปลาทูแม่กลอง หน้างอ คอหัก", "ปลาทูต้มเค็ม", "น้ำพริกปลาทู"):
        write(post_create, blog=cast.somchai_blog, author=cast.somchai, title="", body=body,
              kind="journal")  # fmt: skip
    four, results = queries("ปลาทู")
    assert four == one and len(results) == 4
    titles = {r["title"] for r in results}
    assert titles == {"ปลาทูนึ่ง", "ปลาทูแม่กลอง หน้างอ คอหัก", "ปลาทูต้มเค็ม", "น้ำพริกปลาทู"}
