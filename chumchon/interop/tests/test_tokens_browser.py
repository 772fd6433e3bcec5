from __future__ import annotations

import json
import urllib.request

import pytest

from chumchon.browser import screenshot_path
from chumchon.core.testing import PASSWORD, Cast


def call(url: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (live server)
        return response.status, json.loads(response.read())


@pytest.mark.browser
def test_it_creates_a_token_in_the_browser_that_writes_through_the_api(page, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/accounts/login/?next=/settings/tokens")
    page.fill("input[name=username]", "somchai")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button").click()
    page.wait_for_url("**/settings/tokens")
    page.fill("input[name=name]", "สคริปต์ส่งบันทึก")
    page.check("input[name=scope][value=read-write]")
    page.locator("main form button").first.click()
    token = page.get_by_test_id("new-token").inner_text().strip()
    page.screenshot(path=screenshot_path("interop-token-created"), full_page=True)
    assert token.startswith("chc_")

    status, created = call(
        f"{page.base_url}/api/v1/posts", token,
        {"title": "บันทึกจากสคริปต์", "body": "เขียนผ่าน API ด้วย token", "tags": ["api"]},
    )  # fmt: skip
    assert status == 201
    status, read_back = call(f"{page.base_url}/api/v1/posts/{created['number']}", token)
    assert (status, read_back["title"], read_back["author"]["handle"]) == (
        200, "บันทึกจากสคริปต์", "somchai",
    )  # fmt: skip
    page.goto(f"{page.base_url}/posts/{created['number']}")
    assert page.locator("h1").inner_text() == "บันทึกจากสคริปต์"
