"""The /trends/ page: how the catalog's papers spread over the years.

For each of the survey's five axes, a stacked bar chart counts the papers of every year by
top-level category (a sub-category's papers count for its parent), with the papers checked and
fitting no category and the papers not yet labelled as series of their own, so a reader sees how
much of each bar is known. A last chart gives the share of papers with a recorded code release.

The charts are inline SVG written here at build time: no script, no chart library, no request.
Each chart has a title and a description for assistive technology and is followed by the same
numbers as a table. Colours come from CSS classes (docs/assets/insights.css) so that the light and
the dark colour scheme each get a readable palette. The output depends only on the catalog: no
dates, no random ids, everything in a fixed order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import Catalog, Paper
from ..taxonomy import Axis
from ..urls import TRENDS as AT  # the page's own URL, for relative links
from ..urls import axis_url, href, search_url
from .html import esc, link

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


def trends_page(catalog: Catalog) -> str:
    papers = catalog.papers
    out = [
        "# Trends",
        "",
        "<p>How the papers of the catalog spread over the years, seen through each axis of the "
        "survey. Every chart counts papers by their year of publication and is followed by its "
        "numbers as a table; each number there links to the matching search.</p>",
        "",
    ]
    if not papers:
        out += ["<p>The catalog holds no papers yet, so there is nothing to chart. The charts appear "
                "as soon as the first entry is added.</p>", ""]
        return "\n".join(out)

    years = sorted({p.year for p in papers})
    with_code = sum(1 for p in papers if p.code)
    per_year = _year_totals(papers, years)
    busiest = max(years, key=lambda y: (per_year[y], y))  # on a tie, the later year
    out += [
        f"<p>The catalog has <strong>{len(papers)} papers</strong> from {years[0]} to {years[-1]}; "
        f"the busiest year so far is {busiest}. Only years with at least one paper get a bar, so a "
        f"dashed line on the time axis marks where years without papers were left out.</p>",
        "",
        "<p>Read the stacks with two caveats. First, labelling is still under way: the grey part of "
        "each bar is papers nobody has placed on that axis yet, and on some axes that is nearly "
        "everything, so a thin category says as much about missing labels as about research "
        "activity. Second, a paper may belong to two categories of one axis and is then counted in "
        "both, so a stack can rise a little above the number of papers written over it.</p>",
        "",
    ]
    for axis in catalog.taxonomy.axes:
        out += _axis_section(catalog, axis, years)
    out += _code_section(papers, years, with_code)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Sections


def _axis_section(catalog: Catalog, axis: Axis, years: list[int]) -> list[str]:
    series = _axis_series(catalog, axis)
    counts = {s.id: {y: 0 for y in years} for s in series}
    for p in catalog.papers:
        for sid in _series_of(p, axis):
            counts[sid][p.year] += 1
    # the "checked, no category" group only appears where some paper is in it (rare)
    series = [s for s in series if s.id != NO_CATEGORY or any(counts[s.id].values())]
    totals = _year_totals(catalog.papers, years)
    labelled = sum(1 for p in catalog.papers if p.labelled(axis.id))
    cid = f"pc-trend-{axis.id}"
    title = f"{axis.name}: papers per year by category"
    desc = (
        f"Stacked bars, one per year from {years[0]} to {years[-1]}{_gap_note(years)}. Each bar splits "
        f"the papers of its year into " + ", ".join(s.name for s in series) + ". Totals over all years: "
        + "; ".join(f"{s.name} {sum(counts[s.id].values())}" for s in series)
        + f". {labelled} of {len(catalog.papers)} papers are labelled on this axis."
    )
    stacks = [[(s, counts[s.id][y]) for s in series] for y in years]
    svg = _stacked_svg(cid, title, desc, years, stacks, totals)
    legend = _legend(series)
    table = _table(
        cid, f"The numbers behind the {axis.short.lower()} chart",
        f"Papers per year by {axis.short.lower()} category, with the papers not yet labelled",
        ["Year"] + [s.name for s in series] + ["Papers"],
        [
            # the search has no filter for "[none] or [unclear]": those counts stay unlinked
            [_year_cell(y)] + [_count_cell(counts[s.id][y], {**s.search, "year": str(y)} if s.search else {}) for s in series]
            + [_count_cell(totals[y], {"year": str(y)})]
            for y in years
        ],
        ["All years"] + [_count_cell(sum(counts[s.id].values()), s.search) for s in series]
        + [_count_cell(len(catalog.papers), {})],
    )
    return [
        f"## {esc(axis.name)}",
        "",
        f"<p><em>{esc(axis.question)}</em> {labelled} of {len(catalog.papers)} papers carry a label on "
        f"this axis. {link(href(AT, axis_url(axis.id)), 'What the categories mean')}</p>",
        "",
        f'<figure class="pc-trend">{svg}<figcaption>{legend}</figcaption></figure>',
        "",
        table,
        "",
    ]


def _code_section(papers: tuple[Paper, ...], years: list[int], with_code: int) -> list[str]:
    totals = _year_totals(papers, years)
    coded = {y: 0 for y in years}
    for p in papers:
        if p.code:
            coded[p.year] += 1
    shares = {y: _percent(coded[y], totals[y]) for y in years}
    cid = "pc-trend-code"
    title = "Share of papers with a code release, per year"
    desc = (
        f"Bars, one per year from {years[0]} to {years[-1]}{_gap_note(years)}, each as high as the "
        f"percentage of that year's papers for which the catalog records code: "
        + "; ".join(f"{y} {shares[y]}% ({coded[y]} of {totals[y]})" for y in years) + "."
    )
    svg = _share_svg(cid, title, desc, years, coded, totals)
    table = _table(
        cid, "The numbers behind the code chart", "Papers per year with a recorded code release",
        ["Year", "Papers", "With code", "Share with code"],
        [[_year_cell(y), _count_cell(totals[y], {"year": str(y)}), _count_cell(coded[y], {"year": str(y), "code": "yes"}),
          f"<td>{shares[y]}%</td>"] for y in years],
        ["All years", _count_cell(len(papers), {}), _count_cell(with_code, {"code": "yes"}),
         f"<td>{_percent(with_code, len(papers))}%</td>"],
    )
    return [
        "## Code releases",
        "",
        f"<p>{with_code} of {len(papers)} papers ({_percent(with_code, len(papers))}%) have at least one "
        "code release recorded, official or by a third party. Below, that share year by year; a year "
        "with few papers swings easily, so compare its bar with the number of papers in the table.</p>",
        "",
        f'<figure class="pc-trend">{svg}<figcaption>{_legend([Series("code", "Papers with code, as a share of the year", "pc-c-code", {})])}'
        "</figcaption></figure>",
        "",
        table,
        "",
    ]


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


def _frame(cid: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg class="pc-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{cid}-title">{esc(title)}</title>',
        f'<desc id="{cid}-desc">{esc(desc)}</desc>',
    ]


def _slots(years: list[int]) -> tuple[float, float]:
    """Width of one year's slot and of its bar."""
    slot = (WIDTH - LEFT - RIGHT) / len(years)
    return slot, min(slot * 0.7, MAX_BAR)


