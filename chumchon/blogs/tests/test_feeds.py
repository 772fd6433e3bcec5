from __future__ import annotations

from django.test import Client

from chumchon.core.testing import Cast, make_post


def test_it_serves_rss_and_atom_for_a_blog(client: Client, cast: Cast) -> None:
    make_post(cast.somchai_blog, title="บันทึกในฟีด")
    make_post(cast.somchai_blog, title="ร่างลับ", publish=False)
    rss = client.get("/feeds/@somchai/km-notes/rss")
    atom = client.get("/feeds/@somchai/km-notes/atom")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for response in (rss, atom):
        text = response.content.decode()
        assert "บันทึกในฟีด" in text and "ร่างลับ" not in text


def test_it_serves_feeds_for_a_member_and_a_tag(client: Client, cast: Cast) -> None:
    make_post(cast.somying_blog, title="เรื่องจากหอผู้ป่วย", tags=["พยาบาล"])
    make_post(cast.somchai_blog, title="เรื่องของสมชาย")
    member = client.get("/feeds/@somying/rss").content.decode()
    assert "เรื่องจากหอผู้ป่วย" in member and "เรื่องของสมชาย" not in member
    tag = client.get("/feeds/tags/พยาบาล/atom").content.decode()
    assert "เรื่องจากหอผู้ป่วย" in tag and "เรื่องของสมชาย" not in tag


def test_it_answers_404_for_feeds_of_nothing(client: Client, db: None) -> None:
    assert client.get("/feeds/@nobody/rss").status_code == 404
    assert client.get("/feeds/tags/ไม่มี/rss").status_code == 404
