"""Comparing two to four papers side by side on the search page, in Debian's Chromium (Playwright).

The expected cells are computed here in Python from the fixture catalog (tests/fixtures/search-
catalog), not from the search index or the page's script. The fixture site is built once for this
module (a few seconds) and served on loopback.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from prunecat.model import Catalog, Paper
from prunecat.taxonomy import AXIS_IDS, STATE_LABELS


HOSTILE = "<img src=x onerror=alert(1)>"
ROWS = [
    "authors",
    "venue",
    "year",
    "summary",
    "algorithm",
    *AXIS_IDS,
    "granularity",
    "model",
    "task",
    "setting",
    "code",
    "framework",
]


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def cat(fixture_catalog: Catalog) -> Catalog:
    return fixture_catalog


@pytest.fixture
def base(fixture_url: str) -> str:
    """The fixture site shared with tests/test_search_browser.py (built once per session)."""
    return fixture_url


@pytest.fixture
def pg(page):
    """The guarded page of conftest, failing on script errors and on any dialog."""
    page.set_default_timeout(5000)
    seen: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    assert not errors, f"script errors on the page: {errors}"
    assert not seen, f"the page opened dialogs: {seen}"


# ---------------------------------------------------------------------------------------------
# What the catalog says, in Python


def expected_column(p: Paper, cat: Catalog) -> dict[str, object]:
    """The cells of a paper's column: a string, or the list of values of a multi-valued cell."""
    tax = cat.taxonomy
    names = list(p.authors)
    cells: dict[str, object] = {
        "authors": (", ".join(names[:5]) + " et al." if len(names) > 6 else ", ".join(names))
        or "authors not yet recorded",
        "venue": " ".join(x for x in (p.venue, f"({p.venue_note})" if p.venue_note else "") if x) or "not recorded",
        "year": str(p.year),
        "summary": p.summary or "no summary yet",
        "algorithm": p.algorithm or "not named",
    }
    for axis in tax.axes:
        labels = p.labels[axis.id]  # as written, not with the parents of sub-categories
        if not labels:
            cells[axis.id] = "not yet labelled"
        else:
            cells[axis.id] = [c.name for c in axis.categories if c.id in labels] + [
                state for state in STATE_LABELS if state in labels
            ]
    for fid in ("granularity", "model", "task", "setting"):
        cells[fid] = [v.name for v in tax.facet(fid).values if v.id in p.facets[fid]] or "not recorded"
    cells["code"] = [re.sub(r"^https?://", "", c.url).rstrip("/") for c in p.code] or "No code recorded"
    frameworks = {c.framework for c in p.code if c.framework}
    cells["framework"] = [v.name for v in tax.facet("framework").values if v.id in frameworks] or "not recorded"
    return cells


def row_names(cat: Catalog) -> dict[str, str]:
    tax = cat.taxonomy
    names = {
        "authors": "Authors",
        "venue": "Venue",
        "year": "Year",
        "summary": "Summary",
        "algorithm": "Algorithm",
        "code": "Code",
    }
    names.update({a.id: a.name for a in tax.axes})
    names.update({f: tax.facet(f).name for f in ("granularity", "model", "task", "setting", "framework")})
    return names


# ---------------------------------------------------------------------------------------------
# Reading the page

READ_TABLE = """() => {
  const t = document.querySelector('#pc-compare table');
  if (!t || !t.offsetParent) return null;
  const cols = [...t.querySelectorAll('thead th')].map(th => ({
    scope: th.getAttribute('scope'), key: th.dataset.key,
    title: th.querySelector('a').textContent, href: th.querySelector('a').getAttribute('href'),
  }));
  const rows = [...t.querySelectorAll('tbody tr')].map(tr => {
    const th = tr.querySelector(':scope > th');
    const tds = [...tr.querySelectorAll(':scope > td')];
    return {
      id: tr.dataset.row, scope: th.getAttribute('scope'), name: th.textContent,
      cells: tds.map(td => {
        const lis = td.querySelectorAll('li');
        return lis.length ? [...lis].map(li => li.textContent) : td.textContent;
      }),
      links: tds.map(td => [...td.querySelectorAll('a')].map(a => a.getAttribute('href'))),
    };
  });
  return {cols, rows};
}"""


