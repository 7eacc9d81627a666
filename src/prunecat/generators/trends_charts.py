"""The geometry of the /trends/ charts: stacked bars of counts or of shares, and one share series.

trends.py decides what is counted; this module turns the numbers into coordinates that
templates/trends.html draws as inline SVG. Everything here is plain data (no markup), rounded to
one decimal so that the SVG text is short and two builds give the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Chart geometry (SVG user units; the SVG scales to the page width).
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 26, 58
MAX_BAR = 46  # a few years must not turn into huge slabs
MIN_LABEL_GAP = 36  # horizontal room a year label needs
#: Years with fewer papers than this are drawn pale in the share charts: one paper is 100 %.
FEW = 10


@dataclass(frozen=True)
class Series:
    """One stacked series: a top-level category, or one of the two "no category" groups."""

    id: str
    name: str
    css: str  # colour class, see insights.css
    search: dict[str, str]  # search parameters selecting its papers (empty: not expressible)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def share_text(part: int, whole: int) -> str:
    """'49%'; a share that rounds to 0 or 100 but is not says so ('<1%', '>99%')."""
    value = percent(part, whole)
    if part and value == 0:
        return "<1%"
    if part < whole and value == 100:
        return ">99%"
    return f"{value}%"


def gap_note(years: list[int]) -> str:
    gaps = [(a + 1, b - 1) for a, b in zip(years, years[1:]) if b - a > 1]
    if not gaps:
        return ""
    spans = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in gaps)
    return f" (no papers, and so no bar, for {spans})"


def _nice_step(top: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most `ticks` steps up to `top`."""
    power = 1
    while True:
        for m in (1, 2, 5):
            if top <= m * power * ticks:
                return m * power
        power *= 10


def _num(x: float) -> str:
    """Coordinates with one decimal at most, so the SVG text is short and stable."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _segment(
    css: str,
    x: float,
    top: float,
    bar: float,
    height: float,
    year: int,
    series: Series,
    count: int,
    label: str,
    **extra,
) -> dict:
    """One segment of a stacked bar, as the templates draw it (counts and shares alike)."""
    geometry = {"x": _num(x), "y": _num(top), "width": _num(bar), "height": _num(height)}
    return {"css": css, **geometry, "year": year, "series": series, "count": count, "label": label, **extra}


def _slots(years: list[int]) -> tuple[float, float]:
    """Width of one year's slot and of its bar."""
    slot = (WIDTH - LEFT - RIGHT) / len(years)
    return slot, min(slot * 0.7, MAX_BAR)


def _frame(cid: str, title: str, desc: str, years: list[int], ticks: list[tuple[float, str]], y_title: str) -> dict:
    """What every chart has (trends.html draws it): size, grid lines with their labels, the year
    labels, the axis titles and the marks of left-out years."""
    bottom = HEIGHT - BOTTOM
    slot, _bar = _slots(years)
    every = max(1, math.ceil(MIN_LABEL_GAP / slot))  # label every n-th year when they are crowded
    n = len(years)
    return {
        "id": cid,
        "title": title,
        "desc": desc,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": bottom,
        "y_title": y_title,
        # the 100% line of a share chart is drawn stronger: stacks may rise above it (two categories)
        "ticks": [{"y": _num(y), "text_y": _num(y + 4), "text": text, "full": text == "100%"} for y, text in ticks],
        "years": [
            {
                # labelled counting from the latest year, which always gets its label
                "label": _num(LEFT + (i + 0.5) * slot) if (n - 1 - i) % every == 0 else None,
                "gap": _num(LEFT + i * slot) if i and year - years[i - 1] > 1 else None,  # years left out before it
                "year": year,
            }
            for i, year in enumerate(years)
        ],
        "x_title_x": _num(LEFT + (WIDTH - LEFT - RIGHT) / 2),
        "y_title_y": _num(TOP + (bottom - TOP) / 2),
        "columns": [],  # per year: its bars (rects) and the text above them (total)
        "n_row": None,  # share charts: the number of papers of each year, in a row above the bars
        "few": None,  # share charts: FEW when some year has fewer papers (its bars are pale)
    }


