"""Layout of the catalog pages in a real browser (issue 14, item 3), on the fixture site.

From 1024 px on, no table of /papers/, a category page or a paper page scrolls sideways, and no word
of a label chip, a code link or a granularity is broken in the middle ("PyTo rch"). On a phone
(390 px), label chips wrap instead of being cut: no chip is clipped or ellipsised, and a paper
page's labels fit the screen.
"""

from __future__ import annotations

import pytest

PAGES = {
    "papers": "papers/",
    "category": "taxonomy/when/after-training/",
    "paper": "papers/frantar2023sparsegpt/",  # code, labels on several axes, facets, related papers
}

# Every table of the page's article that is wider than its box: [class, scrollWidth, clientWidth].
OVERFLOWING_TABLES = """() => [...document.querySelectorAll('article table')].map(t => {
    // a table scrolls sideways when it is wider than the box that clips it (a scroll region) or the article
    let box = t.parentElement;
    while (box.tagName !== 'ARTICLE' && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
    return [t.className, Math.round(t.getBoundingClientRect().width), box.clientWidth];
  }).filter(([, width, room]) => width > room + 1)"""

# Words (split at spaces and hyphens) that the layout broke across two lines, in the elements
# matching the selector: a word drawn as two boxes was broken in the middle.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    const text = el.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const re = /[^\\s-]+/g;
    let m;
    while ((m = re.exec(text.data))) {
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      if (range.getClientRects().length > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""

# Chips whose text does not fit their own box, or that an ellipsis would cut.
CLIPPED_CHIPS = """() => [...document.querySelectorAll('article .pc-chip')]
  .filter(c => c.scrollWidth > c.clientWidth + 1 || getComputedStyle(c).textOverflow === 'ellipsis')
  .map(c => c.textContent)"""

# Chips that stick out of the article on the right (cut off by the screen's edge).
CHIPS_PAST_THE_EDGE = """() => {
  const right = document.querySelector('article').getBoundingClientRect().right;
  return [...document.querySelectorAll('article .pc-chip')]
    .filter(c => c.getBoundingClientRect().right > right + 1).map(c => c.textContent);
}"""


def _open(page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url, wait_until="load")
    page.wait_for_selector("article table")
    page.evaluate("document.fonts.ready.then(() => true)")  # measure with the fonts in use


@pytest.mark.parametrize("width", [1024, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_table_scrolls_sideways_from_1024_px(page, fixture_url: str, name: str, width: int):
    _open(page, fixture_url + PAGES[name], width)
    assert page.locator("article table").count() >= 1
    assert page.evaluate(OVERFLOWING_TABLES) == []
    # wrapping happens between words: chips, framework names, granularities stay whole
    for selector in (".pc-chip", ".pc-code", "table.pc-papers td:nth-child(2)"):
        assert page.evaluate(BROKEN_WORDS, selector) == [], selector
    if name != "paper":
        assert page.locator("article .pc-code").count() >= 1  # the fixture has code links to check


@pytest.mark.parametrize("name", list(PAGES))
def test_chips_wrap_instead_of_being_cut_on_a_phone(page, fixture_url: str, name: str):
    _open(page, fixture_url + PAGES[name], 390)
    assert page.locator("article .pc-chip").count() >= 1
    assert page.evaluate(CLIPPED_CHIPS) == []
    assert page.evaluate(BROKEN_WORDS, ".pc-chip") == []
    if name == "paper":
        # the labels stack (axis, chips, why) and fit the screen: nothing to scroll, nothing cut
        assert page.evaluate(OVERFLOWING_TABLES) == []
        assert page.evaluate(CHIPS_PAST_THE_EDGE) == []
