from __future__ import annotations

from django.test import Client

from chumchon.accounts.services import member_create
from chumchon.core.testing import Cast, make_post


def test_it_lists_only_public_content(client: Client, cast: Cast) -> None:
    public = make_post(cast.somchai_blog, title="สาธารณะ")
    draft = make_post(cast.somchai_blog, title="ฉบับร่าง", publish=False)
    gone = member_create(handle="gone", display_name="ลาออกแล้ว", password="x")
    type(gone).objects.filter(pk=gone.pk).update(is_active=False)
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert f"/posts/{public.number}</loc>" in xml
    assert f"/posts/{draft.number}</loc>" not in xml
    assert "/@somchai/km-notes</loc>" in xml
    assert "/@somying</loc>" in xml
    assert "/@gone</loc>" not in xml