def stacked_chart(
    cid: str, title: str, desc: str, years: list[int], stacks: list[list[tuple[Series, int]]], totals: dict[int, int]
) -> dict:
    """Stacked bars of counts, the year's number of papers above each bar."""
    bottom = HEIGHT - BOTTOM
    tallest = max([sum(n for _s, n in stack) for stack in stacks] + [1])  # never divide by zero
    step = _nice_step(tallest)
    top_value = math.ceil(tallest / step) * step
    scale = (bottom - TOP) / top_value
    chart = _frame(
        cid, title, desc, years, [(bottom - v * scale, str(v)) for v in range(0, top_value + 1, step)], "Papers"
    )
    slot, bar = _slots(years)
    for i, (year, stack) in enumerate(zip(years, stacks)):
        x = LEFT + i * slot + (slot - bar) / 2
        base = 0
        column = {"rects": [], "total": None}
        chart["columns"].append(column)
        for s, n in stack:
            if not n:
                continue
            column["rects"].append(
                _segment(s.css, x, bottom - (base + n) * scale, bar, n * scale, year, s, n, f"{year}, {s.name}: {n}")
            )
            base += n
        if bar >= 14:  # the year's number of papers above its bar, where there is room
            column["total"] = {
                "x": _num(x + bar / 2),
                "y": _num(bottom - base * scale - 5),
                "year": year,
                "text": totals[year],
            }
    return chart


def share_stack_chart(
    cid: str, title: str, desc: str, years: list[int], stacks: list[list[tuple[Series, int]]], totals: dict[int, int]
) -> dict:
    """Stacked bars of shares: each segment is its count over the year's papers, so every bar is
    about 100 % high (more where papers are in two categories). The year's number of papers is
    written in a row above the plot, and years with fewer than FEW papers are drawn pale."""
    bottom = HEIGHT - BOTTOM
    tallest = max([100 * sum(n for _s, n in stack) / totals[y] for y, stack in zip(years, stacks)] + [100])
    top_value = math.ceil(tallest / 25 - 1e-9) * 25
    scale = (bottom - TOP) / top_value
    chart = _frame(
        cid,
        title,
        desc,
        years,
        [(bottom - v * scale, f"{v}%") for v in range(0, top_value + 1, 25)],
        "Share of the year's papers",
    )
    slot, bar = _slots(years)
    # n over every bar: across where a three-digit number fits, else upright (read bottom to top)
    show_n = slot >= 9
    upright = slot < 22
    chart["n_row"] = {"x": LEFT - 6, "y": TOP - 10, "marks": []} if show_n else None
    for i, (year, stack) in enumerate(zip(years, stacks)):
        x = LEFT + i * slot + (slot - bar) / 2
        whole = totals[year]
        few = " pc-c-few" if whole < FEW else ""
        base = 0.0
        column = {"rects": [], "total": None}
        chart["columns"].append(column)
        for s, n in stack:
            if not n:
                continue
            share = 100 * n / whole
            label = f"{year}, {s.name}: {share_text(n, whole)} ({n} of {whole} papers)"
            column["rects"].append(
                _segment(
                    s.css + few,
                    x,
                    bottom - (base + share) * scale,
                    bar,
                    share * scale,
                    year,
                    s,
                    n,
                    label,
                    total=whole,
                    share=share_text(n, whole),
                )
            )
            base += share
        if show_n:
            middle = x + bar / 2
            chart["n_row"]["marks"].append(
                {
                    "x": _num(middle + 3.5 if upright else middle),  # upright: centre the glyphs' height
                    "y": _num(TOP - 4 if upright else TOP - 10),
                    "upright": upright,
                    "year": year,
                    "text": whole,
                }
            )
    return chart


def code_chart(
    cid: str, title: str, desc: str, years: list[int], coded: dict[int, int], totals: dict[int, int]
) -> dict:
    """One bar per year, as high as its share of papers with code."""
    bottom = HEIGHT - BOTTOM
    scale = (bottom - TOP) / 100
    chart = _frame(
        cid, title, desc, years, [(bottom - v * scale, f"{v}%") for v in range(0, 101, 25)], "Share with code"
    )
    slot, bar = _slots(years)
    for i, year in enumerate(years):
        share = percent(coded[year], totals[year])
        x = LEFT + i * slot + (slot - bar) / 2
        height = 100 * coded[year] / totals[year] * scale if totals[year] else 0
        column = {"rects": [], "total": None}
        chart["columns"].append(column)
        column["rects"].append(
            {
                "css": "pc-c-code",
                "x": _num(x),
                "y": _num(bottom - height),
                "width": _num(bar),
                "height": _num(height),
                "year": year,
                "count": coded[year],
                "total": totals[year],
                "share": share,
                "label": f"{year}: {coded[year]} of {totals[year]} papers with code ({share}%)",
            }
        )
        if bar >= 22:
            column["total"] = {
                "x": _num(x + bar / 2),
                "y": _num(bottom - height - 5),
                "year": year,
                "text": f"{share}%",
            }
    return chart