def open_search(page, base: str, query: str = "") -> None:
    page.goto(base + "search/" + query, wait_until="domcontentloaded")
    page.wait_for_selector("#pc-search[data-ready]")


def query_of(page) -> dict[str, list[str]]:
    return {k: v[0].split(",") for k, v in parse_qs(page.evaluate("location.search").lstrip("?")).items()}


def pick_box(page, key: str):
    return page.locator(f'#results > li[data-key="{key}"] [role=checkbox].pc-pick-box')


def result_keys(page) -> list[str]:
    return page.eval_on_selector_all("#results > li", "els => els.map(e => e.dataset.key)")


def check_table(page, cat: Catalog, keys: list[str]) -> None:
    """The comparison shows exactly these papers, in this order, each cell as the catalog says."""
    expect(page.locator("#pc-compare table")).to_be_visible()
    data = page.evaluate(READ_TABLE)
    by_key = cat.by_key()
    assert [c["key"] for c in data["cols"]] == keys
    for c in data["cols"]:
        assert c["scope"] == "col"
        assert c["title"] == by_key[c["key"]].title
        assert c["href"] == f"../papers/{c['key']}/"
    assert [r["id"] for r in data["rows"]] == ROWS
    names = row_names(cat)
    for r in data["rows"]:
        assert r["scope"] == "row" and r["name"] == names[r["id"]], r["id"]
        for key, cell, links in zip(keys, r["cells"], r["links"]):
            assert cell == expected_column(by_key[key], cat)[r["id"]], (key, r["id"])
            if r["id"] == "code":
                assert links == [c.url for c in by_key[key].code], key
    # the boxes of the compared papers shown in the results are ticked, and only those
    ticked = page.eval_on_selector_all("#results .pc-pick-box[aria-checked=true]", "els => els.map(e => e.dataset.key)")
    assert set(ticked) == set(keys) & set(result_keys(page))


def no_table(page) -> None:
    assert page.evaluate(READ_TABLE) is None


def message(page):
    return page.locator("#pc-compare-message")


# ---------------------------------------------------------------------------------------------
# Tests


def test_the_index_lists_every_code_link(cat):
    """The comparison shows all code links: the index keeps those after the first (sparsely)."""
    from prunecat.generators.search_index import decode, search_index

    records = {r["key"]: r for r in decode(search_index(cat))}
    for p in cat.papers:
        assert records[p.key]["code_links"] == [c.url for c in p.code], p.key
    assert len(records["evci2020rigging"]["code_links"]) == 2


def test_pick_two_then_three_papers(pg, base, cat):
    open_search(pg, base)
    assert not pg.locator("#pc-compare").is_visible()
    # a labelled box per result, whose accessible name carries the title
    evci = cat.by_key()["evci2020rigging"]
    pg.get_by_role("checkbox", name=f"Compare “{evci.title}”", exact=True).check()
    assert query_of(pg)["compare"] == ["evci2020rigging"]
    no_table(pg)
    expect(pg.locator("#pc-compare")).to_be_visible()
    expect(pg.locator("#pc-compare .pc-cmp-hint")).to_contain_text(evci.title)

    pick_box(pg, "li2017pruning").check()  # a "none" label on two axes
    assert query_of(pg)["compare"] == ["evci2020rigging", "li2017pruning"]
    check_table(pg, cat, ["evci2020rigging", "li2017pruning"])
    expect(message(pg)).to_contain_text("added to the comparison")

    pick_box(pg, "cheng2024survey").check()  # not labelled on any axis, no algorithm
    assert query_of(pg)["compare"] == ["evci2020rigging", "li2017pruning", "cheng2024survey"]
    check_table(pg, cat, ["evci2020rigging", "li2017pruning", "cheng2024survey"])
    # the other search state is left alone, and the results still carry their keys
    assert set(query_of(pg)) == {"compare"}
    assert len(result_keys(pg)) == len(cat.papers)

    # unticking a box removes its column, keeping the order of the others
    pick_box(pg, "evci2020rigging").uncheck()
    assert query_of(pg)["compare"] == ["li2017pruning", "cheng2024survey"]
    check_table(pg, cat, ["li2017pruning", "cheng2024survey"])


