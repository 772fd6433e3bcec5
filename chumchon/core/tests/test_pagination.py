from __future__ import annotations

from chumchon.core import pagination
from chumchon.core.testing import Cast, make_post


def test_it_counts_a_long_list_only_up_to_the_cap(client, cast: Cast, monkeypatch) -> None:
    for n in range(5):
        make_post(cast.somchai_blog, title=f"บันทึกที่ {n}")
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    monkeypatch.setattr("django.conf.settings.CHUMCHON_PAGE_SIZE", 2)
    page = client.get(cast.somchai_blog.get_absolute_url()).content.decode()
    assert "หน้า 1 จาก 2+" in page  # three counted, two a page, and more beyond
    answer = client.get("/api/v1/posts").json()
    assert answer["count"] == 3 and answer["count_is_lower_bound"] is True
    assert answer["pages"] == 2 and len(answer["items"]) == 2
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    answer = client.get("/api/v1/posts").json()
    assert answer["count"] == 5 and answer["count_is_lower_bound"] is False
