"""The community health page, the organisation's page and the exports, with permissions."""

import csv
import io
import subprocess
import zipfile

import pytest
from django.test import Client

from chumchon.communities.models import Community, Membership, Role
from chumchon.communities.services import community_create, community_post_share
from chumchon.core.testing import PASSWORD, make_post
from chumchon.health.services import health_refresh
from chumchon.health.tests.conftest import at


def client_for(member) -> Client:
    client = Client()
    if member is not None:
        assert client.login(handle=member.handle, password=PASSWORD)
    return client


@pytest.fixture
def refreshed(cop, last_month):
    health_refresh(full=True)
    return cop, last_month[0]


def test_it_shows_a_member_the_findings_in_thai_with_numbers(
    cast, refreshed, django_assert_max_num_queries
) -> None:
    community, period = refreshed
    client = client_for(cast.somying)
    client.get(f"/c/{community.slug}/health?period={period.key}")  # computes and keeps it
    # session, member, community, membership, snapshot version; the page itself is cached
    with django_assert_max_num_queries(6):
        response = client.get(f"/c/{community.slug}/health?period={period.key}")
    assert response.status_code == 200
    text = response.content.decode()
    assert "เดือนนี้มีผู้เขียนบันทึกหรือแสดงความเห็น 3 คน เพิ่มขึ้น 3 คนจากช่วงก่อน (0 คน)" in text
    assert "บันทึก 67% ได้รับความเห็นจากผู้อื่นภายใน 7 วัน" in text
    assert "มีบันทึก 1 เรื่องที่ยังไม่มีใครตอบภายใน 7 วัน" in text
    assert "<svg" in text and 'id="network-data"' in text
    assert f"เปรียบเทียบกับช่วงก่อนหน้า คือ {period.previous().label('th')}" in text


def test_it_shows_the_new_figures_once_a_refresh_changes_the_snapshot(
    cast, refreshed, last_month
) -> None:
    community, period = refreshed
    client = client_for(cast.somying)
    url = f"/c/{community.slug}/health?period={period.key}"
    assert "บันทึก 67% ได้รับความเห็นจากผู้อื่นภายใน 7 วัน" in client.get(url).content.decode()
    # a fourth post that nobody answers: 2 of 4 answered within 7 days
    post = make_post(cast.somying_blog, title="อีกเรื่อง", written_at=at(period, 12))
    community_post_share(community=community, post=post, member=cast.somying)
    health_refresh(full=True)
    assert "บันทึก 50% ได้รับความเห็นจากผู้อื่นภายใน 7 วัน" in client.get(url).content.decode()


def test_it_computes_the_community_month_by_hand(cast, refreshed) -> None:
    community, period = refreshed
    data = (
        client_for(cast.malee)
        .get(f"/api/v1/communities/{community.slug}/health?period={period.key}")
        .json()
    )
    m = data["metrics"]
    # three shared posts (the unshared one is not the community's), three comments
    assert (m["posts"], m["comments"], m["contributors"]) == (3, 3, 3)
    # a: 3 h, b: 24 h, c: none -> 2 of 3 within 7 days, median of 3 h and 24 h = 13.5 h
    assert m["reply_rate"] == pytest.approx(2 / 3)
    assert m["median_first_reply_hours"] == pytest.approx(13.5)
    # somying<->somchai both ways, malee->somying one way
    assert m["reciprocity"] == pytest.approx(0.5)
    assert m["thread_depth"] == pytest.approx(1.5)  # a: 2 levels, b: 1
    assert data["stage"] == "coalescing"
    assert 0 <= data["score"] <= 100
    assert sum(p["points"] for p in data["score_parts"]) == pytest.approx(data["score"], abs=0.5)


@pytest.mark.parametrize(
    ("who", "status"),
    [("somying", 200), ("admin", 200), ("anonymous", 403), ("outsider", 403)],
)
def test_it_lets_members_and_staff_see_a_community_health(cast, refreshed, who, status) -> None:
    community, _period = refreshed
    if who == "outsider":
        Membership.objects.filter(community=community, member=cast.prasert).delete()
    member = None if who == "anonymous" else getattr(cast, "prasert" if who == "outsider" else who)
    assert client_for(member).get(f"/c/{community.slug}/health").status_code == status


