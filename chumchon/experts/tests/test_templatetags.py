from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import Client, RequestFactory

from chumchon.core.testing import Cast
from chumchon.experts.services import finder_preference_set
from chumchon.experts.tests.helpers import write


def render(source: str, user: object, **context: object) -> str:
    request = RequestFactory().get("/tags/x")
    request.user = user  # type: ignore[attr-defined]
    return Template("{% load experts %}" + source).render(Context({"request": request, **context}))


def test_it_lists_the_people_who_know_a_tag_best(
    cast: Cast, django_assert_max_num_queries: object, index
) -> None:  # type: ignore[no-untyped-def]
    for i in range(3):
        write(cast.somying, f"เบาหวาน {i}", tags=["เบาหวาน"])
    write(cast.somchai, "เบาหวาน", tags=["เบาหวาน"])
    write(cast.malee, "เบาหวาน", tags=["เบาหวาน"])
    finder_preference_set(member=cast.malee, hidden=True)
    index()
    with django_assert_max_num_queries(15):  # type: ignore[operator]
        html = Client().get("/experts/tags/เบาหวาน").content.decode()
    assert html.index("สมหญิง") < html.index("สมชาย")
    assert "มาลี" not in html
    assert "/experts?q=%E0%B9%80" in html


def test_it_says_so_when_nobody_knows_a_tag_yet(cast: Cast) -> None:
    assert "ยังไม่มีใครเขียนเรื่องนี้มากพอ" in Client().get("/experts/tags/ไม่มี").content.decode()


def test_it_puts_a_section_on_the_tag_page_that_loads_the_experts(cast: Cast) -> None:
    write(cast.somying, "เบาหวาน", tags=["เบาหวาน"])
    page = Client().get("/tags/เบาหวาน").content.decode()
    assert "ผู้ที่รู้เรื่อง “เบาหวาน” มากที่สุด" in page
    assert 'hx-get="/experts/tags/%E0%B9%80' in page
    assert "/experts?q=%E0%B9%80" in page  # the way in without JavaScript


def test_it_names_evidence_kinds_in_thai(cast: Cast) -> None:
    assert render("{{ k|evidence_label }}", AnonymousUser(), k="session") == "นำเวที ลปรร."
