"""Regenerate the README's report screenshot from the seeds: `python -m newsbeam.report.screenshot`.

Runs the pipeline on seeds/articles into a scratch folder, writes its report, and has
headless Chromium take docs/report.png (the top of the page) and docs/report-voices.png
(its "Who gets quoted" section) at 1,000 px wide. Beside it, docs/report.json
holds what the charts were drawn from (`fingerprint`): a test compares it with a fresh
run on the seeds, so a change to the seeds, the pipeline or the report that would
change the picture fails until the screenshot is taken again.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from newsbeam.report.data import ReportData, Selection, collect

#: Window of the screenshot: the README shows the page as a 1,000 px wide browser does.
WINDOW = (1000, 1400)
#: The section pictured on its own (below the first screen): "Who gets quoted".
SECTION = "who-gets-quoted"


def fingerprint(data: ReportData) -> dict[str, Any]:
    """What the screenshot shows, as plain JSON values: the totals and every chart's rows.

    The quote table is left out: an undated article's quotes carry the day of the run.
    """
    shown = {
        "totals": data.totals,
        "per_day": data.per_day,
        "undated": data.undated,
        "entities": data.entities,
        "speakers": data.speakers,
        "errors": data.errors,
        "voices": data.voices,
    }
    return json.loads(json.dumps(shown, default=_plain))  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    """JSON for what `json` cannot write: a dataclass as its fields, anything else as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def section_shot(chromium: str, html: Path, section: str, picture: Path) -> None:
    """A picture of one section of the page once its charts are drawn, through
    chromedriver (a headless screenshot cannot scroll: the page opened at the section's
    anchor was drawn blank)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    drawn = f"return document.querySelectorAll('#{section} svg .mark-rect path').length"
    try:
        driver.get(html.resolve().as_uri())
        WebDriverWait(driver, 30).until(lambda d: d.execute_script(drawn) > 0)
        driver.find_element("id", section).screenshot(str(picture.resolve()))
    finally:
        driver.quit()


def main(repo: Path = Path(".")) -> int:
    from newsbeam.cli import main as newsbeam
    from newsbeam.query import connect

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshot: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    docs, seeds = (repo / "docs").resolve(), (repo / "seeds" / "articles").resolve()
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="newsbeam-screenshot-") as scratch:
        os.chdir(scratch)  # the page names its output as the README's commands do: `out`
        try:
            if newsbeam(["run", "--input", str(seeds), "--output", "out", "--quiet"]):
                return 1
            if newsbeam(["report", "--output", "out", "--html", "report.html"]):
                return 1
            data = collect(connect("out"), Selection())
        finally:
            os.chdir(here)
        html = Path(scratch, "report.html")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--hide-scrollbars", "--disable-gpu",
             f"--window-size={WINDOW[0]},{WINDOW[1]}", "--virtual-time-budget=10000",
             f"--user-data-dir={scratch}/profile",
             f"--screenshot={(docs / 'report.png').resolve()}", html.resolve().as_uri()],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        section_shot(chromium, html, SECTION, docs / "report-voices.png")
    (docs / "report.json").write_text(json.dumps(fingerprint(data), indent=1) + "\n")
    print(f"{docs / 'report.png'}, {docs / 'report-voices.png'} and {docs / 'report.json'} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
