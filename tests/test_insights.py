"""The /trends/ and /matrix/ pages: their numbers against counts made here from catalog.papers.

Expected values are computed in this file, straight from the papers' fields, never with the
generators' own helpers; the generated HTML is parsed back into numbers and compared. The browser
tests drive the matrix picker in Debian's Chromium against the session build of the real catalog.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from prunecat.generators.matrix import matrix_page
from prunecat.generators.search_index import index_data
from prunecat.generators.trends import trends_page
from prunecat.load import load_catalog
from prunecat.model import LIST_FACETS, Catalog, Paper
from prunecat.synth import synth_catalog
from prunecat.taxonomy import AXIS_IDS

from conftest import ROOT

HOSTILE = "<img src=x onerror=alert(1)>"


# ---------------------------------------------------------------------------------------------
# Parsing the generated HTML back into data


class _Tables(HTMLParser):
    """Every <table>: its caption and rows of cells (tag, attrs, text, href of a link inside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._cell: dict | None = None
        self._caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"attrs": a, "caption": "", "rows": []})
        elif tag == "caption":
            self._caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = {"tag": tag, "attrs": a, "text": "", "href": None}
            self.tables[-1]["rows"][-1].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell["href"] = a.get("href")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "caption":
            self._caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        elif self._caption and self.tables:
            self.tables[-1]["caption"] += data


def tables(html: str) -> list[dict]:
    p = _Tables()
    p.feed(html)
    return p.tables


def svg_of(html: str, chart_id: str) -> str:
    m = re.search(rf'<svg class="pc-chart"[^>]*aria-labelledby="{chart_id}-title {chart_id}-desc".*?</svg>', html, re.S)
    assert m, f"no chart {chart_id}"
    return m.group(0)


