from __future__ import annotations

from django.test import Client

from chumchon.comments.services import comment_create
from chumchon.core.testing import Cast, make_post
from chumchon.follows.services import follow_create


def test_it_shows_latest_commented_and_most_followed_on_home(
    client: Client, cast: Cast, django_assert_max_num_queries
) -> None:
    quiet = make_post(cast.somchai_blog, title="บันทึกที่ยังไม่มีใครเห็น")
    talked = make_post(cast.somying_blog, title="บันทึกที่มีคนคุยกัน")
    comment_create(post=talked, author=cast.malee, body="ขอบคุณที่แบ่งปันค่ะ")
    follow_create(follower=cast.malee, blog=cast.somying_blog)
    for n in range(12):
        make_post(cast.somchai_blog, title=f"บันทึกที่ {n}", tags=["การจัดการความรู้"])
    with django_assert_max_num_queries(8):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "บันทึกล่าสุด" in html  # "Latest posts" in Thai by default
    assert "บันทึกที่ 11" in html
    assert quiet.title not in html.split("บันทึกล่าสุด")[1].split("ความเห็นล่าสุด")[0]
    commented = html.split("ความเห็นล่าสุด")[1]
    assert talked.title in commented
    assert cast.somying_blog.title in commented.split("บล็อกที่มีผู้ติดตามมากที่สุด")[1]


def test_it_shows_an_empty_home_without_errors(client: Client, db: None) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "ยังไม่มีบันทึก" in response.content.decode()


def test_it_lists_posts_blogs_and_people_on_a_tag_page(
    client: Client, cast: Cast, django_assert_max_num_queries
) -> None:
    for n in range(25):
        make_post(cast.somying_blog, title=f"เรื่องที่ {n}", tags=["การจัดการความรู้"])
    with django_assert_max_num_queries(10):
        response = client.get("/tags/การจัดการความรู้")
    html = response.content.decode()
    assert response.status_code == 200
    assert "เรื่องที่ 24" in html and "เรื่องที่ 4" not in html  # 20 a page, newest first
    assert cast.somchai.display_name in html  # his profile carries the tag
    second = client.get("/tags/การจัดการความรู้?page=2").content.decode()
    assert "เรื่องที่ 4" in second


def test_it_answers_404_for_an_unknown_tag(client: Client, db: None) -> None:
    assert client.get("/tags/ไม่มีป้ายนี้").status_code == 404


def test_it_survives_bad_page_numbers(client: Client, cast: Cast) -> None:
    for bad in ["x", "-1", "999999", "1e9", "%00"]:
        assert client.get(f"/posts?page={bad}").status_code == 200


def test_it_switches_to_english_and_back(client: Client, db: None) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert "Latest posts" in response.content.decode()
    response = client.post("/i18n/setlang/", {"language": "th", "next": "/"}, follow=True)
    assert "บันทึกล่าสุด" in response.content.decode()


def test_it_stays_thai_for_an_english_browser(client: Client, db: None) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "บันทึกล่าสุด" in response.content.decode()


def test_it_serves_robots_txt_pointing_at_the_sitemap(client: Client, db: None) -> None:
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: " in text and text.strip().endswith("/sitemap.xml")
    assert "Disallow: /admin/" in text


def test_it_explains_a_missing_page_in_thai(client: Client, db: None) -> None:
    response = client.get("/posts/424242")
    assert response.status_code == 404 and "ไม่พบหน้าที่ต้องการ" in response.content.decode()
