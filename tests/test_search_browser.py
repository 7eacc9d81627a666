"""The search page in a real browser (Debian's Chromium through Playwright), against built sites.

Expectations are computed here in Python from the loaded catalog, independently of the index
encoding and of the page's script. Most tests use the small fixture catalog under
tests/fixtures/search-catalog (built once per session); the reader's "three clicks" scenario and
the count checks also run on the real catalog once catalog/papers holds entries.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from prunecat.bibtex import with_key
from prunecat.load import load_catalog
from prunecat.model import LIST_FACETS, Catalog, Paper
from prunecat.taxonomy import AXIS_IDS

from conftest import SEARCH_FIXTURE, build_site, serve

HOSTILE = "<img src=x onerror=alert(1)>"


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture
def dialogs(page) -> list[str]:
    """Every dialog the page opens (there must be none): a script injected through data would show one."""
    page.set_default_timeout(5000)  # a broken page fails fast rather than after 30 s per step
    seen: list[str] = []

    def on_dialog(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield seen
    assert not errors, f"script errors on the page: {errors}"
    assert not seen, f"the page opened dialogs: {seen}"


# ---------------------------------------------------------------------------------------------
# The catalog's answer, in Python


def values_of(p: Paper, facet: str) -> set[str]:
    if facet in AXIS_IDS:
        return set(p.categories[facet])
    if facet in LIST_FACETS:
        return set(p.facets[facet])
    return {
        "venue": {p.venue} if p.venue else set(),
        "code": {"yes" if p.code else "no"},
        "framework": {c.framework for c in p.code if c.framework},
        "survey": {"yes" if p.survey else "no"},
        "analysis": {"yes" if p.analysis else "no"},
        "pioneer": {"yes" if p.pioneer else "no"},
        "unlabelled": {a for a in AXIS_IDS if not p.labels[a]},
        "results": {r.dataset for r in p.results},
    }[facet]


def parse_selection(query: str) -> tuple[dict[str, tuple[set, set]], tuple | None]:
    sel: dict[str, tuple[set, set]] = {}
    year = None
    for name, (value,) in parse_qs(query.lstrip("?")).items():
        if name == "year":
            lo, _, hi = value.partition("-")
            year = (int(lo) if lo else None, int(hi) if hi else (int(lo) if "-" not in value else None))
            continue
        if name in ("q", "sort"):
            continue
        inc = {v for v in value.split(",") if not v.startswith("-")}
        exc = {v[1:] for v in value.split(",") if v.startswith("-")}
        sel[name] = (inc, exc)
    return sel, year


def passes(p: Paper, facet: str, inc: set, exc: set) -> bool:
    have = values_of(p, facet)
    return (not inc or bool(have & inc)) and not (have & exc)


def in_years(p: Paper, year) -> bool:
    return year is None or ((year[0] is None or p.year >= year[0]) and (year[1] is None or p.year <= year[1]))


def expected_results(catalog: Catalog, query: str) -> list[str]:
    """Keys of the matching papers, newest first then by title (the order without text)."""
    sel, year = parse_selection(query)
    papers = [p for p in catalog.papers if in_years(p, year) and all(passes(p, f, *s) for f, s in sel.items())]
    return [p.key for p in sorted(papers, key=lambda p: (-p.year, p.title.lower(), p.key))]


def expected_counts(catalog: Catalog, query: str, facet_ids: list[str]) -> dict[tuple[str, str], int]:
    """For every facet value: papers having it among those matching every *other* filter."""
    sel, year = parse_selection(query)
    counts: dict[tuple[str, str], int] = {}
    for facet in facet_ids:
        others = [
            p
            for p in catalog.papers
            if in_years(p, year) and all(passes(p, f, *s) for f, s in sel.items() if f != facet)
        ]
        for p in others:
            for v in values_of(p, facet):
                counts[(facet, v)] = counts.get((facet, v), 0) + 1
    return counts


# ---------------------------------------------------------------------------------------------
# Reading the page


def open_search(page, base: str, query: str = "") -> None:
    page.goto(base + "search/" + query, wait_until="domcontentloaded")
    page.wait_for_selector("#pc-search[data-ready]")


def result_keys(page, everything: bool = True) -> list[str]:
    if everything:
        more = page.locator(".pc-s-more")
        while more.is_visible():
            more.click()
    return page.eval_on_selector_all("#results > li", "els => els.map(e => e.dataset.key)")


def shown_count(page) -> int:
    text = page.locator("#result-count").inner_text()
    total = int(re.match(r"([\d,]+) paper", text).group(1).replace(",", ""))
    assert total == int(page.get_attribute("#result-count", "data-count"))
    return total


def shown_counts(page) -> dict[tuple[str, str], int]:
    rows = page.eval_on_selector_all(
        "#pc-search details.pc-facet li.pc-value",
        "els => els.map(li => [li.closest('details').dataset.facet, li.dataset.value,"
        " li.querySelector(':scope > .pc-count').textContent])",
    )
    return {(f, v): int(n.replace(",", "")) for f, v, n in rows}


def query_of(page) -> dict[str, list[str]]:
    # read in the page: Playwright's page.url follows pushState a little later
    return {k: v[0].split(",") for k, v in parse_qs(page.evaluate("location.search").lstrip("?")).items()}


def facet_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#pc-search details.pc-facet[data-facet]:not([data-facet=year])", "els => els.map(e => e.dataset.facet)"
    )


def checkbox(page, facet: str, value: str):
    return page.locator(f'details[data-facet="{facet}"] li[data-value="{value}"] > input[type=checkbox]')


def not_button(page, facet: str, value: str):
    return page.locator(f'details[data-facet="{facet}"] li[data-value="{value}"] > button.pc-not')


def label(page, facet: str, value: str):
    return page.locator(f'details[data-facet="{facet}"] li[data-value="{value}"] > label')


# ---------------------------------------------------------------------------------------------
# Filters, counts and results against the catalog


QUERIES = [
    "",
    "?when=after-training",
    "?when=after-training,-post-training",
    "?speedup=structured&when=after-training&model=llm&code=yes",
    "?speedup=unstructured,semi-structured&criteria=magnitude,loss-change",
    "?fusion=-none,-quantization&unlabelled=learn",
    "?unlabelled=criteria,fusion",
    "?venue=ICLR,ECV%20Workshop%2C%20CVPR&year=2017-2021",
    "?framework=pytorch,jax&year=2020-",
    "?survey=no&pioneer=yes&task=-image-classification",
    "?model=LLM&granularity=N:M",  # codes of the list are accepted in URLs
]


def test_results_and_live_counts_agree_with_the_catalog(page, dialogs, fixture_url, fixture_catalog):
    for query in QUERIES:
        open_search(page, fixture_url, query)
        check_results_and_counts(
            page, fixture_catalog, query.replace("model=LLM", "model=llm").replace("granularity=N:M", "granularity=n-m")
        )


def check_results_and_counts(page, catalog: Catalog, query: str) -> None:
    expected = expected_results(catalog, query)
    assert result_keys(page) == expected, query
    assert shown_count(page) == len(expected), query
    ids = facet_ids(page)
    counts = shown_counts(page)
    assert set(f for f, _ in counts) == set(ids)
    expected_n = expected_counts(catalog, query, ids)
    for (facet, value), n in counts.items():
        assert n == expected_n.get((facet, value), 0), (query, facet, value)


def test_facets_come_from_the_taxonomy_with_sub_categories_nested(page, dialogs, fixture_url, fixture_catalog):
    open_search(page, fixture_url)
    tax = fixture_catalog.taxonomy
    ids = facet_ids(page)
    assert ids[:5] == list(AXIS_IDS)
    for facet in ("model", "granularity", "task", "venue", "code", "framework", "setting", "survey", "unlabelled"):
        assert facet in ids
    for axis in tax.axes:
        for c in axis.categories:
            li = page.locator(f'details[data-facet="{axis.id}"] li[data-value="{c.id}"]')
            parent = li.evaluate("li => li.parentElement.closest('li.pc-value')?.dataset.value || null")
            assert parent == c.parent
            assert label(page, axis.id, c.id).locator(".pc-value-name").inner_text() == c.name
    # real, labelled checkboxes: the accessible name is the value's name
    assert page.get_by_role("checkbox", name=re.compile("^Post-training pruning")).count() == 1


def test_the_results_show_title_authors_venue_year_chips_code_and_link(page, dialogs, fixture_url, fixture_catalog):
    open_search(page, fixture_url, "?when=post-training")
    p = fixture_catalog.by_key()["frantar2023sparsegpt"]
    item = page.locator('#results > li[data-key="frantar2023sparsegpt"]')
    title = item.locator("a.pc-result-title")
    assert title.inner_text() == p.title
    assert title.get_attribute("href") == f"../papers/{p.key}/"
    meta = item.locator(".pc-result-meta").inner_text()
    assert "Elias Frantar, Dan Alistarh" in meta and "ICML" in meta and "2023" in meta and "(Oral)" in meta
    chips = item.locator(".pc-result-chips a.pc-chip")
    assert "Post-training pruning" in chips.all_inner_texts()
    chip = item.locator('a.pc-chip[data-facet="criteria"]')
    assert chip.get_attribute("href") == "/search/?criteria=loss-change"
    assert item.locator("a.pc-code").get_attribute("href") == p.code[0].url
    # a chip selects its value on this page
    chip.click()
    assert query_of(page) == {"when": ["post-training"], "criteria": ["loss-change"]}
    assert checkbox(page, "criteria", "loss-change").is_checked()
    assert result_keys(page) == expected_results(fixture_catalog, "?when=post-training&criteria=loss-change")
    # the title link opens the paper page
    page.locator('#results > li[data-key="frantar2023sparsegpt"] a.pc-result-title').click()
    page.wait_for_url(re.compile(r"/papers/frantar2023sparsegpt/$"))
    expect(page.locator("h1")).to_have_text(p.title)


def test_paging_keeps_the_total_in_the_count(page, dialogs, tmp_path_factory):
    """A catalog larger than a page: 50 results at a time, the count states the total."""
    from prunecat.synth import synth_catalog

    root = tmp_path_factory.mktemp("synth-cat")
    synth_catalog(130, root, seed=1)
    catalog = load_catalog(root)
    dest = tmp_path_factory.mktemp("synth-site")
    # only the search page matters here: build the fixture site and swap in this catalog's data
    result = build_site(dest, SEARCH_FIXTURE)
    assert result.returncode == 0, result.stderr
    from prunecat.generators.dumps import catalog_bib
    from prunecat.generators.search_index import search_index

    (dest / "assets" / "search-index.json").write_text(search_index(catalog), encoding="utf-8")
    (dest / "catalog.bib").write_text(catalog_bib(catalog), encoding="utf-8")
    base, server = serve(dest)
    try:
        open_search(page, base)
        assert shown_count(page) == 130
        assert page.locator("#results > li").count() == 50
        assert "showing 50" in page.locator("#result-count").inner_text()
        assert page.get_attribute("#result-count", "aria-live") == "polite"
        page.locator(".pc-s-more").click()
        assert page.locator("#results > li").count() == 100
        assert result_keys(page) == expected_results(catalog, "")
    finally:
        server.shutdown()


# ---------------------------------------------------------------------------------------------
# The URL holds the state


def test_url_round_trip_reload_back_and_forward(page, dialogs, fixture_url, fixture_catalog):
    open_search(page, fixture_url, "?speedup=structured&when=-run-time")
    assert checkbox(page, "speedup", "structured").is_checked()
    assert not checkbox(page, "speedup", "unstructured").is_checked()
    assert not_button(page, "when", "run-time").get_attribute("aria-pressed") == "true"
    first = expected_results(fixture_catalog, "?speedup=structured&when=-run-time")
    assert result_keys(page) == first

    label(page, "when", "after-training").click()
    assert query_of(page) == {"speedup": ["structured"], "when": ["after-training", "-run-time"]}
    second = expected_results(fixture_catalog, "?speedup=structured&when=after-training,-run-time")
    assert result_keys(page) == second

    label(page, "model", "llm").click()
    assert query_of(page)["model"] == ["llm"]
    third = expected_results(fixture_catalog, "?speedup=structured&when=after-training,-run-time&model=llm")
    assert result_keys(page) == third

    page.reload()
    page.wait_for_selector("#pc-search[data-ready]")
    assert checkbox(page, "model", "llm").is_checked() and checkbox(page, "when", "after-training").is_checked()
    assert result_keys(page) == third

    page.go_back()
    page.wait_for_function("!location.search.includes('model=')")
    assert not checkbox(page, "model", "llm").is_checked()
    assert checkbox(page, "when", "after-training").is_checked()
    assert result_keys(page) == second
    page.go_back()
    page.wait_for_function("!location.search.includes('after-training')")
    assert not checkbox(page, "when", "after-training").is_checked()
    assert result_keys(page) == first
    page.go_forward()
    page.wait_for_function("location.search.includes('after-training')")
    assert checkbox(page, "when", "after-training").is_checked()
    assert result_keys(page) == second
    assert page.locator(".pc-facets").count() == 1


def test_exclusion_with_the_not_button_and_the_not_param(page, dialogs, fixture_url, fixture_catalog):
    open_search(page, fixture_url)
    not_button(page, "fusion", "quantization").click()
    assert query_of(page) == {"fusion": ["-quantization"]}
    assert result_keys(page) == expected_results(fixture_catalog, "?fusion=-quantization")
    assert "han2016deep" not in result_keys(page)
    # checking an excluded value includes it instead
    label(page, "fusion", "quantization").click()
    assert query_of(page) == {"fusion": ["quantization"]}
    assert result_keys(page) == ["han2016deep"]
    # the alternative spelling not_<facet>= is read too, and written back in the canonical form
    open_search(page, fixture_url, "?not_when=post-training&when=after-training")
    assert result_keys(page) == expected_results(fixture_catalog, "?when=after-training,-post-training")
    assert not_button(page, "when", "post-training").get_attribute("aria-pressed") == "true"


def test_active_filters_can_be_removed_and_cleared(page, dialogs, fixture_url, fixture_catalog):
    open_search(page, fixture_url, "?speedup=structured&model=llm&year=2024")
    assert result_keys(page) == expected_results(fixture_catalog, "?speedup=structured&model=llm&year=2024-2024")
    page.get_by_role("button", name=re.compile("^Remove filter Model family")).click()
    assert query_of(page) == {"speedup": ["structured"], "year": ["2024"]}
    page.get_by_role("button", name="Clear all").click()
    assert query_of(page) == {}
    assert shown_count(page) == len(fixture_catalog.papers)


def test_keyboard_only(page, dialogs, fixture_url, fixture_catalog):
    open_search(page, fixture_url)
    checkbox(page, "speedup", "structured").focus()
    page.keyboard.press("Space")
    assert query_of(page) == {"speedup": ["structured"]}
    page.keyboard.press("Tab")  # the "not" button of the same value
    page.keyboard.press("Tab")  # next value's checkbox
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('pc-not')")
    page.keyboard.press("Enter")
    assert query_of(page) == {"speedup": ["structured", "-semi-structured"]}
    assert result_keys(page) == expected_results(fixture_catalog, "?speedup=structured,-semi-structured")


# ---------------------------------------------------------------------------------------------
# Text search


def test_text_search_prefix_typos_and_relevance(page, dialogs, fixture_url, fixture_catalog):
    open_search(page, fixture_url)
    page.wait_for_selector("#pc-search[data-text=ready]")
    box = page.get_by_role("searchbox", name="Search papers")
    box.fill("sparsgpt")  # a typo
    assert result_keys(page)[:1] == ["frantar2023sparsegpt"]
    assert query_of(page)["q"] == ["sparsgpt"]
    box.fill("lotter")  # a prefix
    assert "frankle2019lottery" in result_keys(page)
    box.fill("frantar")  # an author
    assert result_keys(page) == ["frantar2023sparsegpt"]
    box.fill("muller")  # an author written with LaTeX accents, found without them
    assert result_keys(page) == ["lin2021fedprune"]
    box.fill("structured pruning large")  # every word must match, from its start or with a typo
    keys = result_keys(page)
    exact = {
        p.key
        for p in fixture_catalog.papers
        if all(
            any(
                w.startswith(t)
                for w in re.findall(r"[a-z0-9]+", f"{p.title} {p.algorithm} {' '.join(p.authors)} {p.venue}".lower())
            )
            for t in ("structured", "pruning", "large")
        )
    }
    assert exact and exact <= set(keys)
    assert keys[0] in exact  # exact words rank above typo matches ("structural")
    assert page.locator("#pc-sort").input_value() == "relevance"
    page.select_option("#pc-sort", "title")
    assert query_of(page)["sort"] == ["title"]
    by_title = sorted(keys, key=lambda k: fixture_catalog.by_key()[k].title.lower())
    assert result_keys(page) == by_title
    # text and facets combine
    label(page, "when", "run-time").click()
    assert shown_count(page) == 0
    assert page.locator(".pc-s-empty").is_visible()


def test_q_in_the_url_fills_our_box_not_materials_search(page, dialogs, fixture_url):
    open_search(page, fixture_url, "?q=lottery")
    assert page.get_by_role("searchbox", name="Search papers").input_value() == "lottery"
    assert "frankle2019lottery" in result_keys(page)
    assert not page.evaluate("document.getElementById('__search').checked"), "Material's search dialog opened"
    assert query_of(page) == {"q": ["lottery"]}


# ---------------------------------------------------------------------------------------------
# Export and BibTeX


def catalog_bibtex(catalog: Catalog, keys: list[str]) -> str:
    by_key = catalog.by_key()
    return "\n\n".join(with_key(by_key[k].bibtex, k) for k in keys) + "\n"


def test_export_bibtex_csv_and_json_of_the_current_results(page, dialogs, fixture_url, fixture_catalog):
    query = "?model=llm&code=yes"
    open_search(page, fixture_url, query)
    keys = expected_results(fixture_catalog, query)
    assert result_keys(page) == keys and keys

    with page.expect_download() as info:
        page.get_by_role("button", name="BibTeX", exact=True).click()
    bib = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename.endswith(".bib")
    assert bib == catalog_bibtex(fixture_catalog, keys)

    with page.expect_download() as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [r["key"] for r in rows] == keys
    by_key = fixture_catalog.by_key()
    for r in rows:
        p = by_key[r["key"]]
        assert r["title"] == p.title and r["year"] == str(p.year) and r["venue"] == p.venue
        assert r["authors"] == "; ".join(p.authors)
        assert r["when"] == "; ".join(p.labels["when"])
        assert r["code"] == "; ".join(c.url for c in p.code)  # every code link, as `catalog export` gives them

    with page.expect_download() as info:
        page.get_by_role("button", name="JSON", exact=True).click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["count"] == len(keys)
    assert [r["key"] for r in data["papers"]] == keys
    for r in data["papers"]:
        p = by_key[r["key"]]
        assert r["title"] == p.title and r["authors"] == list(p.authors) and r["year"] == p.year
        assert {a: set(v) for a, v in r["axes"].items()} == {a: set(p.categories[a]) for a in AXIS_IDS}
        assert {a: set(v) for a, v in r["labels"].items()} == {a: set(p.labels[a]) for a in AXIS_IDS}
        assert set(r["model"]) == set(p.facets["model"])
        assert r["page"].endswith(f"/papers/{p.key}/")


def test_copy_one_papers_bibtex(page, dialogs, fixture_url, fixture_catalog):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_search(page, fixture_url, "?q=snip")
    page.locator('#results > li[data-key="lee2019snip"] button.pc-bib').click()
    page.wait_for_function(
        "document.querySelector('#results > li[data-key=lee2019snip] button.pc-bib').textContent === 'Copied'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == with_key(fixture_catalog.by_key()["lee2019snip"].bibtex, "lee2019snip") + "\n"


# ---------------------------------------------------------------------------------------------
# Safety


def test_a_hostile_title_is_shown_as_text(page, dialogs, fixture_url):
    open_search(page, fixture_url, "?model=vit")
    item = page.locator('#results > li[data-key="hostile2023img"]')
    assert item.locator("a.pc-result-title").inner_text() == HOSTILE
    assert page.locator("#pc-search img").count() == 0
    page.get_by_role("searchbox", name="Search papers").fill("onerror")
    page.wait_for_function("document.querySelectorAll('#results > li').length === 1")  # a loaded machine is slow
    assert result_keys(page) == ["hostile2023img"]
    page.wait_for_timeout(200)  # an injected onerror would fire by now
    assert dialogs == []


def test_without_javascript_the_page_points_to_the_category_pages(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False)
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("http://127.0.0.1")
            else (outside.append(route.request.url), route.abort())
        ),
    )
    try:
        page = context.new_page()
        page.goto(fixture_url + "search/")
        link = page.get_by_role("link", name="taxonomy", exact=True)
        assert link.get_attribute("href") == "../taxonomy/"
        page.goto(fixture_url + "taxonomy/when/after-training/")
        assert page.locator("tr[data-key]").count() > 0
    finally:
        context.close()
    assert not outside


# ---------------------------------------------------------------------------------------------
# Material's instant navigation


def test_instant_navigation_to_and_from_the_search(page, dialogs, fixture_url, fixture_catalog):
    updates = []
    page.expose_function("pcUpdated", lambda reason: updates.append(reason))
    page.add_init_script("document.addEventListener('pc:updated', e => window.pcUpdated(e.detail.reason))")
    page.goto(fixture_url)
    page.wait_for_load_state("networkidle")  # Material intercepts links once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Search", exact=True).first.click()
    page.wait_for_selector("#pc-search[data-ready]")
    assert page.evaluate("window.__sameDocument === true"), "not an instant navigation"
    n_boxes = page.locator("#pc-search input[type=checkbox]").count()
    assert page.locator(".pc-facets").count() == 1
    label(page, "speedup", "structured").click()
    page.wait_for_timeout(100)
    assert updates.count("facet") == 1, "one search instance answers a click"

    page.get_by_role("link", name="Home", exact=True).first.click()
    page.wait_for_function("!document.getElementById('pc-search')")
    page.go_back()
    page.wait_for_selector("#pc-search[data-ready]")
    assert page.evaluate("window.__sameDocument === true")
    assert page.locator(".pc-facets").count() == 1
    assert page.locator("#pc-search input[type=checkbox]").count() == n_boxes
    assert checkbox(page, "speedup", "structured").is_checked()
    updates.clear()
    label(page, "model", "llm").click()
    page.wait_for_timeout(100)
    assert updates.count("facet") == 1
    assert result_keys(page) == expected_results(fixture_catalog, "?speedup=structured&model=llm")

    # a category page links to the search with its category selected
    page.goto(fixture_url + "taxonomy/when/after-training/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Filter these papers in the search").click()
    page.wait_for_selector("#pc-search[data-ready]")
    assert page.evaluate("window.__sameDocument === true")
    assert checkbox(page, "when", "after-training").is_checked()
    assert result_keys(page) == expected_results(fixture_catalog, "?when=after-training")


# ---------------------------------------------------------------------------------------------
# The real catalog


def real_catalog_or_skip(catalog: Catalog) -> None:
    if not catalog.papers:
        pytest.skip("catalog/papers is empty: the real catalog has not been imported yet")


def test_reader_answers_structured_after_training_llm_with_code(page, dialogs, catalog, request):
    """From the search page: three clicks list the structured after-training LLM papers, each with
    its code link; the list is a shareable URL. Ticking "Code available" keeps those with code."""
    real_catalog_or_skip(catalog)
    site_url = request.getfixturevalue("site_url")
    open_search(page, site_url)
    for facet, value in (("speedup", "structured"), ("when", "after-training"), ("model", "llm")):
        label(page, facet, value).click()
    query = "?speedup=structured&when=after-training&model=llm"
    keys = expected_results(catalog, query)
    assert result_keys(page) == keys
    by_key = catalog.by_key()
    for key in keys:
        item = page.locator(f'#results > li[data-key="{key}"]')
        if by_key[key].code:
            assert item.locator("a.pc-code").get_attribute("href") == by_key[key].code[0].url
        else:
            assert item.locator(".pc-nocode").count() == 1
    label(page, "code", "yes").click()
    with_code = expected_results(catalog, query + "&code=yes")
    assert result_keys(page) == with_code == [k for k in keys if by_key[k].code]
    shared = page.evaluate("location.href")
    assert query_of(page) == {"speedup": ["structured"], "when": ["after-training"], "model": ["llm"], "code": ["yes"]}
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_selector("#pc-search[data-ready]")
    assert result_keys(page) == with_code


def test_counts_on_the_real_catalog(page, dialogs, catalog, request):
    real_catalog_or_skip(catalog)
    site_url = request.getfixturevalue("site_url")
    for query in (
        "",
        "?when=after-training&speedup=structured",
        "?model=llm&unlabelled=criteria",
        "?fusion=quantization,-none&year=2020-",
    ):
        open_search(page, site_url, query)
        check_results_and_counts(page, catalog, query)
