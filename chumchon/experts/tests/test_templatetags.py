from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from chumchon.core.testing import Cast
from chumchon.experts.services import finder_preference_set
from chumchon.experts.tests.helpers import write


def render(source: str, user: object, **context: object) -> str:
    request = RequestFactory().get("/tags/x")
    request.user = user  # type: ignore[attr-defined]
    return Template("{% load experts %}" + source).render(Context({"request": request, **context}))


def test_it_lists_the_people_who_know_a_tag_best(cast: Cast) -> None:
    for i in range(3):
        write(cast.somying, f"เบาหวาน {i}", tags=["เบาหวาน"])
    write(cast.somchai, "เบาหวาน", tags=["เบาหวาน"])
    write(cast.malee, "เบาหวาน", tags=["เบาหวาน"])
    finder_preference_set(member=cast.malee, hidden=True)
    html = render('{% tag_experts "เบาหวาน" %}', AnonymousUser())
    assert "ผู้ที่รู้เรื่อง “เบาหวาน” มากที่สุด" in html
    assert html.index("สมหญิง") < html.index("สมชาย")
    assert "มาลี" not in html
    assert "/experts?q=%E0%B9%80" in html


def test_it_says_so_when_nobody_knows_a_tag_yet(cast: Cast) -> None:
    assert "ยังไม่มีใครเขียนเรื่องนี้มากพอ" in render('{% tag_experts "ไม่มี" %}', AnonymousUser())


def test_it_names_evidence_kinds_in_thai(cast: Cast) -> None:
    assert render("{{ k|evidence_label }}", AnonymousUser(), k="answer") == "คำตอบที่ผู้ถามเลือก"
