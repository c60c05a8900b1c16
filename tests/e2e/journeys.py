"""What every journey does in the browser: log in, fill a form by its fields' ids, watch for server errors."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Locator, Page, Response

from tests.e2e.conftest import PASSWORD, LiveServer


@contextmanager
def browsing(
    browser: Browser,
    server: LiveServer,
    login: str,
    *,
    password: str = PASSWORD,
    width: int = 1280,
    locale: str = "zh-CN",
) -> Iterator[Page]:
    """A logged-in page without JavaScript; fails the journey on any response ≥ 500 or a traceback."""
    # JavaScript off: every page must do its job without it (DESIGN §4).
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale=locale, java_script_enabled=False
    )
    page = context.new_page()
    failures: list[str] = []

    def watch(response: Response) -> None:
        if response.status >= 500:
            failures.append(f"{response.status} {response.url}")

    page.on("response", watch)
    page.goto(f"{server.url}/login")
    page.fill("#login-login", login)
    page.fill("#login-password", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/todo(\?.*)?$"))  # after login: what needs doing (待办)
    try:
        yield page
        assert "Traceback" not in page.content()
    finally:
        context.close()
    assert not failures, failures


def fill_form(page: Page, form: str, fields: dict[str, str], *, submit: bool = True) -> None:
    """Fill the form whose fields have the ids ``{form}-{name}`` (opening its <details> first) and send it.
    Select fields take the visible label of an option."""
    first = page.locator(f"#{form}-{next(iter(fields))}")
    # The form may be on the page a click is still loading: wait for it before asking whether a
    # closed <details> holds it, or the question is put to the page being left.
    first.wait_for(state="attached")
    details = page.locator(f"details:has(#{form}-{next(iter(fields))})")
    if details.count() and details.first.get_attribute("open") is None:
        details.first.locator("summary").click()
    for name, value in fields.items():
        field = page.locator(f"[id='{form}-{name}']")
        tag = field.evaluate("element => element.tagName.toLowerCase()")
        kind = field.get_attribute("type") or ""
        if tag == "select":
            field.select_option(label=value)
        elif kind == "checkbox":
            field.set_checked(value == "on")
        else:
            field.fill(value)
    if submit:
        # Wait for the answer to load, or the next fill may land on the page being left.
        follow(page, first.locator("xpath=ancestor::form").locator("button[type=submit]"))


def follow(page: Page, target: Locator) -> str:
    """Click a link or button that loads another page; return once that page has loaded, with its URL."""
    with page.expect_navigation():
        target.click()
    return page.url
