"""Re-casing all-caps headlines, datelines and lead words before NER, keeping offsets in place.

spaCy's small model reads case as its strongest name cue: a headline or dateline in
capitals ("SOCCER - JAPAN GET LUCKY WIN", "WASHINGTON (Reuters) -") comes out as one
long ORG or nothing at all. We rewrite such runs in the casing the words have elsewhere
in the same article, falling back to lower case for function words and capitalised
otherwise, one character for one character so the parsed Doc shares its offsets with
the original text.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

#: A word: letters with inner apostrophes, hyphens or dots ("O'NEILL", "AL-AIN", "U.S.").
_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?")

#: A body line's opening word(s) in capitals before a colon: a transcript's speaker label or
#: a section lead-in ("SCHUMER: We will", "MINGLING: guests"), or a line of one such word.
_CAPS_LEAD = re.compile(r"^[A-Z][A-Z'’.\-]{3,}(?: [A-Z][A-Z'’.\-]+){0,2}(?=\s*:|\s*$)")

#: A stretch of text without a lower-case letter, starting and ending on a capital.
_CAPS_RUN = re.compile(r"[A-Z][^a-z\n]*[A-Z]\.?")

#: A leading all-caps dateline such as "WASHINGTON (Reuters) -", "NEW YORK, May 3" or
#: "LONDON 1996-08-30": up to four capitalised words before a comma, bracket, dash or digit.
_DATELINE = re.compile(r"^[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}(?=\s*[,(—–\-]|\s+\d)")

#: A dateline in Title Case, which only its news agency tells from a sentence's subject:
#: "New York (AFP) –".
_AGENCY_DATELINE = re.compile(
    r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?:, [A-Z][A-Za-z.]+)?(?= \([A-Z][A-Za-z]{1,12}\))"
)

#: What follows a dateline's place up to the dash that ends it: ", N.H.", ", July 19",
#: "(AP)"; group 1 is the dash, and a sentence starts after it.
_DATELINE_TAIL = re.compile(
    r"(?:,[^,\n—–()]{1,20}){0,2}(?:\s*\([^()\n]{1,25}\))?\s*(—|–|--?)(?=\s+[\"“‘']?[A-Z0-9])"
)

#: What may stand between a sentence's end and its first word.
_OPENERS = " \t\"“‘'(["

#: Capitalised words in a run that make it a headline rather than a list of acronyms.
_MIN_HEADLINE_WORDS = 3
#: A headline run has a word at least this long or a function word ("NATO, EU, UN" is no headline).
_MIN_LONG_WORD = 5
#: Words a line needs before Title Case marks it as a headline.
_MIN_TITLE_CASE_WORDS = 4
#: A dateline needs a word this long: "UN, the agency" or "AP -" are acronyms, not places.
_MIN_DATELINE_WORD = 4


def _upper_words(run: str) -> list[str]:
    return [w for w in _WORD.findall(run) if w.isupper() and sum(c.isalpha() for c in w) >= 2]


def _is_headline(run: str, whole_line: bool) -> bool:
    """A capitals run reads as a headline: enough words, and not only short acronyms."""
    words = _upper_words(run)
    needed = 2 if whole_line else _MIN_HEADLINE_WORDS
    if len(words) < needed:
        return False
    return any(
        len(w) >= _MIN_LONG_WORD or w.lower() in STOP_WORDS for w in (x.rstrip(".") for x in words)
    )


def _same_length_case(word: str, model: str) -> str:
    """`word` in the case pattern of `model`, char by char; never changes the length."""
    out = []
    for ch, m in zip(word, model, strict=False):
        repl = ch.lower() if m.islower() else ch.upper()
        out.append(repl if len(repl) == 1 else ch)
    out.append(word[len(model) :])
    return "".join(out)


def _capitalised(word: str) -> str:
    """'AL-AIN' -> 'Al-Ain', "O'NEILL" -> "O'Neill": a capital after each separator."""
    model = []
    start = True
    for ch in word:
        model.append("A" if start else "a")
        start = not ch.isalpha()
    return _same_length_case(word, "".join(model))


def _recase_word(word: str, known: dict[str, str], first: bool) -> str:
    """The casing `word` has elsewhere; else lower case for function words, else capitalised."""
    seen = known.get(word.lower())
    if seen is not None:
        cased = _same_length_case(word, seen)
        return _same_length_case(cased, "A") if first else cased
    if not first and word.lower().rstrip(".") in STOP_WORDS:
        return _same_length_case(word, word.lower())
    return _capitalised(word)


def _recase_run(run: str, known: dict[str, str], sentence_start: bool) -> str:
    out = []
    last = 0
    first = sentence_start
    for match in _WORD.finditer(run):
        word = match.group()
        out.append(run[last : match.start()])
        out.append(_recase_word(word, known, first) if word.isupper() else word)
        first = False
        last = match.end()
    out.append(run[last:])
    return "".join(out)


def _is_title_case_line(line: str) -> bool:
    """A headline in Title Case: four or more words, every word but function words capitalised.

    Stops at the first lower-case content word: every line of the body is asked.
    """
    words = 0
    content = False
    for match in _WORD.finditer(line):
        word = match.group()
        if not word.isalpha():
            continue
        words += 1
        if word.lower() in STOP_WORDS:
            continue
        if not word[0].isupper() or word.isupper():
            return False
        content = True
    return words >= _MIN_TITLE_CASE_WORDS and content


def _loud_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, all_caps) of each headline run, dateline and Title Case line in `text`."""
    spans: list[tuple[int, int, bool]] = []
    line_start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        for run in _CAPS_RUN.finditer(line):
            if _is_headline(run.group(), whole_line=run.group() == stripped):
                spans.append((line_start + run.start(), line_start + run.end(), True))
        dateline = _dateline(line)
        if dateline and not any(s <= line_start < e for s, e, _ in spans):
            spans.append((line_start, line_start + dateline.end(), True))
        lead = _CAPS_LEAD.match(line)
        if lead and line != line.upper() or lead and len(line.split()) == 1:
            if not any(s <= line_start < e for s, e, _ in spans):
                spans.append((line_start, line_start + lead.end(), True))
        if not any(line_start <= s < line_start + len(line) for s, _, _ in spans) and (
            _is_title_case_line(line)
        ):
            spans.append((line_start, line_start + len(line), False))
        line_start += len(line) + 1
    return sorted(spans)


