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
#: Quoted by name in seeds/articles (by reading: "said Olsen", "Mann said", "Sands said").
SEED_SPEAKERS = ("Matthew Olsen", "Michael Mann", "Jamie Sands")
SEED_CHARTS = (
    "chart-over-time",
    "chart-undated",
    "chart-people",
    "chart-organisations",
    "chart-places",
)
#: The report is read at this width (the README's screenshot too).
WIDTH = 1000
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1000,1400",
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


def _write_report(output, html):
    assert main(["report", "--output", str(output), "--html", str(html)]) == 0
    return html


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory):
    output = tmp_path_factory.mktemp("seed-out")
    seeds = REPO / "seeds" / "articles"
    assert main(["run", "--input", str(seeds), "--output", str(output), "--quiet"]) == 0
    return _write_report(output, tmp_path_factory.mktemp("seed-page") / "report.html")


@pytest.fixture(scope="module")
def large_html(tmp_path_factory):
    from tests.report_sample import large_articles, write_articles_fast

    output = write_articles_fast(tmp_path_factory.mktemp("large-out"), large_articles(5000))
    return _write_report(output, tmp_path_factory.mktemp("large-page") / "report.html")


@pytest.fixture(scope="module")
def seed_report(browser, seed_html):
    browser.get(seed_html.as_uri())
    return browser


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
    seed_report.find_element(By.ID, "quote-search").send_keys("olsen")
    shown = [row for row in rows if row.is_displayed()]
    assert 0 < len(shown) < len(rows)
    assert all("Olsen" in row.text for row in shown)
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


#: Readability of a drawn page, measured in it: horizontal scrolling, charts wider than
#: their box, the time chart's narrowest bar, visible axis labels that overlap, and the
#: number of distinct colours in the topic legend against its entries.
READABILITY = """
const charts = [...document.querySelectorAll('.chart')];
const overlapping = [];
for (const axis of document.querySelectorAll('.chart svg .role-axis')) {
  const boxes = [...axis.querySelectorAll('.role-axis-label text')]
    .filter((t) => t.getAttribute('opacity') !== '0' && t.textContent)
    .map((t) => [t.textContent, t.getBoundingClientRect()]);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i][1], boxes[j][1]];
      const across = a.left < b.right - 1 && b.left < a.right - 1;
      if (across && a.top < b.bottom - 1 && b.top < a.bottom - 1)
        overlapping.push([boxes[i][0], boxes[j][0]]);
    }
}
const bars = [...document.querySelectorAll('#chart-over-time svg .mark-rect path')];
const legend = document.querySelectorAll('#chart-over-time .role-legend-label text').length;
const symbols = [...document.querySelectorAll('#chart-over-time .role-legend-symbol path')];
const colours = new Set(symbols.map((b) => b.getAttribute('fill')));
return {
  scroll: document.documentElement.scrollWidth - window.innerWidth,
  wider: charts.filter((c) => c.querySelector('svg') &&
    c.querySelector('svg').getBoundingClientRect().right > c.getBoundingClientRect().right + 1)
    .map((c) => c.id),
  narrowest: Math.min(...bars.map((b) => b.getBoundingClientRect().width)),
  bars: bars.length, overlapping, legend, colours: colours.size,
};
"""


def _readability(page) -> dict:
    for chart_id in SEED_CHARTS:
        _marks(page, chart_id)
    return page.execute_script(READABILITY)


@pytest.mark.parametrize("which", ["seed", "large"])
def test_every_chart_is_readable_at_1000_px(which, browser, request, tmp_path):
    """The seeds' report and a 5,000-article one (three years, every topic, long names)."""
    browser.get(request.getfixturevalue(f"{which}_html").as_uri())
    page = browser
    assert page.execute_script("return window.innerWidth") == WIDTH
    found = _readability(page)
    assert found["scroll"] <= 0 and found["wider"] == [], found
    assert found["overlapping"] == [], found
    assert found["narrowest"] >= 4, found  # a bar a reader can see and point at
    assert found["colours"] == found["legend"], found  # no two topics share a colour
    heading = page.find_element("css selector", "#over-time h2").text
    # The seeds span nine months (weeks), the large run three years (months).
    assert heading == {"seed": "Articles per week, by topic",
                       "large": "Articles per month, by topic"}[which]  # fmt: skip
    undated = page.find_element("id", "undated").text
    assert undated.startswith({"seed": "Undated: 6 articles",
                               "large": "Undated: 417 articles"}[which])  # fmt: skip
    screenshot = tmp_path / f"{which}.png"
    assert page.save_screenshot(str(screenshot))