def _axes(years: list[int], ticks: list[tuple[float, str]], y_title: str) -> list[str]:
    """Grid lines with their labels, the year labels, the axis titles and the gap marks."""
    bottom = HEIGHT - BOTTOM
    slot, _bar = _slots(years)
    parts = []
    for y, text in ticks:
        parts.append(f'<line class="pc-c-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(y)}" y2="{_num(y)}"/>')
        parts.append(f'<text class="pc-c-tick" x="{LEFT - 6}" y="{_num(y + 4)}" text-anchor="end">{esc(text)}</text>')
    every = max(1, math.ceil(MIN_LABEL_GAP / slot))  # label every n-th year when they are crowded
    n = len(years)
    for i, year in enumerate(years):
        if (n - 1 - i) % every == 0:  # counted from the latest year, which always gets its label
            x = LEFT + (i + 0.5) * slot
            parts.append(f'<text class="pc-c-tick" x="{_num(x)}" y="{bottom + 18}" text-anchor="middle">{year}</text>')
        if i and year - years[i - 1] > 1:
            x = LEFT + i * slot
            parts.append(f'<line class="pc-c-gap" x1="{_num(x)}" x2="{_num(x)}" y1="{TOP}" y2="{bottom + 6}"/>')
    parts += [
        f'<line class="pc-c-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}"/>',
        f'<text class="pc-c-label" x="{_num(LEFT + (WIDTH - LEFT - RIGHT) / 2)}" y="{HEIGHT - 12}" '
        f'text-anchor="middle">Year of publication</text>',
        f'<text class="pc-c-label" transform="translate(16 {_num(TOP + (bottom - TOP) / 2)}) rotate(-90)" '
        f'text-anchor="middle">{esc(y_title)}</text>',
    ]
    return parts


