from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chumchon.accounts.models import Member
from chumchon.blogs.models import Post
from chumchon.core.testing import Cast

FIXTURES = Path(__file__).parent / "fixtures"


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), "application/xml")


def test_it_imports_an_upload_into_the_members_own_blog(client: Client, cast: Cast) -> None:
    client.force_login(cast.somying)
    response = client.post(
        "/settings/import", {"file": upload("wordpress-km.xml"), "blog": cast.somying_blog.pk}
    )
    assert "นำเข้าบันทึก: 3" in response.content.decode()
    # From the web every post is the uploader's: nobody else's account is made.
    assert set(Post.objects.values_list("author__handle", flat=True)) == {"somying"}
    assert not Member.objects.filter(handle="noi_nurse").exists()


def test_it_detects_a_blogger_file(client: Client, cast: Cast) -> None:
    client.force_login(cast.somying)
    response = client.post(
        "/settings/import", {"file": upload("blogger-ward.xml"), "blog": cast.somying_blog.pk}
    )
    assert "นำเข้าบันทึก: 3" in response.content.decode()


def test_it_refuses_someone_elses_blog(client: Client, cast: Cast) -> None:
    client.force_login(cast.somying)
    response = client.post(
        "/settings/import", {"file": upload("wordpress-km.xml"), "blog": cast.somchai_blog.pk}
    )
    assert response.context["form"].errors["blog"]
    assert not Post.objects.exists()


def test_it_explains_a_hostile_file(client: Client, cast: Cast) -> None:
    client.force_login(cast.somying)
    response = client.post(
        "/settings/import", {"file": upload("billion-laughs.xml"), "blog": cast.somying_blog.pk}
    )
    assert response.status_code == 200
    assert "DOCTYPE" in response.context["form"].errors["file"][0]
    assert not Post.objects.exists()
