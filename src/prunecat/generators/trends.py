"""The /trends/ page: how the catalog's papers spread over the years.

For each of the survey's five axes, a stacked bar chart counts the papers of every year by
top-level category (a sub-category's papers count for its parent), with the papers checked and
fitting no category and the papers not yet labelled as series of their own, so a reader sees how
much of each bar is known. Beside it, switched by two radio buttons that work without a script
(CSS `:checked`), the same stacks as shares of each year's papers, with the number of papers of
each year written over its bar and years of few papers drawn pale. A last chart gives the share of
papers with a recorded code release.

The charts are inline SVG drawn at build time by templates/trends.html from the geometry computed
in trends_charts.py: no script, no chart library, no request.
Each chart has a title and a description for assistive technology and is followed by the same
numbers as a table. Colours come from CSS classes (docs/assets/insights.css) so that the light and
the dark colour scheme each get a readable palette. The output depends only on the catalog: no
dates, no random ids, everything in a fixed order.
"""

from __future__ import annotations

from jinja2 import Environment

from ..model import Catalog, Paper
from ..taxonomy import Axis
from ..templating import environment
from ..urls import TRENDS as AT  # the page's own URL, for relative links
from ..urls import axis_url, href, search_url
from .trends_charts import FEW, Series, code_chart, gap_note, percent, share_stack_chart, share_text, stacked_chart

UNLABELLED = "unlabelled"  # series id of the papers without a label on the axis
NO_CATEGORY = "no-category"  # series id of the papers labelled [none] (checked, nothing applies)


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
            code_share=percent(with_code, len(papers)),
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
        f"Stacked bars, one per year from {years[0]} to {years[-1]}{gap_note(years)}. Each bar splits "
        f"the papers of its year into "
        + ", ".join(s.name for s in series)
        + ". Totals over all years: "
        + "; ".join(f"{s.name} {sum(counts[s.id].values())}" for s in series)
        + f". {labelled} of {len(catalog.papers)} papers are labelled on this axis."
    )
    stacks = [[(s, counts[s.id][y]) for s in series] for y in years]
    chart = stacked_chart(
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
    return {
        "axis": axis,
        "labelled": labelled,
        "url": href(AT, axis_url(axis.id)),
        "chart": chart,
        "share": _share_view(catalog, axis, years, series, counts, totals),
    }


def _share_view(
    catalog: Catalog,
    axis: Axis,
    years: list[int],
    series: list[Series],
    counts: dict[str, dict[int, int]],
    totals: dict[int, int],
) -> dict:
    """The same stacks as shares of each year's papers, with every year's number of papers (n)."""
    few = [y for y in years if totals[y] < FEW]
    all_papers = len(catalog.papers)
    desc = (
        f"Stacked bars, one per year from {years[0]} to {years[-1]}{gap_note(years)}, each splitting "
        f"the papers of its year into shares of "
        + ", ".join(s.name for s in series)
        + ". Papers per year (n): "
        + "; ".join(f"{y} {totals[y]}" for y in years)
        + "."
        + (f" Years with fewer than {FEW} papers are drawn pale: {', '.join(map(str, few))}." if few else "")
        + " Shares over all years: "
        + "; ".join(f"{s.name} {share_text(sum(counts[s.id].values()), all_papers)}" for s in series)
        + "."
    )
    stacks = [[(s, counts[s.id][y]) for s in series] for y in years]
    chart = share_stack_chart(
        f"pc-trend-{axis.id}-share",
        f"{axis.name}: share of each year's papers by category",
        desc,
        years,
        stacks,
        totals,
    )
    chart["legend"] = series
    chart["few"] = FEW if few else None  # the legend explains the pale bars where there are some
    chart["table"] = _table(
        f"The shares behind the {axis.short.lower()} chart",
        f"Share of each year's papers by {axis.short.lower()} category, in percent of the n papers of "
        f"that year (a paper in two categories counts in both)",
        ["Year", "Papers (n)"] + [s.name for s in series],
        [
            [_year_cell(y), _count_cell(totals[y], {"year": str(y)})]
            + [
                _share_cell(counts[s.id][y], totals[y], {**s.search, "year": str(y)} if s.search else {})
                for s in series
            ]
            for y in years
        ],
        ["All years", _count_cell(all_papers, {})]
        + [_share_cell(sum(counts[s.id].values()), all_papers, s.search) for s in series],
        few={y for y in years if totals[y] < FEW},
    )
    return chart


def _code_chart(papers: tuple[Paper, ...], years: list[int], with_code: int) -> dict:
    totals = _year_totals(papers, years)
    coded = {y: 0 for y in years}
    for p in papers:
        if p.code:
            coded[p.year] += 1
    shares = {y: percent(coded[y], totals[y]) for y in years}
    desc = (
        f"Bars, one per year from {years[0]} to {years[-1]}{gap_note(years)}, each as high as the "
        f"percentage of that year's papers for which the catalog records code: "
        + "; ".join(f"{y} {shares[y]}% ({coded[y]} of {totals[y]})" for y in years)
        + "."
    )
    chart = code_chart("pc-trend-code", "Share of papers with a code release, per year", desc, years, coded, totals)
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
            _text_cell(f"{percent(with_code, len(papers))}%"),
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


# ---------------------------------------------------------------------------------------------
# The tables of numbers under the charts: cells as data, drawn by trends.html


def _year_cell(year: int) -> dict:
    return {"th": year}


def _count_cell(n: int, params: dict[str, str]) -> dict:
    """A number, linked to the search that lists exactly these papers when it can say so."""
    return {"n": n, "url": href(AT, search_url(**params)) if n and params else ""}


def _text_cell(text: str) -> dict:
    return {"n": text, "url": ""}


def _share_cell(n: int, whole: int, params: dict[str, str]) -> dict:
    """A percentage, linked like the count it stands for (the search lists those n papers)."""
    return {"n": share_text(n, whole), "url": href(AT, search_url(**params)) if n and params else "", "of": n}


def _table(
    summary: str, caption: str, head: list[str], rows: list[list[dict]], total: list, few: set[int] | None = None
) -> dict:
    """The numbers of a chart, folded in a disclosure; `total` is a label and its cells; `few`:
    the years of few papers (their rows are marked)."""
    return {
        "summary": summary,
        "caption": caption,
        "head": head,
        "rows": rows,
        "total_label": total[0],
        "total": total[1:],
        "few": few or set(),
    }