def _dateline(line: str) -> re.Match[str] | None:
    """The all-caps dateline opening `line` ("WASHINGTON", "NEW YORK"), if there is one."""
    found = _DATELINE.match(line)
    if found and any(len(w) >= _MIN_DATELINE_WORD for w in found.group().split()):
        return found
    return None


def _dateline_dashes(text: str) -> list[tuple[int, int]]:
    """(start, end) of the dash that closes each line's dateline ("WASHINGTON (AP) —",
    "New York (AFP) –"), on lines that are not all capitals (a headline such as "RUGBY
    UNION - CUTTITTA BACK")."""
    dashes = []
    line_start = 0
    for line in text.split("\n"):
        dateline = _dateline(line) or _AGENCY_DATELINE.match(line)
        tail = dateline and _DATELINE_TAIL.match(line, dateline.end())
        if tail and line != line.upper():
            dashes.append((line_start + tail.start(1), line_start + tail.end(1)))
        line_start += len(line) + 1
    return dashes


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence: only marks, brackets or spaces since one.

    Walks back from `start` instead of stripping `text[:start]`, which copied the prefix
    for every word and made the pass quadratic in the article's length.
    """
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in "\n.!?:—"


def _observed_casings(
    text: str, loud: list[tuple[int, int, bool]], wanted: set[str]
) -> dict[str, str]:
    """Most frequent written form of each `wanted` word (lower case) outside the loud spans.

    Forms at the start of a sentence only count when a word never occurs elsewhere, since
    a sentence capitalises its first word whatever it is. Only the words of the loud
    spans are wanted: counting every word of a long article cost more than the rest.
    """
    pieces = []
    last = 0
    for start, end, _ in loud:
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    quiet_text = "".join(pieces)
    inner: dict[str, Counter[str]] = {}
    initial: dict[str, Counter[str]] = {}
    for match in _WORD.finditer(quiet_text):
        word = match.group()
        key = word.lower()
        if key not in wanted:
            continue
        forms = initial if _sentence_initial(quiet_text, match.start()) else inner
        forms.setdefault(key, Counter())[word] += 1
    known = {key: counts.most_common(1)[0][0] for key, counts in initial.items()}
    known.update({key: counts.most_common(1)[0][0] for key, counts in inner.items()})
    return known


def _lower_common_words(run: str, known: dict[str, str]) -> str:
    """A Title Case run with function words and words the text writes in lower case lowered."""
    out = []
    last = 0
    for i, match in enumerate(_WORD.finditer(run)):
        word = match.group()
        out.append(run[last : match.start()])
        seen = known.get(word.lower())
        common = (seen is not None and seen.islower()) or (
            seen is None and word.lower() in STOP_WORDS
        )
        out.append(word.lower() if i > 0 and common and len(word.lower()) == len(word) else word)
        last = match.end()
    out.append(run[last:])
    return "".join(out)


def prepare_for_parse(text: str, context: str = "") -> str:
    """Text to hand to spaCy instead of `text`: same length, headlines re-cased.

    A capitals headline is a run of three or more words in capitals (two when it is the
    whole line) that is not just a list of acronyms; a dateline is up to four capitalised
    words at the start of a line before a comma, bracket, dash or number. Each of their
    words takes the casing it has elsewhere in `text` or `context` (so acronyms written in
    capitals elsewhere stay in capitals), else lower case for function words and
    capitalised for the rest. A Title Case line ("Pompeo to Meet With Putin") keeps its
    capitals except on words the text writes in lower case and on function words. A body
    line's lead word in capitals before a colon ("SCHUMER: ...") or alone on its line
    ("MINGLING") is re-cased the same way. Pass the article body as `context` when
    preparing its title.

    The dash that closes a dateline becomes a full stop: the parser then reads the place
    as a sentence of its own. Otherwise it takes the place for the subject of the first
    sentence ("WASHINGTON (AP) — A report said ..." had Washington saying it) and the
    real subject for its apposition.
    """
    prepared = _recased(text, context)
    for start, end in _dateline_dashes(text):
        prepared = prepared[:start] + ".".ljust(end - start) + prepared[end:]
    return prepared


def _recased(text: str, context: str) -> str:
    """`text` with its capitals headlines, datelines and Title Case lines re-cased."""
    loud = _loud_spans(text)
    if not loud:
        return text
    wanted = {w.lower() for start, end, _ in loud for w in _WORD.findall(text, start, end)}
    known = _observed_casings(
        context + "\n" + text,
        [(s + len(context) + 1, e + len(context) + 1, c) for s, e, c in loud],
        wanted,
    )
    pieces = []
    last = 0
    for start, end, all_caps in loud:
        pieces.append(text[last:start])
        run = text[start:end]
        if all_caps:
            pieces.append(_recase_run(run, known, _sentence_initial(text, start)))
        else:
            pieces.append(_lower_common_words(run, known))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
