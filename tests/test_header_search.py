"""Papers in the header's search (docs/assets/header-search.js), in Chromium, on the fixture site.

Material's search box indexes the prose pages only; the script adds the catalog's papers to its
results from the search page's own data and ranking. A reader finds a paper there by a title word,
a method's name or an author's name, at desktop and phone sizes, with the mouse or the keyboard,
and "All matching papers" opens /search/?q=... with the same papers first.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from prunecat.model import Catalog

from conftest import SEARCH_FIXTURE  # noqa: F401  (the fixture catalog the site is built from)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
HOSTILE = "<img src=x onerror=alert(1)>"
SECTION = "[data-pc-header-search]"


@pytest.fixture
def watched(page):
    """The page, failing the test on a script error or a dialog (a script injected through data)."""
    page.set_default_timeout(8000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"error: {exc}"))

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    assert not problems, problems


def open_header_search(page, url: str, size: dict) -> None:
    """Open `url` at `size` and open the header's search as a reader does there."""
    page.set_viewport_size(size)
    page.goto(url, wait_until="domcontentloaded")
    if size["width"] < 960:  # a phone: the search is a button in the header
        page.locator("header label[for=__search]").first.click()
    else:
        page.locator(".md-search__input").click()
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")


def ask(page, query: str) -> list[str]:
    """Type `query` into the header's search; the keys of the papers it suggests, in order."""
    page.locator(".md-search__input").fill(query)
    page.wait_for_selector(f'{SECTION}[data-query="{query.strip()}"]', state="attached")
    return page.eval_on_selector_all(f"{SECTION} .pc-hs__item", "els => els.map(e => e.dataset.key)")


def authored(catalog: Catalog, name: str) -> set[str]:
    return {p.key for p in catalog.papers if name in p.authors}


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_header_search_suggests_papers(watched, fixture_url, fixture_catalog, size):
    page = watched
    open_header_search(page, fixture_url, size)
    # a title word
    lottery = ask(page, "lottery")
    assert set(lottery) == {p.key for p in fixture_catalog.papers if "lottery" in p.title.lower()}
    # a method's name, and a typo of it: the paper that introduced it first
    assert ask(page, "SparseGPT")[0] == "frantar2023sparsegpt"
    assert ask(page, "sparsgpt")[0] == "frantar2023sparsegpt"
    # an author's full name: that author's papers
    assert set(ask(page, "Song Han")) == authored(fixture_catalog, "Song Han")
    # visible, with their titles and Material's own results still there below
    first = page.locator(f"{SECTION} .pc-hs__link").first
    result = page.locator(".md-search-result").bounding_box()
    assert first.is_visible() and first.bounding_box()["width"] >= result["width"] * 0.95  # the dialog's width
    assert page.locator(f"{SECTION} .pc-hs__title").first.inner_text() in {
        p.title for p in fixture_catalog.papers if "Song Han" in p.authors
    }
    assert page.locator(".md-search-result__meta").is_visible()
    box = page.locator(f"{SECTION} .pc-hs__all").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]  # no sideways scrolling
    # no match: said so, still with the way to the search page
    assert ask(page, "zzzqqq") == []
    assert "No paper" in page.locator(f"{SECTION} .pc-hs__meta").inner_text()
    # cleared: the suggestions go
    page.locator(".md-search__input").fill("")
    page.wait_for_selector(SECTION, state="hidden")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_all_matching_papers_opens_the_search_page_with_the_same_papers_first(watched, fixture_url, size):
    page = watched
    open_header_search(page, fixture_url + "survey/", size)  # from a page one level down: the base URL
    suggested = ask(page, "pruning llm")
    assert len(suggested) >= 2
    link = page.locator(f"{SECTION} .pc-hs__all")
    assert link.inner_text().startswith("All matching papers")
    assert link.get_attribute("href") == fixture_url + "search/?q=pruning%20llm"
    link.click()
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector("#pc-search[data-ready]")
    page.wait_for_function("document.querySelectorAll('#results > li').length > 0")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["pruning llm"]
    keys = page.eval_on_selector_all("#results > li", "els => els.map(e => e.dataset.key)")
    assert keys[: len(suggested)] == suggested
    assert page.get_by_role("searchbox", name="Search papers").input_value() == "pruning llm"
    assert not page.locator(".md-search__input").evaluate("el => document.activeElement === el")


def test_keyboard_reaches_the_papers(watched, fixture_url):
    page = watched
    open_header_search(page, fixture_url + "papers/lee2019snip/", DESKTOP)
    assert ask(page, "snip")[0] == "lee2019snip"
    page.keyboard.press("ArrowDown")  # Material's arrow keys walk the result links: ours first
    focused = page.evaluate("document.activeElement.closest('.pc-hs__item')?.dataset.key")
    assert focused == "lee2019snip"
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href == fixture_url + "papers/lee2019snip/"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.pc-hs__link, .pc-hs__all')")
    ask(page, "frantar")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/papers/frantar2023sparsegpt/")
    expect(page.locator(".md-content h1").first).to_contain_text("SparseGPT")  # after instant navigation
    page.locator(".md-search__input").click()  # the header stays: the suggestions still come, linked right
    assert ask(page, "amc") == ["he2018amc"]
    assert page.locator(f"{SECTION} .pc-hs__link").get_attribute("href") == fixture_url + "papers/he2018amc/"


def test_catalog_text_stays_text(watched, fixture_url):
    page = watched
    open_header_search(page, fixture_url, DESKTOP)
    assert ask(page, "onerror") == ["hostile2023img"]
    assert page.locator(f"{SECTION} .pc-hs__title").inner_text() == HOSTILE
    assert page.locator(f"{SECTION} img").count() == 0
    # Enter in the box opens the best result: Material's pages first, else the first paper
    page.locator(".md-search__input").press("Enter")
    page.wait_for_url("**/papers/hostile2023img/", timeout=20_000)  # a whole page load: slow under load


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_suggestions_are_accessible(watched, fixture_url, scheme):
    """axe-core finds no serious or critical violation in the suggestions, in either colour scheme."""
    from test_accessibility import AXE, BLOCKING

    page = watched
    page.context.add_init_script("try { localStorage.clear(); } catch (e) {}")
    page.emulate_media(color_scheme=scheme)
    open_header_search(page, fixture_url, DESKTOP)
    ask(page, "pruning")
    # Material's dialog fades in: axe reads the colours once no transition runs
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("() => axe.run({include: [['[data-pc-header-search]']]}, {resultTypes: ['violations']})")[
        "violations"
    ]
    bad = [(v["id"], [n["html"][:120] for n in v["nodes"][:3]]) for v in found if v.get("impact") in BLOCKING]
    assert not bad, bad


def test_material_prose_index_leaves_paper_lists_to_the_suggestions(fixture_url):
    """/recent/ and /matrix/ list papers; their titles stay out of Material's prose index, so a paper's
    title finds the paper (our suggestions), not a page that happens to list it."""
    import json
    import urllib.request

    with urllib.request.urlopen(fixture_url + "search/search_index.json") as response:
        locations = {doc["location"].split("#")[0] for doc in json.load(response)["docs"]}
    assert "recent/" not in locations and "matrix/" not in locations
    assert "taxonomy/" in locations  # prose pages stay
