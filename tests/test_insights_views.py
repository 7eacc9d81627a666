"""The share view of /trends/ and the totals of /matrix/: against counts made here from the papers.

Split from test_insights.py (whose parsers and independent counts it reuses) to keep both files short.
The share view is checked as data (every bar and percentage against the papers), as markup (a radio
switch that needs no script) and in Chromium, by keyboard, with and without JavaScript; the matrix
totals as data on every pair and in the browser, transposed by the script too.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from prunecat.generators.matrix import matrix_page
from prunecat.generators.trends import trends_page
from prunecat.load import load_catalog
from prunecat.model import Catalog, Paper
from prunecat.taxonomy import AXIS_IDS
from prunecat.synth import synth_catalog
from test_insights import (
    expected_series,
    in_cells,
    rects,
    section_html,
    svg_of,
    tables,
    values_of,
    write_entry,
)

from conftest import ROOT


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """300 synthetic papers (as in test_insights.py): sub-categories, multi-labels, early years of few papers."""
    root = tmp_path_factory.mktemp("synth")
    synth_catalog(300, root, seed=3)
    return load_catalog(root)


# ---------------------------------------------------------------------------------------------
# Trends: the share view


def pct(part: int, whole: int) -> str:
    """A share as the page writes it: a whole percent, '<1%' and '>99%' where rounding would hide it."""
    value = round(100 * part / whole)
    return "<1%" if part and not value else ">99%" if part < whole and value == 100 else f"{value}%"


def share_view(html: str, axis: str) -> str:
    m = re.search(
        r'<div class="pc-view pc-view-share">(.*?)</details></div>', html[html.index(f'name="pc-view-{axis}"') :], re.S
    )
    assert m, f"no share view for {axis}"
    return m.group(1)


@pytest.mark.parametrize("which", ["real", "synth"])
def test_share_view_bars_and_table_equal_independent_shares(which, catalog, synth):
    cat = catalog if which == "real" else synth
    html = trends_page(cat)
    years = sorted({p.year for p in cat.papers})
    per_year = {y: sum(1 for p in cat.papers if p.year == y) for y in years}
    all_tables = tables(html)
    checked_links = 0
    for i, axis in enumerate(AXIS_IDS):
        expected = expected_series(cat, axis)
        svg = svg_of(html, f"pc-trend-{axis}-share")
        assert svg in share_view(html, axis), "the share chart sits in the share view"
        bars = rects(svg)
        assert {(int(r["data-year"]), r["data-series"]): int(r["data-count"]) for r in bars} == expected
        for r in bars:
            year, n = int(r["data-year"]), int(r["data-count"])
            assert int(r["data-total"]) == per_year[year]
            # pale where the year has few papers, so one paper more or less is a big step
            assert ("pc-c-few" in r["class"].split()) == (per_year[year] < 10), (axis, year)
            title = re.search(rf'data-year="{year}" data-series="{r["data-series"]}"[^>]*><title>([^<]*)</title>', svg)
            assert title.group(1).endswith(f"{pct(n, per_year[year])} ({n} of {per_year[year]} papers)"), title.group(1)
        # heights are shares of the year, on one scale per chart: count / year total * scale
        tallest = max(bars, key=lambda r: float(r["height"]))
        scale = float(tallest["height"]) / (int(tallest["data-count"]) / int(tallest["data-total"]))
        for r in bars:  # to the rounding of the SVG's one decimal
            assert abs(float(r["height"]) - scale * int(r["data-count"]) / int(r["data-total"])) <= 0.1, (axis, r)
        # n of every year, written over its bar
        written = dict(re.findall(r'<text class="pc-c-n"[^>]*data-year="(\d+)">(\d+)</text>', svg))
        assert {int(y): int(n) for y, n in written.items()} == per_year, axis
        # the table: Year, n, one column per series, in percent of the year's papers
        count_table, table = all_tables[2 * i], all_tables[2 * i + 1]
        head = [c["text"] for c in table["rows"][0]]
        assert head[:2] == ["Year", "Papers (n)"] and head[2:] == [c["text"] for c in count_table["rows"][0]][1:-1]
        for row, count_row, year in zip(table["rows"][1:-1], count_table["rows"][1:-1], years):
            assert int(row[0]["text"]) == year and int(row[1]["text"]) == per_year[year]
            for cell, count_cell in zip(row[2:], count_row[1:-1]):
                n = int(count_cell["text"])
                assert cell["text"] == pct(n, per_year[year]), (axis, year, head)
                # each share links to the search of exactly the papers it counts, as the count does
                assert cell["href"] == count_cell["href"]
                checked_links += cell["href"] is not None
        total_row = table["rows"][-1]
        assert total_row[0]["text"] == "All years" and int(total_row[1]["text"]) == len(cat.papers)
        for cell, count_cell in zip(total_row[2:], count_table["rows"][-1][1:-1]):
            assert cell["text"] == pct(int(count_cell["text"]), len(cat.papers))
    assert checked_links > 50


def test_share_view_marks_years_of_few_papers_and_says_n(tmp_catalog: Path):
    # 2019: one paper (100% structured), 2021: 12 papers, one of them in two categories
    write_entry(tmp_catalog, "one2019a", 2019, "speedup: [structured]\n")
    for k in range(12):
        labels = "speedup: [structured, unstructured]\n" if k == 0 else "speedup: [unstructured]\n" if k < 9 else ""
        write_entry(tmp_catalog, f"many2021{chr(97 + k)}", 2021, labels)
    cat = load_catalog(tmp_catalog)
    html = trends_page(cat)
    svg = svg_of(html, "pc-trend-speedup-share")
    bars = {(r["data-year"], r["data-series"]): r for r in rects(svg)}
    assert (
        "pc-c-few" in bars[("2019", "structured")]["class"]
        and "pc-c-few" not in bars[("2021", "unstructured")]["class"]
    )
    assert "Pale bars: years with fewer than 10 papers" in share_view(html, "speedup")
    assert "fewer than 10 papers are drawn pale: 2019." in svg  # said in the description too
    # the stack of 2021 rises above 100%: 9 + 1 + 3 of 12 papers
    grid = tables(share_view(html, "speedup"))[0]["rows"]
    assert [c["text"] for c in grid[0]] == [
        "Year",
        "Papers (n)",
        "Unstructured pruning",
        "Structured pruning",
        "Semi-structured pruning",
        "Not yet labelled",
    ]
    assert [c["text"] for c in grid[1]] == ["2019", "1", "0%", "100%", "0%", "0%"]
    assert [c["text"] for c in grid[2]] == ["2021", "12", "75%", "8%", "0%", "25%"]
    assert grid[1][0]["attrs"] == {"scope": "row"} and 'class="pc-c-fewrow"><th scope="row">2019' in html
    assert parse_qs(urlsplit(grid[2][2]["href"]).query) == {"speedup": ["unstructured"], "year": ["2021"]}
    assert "125%" in svg  # the scale reaches above the 100% line instead of cutting the stack
    assert re.search(r'<line class="pc-c-grid pc-c-full"[^>]*/><text class="pc-c-tick"[^>]*>100%</text>', svg)


def test_share_view_is_a_no_script_switch(catalog):
    html = trends_page(catalog)
    for axis in AXIS_IDS:
        name = f"pc-view-{axis}"
        block = re.search(rf'<div class="pc-views"><input [^>]*name="{name}".*?</div></div>', html, re.S)
        assert block, axis
        radios = re.findall(r"<input ([^>]*)>", block.group(0))
        assert [dict(re.findall(r'([\w-]+)="([^"]*)"', r))["id"] for r in radios] == [f"{name}-count", f"{name}-share"]
        assert all('type="radio"' in r and f'name="{name}"' in r for r in radios)
        assert "checked" in radios[0] and "checked" not in radios[1]  # counts first, as before
        for rid in (f"{name}-count", f"{name}-share"):
            assert f'<label for="{rid}">' in block.group(0)
    css = (ROOT / "docs" / "assets" / "insights.css").read_text(encoding="utf-8")
    assert ".pc-view-pick-share:checked ~ .pc-view-share { display: block; }" in css
    assert ".pc-view-pick-share:checked ~ .pc-view-count { display: none; }" in css
    assert ".pc-view-pick:focus-visible + label" in css


# ---------------------------------------------------------------------------------------------
# Matrix: totals that agree with the cells, or say why not


def multi_valued(catalog: Catalog, p: Paper, dim: str) -> tuple[bool, bool]:
    """(two or more values of its own, in a sub-category) of a paper on `dim`, from what the entry says."""
    if dim == "year":
        return False, False
    if dim not in AXIS_IDS:
        return len(set(p.facets.get(dim, ()))) > 1, False
    axis = catalog.taxonomy.axis(dim)
    written = {c for c in p.labels.get(dim, ()) if c not in ("none", "unclear")}
    parents = {axis.category(c).parent for c in written} - {None}
    return len(written - parents) > 1, bool(parents)


@pytest.mark.parametrize("which", ["real", "synth"])
def test_matrix_totals_agree_with_cells_or_say_why(which, catalog, synth):
    cat = catalog if which == "real" else synth
    html = matrix_page(cat)
    sections = re.findall(r'<section class="pc-m-pair" id="m-([\w-]+)" data-rows="([\w-]+)" data-cols="([\w-]+)"', html)
    explained = 0
    for sid, rows, cols in sections:
        section = section_html(html, f"m-{sid}")
        grid = tables(section)[0]["rows"]
        note = re.search(r'<p class="pc-m-note pc-m-overlap">(.*?)</p>', section, re.S)
        both = [p for p in cat.papers if values_of(p, rows) and values_of(p, cols)]
        # the cells of a row add up to more than its All only through papers with several column values
        for dim, totals in ((cols, [r[-1] for r in grid[1:-1]]), (rows, grid[-1][1:-1])):
            multi = sum(1 for p in both if multi_valued(cat, p, dim)[0])
            sub = sum(1 for p in both if multi_valued(cat, p, dim)[1])
            differ = [t for t in totals if t["attrs"]["data-papers"] != t["attrs"]["data-cells"]]
            if not multi and not sub:
                assert not differ, (sid, dim)  # no overlap: every All is its cells' sum
                continue
            assert note, f"{sid}: cells overlap on {dim} but the page does not say why"
            name = re.escape(dict(re.findall(r'<option value="([\w-]+)"[^>]*>([^<]+)</option>', html))[dim].lower())
            if multi:
                said = re.search(rf"(\d+) papers? (?:has|have) more than one {name} value", note.group(1))
                assert said and int(said.group(1)) == multi, (sid, dim, note.group(1))
            if sub:
                said = re.search(
                    rf"(\d+) papers? in a {name} sub-category \(↳\) also counts? under its parent", note.group(1)
                )
                assert said and int(said.group(1)) == sub, (sid, dim, note.group(1))
            explained += bool(differ)
        if not note:
            assert all(t["attrs"]["data-papers"] == t["attrs"]["data-cells"] for t in grid[-1][1:]), sid
    assert explained > 10


def test_matrix_year_by_speedup_counts_a_two_label_paper_in_both_cells(tmp_catalog: Path):
    # the measured problem: a 2020 row whose cells add up to more than All, with no word why
    write_entry(tmp_catalog, "both2020a", 2020, "speedup: [unstructured, structured]\n")
    write_entry(tmp_catalog, "one2020b", 2020, "speedup: [structured]\n")
    write_entry(tmp_catalog, "none2020c", 2020)  # not labelled on speedup: in no cell, in no total
    write_entry(tmp_catalog, "one2021d", 2021, "speedup: [unstructured]\n")
    for year in (2018, 2019):  # more years than speedup values: years are the rows
        write_entry(tmp_catalog, f"semi{year}e", year, "speedup: [semi-structured]\n")
    cat = load_catalog(tmp_catalog)
    section = section_html(matrix_page(cat), "m-year-speedup")
    grid = tables(section)[0]["rows"]
    assert [c["text"] for c in grid[0]] == ["Year", "Unstructured", "Structured", "Semi-structured", "All"]
    assert [c["text"] for c in grid[3]] == ["2020", "1", "2", "0", "2 cells: 3"]
    assert [c["text"] for c in grid[4]] == ["2021", "1", "0", "0", "1"]
    assert [c["text"] for c in grid[5]] == ["All", "2", "2", "2", "5 cells: 6"]
    assert parse_qs(urlsplit(grid[3][-1]["href"]).query) == {
        "year": ["2020"],
        "speedup": ["unstructured,structured,semi-structured"],
    }
    assert "1 paper has more than one speedup value and counts once under each" in section
    assert '">1 paper</a> not yet labelled on speedup' in section


# ---------------------------------------------------------------------------------------------
# In the browser


def visible_totals(page) -> dict:
    """The shown matrix: per body row its cells, its All (papers, cells, text); the All row; the overlap note."""
    return page.evaluate("""() => {
        const s = [...document.querySelectorAll('section.pc-m-pair')].filter(x => !x.hidden)[0];
        const rows = [...s.querySelector('table').rows];
        const total = c => ({papers: +c.dataset.papers, cells: +c.dataset.cells, text: c.textContent});
        const note = s.querySelector('.pc-m-overlap');
        return {
            body: rows.slice(1, -1).map(r => ({cells: [...r.cells].slice(1, -1).map(c => +c.textContent),
                                               total: total(r.cells[r.cells.length - 1])})),
            foot: [...rows[rows.length - 1].cells].slice(1, -1).map(total),
            note: note && note.offsetParent !== null ? note.textContent : null,
        };
    }""")


def test_matrix_totals_in_the_browser_agree_or_are_explained(page, site_url: str, catalog):
    page.set_default_timeout(15000)
    page.goto(site_url + "matrix/?rows=year&cols=speedup")
    page.wait_for_selector("#pc-matrix[data-pc-init]")
    for orientation in ("year rows", "speedup rows (transposed by the script)"):
        shown = visible_totals(page)
        lines = [(r["cells"], r["total"]) for r in shown["body"]]
        if orientation.startswith("speedup"):  # the per-year totals are now the All row
            years = shown["foot"]
            lines = [([r["cells"][j] for r in shown["body"]], years[j]) for j in range(len(years))]
        differ = 0
        for cells, total in lines:
            if sum(cells) == total["papers"]:
                assert total["text"] == str(total["papers"])
            else:
                differ += 1
                assert sum(cells) > total["papers"] and total["text"] == f"{total['papers']} cells: {sum(cells)}"
        assert differ, "the real catalog has papers with two speedup labels"
        assert shown["note"] and "more than one speedup value" in shown["note"], orientation
        page.click(".pc-m-swap")
    # an All leads to a search with as many results
    page.select_option("#pc-m-rows", "year")
    page.select_option("#pc-m-cols", "speedup")
    year = max(p.year for p in catalog.papers if p.labels.get("speedup") and p.year < 2026)
    link = page.locator(f'#m-year-speedup tr:has(th:text-is("{year}")) td.pc-m-total a')
    papers = int(
        page.locator(f'#m-year-speedup tr:has(th:text-is("{year}")) td.pc-m-total').get_attribute("data-papers")
    )
    assert papers == in_cells(catalog, "year", str(year), "speedup") > 0
    link.click()
    page.wait_for_url("**/search/?year=*")
    page.wait_for_selector("#pc-search[data-ready] #result-count[data-count]")
    assert int(page.get_attribute("#result-count", "data-count")) == papers


# ---------------------------------------------------------------------------------------------
# The share view in a browser


def shown_chart(page, axis: str) -> list[str]:
    """The ids of the visible charts of an axis."""
    return page.locator(f".pc-views:has(#pc-view-{axis}-count) svg.pc-chart").evaluate_all(
        "ss => ss.filter(s => s.getClientRects().length).map(s => s.getAttribute('aria-labelledby').split(' ')[0])"
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_the_share_view_switches_by_keyboard_with_or_without_javascript(browser, site_url: str, javascript: bool):
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(site_url + "trends/")
        page.wait_for_selector("#pc-view-when-count")
        assert shown_chart(page, "when") == ["pc-trend-when-title"]
        # Tab reaches the switch from the link before it; the focused choice is outlined
        page.locator(".pc-views:has(#pc-view-when-count)").evaluate(
            "v => v.previousElementSibling.querySelector('a').focus()"
        )
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "pc-view-when-count"
        outline = page.eval_on_selector('label[for="pc-view-when-count"]', "l => getComputedStyle(l).outlineStyle")
        assert outline == "solid"
        page.keyboard.press("ArrowRight")
        assert page.is_checked("#pc-view-when-share")
        assert shown_chart(page, "when") == ["pc-trend-when-share-title"]
        assert shown_chart(page, "speedup") == ["pc-trend-speedup-title"]  # each axis keeps its own choice
        # the share table opens and its percentages link to the search, as the counts do
        view = page.locator(".pc-views:has(#pc-view-when-count) .pc-view-share")
        view.locator("summary").click()
        first = view.locator("tbody a").first
        assert first.is_visible() and re.fullmatch(r"(<1|>99|\d+)%|\d+", first.text_content())
        page.click('label[for="pc-view-when-count"]')
        assert shown_chart(page, "when") == ["pc-trend-when-title"]
    finally:
        context.close()
