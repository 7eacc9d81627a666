"""The /trends/ page: how the catalog's papers spread over the years.

For each of the survey's five axes, a stacked bar chart counts the papers of every year by
top-level category (a sub-category's papers count for its parent), with the papers checked and
fitting no category and the papers not yet labelled as series of their own, so a reader sees how
much of each bar is known. A last chart gives the share of papers with a recorded code release.

The charts are inline SVG drawn at build time by templates/trends.html from the geometry computed
here: no script, no chart library, no request.
Each chart has a title and a description for assistive technology and is followed by the same
numbers as a table. Colours come from CSS classes (docs/assets/insights.css) so that the light and
the dark colour scheme each get a readable palette. The output depends only on the catalog: no
dates, no random ids, everything in a fixed order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jinja2 import Environment

from ..model import Catalog, Paper
from ..taxonomy import Axis
from ..templating import environment
from ..urls import TRENDS as AT  # the page's own URL, for relative links
from ..urls import axis_url, href, search_url

# Chart geometry (SVG user units; the SVG scales to the page width).
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 26, 58
MAX_BAR = 46  # a few years must not turn into huge slabs
MIN_LABEL_GAP = 36  # horizontal room a year label needs

UNLABELLED = "unlabelled"  # series id of the papers without a label on the axis
NO_CATEGORY = "no-category"  # series id of the papers labelled [none] (checked, nothing applies)


@dataclass(frozen=True)
class Series:
    """One stacked series: a top-level category, or one of the two "no category" groups."""

    id: str
    name: str
    css: str  # colour class, see insights.css
    search: dict[str, str]  # search parameters selecting its papers (empty: not expressible)


def trends_page(catalog: Catalog, env: Environment | None = None) -> str:
    """The page, from templates/trends.html (its prose and markup) and the charts computed here."""
    papers = catalog.papers
    context: dict = {"papers": len(papers)}
    if papers:
        years = sorted({p.year for p in papers})
        per_year = _year_totals(papers, years)
        with_code = sum(1 for p in papers if p.code)
        context.update(
            first=years[0],
            last=years[-1],
            busiest=max(years, key=lambda y: (per_year[y], y)),  # on a tie, the later year
            axes=[_axis_section(catalog, axis, years) for axis in catalog.taxonomy.axes],
            with_code=with_code,
            code_share=_percent(with_code, len(papers)),
            code=_code_chart(papers, years, with_code),
        )
    return (env or environment()).get_template("trends.html").render(context)


# ---------------------------------------------------------------------------------------------
# Sections


def _axis_section(catalog: Catalog, axis: Axis, years: list[int]) -> dict:
    series = _axis_series(catalog, axis)
    counts = {s.id: {y: 0 for y in years} for s in series}
    for p in catalog.papers:
        for sid in _series_of(p, axis):
            counts[sid][p.year] += 1
    # the "checked, no category" group only appears where some paper is in it (rare)
    series = [s for s in series if s.id != NO_CATEGORY or any(counts[s.id].values())]
    totals = _year_totals(catalog.papers, years)
    labelled = sum(1 for p in catalog.papers if p.labelled(axis.id))
    desc = (
        f"Stacked bars, one per year from {years[0]} to {years[-1]}{_gap_note(years)}. Each bar splits "
        f"the papers of its year into "
        + ", ".join(s.name for s in series)
        + ". Totals over all years: "
        + "; ".join(f"{s.name} {sum(counts[s.id].values())}" for s in series)
        + f". {labelled} of {len(catalog.papers)} papers are labelled on this axis."
    )
    stacks = [[(s, counts[s.id][y]) for s in series] for y in years]
    chart = _stacked_chart(
        f"pc-trend-{axis.id}", f"{axis.name}: papers per year by category", desc, years, stacks, totals
    )
    chart["legend"] = series
    chart["table"] = _table(
        f"The numbers behind the {axis.short.lower()} chart",
        f"Papers per year by {axis.short.lower()} category, with the papers not yet labelled",
        ["Year"] + [s.name for s in series] + ["Papers"],
        [
            # the search has no filter for "[none] or [unclear]": those counts stay unlinked
            [_year_cell(y)]
            + [_count_cell(counts[s.id][y], {**s.search, "year": str(y)} if s.search else {}) for s in series]
            + [_count_cell(totals[y], {"year": str(y)})]
            for y in years
        ],
        ["All years"]
        + [_count_cell(sum(counts[s.id].values()), s.search) for s in series]
        + [_count_cell(len(catalog.papers), {})],
    )
    return {"axis": axis, "labelled": labelled, "url": href(AT, axis_url(axis.id)), "chart": chart}


def _code_chart(papers: tuple[Paper, ...], years: list[int], with_code: int) -> dict:
    totals = _year_totals(papers, years)
    coded = {y: 0 for y in years}
    for p in papers:
        if p.code:
            coded[p.year] += 1
    shares = {y: _percent(coded[y], totals[y]) for y in years}
    desc = (
        f"Bars, one per year from {years[0]} to {years[-1]}{_gap_note(years)}, each as high as the "
        f"percentage of that year's papers for which the catalog records code: "
        + "; ".join(f"{y} {shares[y]}% ({coded[y]} of {totals[y]})" for y in years)
        + "."
    )
    chart = _share_chart("pc-trend-code", "Share of papers with a code release, per year", desc, years, coded, totals)
    chart["legend"] = [Series("code", "Papers with code, as a share of the year", "pc-c-code", {})]
    chart["table"] = _table(
        "The numbers behind the code chart",
        "Papers per year with a recorded code release",
        ["Year", "Papers", "With code", "Share with code"],
        [
            [
                _year_cell(y),
                _count_cell(totals[y], {"year": str(y)}),
                _count_cell(coded[y], {"year": str(y), "code": "yes"}),
                _text_cell(f"{shares[y]}%"),
            ]
            for y in years
        ],
        [
            "All years",
            _count_cell(len(papers), {}),
            _count_cell(with_code, {"code": "yes"}),
            _text_cell(f"{_percent(with_code, len(papers))}%"),
        ],
    )
    return chart


# ---------------------------------------------------------------------------------------------
# Data


def _axis_series(catalog: Catalog, axis: Axis) -> list[Series]:
    out = [Series(c.id, c.name, f"pc-c-s{i % 4}", {axis.id: c.id}) for i, c in enumerate(axis.top_level())]
    out.append(Series(NO_CATEGORY, "Checked: no category applies, or the paper does not tell", "pc-c-none", {}))
    out.append(Series(UNLABELLED, "Not yet labelled", "pc-c-unl", {"unlabelled": axis.id}))
    return out


def _series_of(paper: Paper, axis: Axis) -> list[str]:
    """The series a paper counts in on `axis`: its top-level categories, or one of the two groups."""
    if not paper.labelled(axis.id):
        return [UNLABELLED]
    tops = [c.id for c in axis.top_level() if paper.in_category(axis.id, c.id)]
    return tops or [NO_CATEGORY]


def _year_totals(papers: tuple[Paper, ...], years: list[int]) -> dict[int, int]:
    totals = {y: 0 for y in years}
    for p in papers:
        totals[p.year] += 1
    return totals


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


# ---------------------------------------------------------------------------------------------
# SVG


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
        "ticks": [{"y": _num(y), "text_y": _num(y + 4), "text": text} for y, text in ticks],
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
    }


def _stacked_chart(
    cid: str, title: str, desc: str, years: list[int], stacks: list[list[tuple[Series, int]]], totals: dict[int, int]
) -> dict:
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
                {
                    "css": s.css,
                    "x": _num(x),
                    "y": _num(bottom - (base + n) * scale),
                    "width": _num(bar),
                    "height": _num(n * scale),
                    "year": year,
                    "series": s,
                    "count": n,
                }
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


def _share_chart(
    cid: str, title: str, desc: str, years: list[int], coded: dict[int, int], totals: dict[int, int]
) -> dict:
    bottom = HEIGHT - BOTTOM
    scale = (bottom - TOP) / 100
    chart = _frame(
        cid, title, desc, years, [(bottom - v * scale, f"{v}%") for v in range(0, 101, 25)], "Share with code"
    )
    slot, bar = _slots(years)
    for i, year in enumerate(years):
        share = _percent(coded[year], totals[year])
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


def _gap_note(years: list[int]) -> str:
    gaps = [(a + 1, b - 1) for a, b in zip(years, years[1:]) if b - a > 1]
    if not gaps:
        return ""
    spans = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in gaps)
    return f" (no papers, and so no bar, for {spans})"


# ---------------------------------------------------------------------------------------------
# The tables of numbers under the charts: cells as data, drawn by trends.html


def _year_cell(year: int) -> dict:
    return {"th": year}


def _count_cell(n: int, params: dict[str, str]) -> dict:
    """A number, linked to the search that lists exactly these papers when it can say so."""
    return {"n": n, "url": href(AT, search_url(**params)) if n and params else ""}


def _text_cell(text: str) -> dict:
    return {"n": text, "url": ""}


def _table(summary: str, caption: str, head: list[str], rows: list[list[dict]], total: list) -> dict:
    """The numbers of a chart, folded in a disclosure; `total` is a label and its cells."""
    return {
        "summary": summary,
        "caption": caption,
        "head": head,
        "rows": rows,
        "total_label": total[0],
        "total": total[1:],
    }