def test_reload_back_and_forward_restore_the_comparison_with_the_filters(pg, base, cat):
    open_search(pg, base, "?speedup=unstructured")
    pick_box(pg, "frantar2023sparsegpt").check()
    pick_box(pg, "evci2020rigging").check()
    pg.locator('details[data-facet="criteria"] li[data-value="magnitude"] > label').click()
    assert query_of(pg) == {
        "speedup": ["unstructured"],
        "criteria": ["magnitude"],
        "compare": ["frantar2023sparsegpt", "evci2020rigging"],
    }
    assert "frantar2023sparsegpt" not in result_keys(pg)  # filtered out, still compared
    check_table(pg, cat, ["frantar2023sparsegpt", "evci2020rigging"])

    pg.reload()
    pg.wait_for_selector("#pc-search[data-ready]")
    check_table(pg, cat, ["frantar2023sparsegpt", "evci2020rigging"])
    assert pg.locator('details[data-facet="criteria"] li[data-value="magnitude"] > input').is_checked()

    pg.go_back()  # before the criteria filter
    pg.wait_for_function("!location.search.includes('criteria=')")
    check_table(pg, cat, ["frantar2023sparsegpt", "evci2020rigging"])
    assert pick_box(pg, "frantar2023sparsegpt").is_checked()
    pg.go_back()  # before the second pick
    pg.wait_for_function("!location.search.includes('evci')")
    no_table(pg)
    assert query_of(pg)["compare"] == ["frantar2023sparsegpt"]
    assert not pick_box(pg, "evci2020rigging").is_checked()
    assert pick_box(pg, "frantar2023sparsegpt").is_checked()
    pg.go_back()
    pg.wait_for_function("!location.search.includes('compare=')")
    assert not pg.locator("#pc-compare").is_visible()
    assert not pick_box(pg, "frantar2023sparsegpt").is_checked()
    pg.go_forward()
    pg.go_forward()
    pg.wait_for_function("location.search.includes('evci')")
    check_table(pg, cat, ["frantar2023sparsegpt", "evci2020rigging"])


def test_a_shared_url_opens_the_comparison_even_outside_the_results(pg, base, cat):
    open_search(pg, base, "?when=post-training&compare=han2016deep,frantar2023sparsegpt")
    keys = result_keys(pg)
    assert "frantar2023sparsegpt" in keys and "han2016deep" not in keys
    check_table(pg, cat, ["han2016deep", "frantar2023sparsegpt"])  # the order of the link
    # "Clear all" clears the filters, not the comparison
    pg.get_by_role("button", name="Clear all").click()
    assert query_of(pg) == {"compare": ["han2016deep", "frantar2023sparsegpt"]}
    check_table(pg, cat, ["han2016deep", "frantar2023sparsegpt"])


def test_remove_a_column_and_clear_the_comparison(pg, base, cat):
    keys = ["lee2019snip", "han2016deep", "kim2022workshop"]
    open_search(pg, base, "?model=cnn&compare=" + ",".join(keys))
    check_table(pg, cat, keys)
    pg.get_by_role("button", name=f"Remove “{cat.by_key()['han2016deep'].title}” from the comparison").click()
    assert query_of(pg) == {"model": ["cnn"], "compare": ["lee2019snip", "kim2022workshop"]}
    check_table(pg, cat, ["lee2019snip", "kim2022workshop"])
    assert not pick_box(pg, "han2016deep").is_checked()
    pg.get_by_role("button", name="Clear comparison").click()
    assert query_of(pg) == {"model": ["cnn"]}
    assert not pg.locator("#pc-compare").is_visible()
    assert pg.eval_on_selector_all("#results .pc-pick-box[aria-checked=true]", "els => els.length") == 0
    pg.go_back()
    pg.wait_for_function("location.search.includes('compare=')")
    check_table(pg, cat, ["lee2019snip", "kim2022workshop"])


