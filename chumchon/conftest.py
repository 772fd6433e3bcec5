from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from chumchon.browser import CHROMIUM_ARGS, chromium_path
from chumchon.core.testing import Cast, build_cast

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        pytest.fail("Debian's chromium is not installed: `make test` installs it as root.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser page whose console errors fail the test at teardown.

    `page.base_url` is the live server's address.
    """
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.base_url = live_server.url
    page.console_errors = errors
    yield page
    context.close()
    assert errors == [], f"console errors: {errors}"
