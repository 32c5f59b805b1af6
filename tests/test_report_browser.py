"""The report in a real browser: headless Chromium draws the charts of the seeds' output.

Chromium and its driver are Debian packages (`chromium`, `chromium-driver`) that .ci/run
installs; without them these tests skip and say why.
"""

from __future__ import annotations

import shutil

import pytest

from newsbeam.cli import main
from tests.conftest import REPO, missing
from tests.report_sample import write_sample_output

pytest.importorskip("altair", reason="the report extra is not installed")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
SEED_SPEAKERS = ("Andrew Weiss", "Andrey Kortunov", "Vladimir Frolov")
SEED_CHARTS = ("chart-per-day", "chart-people", "chart-organisations", "chart-places")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1600",
)


@pytest.fixture(autouse=True)
def _needs_chromium():
    if not (CHROMIUM and CHROMEDRIVER):
        missing(
            "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
        )


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _open_report(browser, output, html):
    assert main(["report", "--output", str(output), "--html", str(html)]) == 0
    browser.get(html.as_uri())
    return browser


def _marks(browser, chart_id: str) -> int:
    """Drawn marks (bars) in a chart, waiting up to 20 s for Vega to draw them."""
    from selenium.webdriver.support.ui import WebDriverWait

    script = f"return document.querySelectorAll('#{chart_id} svg .mark-rect path').length"
    WebDriverWait(browser, 20).until(lambda b: b.execute_script(script) > 0)
    return browser.execute_script(script)


@pytest.fixture(scope="module")
def seed_report(browser, tmp_path_factory):
    output = tmp_path_factory.mktemp("seed-out")
    assert main(["run", "--input", str(REPO / "seeds"), "--output", str(output), "--quiet"]) == 0
    return _open_report(browser, output, tmp_path_factory.mktemp("seed-page") / "report.html")


def test_seed_report_draws_its_charts(seed_report, tmp_path):
    for chart_id in SEED_CHARTS:
        assert _marks(seed_report, chart_id) > 0, chart_id
    assert _marks(seed_report, "chart-speakers") >= len(SEED_SPEAKERS)
    screenshot = tmp_path / "report.png"
    assert seed_report.save_screenshot(str(screenshot))
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_seed_quote_table_shows_the_speakers_and_searches(seed_report):
    from selenium.webdriver.common.by import By

    table = seed_report.find_element(By.ID, "quote-table").text
    for speaker in SEED_SPEAKERS:
        assert speaker in table
    rows = seed_report.find_elements(By.CSS_SELECTOR, "#quote-table tbody tr")
    seed_report.find_element(By.ID, "quote-search").send_keys("kortunov")
    shown = [row for row in rows if row.is_displayed()]
    assert 0 < len(shown) < len(rows)
    assert all("Andrey Kortunov" in row.text for row in shown)
    count = seed_report.find_element(By.ID, "quote-count").text
    assert count == f"{len(shown)} of {len(rows)} quotes"


def test_seed_report_uses_no_network_and_logs_no_error(seed_report):
    resources = seed_report.execute_script("return performance.getEntriesByType('resource')")
    assert resources == []
    severe = [e for e in seed_report.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_injected_markup_stays_text(browser, tmp_path):
    """Titles, speakers and quotes that try to run script are shown as text, and run nothing."""
    from tests.report_sample import EVIL_QUOTE, EVIL_TITLE

    page = _open_report(browser, write_sample_output(tmp_path / "out"), tmp_path / "report.html")
    assert _marks(page, "chart-speakers") == 3
    assert page.execute_script("return window.pwned === undefined")
    assert page.execute_script("return document.querySelectorAll('main img').length") == 0
    table = page.execute_script("return document.getElementById('quote-table').innerText")
    assert EVIL_TITLE in table and EVIL_QUOTE in table
