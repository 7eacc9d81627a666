"""The /results/ pages in Chromium, on the site of the fixture catalog (tests/fixtures/search-catalog,
whose entries sparsegpt, slicegpt, llm-pruner, pfec and amc carry results on two benchmarks):
the chart's points lead to their papers, the table sorts by keyboard and fits a 1280 px window
without scrolling sideways, and axe-core finds no serious or critical violation on the index, a
benchmark page and a paper page with results."""

from __future__ import annotations

import pytest

from test_accessibility import _run

LLM = "results/wikitext-2-llama-7b/"
CIFAR = "results/cifar-10-resnet-56/"


def test_every_chart_point_links_to_its_paper_page(page, fixture_url: str):
    page.goto(fixture_url + LLM)
    points = page.locator(".pc-r-plot a.pc-r-point")
    assert points.count() == 3  # llm-pruner gives parameters removed, not sparsity: table only
    for href in points.evaluate_all("els => els.map(a => new URL(a.getAttribute('href'), location.href).href)"):
        key = href.rstrip("/").rsplit("/", 1)[1]
        assert href == f"{fixture_url}papers/{key}/"
        assert page.request.get(href).status == 200
    # a click on a point lands on the paper page
    page.locator('.pc-r-plot a.pc-r-point[data-key="ashkboos2024slicegpt"]').click()
    page.wait_for_url(f"{fixture_url}papers/ashkboos2024slicegpt/")
    page.wait_for_selector("h1.pc-title")
    assert "SliceGPT" in page.locator("h1.pc-title").inner_text()
    assert page.locator("table.pc-r-paper tbody tr").count() == 1


def test_the_table_sorts_by_keyboard(page, fixture_url: str):
    page.goto(fixture_url + LLM)
    year = page.locator("table.pc-r-table thead th", has=page.locator("button.pc-r-sort", has_text="Year"))
    button = year.locator("button.pc-r-sort")
    button.wait_for()
    keys = "els => els.map(tr => tr.getAttribute('data-key'))"
    rows = page.locator("table.pc-r-table tbody tr")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('table.pc-r-table th[aria-sort=ascending]')")
    assert year.get_attribute("aria-sort") == "ascending"
    order = rows.evaluate_all(keys)
    assert order[:2] == ["frantar2023sparsegpt", "frantar2023sparsegpt"] and order[-1] == "ashkboos2024slicegpt"
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('table.pc-r-table th[aria-sort=descending]')")
    assert rows.evaluate_all(keys)[0] == "ashkboos2024slicegpt"
    # one column at a time carries aria-sort
    change = page.locator("table.pc-r-table thead th", has=page.locator("button.pc-r-sort", has_text="Change"))
    change.locator("button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('table.pc-r-table th[aria-sort]').length === 1")
    assert change.get_attribute("aria-sort") == "ascending" and year.get_attribute("aria-sort") is None
    deltas = page.locator("table.pc-r-table tbody tr td .pc-r-worse, table.pc-r-table tbody tr td .pc-r-better")
    texts = [t.split()[0] for t in deltas.all_inner_texts()]
    assert texts == ["+1.22", "+1.54", "+4.96", "+5.32"]


def test_the_table_works_without_the_script(browser, fixture_url: str):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(fixture_url + CIFAR)
        assert pg.locator("table.pc-r-table tbody tr").count() == 2
        assert pg.locator("table.pc-r-table button").count() == 0  # plain headings, no dead buttons
        assert pg.locator(".pc-r-plot a.pc-r-point").count() == 2
    finally:
        context.close()


@pytest.mark.parametrize(
    "path", ["results/", LLM, CIFAR, "papers/frantar2023sparsegpt/"], ids=["index", "llm", "cifar", "paper"]
)
def test_no_serious_accessibility_violation_on_the_results_pages(page, fixture_url: str, path: str):
    _run(page, fixture_url, path, None)


@pytest.mark.parametrize("path", [LLM, CIFAR], ids=["llm", "cifar"])
def test_the_table_fits_the_page_at_1280_px(browser, fixture_url: str, path: str):
    """No sideways scrolling: the axes share one Labels cell and the text cells wrap."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        pg = context.new_page()
        pg.goto(fixture_url + path)
        pg.wait_for_selector("table.pc-r-table th button.pc-r-sort")  # the widest state: with the buttons
        widths = pg.evaluate(
            """() => { const t = document.querySelector('table.pc-r-table'); const box = t.closest('.pc-scroll');
                 return {table: t.scrollWidth, box: box.clientWidth, page: document.documentElement.scrollWidth}; }"""
        )
        assert widths["table"] <= widths["box"], widths
        assert widths["page"] <= 1280, widths
        assert pg.locator("table.pc-r-table thead th").all_inner_texts()[1].startswith("Labels")
    finally:
        context.close()
