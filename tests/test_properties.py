"""Property-based tests: arbitrary input never raises, and every emitted span is exact.

Date parsing, quote extraction, entity merging and the read stage's parsers are fed
hypothesis-generated text (and bytes); cleaning's properties live in test_clean.py and
entity extraction's in test_entities.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbeam.transforms.annotate import annotate
from newsbeam.transforms.dataset import schema
from newsbeam.transforms.dates import find_publication_date
from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.entities.clusters import cluster_mentions
from newsbeam.transforms.entities.mentions import FoundMention
from newsbeam.transforms.formats import date_in_line, date_in_url, parse_date_value
from newsbeam.transforms.formats.common import authors_of
from newsbeam.transforms.read import parse_file
from newsbeam.transforms.records import Article
from tests.conftest import INGESTED

#: Pieces dates are written with, so generated strings often come close to a date.
_DATE_PIECES = st.sampled_from(
    "0 1 9 12 31 2019 1999 0001 9999 - / : . , T Z + +05:00 -05:00 GMT UTC March Sept May "
    "Mon Tuesday on Published Updated by | at PM a.m. 1st 3rd  \n".split(" ")
)
_ZONES = st.sampled_from(["", "Z", " UTC", "+05:00", "-05:00", "+1400", "-12:00", " GMT"])
#: ISO 8601 and RFC 2822 shapes with any numbers: the edges of the calendar included.
_ISO = st.builds(
    "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}".format,
    st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32),
    st.integers(0, 25), st.integers(0, 61), st.integers(0, 61), _ZONES,
)  # fmt: skip
_RFC_2822 = st.builds(
    "Mon, {:02d} Jan {:04d} 23:59:59{}".format, st.integers(0, 32), st.integers(0, 9999), _ZONES
)
_DATE_TEXT = st.one_of(
    st.text(max_size=60), st.lists(_DATE_PIECES, max_size=14).map("".join), _ISO, _RFC_2822
)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        _DATE_TEXT,
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.none(),
        st.booleans(),
        st.lists(st.integers(), max_size=2),
    )
)
def test_date_values_never_raise_and_are_instants(value):
    """Dates keep the offset their source states (the partition is the local day), and
    every one is an instant that exists in UTC too."""
    when = parse_date_value(value)
    assert when is None or when.astimezone(dt.timezone.utc).utcoffset() == dt.timedelta(0)


@settings(max_examples=300, deadline=None)
@given(_DATE_TEXT)
def test_datelines_and_url_dates_never_raise(text):
    for day in (date_in_line(text), date_in_url(text), date_in_url("https://x.example/" + text)):
        assert day is None or isinstance(day, dt.date)


@settings(max_examples=200, deadline=None)
@given(
    _DATE_TEXT,
    _DATE_TEXT,
    st.one_of(st.none(), _DATE_TEXT),
    st.datetimes(timezones=st.just(dt.timezone.utc)),
)
def test_found_publication_date_is_never_after_ingestion(head, body, url, published):
    article = Article(
        "a",
        "/in/2019/05/04/a.txt",
        INGESTED,
        text=f"{head}\n{body}",
        url=url,
        published_at=published,
        date_source="metadata",
    )
    when, source = find_publication_date(article)
    assert (when is None) == (source == "ingested")
    assert when is None or when <= INGESTED
    if when is not None:
        assert schema.is_safe_partition(schema.date_partition(when.date()))


_QUOTE_WORDS = st.sampled_from(
    [
        "“", "”", '"', "‘", "’", "'", "«", "»", "said", "says", "told", "added", "according",
        "to", "that", "Andrew", "Weiss", "Mayor", "Ellen", "Marsh", "the", "council", "It",
        "is", "a", "plan", "we", "will", "build", ",", ".", ":", "\n", "\n\n", "He", "she",
        "Reuters", "Smith", "(", ")", "—",
    ]
)  # fmt: skip


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_QUOTE_WORDS, min_size=1, max_size=50), st.lists(_QUOTE_WORDS, max_size=6))
def test_quotes_never_raise_and_every_span_is_exact(nlp, words, title_words):
    text = " ".join(words).strip() or "."
    article = Article("a", "a.txt", INGESTED, title=" ".join(title_words), text=text)
    (result,) = list(annotate(nlp, [article]))
    assert isinstance(result, Article), result
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text and quote.text.strip()
        if quote.speaker_mention is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention
        if quote.cue is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


_NAMES = st.sampled_from(
    ["Weiss", "Andrew Weiss", "Andrew", "Mr. Weiss", "NSC", "National Security Council",
     "U.S.", "United States", "Apple", "Apple Inc.", "the Council", "Smith", "John Smith",
     "Mary Smith", "Trump", "Trump Organization", "", " ", "A", "a b c d"]
)  # fmt: skip
_MENTIONS = st.lists(
    st.builds(
        FoundMention,
        start=st.integers(0, 500),
        end=st.integers(0, 500),
        text=st.one_of(_NAMES, st.text(max_size=20)),
        label=st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "NORP"]),
        from_model=st.booleans(),
        in_title=st.booleans(),
        sentence=st.integers(0, 10),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(_MENTIONS)
def test_merging_puts_every_mention_in_one_entity_or_leaves_out_a_shared_surname(mentions):
    """cluster_mentions' contract: no mention in two entities, and a mention left out
    only when it is a lone word of a person's name that two full names of the article
    end with ("Smith" beside "John Smith" and "Mary Smith": guessing who would merge
    two people)."""
    clusters = cluster_mentions(mentions)
    key = lambda m: (m.start, m.end, m.text, m.sentence)  # noqa: E731 (labels may change)
    merged = Counter(key(m) for group in clusters for m in group)
    given = Counter(key(m) for m in mentions)
    assert not merged - given
    assert all(clusters)
    for _, _, text, _ in given - merged:
        full_names = {
            m.text.split()[0]
            for m in mentions
            if len(m.text.split()) >= 2 and m.text.split()[-1] == text
        }
        assert len(text.split()) == 1 and len(full_names) >= 2, text


def _encodable(article: Article) -> bool:
    """Whether Beam's coders and Parquet can encode every string of `article`."""
    strings = [v for v in vars(article).values() if isinstance(v, str)] + article.authors
    try:
        "".join(strings).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["a.txt", "a.html", "a.json", "a.jsonl", "a.warc", "a.gz", "-a b.txt"]),
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
)
def test_any_bytes_give_articles_that_can_be_written_or_a_rejection(name, data):
    try:
        parsed = parse_file(f"/in/{name}", data, INGESTED, max_bytes=10_000)
    except RejectedInput:
        return
    assert parsed.records > 0
    assert all(_encodable(a) for a in parsed.articles)


_JSON_STRINGS = st.text(max_size=40)  # json.dumps escapes lone surrogates as \\udXXX
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _JSON_STRINGS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_JSON_STRINGS, inner, max_size=3),
    max_leaves=8,
)
_RECORDS = st.fixed_dictionaries(
    {},
    optional={
        key: st.one_of(_JSON_STRINGS, _JSON_VALUES)
        for key in ("title", "maintext", "text", "url", "date_publish", "authors", "publisher")
    },
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_RECORDS, _JSON_VALUES), min_size=1, max_size=5), st.booleans())
def test_every_json_record_becomes_an_article_or_a_dead_letter(records, as_lines):
    data = "\n".join(json.dumps(r) for r in records) if as_lines else json.dumps(records)
    try:
        parsed = parse_file("/in/feed.jsonl", data.encode(), INGESTED)
    except RejectedInput:
        return
    assert all(_encodable(a) for a in parsed.articles)
    if not as_lines and isinstance(records[0], dict):  # `[{` is sniffed as JSON
        assert len(parsed.articles) + len(parsed.errors) == len(records)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.text(max_size=30), max_size=5)))
def test_authors_never_raise(value):
    assert all(name and name == name.strip() for name in authors_of(value))