def _stacked_svg(cid: str, title: str, desc: str, years: list[int], stacks: list[list[tuple[Series, int]]],
                 totals: dict[int, int]) -> str:
    bottom = HEIGHT - BOTTOM
    tallest = max([sum(n for _s, n in stack) for stack in stacks] + [1])  # never divide by zero
    step = _nice_step(tallest)
    top_value = math.ceil(tallest / step) * step
    scale = (bottom - TOP) / top_value
    ticks = [(bottom - v * scale, str(v)) for v in range(0, top_value + 1, step)]
    parts = _frame(cid, title, desc) + _axes(years, ticks, "Papers")
    slot, bar = _slots(years)
    for i, (year, stack) in enumerate(zip(years, stacks)):
        x = LEFT + i * slot + (slot - bar) / 2
        base = 0
        for s, n in stack:
            if not n:
                continue
            y = bottom - (base + n) * scale
            parts.append(
                f'<rect class="pc-c-bar {s.css}" x="{_num(x)}" y="{_num(y)}" width="{_num(bar)}" '
                f'height="{_num(n * scale)}" data-year="{year}" data-series="{esc(s.id)}" data-count="{n}">'
                f"<title>{year}, {esc(s.name)}: {n}</title></rect>"
            )
            base += n
        if bar >= 14:  # the year's number of papers above its bar, where there is room
            parts.append(
                f'<text class="pc-c-total" x="{_num(x + bar / 2)}" y="{_num(bottom - base * scale - 5)}" '
                f'text-anchor="middle" data-year="{year}">{totals[year]}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _share_svg(cid: str, title: str, desc: str, years: list[int], coded: dict[int, int], totals: dict[int, int]) -> str:
    bottom = HEIGHT - BOTTOM
    scale = (bottom - TOP) / 100
    ticks = [(bottom - v * scale, f"{v}%") for v in range(0, 101, 25)]
    parts = _frame(cid, title, desc) + _axes(years, ticks, "Share with code")
    slot, bar = _slots(years)
    for i, year in enumerate(years):
        share = _percent(coded[year], totals[year])
        x = LEFT + i * slot + (slot - bar) / 2
        height = 100 * coded[year] / totals[year] * scale if totals[year] else 0
        parts.append(
            f'<rect class="pc-c-bar pc-c-code" x="{_num(x)}" y="{_num(bottom - height)}" width="{_num(bar)}" '
            f'height="{_num(height)}" data-year="{year}" data-count="{coded[year]}" data-total="{totals[year]}">'
            f"<title>{year}: {coded[year]} of {totals[year]} papers with code ({share}%)</title></rect>"
        )
        if bar >= 22:
            parts.append(f'<text class="pc-c-total" x="{_num(x + bar / 2)}" y="{_num(bottom - height - 5)}" '
                         f'text-anchor="middle" data-year="{year}">{share}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def _gap_note(years: list[int]) -> str:
    gaps = [(a + 1, b - 1) for a, b in zip(years, years[1:]) if b - a > 1]
    if not gaps:
        return ""
    spans = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in gaps)
    return f" (no papers, and so no bar, for {spans})"


# ---------------------------------------------------------------------------------------------
# HTML around the charts


def _legend(series: list[Series]) -> str:
    items = "".join(
        f'<li><span class="pc-swatch {s.css}" aria-hidden="true"></span>{esc(s.name)}</li>' for s in series
    )
    return f'<ul class="pc-legend">{items}</ul>'


def _year_cell(year: int) -> str:
    return f'<th scope="row">{year}</th>'


def _count_cell(n: int, params: dict[str, str]) -> str:
    """A number, linked to the search that lists exactly these papers when it can say so."""
    if n and params:
        return f"<td>{link(href(AT, search_url(**params)), str(n))}</td>"
    return f"<td>{n}</td>"


def _table(cid: str, summary: str, caption: str, head: list[str], rows: list[list[str]], total: list[str]) -> str:
    """The numbers of a chart, folded in a disclosure; `rows` hold ready cells, `total` a label + cells."""
    thead = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    foot = f'<tr class="pc-c-sum"><th scope="row">{esc(total[0])}</th>{"".join(total[1:])}</tr>'
    return (
        f'<details class="pc-trend-data"><summary>{esc(summary)}</summary>'
        f'<div class="pc-scroll" role="region" tabindex="0" aria-labelledby="{cid}-caption">'
        f'<table class="pc-trend-table"><caption id="{cid}-caption">{esc(caption)}</caption>'
        f"<thead><tr>{thead}</tr></thead><tbody>{body}{foot}</tbody></table></div></details>"
    )
