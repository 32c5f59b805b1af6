"""The report's HTML page: Vega-Lite charts built with altair, drawn offline.

The page carries everything it needs: the Vega, Vega-Lite and Vega-Embed JavaScript
that vl-convert ships (bundled into one script), the chart specs with their data, and
the tables. Article text is untrusted input: tables go through Jinja's autoescape, and
chart data is JSON with `<`, `>` and `&` escaped, so no title or quote can close a
script or open a tag.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import altair as alt
import jinja2
import vl_convert
from markupsafe import Markup

from newsbeam import __version__
from newsbeam.report.data import ReportData, time_bin

#: Heading of each entity ranking, keyed like `report.ENTITY_GROUPS`.
ENTITY_HEADINGS = {"people": "People", "organisations": "Organisations", "places": "Places"}

#: No "open in editor" or "view source" links (they point at the web); exporting works offline.
EMBED_OPTIONS = {
    "mode": "vega-lite",
    "renderer": "svg",
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}

#: Days the time chart spans at least when it has a bar per day.
MIN_DAYS = 14

#: Vega-Lite time unit and axis label format of each bar width (`data.time_bin`).
TIME_UNITS = {
    "day": ("utcyearmonthdate", "%b %d"),
    "week": ("utcyearweek", "%b %d"),
    "month": ("utcyearmonth", "%b %Y"),
}

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _values(rows: list[dict[str, Any]]) -> alt.Data:
    return alt.Data(values=[{k: _plain(v) for k, v in row.items()} for row in rows])


def _count_axis(largest: int) -> alt.Axis:
    """Whole-number ticks: Vega would label a 0..1 axis 0, 0.5, 1 (tickMinStep does not
    stop it), so small counts get their ticks listed; from 6 on Vega picks them (listing
    up to 10 crowded the labels of a third-of-the-page chart)."""
    if largest <= 5:
        return alt.Axis(format="d", values=list(range(largest + 1)))
    return alt.Axis(format="d", tickMinStep=1)


def time_bins(data: ReportData) -> str:
    """The time chart's bar width: day, week or month, from the span of the dated articles."""
    days = [row["date"] for row in data.per_day]
    return time_bin(min(days), max(days))


def _busiest_bin(rows: list[dict[str, Any]], count: str, bins: str) -> int:
    """The most `count` in one bar (day, week from Sunday as Vega counts, or month)."""
    per_bin: dict[Any, int] = {}
    for row in rows:
        day = row["date"]
        if bins == "week":
            day -= dt.timedelta(days=(day.weekday() + 1) % 7)
        elif bins == "month":
            day = day.replace(day=1)
        per_bin[day] = per_bin.get(day, 0) + row[count]
    return max(per_bin.values())