def rects(svg: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', m)) for m in re.findall(r"<rect ([^>]*)>", svg)]


def section_html(html: str, sid: str) -> str:
    m = re.search(rf'<section class="pc-m-pair" id="{sid}".*?</section>', html, re.S)
    assert m, f"no section {sid}"
    return m.group(0)


# ---------------------------------------------------------------------------------------------
# Independent counts


def top_level(catalog: Catalog, axis: str) -> list[str]:
    return [c.id for c in catalog.taxonomy.axis(axis).categories if c.parent is None]


def expected_series(catalog: Catalog, axis: str) -> dict[tuple[int, str], int]:
    """(year, series) -> papers: top-level categories (children count for parents), [none], unlabelled."""
    out: dict[tuple[int, str], int] = {}
    tops = top_level(catalog, axis)
    for p in catalog.papers:
        written = p.labels.get(axis, ())
        if not written:
            keys = ["unlabelled"]
        else:
            parents = {
                catalog.taxonomy.axis(axis).category(c).parent or c for c in written if c not in ("none", "unclear")
            }
            keys = [c for c in tops if c in parents] or ["no-category"]
        for k in keys:
            out[(p.year, k)] = out.get((p.year, k), 0) + 1
    return out


def values_of(p: Paper, dim: str) -> tuple[str, ...]:
    if dim == "year":
        return (str(p.year),)
    if dim in AXIS_IDS:
        return p.categories.get(dim, ())
    return p.facets.get(dim, ())


def dim_values(catalog: Catalog, dim: str) -> list[str]:
    if dim == "year":
        return [str(y) for y in sorted({p.year for p in catalog.papers})]
    if dim in AXIS_IDS:
        return [c.id for c in catalog.taxonomy.axis(dim).categories]
    return [v.id for v in catalog.taxonomy.facet(dim).values]


DIMS = AXIS_IDS + LIST_FACETS + ("year",)


_members: dict[tuple[str, int, str, str], frozenset[str]] = {}


def members(catalog: Catalog, dim: str, value: str) -> frozenset[str]:
    """Keys of the papers with `value` on `dim` (cached: the matrix test asks for thousands of cells)."""
    key = (str(catalog.root), len(catalog.papers), dim, value)
    if key not in _members:
        _members[key] = frozenset(p.key for p in catalog.papers if value in values_of(p, dim))
    return _members[key]


def count(catalog: Catalog, **wanted: str) -> int:
    keys = frozenset(p.key for p in catalog.papers)
    for dim, value in wanted.items():
        keys &= members(catalog, dim, value)
    return len(keys)


# ---------------------------------------------------------------------------------------------
# Small catalogs


def write_entry(root: Path, key: str, year: int, extra: str = "") -> None:
    (root / "papers" / f"{key}.yml").write_text(
        "bibtex: |\n"
        f"  @inproceedings{{{key},\n"
        f"    title = {{A paper called {key}}},\n"
        "    author = {Ada Lovelace and Alan Turing},\n"
        "    booktitle = {Some Conference},\n"
        f"    year = {{{year}}}\n"
        "  }\n" + extra,
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """300 synthetic papers: [none] labels, sub-categories, multi-labels, gaps between early years."""
    root = tmp_path_factory.mktemp("synth")
    synth_catalog(300, root, seed=3)
    return load_catalog(root)


# ---------------------------------------------------------------------------------------------
# Trends


@pytest.mark.parametrize("which", ["real", "synth"])
def test_trend_bars_and_tables_equal_independent_counts(which, catalog, synth):
    cat = catalog if which == "real" else synth
    html = trends_page(cat)
    years = sorted({p.year for p in cat.papers})
    all_tables = tables(html)
    assert len(all_tables) == 2 * len(AXIS_IDS) + 1  # per axis the counts and the shares, then code
    for axis, table in zip(AXIS_IDS, all_tables[0::2]):
        expected = expected_series(cat, axis)
        svg = svg_of(html, f"pc-trend-{axis}")
        drawn = {(int(r["data-year"]), r["data-series"]): int(r["data-count"]) for r in rects(svg)}
        assert drawn == expected, axis  # zero segments are not drawn; all others are, with their count
        # heights are proportional to the counts: one scale per chart
        scales = {round(float(r["height"]) / int(r["data-count"]), 1) for r in rects(svg)}
        assert max(scales) - min(scales) <= 0.2, (axis, scales)
        # the table: a header, one row per year, an "All years" row
        head = [c["text"] for c in table["rows"][0]]
        assert head[0] == "Year" and head[-1] == "Papers"
        names = {c.name: c.id for c in cat.taxonomy.axis(axis).categories}
        series = [
            names.get(
                h,
                {
                    "Not yet labelled": "unlabelled",
                    "Checked: no category applies, or the paper does not tell": "no-category",
                }.get(h),
            )
            for h in head[1:-1]
        ]
        assert series[: len(top_level(cat, axis))] == top_level(cat, axis)
        assert series[-1] == "unlabelled"
        body = table["rows"][1:]
        assert [int(r[0]["text"]) for r in body[:-1]] == years
        for row, year in zip(body, years):
            assert row[0]["tag"] == "th" and row[0]["attrs"]["scope"] == "row"
            for cell, sid in zip(row[1:-1], series):
                assert int(cell["text"]) == expected.get((year, sid), 0), (axis, year, sid)
            assert int(row[-1]["text"]) == sum(1 for p in cat.papers if p.year == year)
        assert body[-1][0]["text"] == "All years"
        assert int(body[-1][-1]["text"]) == len(cat.papers)
        for cell, sid in zip(body[-1][1:-1], series):
            assert int(cell["text"]) == sum(n for (y, s), n in expected.items() if s == sid)


def test_the_none_label_gets_its_own_series_where_it_occurs(synth):
    html = trends_page(synth)
    for axis in AXIS_IDS:
        has_none = any(p.labels.get(axis) == ("none",) for p in synth.papers)
        assert ('data-series="no-category"' in svg_of(html, f"pc-trend-{axis}")) == has_none, axis
    assert any(p.labels.get(a) == ("none",) for p in synth.papers for a in AXIS_IDS), (
        "the synthetic catalog should use [none]"
    )


def test_trend_table_links_select_exactly_the_counted_papers(catalog):
    html = trends_page(catalog)
    table = tables(html)[2 * AXIS_IDS.index("when")]
    seen = 0
    head = [c["text"] for c in table["rows"][0]]
    for row in table["rows"][1:-1]:
        for name, cell in zip(head[1:], row[1:]):
            if cell["href"] is None:  # only the [none]/[unclear] group has no search to link to
                assert cell["text"] == "0" or name.startswith("Checked:"), (name, cell)
                continue
            url = urlsplit(cell["href"])
            assert url.path == "../search/"
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            year = int(q.pop("year"))
            papers = [p for p in catalog.papers if p.year == year]
            if "unlabelled" in q:
                axis = q.pop("unlabelled")
                papers = [p for p in papers if not p.labels.get(axis)]
            for dim, value in q.items():
                papers = [p for p in papers if value in values_of(p, dim)]
            assert int(cell["text"]) == len(papers), cell["href"]
            seen += 1
    assert seen > 20


@pytest.mark.parametrize("which", ["real", "synth"])
def test_code_share_per_year(which, catalog, synth):
    cat = catalog if which == "real" else synth
    html = trends_page(cat)
    years = sorted({p.year for p in cat.papers})
    bars = {int(r["data-year"]): r for r in rects(svg_of(html, "pc-trend-code"))}
    assert sorted(bars) == years
    table = tables(html)[-1]
    for row, year in zip(table["rows"][1:-1], years):
        total = sum(1 for p in cat.papers if p.year == year)
        coded = sum(1 for p in cat.papers if p.year == year and p.code)
        assert (int(bars[year]["data-count"]), int(bars[year]["data-total"])) == (coded, total)
        assert [c["text"] for c in row] == [str(year), str(total), str(coded), f"{round(100 * coded / total)}%"]
    all_coded = sum(1 for p in cat.papers if p.code)
    assert table["rows"][-1][-1]["text"] == f"{round(100 * all_coded / len(cat.papers))}%"


def test_charts_are_described_and_followed_by_their_table(catalog):
    html = trends_page(catalog)
    charts = re.findall(r"<svg [^>]*>", html)
    assert len(charts) == 2 * len(AXIS_IDS) + 1
    for tag in charts:
        assert 'role="img"' in tag
        title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', tag).groups()
        assert f'<title id="{title_id}">' in html and f'<desc id="{desc_id}">' in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    # each figure (chart + legend) is directly followed by a table with caption and scoped headers
    for block in re.findall(r"</figure>\n\n(<details.*?</details>)", html, re.S):
        assert "<caption" in block and 'scope="col"' in block and 'scope="row"' in block
    assert html.count("</figure>\n\n<details") == len(charts)
    assert html.count('<ul class="pc-legend">') == len(charts)
    # every run of years without papers is drawn (a dashed line) in every chart and said in its description
    years = sorted({p.year for p in catalog.papers})
    gaps = [(a + 1, b - 1) for a, b in zip(years, years[1:]) if b - a > 1]
    assert gaps, "the real catalog has years without papers"
    a, b = gaps[0]
    assert (str(a) if a == b else f"{a}–{b}") in html
    assert html.count('class="pc-c-gap"') == len(gaps) * len(charts)


def test_empty_and_single_year_catalogs(tmp_catalog: Path):
    empty = load_catalog(tmp_catalog)
    assert "<svg" not in trends_page(empty) and "no papers yet" in trends_page(empty)
    assert "<table" not in matrix_page(empty) and "no papers yet" in matrix_page(empty)

    write_entry(tmp_catalog, "solo2021a", 2021, "when: [post-training]\ncode:\n  - url: https://example.org/a\n")
    write_entry(tmp_catalog, "solo2021b", 2021, "when: [none]\n")
    one = load_catalog(tmp_catalog)
    html = trends_page(one)
    when = {(r["data-year"], r["data-series"]): r["data-count"] for r in rects(svg_of(html, "pc-trend-when"))}
    assert when == {("2021", "after-training"): "1", ("2021", "no-category"): "1"}
    assert {(r["data-series"], r["data-count"]) for r in rects(svg_of(html, "pc-trend-speedup"))} == {
        ("unlabelled", "2")
    }
    code = rects(svg_of(html, "pc-trend-code"))
    assert [(r["data-count"], r["data-total"]) for r in code] == [("1", "2")]
    assert tables(html)[-1]["rows"][1][-1]["text"] == "50%"
    matrix = matrix_page(one)
    grid = tables(section_html(matrix, "m-when-year"))[0]["rows"]
    cell = grid[1 + dim_values(one, "when").index("after-training")][1]
    assert cell["text"] == "1" and parse_qs(urlsplit(cell["href"]).query) == {
        "when": ["after-training"],
        "year": ["2021"],
    }


def test_catalog_text_is_escaped(tmp_catalog: Path):
    tax = tmp_catalog / "taxonomy.yml"
    text = tax.read_text(encoding="utf-8")
    text = text.replace("name: Magnitude", f'name: "{HOSTILE}"').replace("name: Model family", f'name: "{HOSTILE}"')
    tax.write_text(text, encoding="utf-8")
    write_entry(tmp_catalog, "magn2020x", 2020, "criteria: [magnitude]\nmodel: [cnn]\n")
    cat = load_catalog(tmp_catalog)
    for html in (trends_page(cat), matrix_page(cat)):
        assert HOSTILE not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_pages_are_deterministic(catalog):
    assert trends_page(catalog) == trends_page(catalog)
    assert matrix_page(catalog) == matrix_page(catalog)


# ---------------------------------------------------------------------------------------------
# Matrix


def test_every_pair_is_a_table_of_exact_counts_with_search_links(catalog):
    html = matrix_page(catalog)
    sections = re.findall(r'<section class="pc-m-pair" id="m-([\w-]+)" data-rows="([\w-]+)" data-cols="([\w-]+)"', html)
    pairs = {frozenset((r, c)) for _sid, r, c in sections}
    assert len(sections) == len(pairs) == len(DIMS) * (len(DIMS) - 1) // 2
    assert sections[0][1:] == ("when", "speedup"), "the default pair comes first"
    checked = empty = 0
    for sid, rows, cols in sections:
        assert sid == f"{rows}-{cols}"
        table = tables(section_html(html, f"m-{sid}"))[0]
        grid = table["rows"]
        rv, cv = dim_values(catalog, rows), dim_values(catalog, cols)
        assert len(grid) == len(rv) + 2 and all(len(r) == len(cv) + 2 for r in grid), sid
        assert all(c["tag"] == "th" and c["attrs"]["scope"] == "col" for c in grid[0])
        for i, r in enumerate(rv):
            row = grid[i + 1]
            assert row[0]["tag"] == "th" and row[0]["attrs"]["scope"] == "row"
            for j, c in enumerate(cv):
                cell = row[j + 1]
                n = count(catalog, **{rows: r, cols: c})
                assert int(cell["text"]) == n, (sid, r, c)
                if n:
                    url = urlsplit(cell["href"])
                    assert url.path == "../search/"
                    assert parse_qs(url.query) == {rows: [r], cols: [c]}
                    assert "pc-m-empty" not in cell["attrs"]["class"]
                    checked += 1
                else:
                    assert cell["href"] is None and cell["attrs"]["class"] == "pc-m-empty", (sid, r, c)
                    empty += 1
            check_total(catalog, row[-1], in_cells(catalog, rows, r, cols), [int(c["text"]) for c in row[1:-1]])
        for j, c in enumerate(cv):
            column = [int(grid[i + 1][j + 1]["text"]) for i in range(len(rv))]
            check_total(catalog, grid[-1][j + 1], in_cells(catalog, cols, c, rows), column)
    assert checked > 500 and empty > 500


def in_cells(catalog: Catalog, dim: str, value: str, other: str) -> int:
    """Papers with `value` on `dim` and any value on `other`: those in the cells of that row or column."""
    return sum(1 for p in catalog.papers if value in values_of(p, dim) and values_of(p, other))


def search_count(catalog: Catalog, href: str) -> int:
    """The papers a search link selects: values of one parameter or-ed, parameters and-ed (search-filter.js)."""
    query = {k: v[0].split(",") for k, v in parse_qs(urlsplit(href).query).items()}
    return sum(1 for p in catalog.papers if all(set(values) & set(values_of(p, dim)) for dim, values in query.items()))


def check_total(catalog: Catalog, cell: dict, papers: int, cells: list[int]) -> None:
    """An All cell: its papers, each once, linked to a search of exactly them, and the cells' sum where it differs."""
    assert int(cell["attrs"]["data-papers"]) == papers and int(cell["attrs"]["data-cells"]) == sum(cells)
    assert cell["text"] == (str(papers) if papers == sum(cells) else f"{papers} cells: {sum(cells)}")
    assert papers <= sum(cells)
    if papers:
        assert urlsplit(cell["href"]).path == "../search/" and search_count(catalog, cell["href"]) == papers


def test_matrix_links_use_the_search_page_parameters(catalog, synth):
    facets = {f["id"] for f in index_data(catalog)["facets"]}
    for cat in (catalog, synth):
        html = matrix_page(cat)
        names = {
            name
            for href in re.findall(r'href="\.\./search/\?([^"]*)"', html)
            for name in parse_qs(href.replace("&amp;", "&"))
        }
        assert names - {"year"} <= facets
    assert names == set(DIMS) | {"unlabelled"}  # the synthetic catalog has a link for every dimension
    search_js = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs" / "assets").glob("search*.js")))
    assert "params[f.id]" in search_js and "params.year" in search_js  # how the search reads them


def test_the_picker_has_labels_and_every_dimension(catalog):
    html = matrix_page(catalog)
    for sid, text in (("pc-m-rows", "Rows"), ("pc-m-cols", "Columns")):
        assert f'<label for="{sid}">{text}</label><select id="{sid}"' in html
        select = re.search(rf'<select id="{sid}".*?</select>', html).group(0)
        assert re.findall(r'<option value="([\w-]+)"', select) == list(DIMS)
    assert '<form class="pc-m-picker" hidden>' in html  # shown by the script only
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert "open research" in html or "gap in the research" in html
    assert "not yet labelled" in html


def test_each_table_says_which_papers_it_leaves_out(catalog):
    html = matrix_page(catalog)
    note = re.search(r'<p class="pc-m-note">(.*?)</p>', section_html(html, "m-when-criteria")).group(1)
    unl_when = sum(1 for p in catalog.papers if not p.labels.get("when"))
    unl_criteria = sum(1 for p in catalog.papers if not p.labels.get("criteria"))
    assert f'<a href="../search/?unlabelled=when">{unl_when} papers</a> not yet labelled on when' in note
    assert f'<a href="../search/?unlabelled=criteria">{unl_criteria} papers</a> not yet labelled on criteria' in note
    no_model = sum(1 for p in catalog.papers if not p.facets["model"])
    note = re.search(r'<p class="pc-m-note">(.*?)</p>', section_html(html, "m-year-model")).group(1)
    assert note == f"Not in the cells: {no_model} papers with no model family recorded."


def test_the_built_pages_keep_the_generated_markup(built_site: Path, catalog):
    trends = (built_site / "trends" / "index.html").read_text(encoding="utf-8")
    matrix = (built_site / "matrix" / "index.html").read_text(encoding="utf-8")
    assert trends.count("<rect ") == trends_page(catalog).count("<rect ")
    assert matrix.count('<table class="pc-matrix"') == len(DIMS) * (len(DIMS) - 1) // 2
    assert "<p><svg" not in trends and "<p><table" not in matrix  # Markdown left the blocks alone


# ---------------------------------------------------------------------------------------------
# The picker in a browser


def visible_grid(page) -> dict:
    return page.evaluate("""() => {
        const s = [...document.querySelectorAll('section.pc-m-pair')].filter(x => !x.hidden);
        const t = s[0].querySelector('table');
        return {n: s.length, rows: s[0].dataset.rows, cols: s[0].dataset.cols,
                caption: t.caption.textContent, heading: s[0].querySelector('h2').textContent,
                grid: [...t.rows].map(r => [...r.cells].map(c => [c.tagName, c.getAttribute('scope'), c.textContent,
                                                             c.querySelector('a') ? c.querySelector('a').getAttribute('href') : null]))};
    }""")


def test_the_picker_switches_pairs_and_keeps_them_in_the_url(page, site_url: str, catalog):
    page.set_default_timeout(15000)  # the page holds every table: slow to load on a busy machine
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + "matrix/")
    page.wait_for_selector("#pc-matrix[data-pc-init]")
    assert page.is_visible("#pc-m-rows") and not page.is_visible(".pc-m-toc")
    shown = visible_grid(page)
    assert (shown["n"], shown["rows"], shown["cols"]) == (1, "when", "speedup")

    # rows := speedup, which was the column dimension: the two swap, the table is transposed
    page.select_option("#pc-m-rows", "speedup")
    assert "?rows=speedup&cols=when" in page.url
    shown = visible_grid(page)
    assert (shown["n"], shown["rows"], shown["cols"]) == (1, "speedup", "when")
    assert shown["caption"] == "Papers by speedup (rows) and when (columns)"
    grid = shown["grid"]
    assert [c[0] for c in grid[0]] == ["TH"] * len(grid[0]) and {c[1] for c in grid[0]} == {"col"}
    assert [r[0][2] for r in grid[1:]] == ["Unstructured", "Structured", "Semi-structured", "All"]
    whens = dim_values(catalog, "when")
    for i, sp in enumerate(dim_values(catalog, "speedup")):
        assert grid[i + 1][0][:2] == ["TH", "row"]
        for j, w in enumerate(whens):
            tag, _scope, text, href = grid[i + 1][j + 1]
            assert int(text) == count(catalog, speedup=sp, when=w)
            if href:
                assert parse_qs(urlsplit(href).query) == {"when": [w], "speedup": [sp]}

    # a pair rendered in its own orientation, chosen with the second select
    page.select_option("#pc-m-rows", "model")
    page.select_option("#pc-m-cols", "criteria")
    assert "?rows=model&cols=criteria" in page.url
    shown = visible_grid(page)
    assert (shown["n"], shown["rows"], shown["cols"]) == (1, "model", "criteria")
    page.click(".pc-m-swap")
    assert "?rows=criteria&cols=model" in page.url
    assert visible_grid(page)["heading"] == "Criteria × Model family"

    # a shared link opens on its pair
    page.goto(site_url + "matrix/?rows=task&cols=year")
    page.wait_for_selector("#pc-matrix[data-pc-init]")
    shown = visible_grid(page)
    assert (shown["rows"], shown["cols"]) == ("task", "year")
    assert page.input_value("#pc-m-rows") == "task" and page.input_value("#pc-m-cols") == "year"
    assert not errors, errors


def test_a_cell_leads_to_a_search_with_as_many_results(page, site_url: str, catalog):
    page.set_default_timeout(15000)
    page.goto(site_url + "matrix/")
    page.wait_for_selector("#pc-matrix[data-pc-init]")
    # Material's instant navigation rewrites links to absolute URLs: match the end
    cell = page.locator('#m-when-speedup a[href$="/search/?when=after-training&speedup=structured"]')
    shown = int(cell.text_content())
    assert shown == count(catalog, when="after-training", speedup="structured") > 0
    cell.click()
    page.wait_for_url("**/search/?when=after-training&speedup=structured")
    page.wait_for_selector("#pc-search[data-ready] #result-count[data-count]")
    assert int(page.get_attribute("#result-count", "data-count")) == shown


def test_without_javascript_every_table_is_readable(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "matrix/")
        assert not page.is_visible(".pc-m-picker")
        assert page.is_visible(".pc-m-toc")
        visible = page.locator("section.pc-m-pair table.pc-matrix").evaluate_all(
            "ts => ts.filter(t => t.offsetParent !== null).length"
        )
        assert visible == len(DIMS) * (len(DIMS) - 1) // 2
    finally:
        context.close()