def test_a_fifth_pick_is_refused_with_a_message(pg, base, cat):
    four = ["frantar2023sparsegpt", "han2016deep", "lee2019snip", "evci2020rigging"]
    open_search(pg, base, "?compare=" + ",".join(four))
    check_table(pg, cat, four)
    box = pick_box(pg, "ma2023llmpruner")
    box.click()
    assert not box.is_checked()
    msg = message(pg)
    expect(msg).to_be_visible()
    expect(msg).to_contain_text("At most 4 papers can be compared")
    expect(msg).to_contain_text(cat.by_key()["ma2023llmpruner"].title)
    assert msg.get_attribute("aria-live") == "polite" and msg.get_attribute("role") == "status"
    assert msg.evaluate(
        "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    ), "the message is out of sight"
    assert query_of(pg)["compare"] == four
    check_table(pg, cat, four)
    # a link with five keys shows the first four and says which one it left out
    open_search(pg, base, "?compare=" + ",".join(four + ["ma2023llmpruner"]))
    check_table(pg, cat, four)
    expect(message(pg)).to_contain_text("left out: ma2023llmpruner")


def test_unknown_keys_are_skipped_with_a_notice(pg, base, cat):
    open_search(pg, base, "?compare=nosuch1999paper,frantar2023sparsegpt,%3Cb%3Ebold%3C%2Fb%3E,han2016deep")
    check_table(pg, cat, ["frantar2023sparsegpt", "han2016deep"])
    expect(message(pg)).to_contain_text("nosuch1999paper")
    expect(message(pg)).to_contain_text("<b>bold</b>")  # as text
    assert pg.locator("#pc-search b").count() == 0
    # the next change writes the link without them
    pick_box(pg, "lee2019snip").check()
    assert query_of(pg)["compare"] == ["frantar2023sparsegpt", "han2016deep", "lee2019snip"]
    # only unknown keys: no comparison, a notice, a working page
    open_search(pg, base, "?compare=nosuch1999paper")
    expect(message(pg)).to_contain_text("nosuch1999paper")
    assert not pg.locator("#pc-compare").is_visible()
    assert len(result_keys(pg)) == len(cat.papers)


def test_a_hostile_title_is_compared_as_text(pg, base, cat):
    open_search(pg, base, "?model=vit")
    pg.get_by_role("checkbox", name=f"Compare “{HOSTILE}”", exact=True).check()
    expect(message(pg)).to_contain_text(HOSTILE)
    pick_box(pg, "rao2021dynamicvit").check()
    check_table(pg, cat, ["hostile2023img", "rao2021dynamicvit"])
    assert pg.locator('#pc-compare th[data-key="hostile2023img"] a').inner_text() == HOSTILE
    assert pg.locator("#pc-search img").count() == 0
    # no element carries the payload's handler; once every image has loaded or failed, an injected
    # onerror has been queued, and a task queued after it runs after it (`pg` fails on any dialog)
    assert pg.evaluate("document.querySelectorAll('[onerror]').length") == 0
    pg.wait_for_function("[...document.images].every(img => img.complete)")
    pg.evaluate("new Promise(done => setTimeout(done))")


def test_keyboard_only(pg, base, cat):
    open_search(pg, base)
    pick_box(pg, "sanh2020movement").focus()
    pg.keyboard.press("Space")
    assert query_of(pg) == {"compare": ["sanh2020movement"]}
    pick_box(pg, "xia2024sheared").focus()
    pg.keyboard.press("Space")
    assert query_of(pg) == {"compare": ["sanh2020movement", "xia2024sheared"]}
    check_table(pg, cat, ["sanh2020movement", "xia2024sheared"])
    # Space on a ticked box unticks it
    pick_box(pg, "xia2024sheared").focus()
    pg.keyboard.press("Space")
    assert query_of(pg) == {"compare": ["sanh2020movement"]}
    pg.keyboard.press("Space")
    # Remove and Clear are buttons: Enter works, and the focus stays somewhere useful
    pg.locator('#pc-compare button.pc-cmp-remove[data-key="sanh2020movement"]').focus()
    pg.keyboard.press("Enter")
    assert query_of(pg) == {"compare": ["xia2024sheared"]}
    assert pg.evaluate("document.activeElement.id") == "pc-cmp-title"
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.textContent") == "Clear comparison"
    pg.keyboard.press("Enter")
    assert query_of(pg) == {}
    assert pg.evaluate("document.activeElement.id") == "pc-q"


def test_typing_does_not_rebuild_the_table(pg, base, cat):
    open_search(pg, base, "?compare=frantar2023sparsegpt,lee2019snip")
    pg.wait_for_selector("#pc-search[data-text=ready]")
    pg.evaluate("document.querySelector('#pc-compare table').__kept = true")
    box = pg.get_by_role("searchbox", name="Search papers")
    box.press_sequentially("lottery", delay=20)
    pg.wait_for_function("document.querySelectorAll('#results > li').length < 5")
    assert "frankle2019lottery" in result_keys(pg)
    assert pg.evaluate("document.querySelector('#pc-compare table').__kept === true")
    assert query_of(pg) == {"q": ["lottery"], "compare": ["frantar2023sparsegpt", "lee2019snip"]}
    # a pick made in the text results joins the comparison
    pick_box(pg, "frankle2019lottery").check()
    check_table(pg, cat, ["frantar2023sparsegpt", "lee2019snip", "frankle2019lottery"])


def _luminance(rgb: tuple[float, float, float]) -> float:
    def ch(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def _rgba(css: str) -> tuple[float, float, float, float]:
    nums = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (nums[0], nums[1], nums[2], nums[3] if len(nums) > 3 else 1.0)


def test_readable_in_light_and_dark_schemes(pg, base):
    """Material's colour variables only: text stays readable on both schemes (WCAG AA, 4.5:1)."""
    selectors = [
        "#pc-compare thead th a",
        "#pc-compare tbody th",
        "#pc-compare tbody td",
        "#pc-compare .pc-cmp-empty",
        "#pc-compare .pc-none",
        "#pc-compare .pc-cmp-clear",
        "#pc-compare .pc-cmp-remove",
        "#pc-compare-message",
        ".pc-cmp-go",
        ".pc-pick",
    ]
    # Material follows the system scheme but remembers the first one it saw: forget it on each load
    pg.add_init_script("Object.keys(localStorage).forEach(k => k.endsWith('__palette') && localStorage.removeItem(k))")
    for scheme, material in (("light", "default"), ("dark", "slate")):
        pg.emulate_media(color_scheme=scheme)
        open_search(pg, base, "?compare=li2017pruning,evci2020rigging")
        pg.locator("#pc-compare-message").evaluate("m => m.textContent = 'A message'")
        assert pg.evaluate("document.body.getAttribute('data-md-color-scheme')") == material
        bg = _rgba(pg.evaluate("getComputedStyle(document.body).backgroundColor"))
        for sel in selectors:
            fg = _rgba(pg.locator(sel).first.evaluate("e => getComputedStyle(e).color"))
            mixed = tuple(fg[3] * f + (1 - fg[3]) * b for f, b in zip(fg[:3], bg[:3]))  # text drawn over the page
            hi, lo = sorted((_luminance(mixed), _luminance(bg[:3])), reverse=True)
            assert (hi + 0.05) / (lo + 0.05) >= 4.5, (scheme, sel, fg, bg)