def _ranking(rows: list[dict[str, Any]], label: str, count: str, tooltip: list[str]) -> alt.Chart:
    """Horizontal bars, longest first, one row per name."""
    return (
        alt.Chart(_values(rows))
        .mark_bar()
        .encode(
            x=alt.X(f"{count}:Q", title=count, axis=_count_axis(max(r[count] for r in rows))),
            y=alt.Y(f"{label}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=150)),
            tooltip=tooltip,
        )
        .properties(width="container", height=alt.Step(18))
    )


def _day_domain(per_day: list[dict[str, Any]]) -> list[alt.DateTime]:
    """At least two weeks up to the last day, so that a few days do not make wall-wide bars."""
    last = max(row["date"] for row in per_day)
    first = min(min(row["date"] for row in per_day), last - dt.timedelta(days=MIN_DAYS - 1))
    end = last + dt.timedelta(days=1)
    return [alt.DateTime(year=d.year, month=d.month, date=d.day, utc=True) for d in (first, end)]


def _over_time(
    data: ReportData, rows: list[dict[str, Any]], count: str, by: alt.Color, height: int
) -> alt.Chart:
    """`count` of `rows` per day, week or month (by the span of the dated articles: the
    same bars in every chart over time), stacked `by` a colour."""
    bins = time_bins(data)
    unit, label_format = TIME_UNITS[bins]
    scale = alt.Scale(domain=_day_domain(data.per_day)) if bins == "day" else alt.Undefined
    return (
        alt.Chart(_values(rows))
        .mark_bar()
        .encode(
            x=alt.X(
                f"{unit}(date):T",
                title=bins,
                scale=scale,
                axis=alt.Axis(format=label_format, labelOverlap=True),
            ),
            y=alt.Y(
                f"sum({count}):Q",
                title=count,
                axis=_count_axis(_busiest_bin(rows, count, bins)),
            ),
            color=by,
            tooltip=[
                alt.Tooltip(f"{unit}(date):T", title=bins, format="%Y-%m-%d"),
                f"{by.shorthand}",
                alt.Tooltip(f"sum({count}):Q", title=count),
            ],
        )
        .properties(width="container", height=height)
    )


def _time_chart(data: ReportData) -> alt.Chart:
    """Dated articles per day, week or month (by the span), stacked by topic."""
    return _over_time(data, data.per_day, "articles", _topic_colors(data), 220)


def _topic_colors(data: ReportData, legend: bool = True) -> alt.Color:
    """One colour per topic, the same in the time chart and the undated bar (whose
    topics the time chart's legend then lists too)."""
    topics = sorted({row["topic"] for row in [*data.per_day, *data.undated]})
    return alt.Color(
        "topic:N",
        title="topic",
        # 20 colours: the 17 IPTC topics and `other` each get their own (Vega's default
        # 10 gave politics and conflict-war-peace the same orange).
        scale=alt.Scale(domain=topics, scheme="tableau20"),
        legend=alt.Legend() if legend else None,
    )


def _undated_chart(data: ReportData) -> alt.Chart:
    """The undated articles as one bar, by topic: apart from the time axis, where their
    ingestion day would pass for a publication date. The legend is the time chart's
    when there is one."""
    rows = [{**row, "what": "undated"} for row in data.undated]
    return (
        alt.Chart(_values(rows))
        .mark_bar()
        .encode(
            x=alt.X(
                "sum(articles):Q",
                title="articles",
                axis=_count_axis(sum(r["articles"] for r in rows)),
            ),
            y=alt.Y("what:N", title=None),
            color=_topic_colors(data, legend=not data.per_day),
            tooltip=["topic:N", "articles:Q"],
        )
        .properties(width="container", height=alt.Step(24))
    )


#: Genders in the gender chart, with colours that stay apart for colour-blind readers.
GENDER_COLORS = {"female": "#d35f8d", "male": "#2f6fb0", "unknown": "#a9b3bd"}


def _gender_chart(data: ReportData) -> alt.Chart:
    """Quotes of named people per day, week or month (the time chart's bars), stacked by
    the gender their articles give them."""
    colors = alt.Scale(domain=list(GENDER_COLORS), range=list(GENDER_COLORS.values()))
    by = alt.Color("gender:N", title="gender", scale=colors)
    return _over_time(data, data.voices.by_gender, "quotes", by, 160)


def chart_specs(data: ReportData) -> dict[str, dict[str, Any]]:
    """Vega-Lite specs by chart id; a section with no rows gets no chart."""
    charts: dict[str, alt.TopLevelMixin] = {}
    if data.per_day:
        charts["chart-over-time"] = _time_chart(data)
    if data.undated:
        charts["chart-undated"] = _undated_chart(data)
    for group, rows in data.entities.items():
        if rows:
            charts[f"chart-{group}"] = _ranking(
                rows, "name", "articles", ["name:N", "articles:Q", "mentions:Q"]
            )
    if data.speakers:
        charts["chart-speakers"] = _ranking(
            data.speakers,
            "speaker",
            "quotes",
            ["speaker:N", "type:N", "quotes:Q", "articles:Q"],
        )
    if data.per_day and data.voices.by_gender:
        charts["chart-gender"] = _gender_chart(data)
    if data.voices.sources:
        charts["chart-sources"] = _ranking(
            data.voices.sources, "source", "quotes", ["source:N", "quotes:Q"]
        )
    if data.errors:
        kinds = [{**row, "kind": f"{row['stage']}: {row['error']}"} for row in data.errors]
        charts["chart-errors"] = _ranking(kinds, "kind", "errors", ["kind:N", "errors:Q"])
    specs = {}
    for chart_id, chart in charts.items():
        spec = chart.to_dict()
        spec.pop("$schema", None)
        specs[chart_id] = spec
    return specs


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, no `<!--`."""
    return json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPES)


@functools.cache
def vega_javascript() -> str:
    """Vega, Vega-Lite (the version altair writes) and Vega-Embed as one inline script that
    defines `window.vegaEmbed`."""
    version = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    bundle = vl_convert.javascript_bundle("window.vegaEmbed = vegaEmbed;", vl_version=version)
    return bundle.replace("</script", "<\\/script")


def render_page(data: ReportData, output: str) -> str:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("newsbeam.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    template = environment.get_template("report.html")
    return template.render(
        data=data,
        output=output,
        scope=data.selection.describe(),
        time_bins=time_bins(data) if data.per_day else None,
        entity_headings=ENTITY_HEADINGS,
        specs_json=Markup(script_json(chart_specs(data))),
        embed_json=Markup(script_json(EMBED_OPTIONS)),
        vega_js=Markup(vega_javascript()),
        version=__version__,
        generated=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )
