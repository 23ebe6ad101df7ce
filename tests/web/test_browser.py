"""Browser tests: Playwright driving Debian's Chromium against a live server on a free local port.

They cover the issue's acceptance list: log in, classify an item, screen a name and mark a false positive,
submit an application as exporter and decide it as officer, download a compliance report, and a refused
access for a wrong role. With ``CATCHALL_UPDATE_SCREENSHOTS=1`` they also refresh ``docs/screenshots/``.
"""

from __future__ import annotations

import io
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "browser-test-password"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser tests: /usr/bin/chromium is missing (apt-get install chromium)")
    pytest.skip(
        "/usr/bin/chromium is missing (apt-get install chromium); browser tests skipped", allow_module_level=True
    )

playwright_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated SQLite database with the demo data, served by uvicorn in a thread; yields the base URL."""
    import uvicorn

    from catchall.api.app import create_app
    from catchall.services import accounts
    from catchall.services.demo import USERS, seed_demo

    data = tmp_path_factory.mktemp("browser-data")
    old = os.environ.get("CATCHALL_DATA_DIR")
    os.environ["CATCHALL_DATA_DIR"] = str(data)
    app = create_app(f"sqlite:///{data / 'browser.db'}")
    seed_demo(app.state.db)
    for username, _ in USERS:  # known passwords for the tests (the demo prints random ones)
        accounts.set_password(app.state.db, username, PASSWORD)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    if old is None:
        os.environ.pop("CATCHALL_DATA_DIR", None)
    else:
        os.environ["CATCHALL_DATA_DIR"] = old


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page_as(server: str, browser: Any) -> Iterator[Callable[[str], Any]]:
    """``page_as("officer")`` -> a new browser page logged in through the form as the demo user of that role."""
    contexts: list[Any] = []

    def make(role: str) -> Any:
        ctx = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{server}/ui/")
        assert "/ui/login" in page.url  # anonymous: sent to the log-in page
        page.get_by_label("User name").fill(f"demo-{role}")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{server}/ui/")
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def shot(page: Any, name: str) -> None:
    """Refresh docs/screenshots/NAME.png when asked to (CATCHALL_UPDATE_SCREENSHOTS=1)."""
    if os.environ.get("CATCHALL_UPDATE_SCREENSHOTS") == "1":
        from PIL import Image  # installed with reportlab

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        raw = io.BytesIO(page.screenshot(full_page=False))
        # A 64-colour palette keeps the flat UI legible at a fraction of the size (they live in git).
        Image.open(raw).convert("RGB").quantize(colors=64).save(SCREENSHOTS / f"{name}.png", optimize=True)


def test_login_page_then_dashboard(server: str, browser: Any, page_as: Callable[[str], Any]) -> None:
    ctx = browser.new_context(viewport={"width": 1200, "height": 700})
    login = ctx.new_page()
    login.goto(f"{server}/ui/login")
    login.get_by_label("User name").fill("demo-officer")
    login.get_by_label("Password").fill("wrong-password-x")
    login.get_by_role("button", name="Log in").click()
    assert "user name or password is wrong" in login.get_by_role("alert").inner_text()
    shot(login, "login")
    ctx.close()
    page = page_as("officer")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.get_by_role("heading", name="Open cases").is_visible()
    assert page.get_by_role("heading", name="Alerts awaiting review").is_visible()
    assert page.get_by_role("heading", name="Watch lists").is_visible()
    shot(page, "dashboard-officer")
    page.get_by_role("link", name=re.compile(r"DEMO-001")).first.click()
    assert page.get_by_role("heading", name=re.compile(r"Alert \d+: Zephyr Aerodynamic Trading")).is_visible()
    assert "DEMO-DN-1" in page.locator("#denials-h + div").inner_text()  # denial consultation shown
    page.locator("#alerts-h").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('alerts-h').scrollIntoView()")
    shot(page, "case-alerts")


def test_classify_an_item_with_live_result(server: str, page_as: Callable[[str], Any]) -> None:
    page = page_as("exporter")
    page.goto(f"{server}/ui/classify")
    page.get_by_label("Kind").select_option("guidance_set")
    page.get_by_label("System accuracy (CEP) as a percentage of range (%)").fill("2")
    # htmx replaces the result panel without a page load.
    result = page.locator("#result")
    result.get_by_text("Category I", exact=True).wait_for()
    assert "2.A.1.d" in result.inner_text()
    assert "3.33" in result.inner_text()  # the reason names the threshold it was compared with
    shot(page, "classification")
    page.goto(f"{server}/ui/annex?q=gyro")
    assert page.get_by_role("link", name=re.compile(r"9\.A")).first.is_visible()
    page.goto(f"{server}/ui/annex")
    shot(page, "annex")


def test_screen_a_name_and_mark_false_positive(server: str, page_as: Callable[[str], Any]) -> None:
    page = page_as("officer")
    page.goto(f"{server}/ui/screening")
    page.get_by_label("Name", exact=True).fill("Tarkan Volkov")
    page.get_by_label("Country (ISO code, optional)").fill("RU")
    page.get_by_role("button", name="Screen").click()
    page.wait_for_url(re.compile(r".*/ui/screening/result.*"))
    alert = page.locator("article.alert").first
    assert "Tarkan Volkov" in alert.inner_text()
    assert alert.locator("table.features").is_visible()  # per-feature explanation
    shot(page, "screening-result")
    alert.get_by_label("Reason").fill("Different person: the customer was born in 1990")
    alert.get_by_role("button", name="Mark false positive").click()
    page.wait_for_load_state()
    decided = page.locator("article.alert").first
    assert "false positive" in decided.inner_text()
    assert "Different person" in decided.inner_text()


def test_exporter_submits_and_officer_decides(server: str, page_as: Callable[[str], Any]) -> None:
    exporter = page_as("exporter")
    exporter.goto(f"{server}/ui/cases/new")
    exporter.get_by_label("Your reference").fill("BROWSER-1")
    exporter.get_by_label("Destination country (ISO code)").fill("BR")
    exporter.get_by_label("Item 1: description").fill("Small turbojet for target drones")
    exporter.locator("#item-1-kind").select_option("turbojet_engine")
    exporter.locator("#item-1-parameters").fill(
        "max_thrust_n=900, sfc_kg_per_n_h=0.12, dry_weight_kg=60, first_stage_rotor_diameter_m=0.3"
    )
    exporter.get_by_label("Party 1: role").select_option("end_user")
    exporter.locator("#party-1-name").fill("Planalto Aerospace Institute")
    exporter.locator("#party-1-country").fill("BR")
    exporter.get_by_label("End-use assurance").check()
    exporter.get_by_label("No-retransfer assurance").check()
    exporter.get_by_role("button", name="Submit application").click()
    exporter.wait_for_url(re.compile(r".*/ui/cases/\d+\?done=submitted"))
    case_url = exporter.url.split("?")[0]
    assert "submitted" in exporter.get_by_text("Application submitted and assessed.").inner_text().lower()
    # The exporter does not see the internal recommendation.
    assert exporter.locator("#rec-h").count() == 0

    officer = page_as("officer")
    officer.goto(case_url)
    assert "case by case" in officer.locator("#rec-h").inner_text()
    officer.get_by_role("button", name="Take for review").click()
    officer.get_by_text("You are now reviewing this case.").wait_for()
    officer.locator("#decision").select_option("approved_with_provisos")
    officer.get_by_label("Provisos (for approval with provisos)").fill("No re-export; annual end-use report")
    officer.get_by_label("Justification").fill("Category II engine for a research programme; assurances given")
    shot(officer, "case-officer")
    officer.get_by_role("button", name="Record decision").click()
    officer.get_by_text("Decision recorded.").wait_for()
    assert "approved with provisos" in officer.locator("#decision-h + dl").inner_text()
    timeline = officer.locator("ol.timeline").inner_text()
    assert "case.submit" in timeline and "case.decide" in timeline

    exporter.goto(case_url)
    assert "approved with provisos" in exporter.locator("#decision-h + dl").inner_text()


def test_analyst_downloads_compliance_report(server: str, page_as: Callable[[str], Any]) -> None:
    page = page_as("analyst")
    page.goto(f"{server}/ui/compliance")
    assert page.locator("svg").first.is_visible()  # transfers by year and finding
    shot(page, "compliance")
    page.get_by_label("Supplier state", exact=True).first.select_option("CN")
    page.locator("#report-state").select_option("CN")
    page.locator("#report-format").select_option("pdf")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download report").click()
    download = info.value
    assert download.suggested_filename == "compliance-CN.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    page.goto(f"{server}/ui/hcoc")
    shot(page, "hcoc")
    page.goto(f"{server}/ui/registries?tab=commitments")
    shot(page, "registries")


def test_wrong_role_is_refused(server: str, page_as: Callable[[str], Any]) -> None:
    page = page_as("exporter")
    response = page.goto(f"{server}/ui/compliance")
    assert response is not None and response.status == 403
    assert "may not open this page" in page.get_by_role("alert").inner_text()
    assert page.get_by_role("link", name="Compliance").count() == 0  # not offered in the navigation


def test_admin_pages(server: str, page_as: Callable[[str], Any]) -> None:
    page = page_as("admin")
    page.goto(f"{server}/ui/lists")
    assert (
        page.get_by_role("cell", name="demo-watchlist")
        .or_(page.get_by_role("rowheader", name="demo-watchlist"))
        .is_visible()
    )
    shot(page, "lists")
    page.goto(f"{server}/ui/cases")
    shot(page, "cases-queue")


def test_small_screen_and_keyboard(server: str, browser: Any) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = ctx.new_page()
    page.goto(f"{server}/ui/login")
    # autofocus puts the caret in the user name field; wait for it so no keystroke lands before it does
    page.wait_for_function("document.activeElement && document.activeElement.id === 'username'", timeout=10_000)
    page.keyboard.type("demo-analyst")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")  # the form submits from the keyboard
    page.wait_for_url(f"{server}/ui/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"  # first stop: the skip link
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for path in ("/ui/", "/ui/compliance", "/ui/hcoc"):
        page.goto(f"{server}{path}")
        # No sideways scrolling of the page itself: wide tables scroll inside their own box, charts shrink.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    page.goto(f"{server}/ui/")
    shot(page, "dashboard-mobile")
    ctx.close()
