from __future__ import annotations

import pytest

from chumchon.browser import screenshot_path
from chumchon.core.testing import Cast, make_post


@pytest.mark.browser
def test_it_shows_a_thai_post_in_a_real_browser(page, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    post = make_post(cast.somchai_blog, title="ทดลองเปิดด้วยเบราว์เซอร์")
    page.goto(f"{page.base_url}/posts/{post.number}")
    assert page.locator("h1").inner_text() == "ทดลองเปิดด้วยเบราว์เซอร์"
    page.screenshot(path=screenshot_path("smoke-post"))
