"""The home page leads with the catalog (the block of prunecat/templates/home.html in docs/index.md):
a search form that goes to /search/?q=..., with or without JavaScript, the five axes with their
paper counts, and the newest papers, on the first screen at desktop and phone widths; the prose follows.

Expectations are computed here from the fixture catalog, not read from the generator.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from prunecat.model import Catalog

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
SEARCH_LABEL = re.compile(r"^Search the catalog's \d+ pruning papers by title, method, author or topic$")


def expected_counts(catalog: Catalog) -> dict[str, int]:
    """Papers placed in at least one category of each axis."""
    return {a.id: sum(1 for p in catalog.papers if p.categories[a.id]) for a in catalog.taxonomy.axes}


def expected_newest(catalog: Catalog, n: int = 8) -> list[str]:
    """Keys of the papers added last, then by newest year, then title."""
    dated = sorted(
        catalog.papers,
        key=lambda p: (-(p.added.toordinal() if p.added else 0), -p.year, p.title.casefold(), p.key),
    )
    return [p.key for p in dated[:n]]


def path_of(link) -> str:
    """Where a link goes, as a path on the server (Material's instant navigation makes hrefs absolute)."""
    return link.evaluate("a => new URL(a.href).pathname")


@pytest.mark.parametrize("size", SIZES)
def test_the_first_screen_shows_search_axes_and_newest_papers(page, fixture_url, fixture_catalog, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(fixture_url, wait_until="domcontentloaded")

    box = page.get_by_role("searchbox", name=SEARCH_LABEL)
    expect(box).to_be_visible()
    top = box.bounding_box()
    assert top is not None and top["y"] + top["height"] <= height, f"the search box is below the first screen: {top}"
    form = page.locator("form.pc-home-search")
    assert form.get_attribute("method") == "get" and form.get_attribute("action") == "search/"
    assert box.get_attribute("name") == "q"
    expect(page.locator("label[for=pc-home-q]")).to_contain_text(f"{len(fixture_catalog.papers)} pruning papers")

    cards = page.locator("ul.pc-home-axes > li > a")
    expect(cards).to_have_count(5)
    counts = expected_counts(fixture_catalog)
    assert len(set(counts.values())) > 1, "the fixture should tell the axes apart by their counts"
    for i, axis in enumerate(fixture_catalog.taxonomy.axes):
        card = cards.nth(i)
        expect(card).to_be_visible()
        assert card.get_attribute("data-axis") == axis.id
        assert path_of(card) == f"/taxonomy/{axis.id}/"
        assert axis.name in card.inner_text()
        assert card.locator(".pc-home-count strong").inner_text() == str(counts[axis.id])

    newest = page.locator("ul.pc-home-newest > li > a")
    keys = expected_newest(fixture_catalog)
    expect(newest).to_have_count(len(keys))
    assert [path_of(a) for a in newest.all()] == [f"/papers/{k}/" for k in keys]
    by_key = fixture_catalog.by_key()
    assert newest.all_inner_texts() == [by_key[k].title for k in keys]
    expect(newest.first).to_be_visible()

    # the prose follows the block, and nothing scrolls sideways
    prose = page.get_by_role("heading", name="Ways to use the site", exact=False).first
    more = page.locator(".pc-home-more").bounding_box()
    assert more is not None and prose.bounding_box()["y"] > more["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_search_form_goes_to_the_search_page_with_the_query(page, fixture_url):
    page.set_default_timeout(10000)
    page.goto(fixture_url, wait_until="domcontentloaded")
    box = page.get_by_role("searchbox", name=SEARCH_LABEL)
    box.fill("sparsegpt")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=sparsegpt$"))
    page.wait_for_selector("#pc-search[data-ready]")
    expect(page.get_by_role("searchbox", name="Search papers")).to_have_value("sparsegpt")
    expect(page.locator('#results > li[data-key="frantar2023sparsegpt"]')).to_be_visible()


def test_the_search_form_works_without_javascript(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith("http://127.0.0.1"):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    context.route("**/*", guard)
    try:
        pg = context.new_page()
        pg.goto(fixture_url, wait_until="domcontentloaded")
        pg.get_by_role("searchbox", name=SEARCH_LABEL).fill("lottery ticket")
        pg.locator("form.pc-home-search").get_by_role("button", name="Search").click()
        pg.wait_for_url(re.compile(r"/search/\?q=lottery\+ticket$"))
        expect(pg.locator("#pc-search")).to_be_attached()
    finally:
        context.close()
    assert not outside, f"the page tried to fetch from the network: {outside}"
