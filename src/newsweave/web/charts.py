"""Geometry of the server-rendered SVG charts: numbers and labels only, drawn by the templates
(templates/charts.html), so every label goes through Jinja's escaping like any other text.

Three charts: an event's articles on a time axis, one lane per language; an entity's mentions
per day (or week, or month) stacked by language; a storyline's events as bars from their first
to their last article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

WIDTH = 720
LEFT, RIGHT, TOP = 64, 20, 10
LANE = 30
AXIS = 30
PALETTE = 8  # CSS classes c0..c7 (static/style.css)
MIN_DAYS = 7  # a mention histogram spans at least a week
MAX_BAR = 48.0
LABEL_WIDTH = 90  # px a date label needs on the time axis


@dataclass
class Tick:
    x: float
    label: str
    anchor: str = "middle"


@dataclass
class Chart:
    width: int
    height: int
    ticks: list[Tick] = field(default_factory=list)
    axis_y: float = 0.0
    lanes: list[dict] = field(default_factory=list)
    dots: list[dict] = field(default_factory=list)
    bars: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    undated: int = 0
    label: str = ""


def colour_classes(langs: list[str | None]) -> dict[str | None, str]:
    """One colour class per language, in the order given (stable within a page)."""
    return {lang: f"c{i % PALETTE}" for i, lang in enumerate(dict.fromkeys(langs))}


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _ticks(t0: datetime, t1: datetime, x_of, count: int = 5) -> list[Tick]:
    span = (t1 - t0).total_seconds()
    if span <= 0:
        return [Tick(x_of(t0), t0.strftime("%Y-%m-%d %H:%M"))]
    fmt = "%H:%M" if span < 86400 else "%m-%d %H:%M" if span < 4 * 86400 else "%Y-%m-%d"
    ticks = []
    for i in range(count):
        moment = t0 + timedelta(seconds=span * i / (count - 1))
        ticks.append(Tick(x_of(moment), moment.strftime(fmt),
                          "start" if i == 0 else "end" if i == count - 1 else "middle"))
    return ticks


def _x_axis(moments: list[datetime]):
    t0, t1 = min(moments), max(moments)
    span = (t1 - t0).total_seconds()
    inner = WIDTH - LEFT - RIGHT

    def x_of(moment: datetime) -> float:
        if span <= 0:
            return LEFT + inner / 2
        return round(LEFT + (moment - t0).total_seconds() / span * inner, 1)

    return t0, t1, x_of


def article_timeline(items: list[dict], colours: dict[str | None, str]) -> Chart | None:
    """Items: {"lang", "published", "title", "href", "copy"}; one lane per language, one dot per
    dated article (hollow for a syndicated copy). None when no article is dated."""
    dated = [dict(item, published=_utc(item["published"])) for item in items if item["published"]]
    if not dated:
        return None
    langs = list(dict.fromkeys(item["lang"] for item in dated))
    t0, t1, x_of = _x_axis([item["published"] for item in dated])
    lane_y = {lang: TOP + LANE * i + LANE / 2 for i, lang in enumerate(langs)}
    chart = Chart(width=WIDTH, height=TOP + LANE * len(langs) + AXIS, axis_y=TOP + LANE * len(langs),
                  undated=len(items) - len(dated), label="Articles over time, one row per language")
    chart.lanes = [{"y": lane_y[lang], "lang": lang, "label": lang or "??", "cls": colours.get(lang, "c0")}
                   for lang in langs]
    placed: dict[str | None, list[float]] = {}
    for item in sorted(dated, key=lambda i: i["published"]):
        x = x_of(item["published"])
        near = sum(1 for other in placed.setdefault(item["lang"], []) if abs(other - x) < 9)
        placed[item["lang"]].append(x)
        offset = ((near + 1) // 2) * 7 * (1 if near % 2 else -1) if near else 0  # stagger dots that touch
        chart.dots.append({"x": x, "y": lane_y[item["lang"]] + max(-11, min(11, offset)),
                           "cls": colours.get(item["lang"], "c0") + (" copy" if item.get("copy") else ""),
                           "title": item["title"], "when": item["published"].strftime("%Y-%m-%d %H:%M"),
                           "href": item["href"], "lang": item["lang"]})
    chart.ticks = _ticks(t0, t1, x_of)
    return chart


def _bucket(moment: datetime, unit: str) -> datetime:
    moment = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "week":
        return moment - timedelta(days=moment.weekday())
    if unit == "month":
        return moment.replace(day=1)
    return moment


def _next(moment: datetime, unit: str) -> datetime:
    if unit == "month":
        return (moment.replace(day=28) + timedelta(days=4)).replace(day=1)
    return moment + timedelta(days=7 if unit == "week" else 1)


def mention_histogram(mentions: list[tuple[datetime | None, str | None]],
                      colours: dict[str | None, str]) -> Chart | None:
    """Mentions as (publication date of the article, its language), counted per day (per week
    beyond 90 days, per month beyond two years), stacked by language."""
    dated = [(_utc(moment), lang) for moment, lang in mentions if moment]
    if not dated:
        return None
    first, last = min(m for m, _ in dated), max(m for m, _ in dated)
    span_days = (last - first).days
    unit = "day" if span_days <= 90 else "week" if span_days <= 730 else "month"
    counts: dict[datetime, dict[str | None, int]] = {}
    for moment, lang in dated:
        bucket = counts.setdefault(_bucket(moment, unit), {})
        bucket[lang] = bucket.get(lang, 0) + 1
    buckets, moment = [], _bucket(first, unit)
    if unit == "day" and span_days < MIN_DAYS - 1:  # a few days of context around a short burst
        pad = (MIN_DAYS - 1 - span_days) // 2
        moment, last = moment - timedelta(days=pad), last + timedelta(days=MIN_DAYS - 1 - span_days - pad)
    while moment <= last:
        buckets.append(moment)
        moment = _next(moment, unit)
    plot_height = 120
    top = max(sum(c.values()) for c in counts.values())
    inner = WIDTH - LEFT - RIGHT
    step = inner / len(buckets)
    chart = Chart(width=WIDTH, height=TOP + plot_height + AXIS, axis_y=TOP + plot_height,
                  undated=len(mentions) - len(dated), label=f"Mentions per {unit}, by language")
    langs = list(dict.fromkeys(lang for _, lang in dated))
    for i, bucket in enumerate(buckets):
        y = TOP + plot_height
        for lang in langs:
            n = counts.get(bucket, {}).get(lang, 0)
            if not n:
                continue
            h = n / top * plot_height
            y -= h
            width = min(MAX_BAR, max(1.0, step * 0.8))
            chart.bars.append({"x": round(LEFT + i * step + (step - width) / 2, 1), "y": round(y, 1),
                               "w": round(width, 1), "h": round(h, 1),
                               "cls": colours.get(lang, "c0"),
                               "title": f"{bucket.strftime('%Y-%m-%d')} {lang or '??'}: {n}"})
    fmt = "%Y-%m" if unit == "month" else "%Y-%m-%d"
    every = max(1, -(-len(buckets) * LABEL_WIDTH // inner))  # labels at least LABEL_WIDTH apart
    shown = list(range(0, len(buckets), every))
    chart.ticks = [Tick(round(LEFT + (i + 0.5) * step, 1), buckets[i].strftime(fmt)) for i in shown]
    chart.lanes = [{"y": TOP, "label": str(top)}, {"y": TOP + plot_height, "label": "0"}]
    chart.legend = [{"lang": lang, "cls": colours.get(lang, "c0")} for lang in langs]
    return chart


def event_bars(events: list[dict]) -> Chart | None:
    """Events {"first", "last", "size", "href", "title", "n"} as bars on one time axis, one row
    each, in the order given."""
    dated = [e for e in events if e["first"]]
    if not dated:
        return None
    moments = [_utc(e["first"]) for e in dated] + [_utc(e["last"] or e["first"]) for e in dated]
    t0, t1, x_of = _x_axis(moments)
    row = 22
    chart = Chart(width=WIDTH, height=TOP + row * len(dated) + AXIS, axis_y=TOP + row * len(dated),
                  undated=len(events) - len(dated), label="Events of the storyline over time")
    for i, event in enumerate(dated):
        x0, x1 = x_of(_utc(event["first"])), x_of(_utc(event["last"] or event["first"]))
        chart.bars.append({"x": x0 - 3, "y": TOP + row * i + 4, "w": max(6.0, x1 - x0 + 6), "h": row - 8,
                           "cls": f"c{i % PALETTE}", "title": event["title"], "href": event["href"],
                           "n": event["n"]})
        chart.lanes.append({"y": TOP + row * i + row / 2, "label": f"{event['n']}"})
    chart.ticks = _ticks(t0, t1, x_of)
    return chart
