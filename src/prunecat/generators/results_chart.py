"""The charts of a benchmark page: its metric (or the change from the dense baseline) against one
compression measure each, one point per result, and the Pareto front.

The frame, the ticks and the front are inline SVG; the points are HTML links laid over it at the
same coordinates (in percent of the chart, so they follow its scaling), because Material's instant
navigation rewrites every `[href]` as an HTML link's and fails on an SVG `<a>`.

results.py decides what is charted (results.Chart); this module finds the front and turns the numbers into SVG
coordinates that templates/benchmark.html draws (plain data, no markup), rounded to one decimal so
that two builds give the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..urls import href, paper_url

if TYPE_CHECKING:
    from .results import Benchmark, Chart

# Chart geometry (SVG user units; the SVG scales to the page width).
WIDTH, HEIGHT = 720, 380
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 58


@dataclass
class Point:
    """One charted result: x a fraction removed (0..1), y the value or the change."""

    x: float
    y: float
    row: Any  # results.Row
    front: bool = False  # on the Pareto front


def number_text(value: float, unit: str = "") -> str:
    """74.98 -> '74.98%': at most four decimals, no trailing zeros, no exponent."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return (text if text != "-0" else "0") + unit


def fraction_text(value: float) -> str:
    """0.875 -> '87.5%'."""
    return number_text(round(100 * value, 2), "%")


def pareto_front(points: list[Point], higher_is_better: bool) -> list[Point]:
    """Mark and return the points no other point beats: none has at least as much compression and a
    y at least as good, one of the two strictly. Sorted by compression, least first."""
    sign = 1 if higher_is_better else -1
    best = -math.inf  # the best y (times sign) among points with more compression
    front = []
    for x in sorted({p.x for p in points}, reverse=True):
        same = [p for p in points if p.x == x]
        top = max(sign * p.y for p in same)
        for p in same:
            p.front = sign * p.y == top and top > best
        front.extend(p for p in same if p.front)
        best = max(best, top)
    return sorted(front, key=lambda p: (p.x, sign * p.y))


def _nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` steps over `span`."""
    raw = span / ticks if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw - 1e-12)


def _range(values: list[float], low: float | None = None, high: float | None = None) -> tuple[float, float, float]:
    """Tick-aligned bounds around `values` (within low..high where given) and the step."""
    lo, hi = min(values), max(values)
    step = _nice_step(hi - lo) if hi > lo else _nice_step(abs(hi) or 1.0)
    start, end = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    # a little room on each side, so no point sits on the frame
    if lo - start < step / 4:
        start -= step
    if end - hi < step / 4:
        end += step
    if low is not None:
        start = max(start, low)
    if high is not None:
        end = min(end, high)
    return start, end, step


def _num(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _tick_text(value: float, step: float, unit: str = "") -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    text = f"{value:.{decimals}f}"
    if not text.strip("-0."):
        text = "0"
    return text.replace("-", "−") + unit  # a real minus sign


def chart(bench: Benchmark, one: Chart, at: str) -> dict:
    """The chart `one` of `bench` (it has points): frame, ticks, points, the front, the description."""
    points = one.points
    metric = bench.metric
    unit = " pp" if one.y_delta and metric.unit == "%" else ("" if one.y_delta else metric.unit)
    x0, x1, xstep = _range([100 * p.x for p in points], 0, 100)
    ys = [p.y for p in points] + ([0.0] if one.y_delta else [])  # the dense baseline stays in view
    y0, y1, ystep = _range(ys)
    bottom, right = HEIGHT - BOTTOM, WIDTH - RIGHT

    def sx(x: float) -> float:
        return LEFT + (100 * x - x0) / (x1 - x0) * (right - LEFT)

    def sy(y: float) -> float:
        return bottom - (y - y0) / (y1 - y0) * (bottom - TOP)

    direction = "higher" if metric.higher_is_better else "lower"
    y_text = "change" if one.y_delta else metric.name.lower()
    drawn = []
    for i, p in enumerate(sorted(points, key=lambda p: (p.x, p.y, p.row.paper.key))):
        r = p.row.result
        x_text, y_val = fraction_text(p.x), signed_text(p.y, unit) if one.y_delta else number_text(p.y, metric.unit)
        who = f", reproduced by {p.row.reproduced_name}" if r.reproduced_by else ""
        drawn.append(
            {
                "cx": _num(sx(p.x)),
                "cy": _num(sy(p.y)),
                # the point is an HTML link laid over the SVG, placed in percent of the chart's size:
                # Material's instant navigation cannot handle links inside SVG (it assigns a.href)
                "left": f"{100 * sx(p.x) / WIDTH:.2f}%",
                "top": f"{100 * sy(p.y) / HEIGHT:.2f}%",
                "url": href(at, paper_url(p.row.paper.key)),
                "key": p.row.paper.key,
                "method": p.row.method,
                "x": x_text,
                "y": y_val,
                "front": p.front,
                "reproduced": bool(r.reproduced_by),
                "label": f"{p.row.method} ({p.row.paper.year}{who}): {one.x_words} {x_text}, {y_text} {y_val}"
                + (", on the Pareto front" if p.front else ""),
                "n": i + 1,
            }
        )
    front = sorted((p for p in points if p.front), key=lambda p: p.x)
    on_front = [d for d in drawn if d["front"]]
    desc = (
        f"Scatter plot of {len(points)} results on {bench.name}: {one.y_name.lower()} ({direction} is better) "
        f"against {one.x_words}. Each point links to its paper. The Pareto front, the best "
        f"{y_text} for at least as much compression, joins "
        + "; ".join(f"{d['method']} at {d['x']} ({d['y']})" for d in sorted(on_front, key=lambda d: d["x"]))
        + "."
    )
    x_ticks = [x0 + i * xstep for i in range(int(round((x1 - x0) / xstep)) + 1) if x0 + i * xstep <= x1 + 1e-9]
    y_ticks = [y0 + i * ystep for i in range(int(round((y1 - y0) / ystep)) + 1)]
    return {
        "id": f"pc-r-{bench.id}-{one.x_field}",
        "heading": one.heading,
        "y_delta": one.y_delta,
        "title": f"{bench.name}: {one.y_name.lower()} against {one.x_words}",
        "desc": desc,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": right,
        "top": TOP,
        "bottom": bottom,
        "x_title": f"{one.x_name} (%)",
        "y_title": f"{one.y_name}, {direction} is better",
        "x_title_x": _num(LEFT + (right - LEFT) / 2),
        "y_title_y": _num(TOP + (bottom - TOP) / 2),
        "x_ticks": [{"x": _num(sx(v / 100)), "text": _tick_text(v, xstep, "%")} for v in x_ticks],
        "y_ticks": [{"y": _num(sy(v)), "text_y": _num(sy(v) + 4), "text": _tick_text(v, ystep)} for v in y_ticks],
        "zero": _num(sy(0.0)) if one.y_delta else None,
        "points": drawn,
        "front": " ".join(f"{_num(sx(p.x))},{_num(sy(p.y))}" for p in front),
        "x_name": one.x_name,
        "x_words": one.x_words,
        "y_name": one.y_name,
    }


def signed_text(value: float, unit: str) -> str:
    """+1.5 pp, −0.4 pp, ±0 pp (a real minus sign)."""
    if value == 0:
        return "±0" + unit
    return ("+" if value > 0 else "−") + number_text(abs(value), unit)
