"""GET /api/v1/search?q=&type=posts|people|communities|assets"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from pydantic import BaseModel

from chumchon.search.searching import search

router = Router(tags=["search"])


# Plain pydantic models, not ninja's Schema: a Schema reads every object it validates
# through a `DjangoGetter` (for model instances), about 0.5 ms a page of 20 hits; these
# are dicts, which pydantic validates on its own at a small part of that.
class SearchHitOut(BaseModel):
    number: int | None = None  # posts
    slug: str | None = None  # people (handle), communities, assets
    title: str  # the title of a post, the name of a person or community
    url: str
    score: float
    snippet: str  # HTML: the text escaped, matched words in <mark>


class SearchOut(BaseModel):
    q: str
    type: str
    total: int
    total_is_lower_bound: bool
    page: int
    results: list[SearchHitOut]


@router.get("/search", response=SearchOut, summary="Search posts, people or communities")
def search_api(
    request: HttpRequest,
    q: str = "",
    type: Literal["posts", "people", "communities", "assets"] = "posts",
    page: int = 1,
) -> dict[str, object]:
    if page < 1 or page > 10_000:
        raise HttpError(400, "page must be between 1 and 10000")
    results = search(user=request.user, q=q, type=type, page=page)
    if results.error:
        raise HttpError(400, results.error)
    key = "number" if type == "posts" else "slug"
    return {
        "q": q, "type": type, "total": results.total, "total_is_lower_bound": results.capped,
        "page": results.page,
        "results": [
            {
                key: h.key, "title": h.title, "url": h.url, "score": h.score,
                "snippet": str(h.snippet),
            }
            for h in results.hits
        ],
    }  # fmt: skip
