"""The search page's own timing of what its first results wait for (issue 14), in a real browser.

docs/assets/search-load.js records the phases as User Timing marks and measures (also in
window.searchTiming) so that a slow figure of bench/search_bench.py on another machine says which
phase was slow; the page's head preloads the index so its download starts before any script runs.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

INDEX_PHASES = ["index-request", "index-received", "index-parse-start", "index-parsed", "ui-built", "first-results"]
TEXT_PHASES = ["text-request", "text-received", "text-parse-start", "text-ready"]
MEASURES = {  # measure -> (from phase, to phase); None = navigation start
    "index-download": ("index-request", "index-received"),
    "index-wait": ("index-received", "index-parse-start"),
    "index-parse": ("index-parse-start", "index-parsed"),
    "ui-build": ("index-parsed", "ui-built"),
    "first-render": ("ui-built", "first-results"),
    "first-results": (None, "first-results"),
    "text-download": ("text-request", "text-received"),
    "text-parse": ("text-parse-start", "text-ready"),
}


@pytest.fixture
def errors(page) -> list[str]:
    seen: list[str] = []
    page.on("pageerror", lambda exc: seen.append(str(exc)))
    yield seen
    assert not seen, f"script errors on the page: {seen}"


def open_timed(page, base: str, query: str = "") -> dict:
    page.goto(base + "search/" + query, wait_until="domcontentloaded")
    page.wait_for_selector("#pc-search[data-ready]")
    page.wait_for_selector("#pc-search[data-text=ready]")
    return page.evaluate(
        """() => ({
          timing: window.searchTiming,
          marks: Object.fromEntries(performance.getEntriesByType('mark')
            .filter(m => m.name.startsWith('pc:')).map(m => [m.name.slice(3), m.startTime])),
          measures: Object.fromEntries(performance.getEntriesByType('measure')
            .filter(m => m.name.startsWith('pc:')).map(m => [m.name.slice(3), [m.startTime, m.duration]])),
        })"""
    )


def test_the_page_times_each_phase_in_order(page, errors, fixture_url):
    updates: list[float] = []
    page.expose_function("pcLoaded", lambda at: updates.append(at))
    page.add_init_script(
        "document.addEventListener('pc:updated', e => { if (e.detail.reason === 'load') window.pcLoaded(e.detail.at); })"
    )
    got = open_timed(page, fixture_url)
    timing, marks, measures = got["timing"], got["marks"], got["measures"]
    assert set(INDEX_PHASES + TEXT_PHASES) <= set(timing), timing
    # the marks are the same instants as window.searchTiming
    assert {k: round(v, 3) for k, v in marks.items()} == {k: round(timing[k], 3) for k in marks}
    assert set(marks) == set(timing)
    at = [timing[p] for p in INDEX_PHASES]
    assert at == sorted(at), dict(zip(INDEX_PHASES, at))
    at = [timing[p] for p in TEXT_PHASES]
    assert at == sorted(at), dict(zip(TEXT_PHASES, at))
    assert 0 < timing["index-request"] < timing["first-results"]
    # first results: marked right after the first render's pc:updated event (and its listeners)
    assert len(updates) == 1 and 0 <= timing["first-results"] - updates[0] < 100
    # without ?q= the first results do not wait for the text index
    assert timing["first-results"] <= timing["text-ready"]
    for name, (start, end) in MEASURES.items():
        assert name in measures, name
        begin, duration = measures[name]
        assert begin == pytest.approx(timing[start] if start else 0, abs=0.01), name
        assert begin + duration == pytest.approx(timing[end], abs=0.01), name
        assert duration >= 0, name


def test_with_a_text_query_the_first_results_wait_for_the_text_index(page, errors, fixture_url):
    timing = open_timed(page, fixture_url, "?q=lottery")["timing"]
    assert timing["text-ready"] <= timing["first-results"]
    assert page.locator("#results > li").count() > 0


def test_the_index_is_preloaded_from_the_head_and_downloaded_once(page, errors, fixture_url):
    open_timed(page, fixture_url)
    hrefs = page.eval_on_selector_all("head link[rel=preload][as=fetch][crossorigin]", "els => els.map(e => e.href)")
    index = urljoin(fixture_url + "search/", page.get_attribute("#pc-search", "data-index"))
    assert hrefs == [index]
    entries = page.evaluate("url => performance.getEntriesByName(url, 'resource').map(e => e.initiatorType)", index)
    # the script's fetch used the preloaded response: one download, started by the <link>
    assert entries == ["link"]
    requested = page.evaluate("window.searchTiming['index-request']")
    started = page.evaluate("url => performance.getEntriesByName(url, 'resource')[0].startTime", index)
    assert requested == pytest.approx(started, abs=0.01)


def test_other_pages_preload_nothing_and_are_not_timed(page, errors, fixture_url):
    page.goto(fixture_url, wait_until="domcontentloaded")
    assert page.locator("head link[rel=preload]").count() == 0
    assert page.evaluate("window.searchTiming === undefined")


def test_a_view_reached_by_instant_navigation_keeps_the_first_views_timing(page, errors, fixture_url):
    first = open_timed(page, fixture_url)["timing"]
    page.wait_for_load_state("networkidle")  # Material intercepts links once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Home", exact=True).first.click()
    page.wait_for_function("!document.getElementById('pc-search')")
    page.go_back()
    page.wait_for_selector("#pc-search[data-ready]")
    assert page.evaluate("window.__sameDocument === true"), "not an instant navigation"
    assert page.evaluate("window.searchTiming") == first
    assert page.evaluate("performance.getEntriesByName('pc:first-results', 'mark').length") == 1


def test_a_full_load_sets_the_page_up_once(page, errors, fixture_url):
    # the page is set up when search.js runs; Material's announcement of the same page must not
    # set it up again (two instances would answer each click) or tear it down
    reasons: list[str] = []
    page.expose_function("pcUpdated", lambda reason: reasons.append(reason))
    page.add_init_script("document.addEventListener('pc:updated', e => window.pcUpdated(e.detail.reason))")
    open_timed(page, fixture_url)
    page.wait_for_load_state("load")
    assert page.locator(".pc-facets").count() == 1
    page.locator('details[data-facet="speedup"] li[data-value="structured"] > label').click()
    page.wait_for_function("document.querySelector('#result-count').dataset.count !== undefined")
    page.wait_for_timeout(100)
    assert reasons.count("load") == 1 and reasons.count("facet") == 1, reasons
    assert "speedup=structured" in page.url