@pytest.mark.parametrize(
    "path",
    [
        "/c/hidden/health",
        "/c/hidden/health.csv",
        "/c/hidden/health.pdf",
        "/api/v1/communities/hidden/health",
    ],
)
def test_it_hides_a_secret_community_from_outsiders(cast, path) -> None:
    community_create(
        creator=cast.malee, name="ลับ", slug="hidden", purpose="เรื่องภายใน",
        visibility=Community.Visibility.SECRET,
    )  # fmt: skip
    assert client_for(cast.somchai).get(path).status_code == 404
    assert client_for(None).get(path).status_code == 404
    assert client_for(cast.malee).get(path).status_code == 200


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("somchai", 403), ("anonymous", 403), ("sponsor", 200)]
)
def test_it_opens_the_organisation_page_to_the_km_committee(cast, refreshed, who, status) -> None:
    community, period = refreshed
    if who == "sponsor":
        Membership.objects.filter(community=community, member=cast.prasert).update(
            role=Role.SPONSOR
        )
    member = {
        "admin": cast.admin,
        "somchai": cast.somchai,
        "anonymous": None,
        "sponsor": cast.prasert,
    }[who]
    response = client_for(member).get(f"/health?period={period.key}")
    assert response.status_code == status
    if status == 200:
        assert community.name in response.content.decode()


def test_it_lists_the_communities_in_a_bounded_number_of_queries(
    cast, refreshed, django_assert_max_num_queries
) -> None:
    community, period = refreshed
    for i in range(30):
        community_create(creator=cast.malee, name=f"ชุมชน {i}", slug=f"c{i}", purpose="ทดสอบ")
    client = client_for(cast.admin)
    client.get(f"/health?period={period.key}")  # computes the missing snapshots
    # session, member, snapshot version, visible communities, snapshots kept, the page of
    # snapshots and their count, the communities' names
    with django_assert_max_num_queries(8):
        response = client.get(f"/health?period={period.key}&sort=activity&page=2")
    assert response.status_code == 200
    assert "2 / 2" in response.content.decode()


def test_it_exports_every_metric_as_csv(cast, refreshed) -> None:
    community, period = refreshed
    response = client_for(cast.somchai).get(f"/c/{community.slug}/health.csv?period={period.key}")
    rows = {
        r["metric"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }
    assert rows["posts"]["value"] == "3"
    assert rows["reply_rate"]["value"] == "0.6667"
    assert len(rows) > 40


def test_it_exports_research_data_without_names(cast, refreshed, settings) -> None:
    community, period = refreshed
    response = client_for(cast.admin).get(f"/health/research.zip?period={period.key}")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    activity = archive.read("activity.csv").decode()
    assert "somchai" not in activity and "สมชาย" not in activity
    people = {row["person"] for row in csv.DictReader(io.StringIO(activity))}
    assert len(people) == 3 and all(len(p) == 16 for p in people)
    assert not people & {str(m.pk) for m in (cast.somchai, cast.somying, cast.malee)}
    again = client_for(cast.admin).get(f"/health/research.zip?period={period.key}")
    same = (
        zipfile.ZipFile(io.BytesIO(b"".join(again.streaming_content))).read("activity.csv").decode()
    )
    assert same == activity  # stable pseudonyms


def test_it_keeps_a_bad_period_from_breaking_the_page(cast, refreshed) -> None:
    community, _period = refreshed
    assert (
        client_for(cast.somying).get(f"/c/{community.slug}/health?period=m-2025-13").status_code
        == 200
    )
    api = client_for(cast.somying).get(f"/api/v1/communities/{community.slug}/health?period=nope")
    assert api.status_code == 422


def test_it_renders_the_pdf_report_in_thai(cast, refreshed, tmp_path) -> None:
    community, period = refreshed
    response = client_for(cast.malee).get(f"/c/{community.slug}/health.pdf?period={period.key}")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    from chumchon.browser import SCREENSHOT_DIR

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    (SCREENSHOT_DIR / "health-report.pdf").write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "รายงานสุขภาพชุมชน" in text
    assert "3 คนจากช่วงก่อน (0 คน)" in text  # the finding, with its numbers
