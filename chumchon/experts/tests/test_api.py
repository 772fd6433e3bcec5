from __future__ import annotations

from django.test import Client

from chumchon.core.testing import Cast
from chumchon.experts.services import endorsement_create, finder_preference_set
from chumchon.experts.tests.helpers import write


def test_it_returns_people_with_score_and_evidence(cast: Cast, index) -> None:  # type: ignore[no-untyped-def]
    post = write(cast.somying, "KM ในหอผู้ป่วย", "KM KM ในหอผู้ป่วย")
    write(cast.malee, "KM ที่ สคร", "KM")
    endorsement_create(endorser=cast.somchai, member=cast.somying, tag="km")
    index()
    body = Client().get("/api/v1/experts", {"q": "KM"}).json()
    assert body["total"] == 2
    first = body["results"][0]
    assert first["handle"] == "somying"
    assert first["unit"] == "คณะพยาบาลศาสตร์"
    assert first["score"] > body["results"][1]["score"] > 0
    assert first["parts"]["endorsements"] > 0
    assert first["evidence"][0]["url"] == f"/posts/{post.number}"
    assert first["evidence"][0]["kind"] == "post"


def test_it_leaves_hidden_members_out_and_pages(cast: Cast, index) -> None:  # type: ignore[no-untyped-def]
    for member in (cast.somchai, cast.somying, cast.malee):
        write(member, "PMQA")
    finder_preference_set(member=cast.malee, hidden=True)
    index()
    body = Client().get("/api/v1/experts", {"q": "PMQA", "limit": 1, "offset": 1}).json()
    assert body["total"] == 2
    assert len(body["results"]) == 1
    assert "malee" not in str(body)


def test_it_answers_bad_input_with_a_4xx(cast: Cast) -> None:
    assert Client().get("/api/v1/experts", {"q": "x" * 201}).status_code == 422
    assert Client().get("/api/v1/experts", {"q": "x", "limit": 0}).status_code == 422
    unknown = Client().get("/api/v1/experts", {"q": "x", "unit": 999})
    assert unknown.status_code == 200 and unknown.json()["total"] == 0


def test_it_filters_by_organisation_and_unit(cast: Cast, index) -> None:  # type: ignore[no-untyped-def]
    for member in (cast.somchai, cast.somying, cast.malee):
        write(member, "HA", "HA")
    index()

    def handles(**params: object) -> list[str]:
        body = Client().get("/api/v1/experts", {"q": "HA", **params}).json()
        return sorted(r["handle"] for r in body["results"])

    assert handles() == ["malee", "somchai", "somying"]
    assert handles(organisation=cast.university.pk) == ["somchai", "somying"]
    assert handles(unit=cast.epidemiology.pk) == ["malee"]
