"""Accessibility: axe-core (the script the PyPI package axe-playwright-python ships, test-only, never shipped in the site)
on one page of each kind, in the light and the dark colour scheme (prefers-color-scheme, which
Material follows), and on a phone-sized screen.

A violation of impact "serious" or "critical" fails the test, with the rule, its help text and
the first offending elements, so the message says what to fix and where.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import serve


def _axe_script() -> Path | None:
    """axe-core's script as axe-playwright-python ships it (`pip install -e '.[test]'`)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "axe.min.js"


AXE = _axe_script()
BLOCKING = ("serious", "critical")
PAPER = "frantar2023sparsegpt"  # a real entry with code, labels on every axis and related papers

# (test id, path under the site, a script condition the page must meet before it is checked)
SEARCH_READY = "document.querySelector('#pc-search[data-ready]') && document.querySelector('#results > li')"
# the filtered search: boxes ticked on two axes and the code facet, one value excluded ("not")
FILTERED_READY = (
    SEARCH_READY + " && document.querySelectorAll('#pc-search input[type=checkbox]:checked').length >= 3"
    " && document.querySelector('#pc-search .pc-not[aria-pressed=true]')"
)
PAGES = [
    ("home", "", None),
    ("taxonomy", "taxonomy/", None),  # the generated diagram of the five axes
    ("axis", "taxonomy/when/", None),
    # a category of ~20 papers: the table's markup is the same at any length, and axe's time grows
    # with it (the after-training table, ~600 rows, took 26 s)
    ("category", "taxonomy/when/early-training/", None),
    ("paper", f"papers/{PAPER}/", None),
    ("search", "search/", SEARCH_READY),
    (
        "search-filtered",
        "search/?when=after-training,-post-training&speedup=structured&code=yes&year=2020-&sort=title",
        FILTERED_READY,
    ),
    ("matrix", "matrix/", None),
    ("trends", "trends/", None),
]
PHONE = {"width": 390, "height": 844}
# what the dark scheme changes: colours (the rest of axe's rules see the same markup in both)
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# long runs of rows made by one generator are checked on their first dozen (axe time grows with
# the page: ~200 rows on a category page); each kind of row is still checked in every table
SAMPLED = [["table.pc-papers > tbody > tr:nth-child(n+13)"], ["#results > li:nth-child(n+13)"]]
PHONE_PAGES = ("home", "paper", "search-filtered", "matrix")  # the long category table adds time, not layout


def _check(page, site_url: str, path: str, ready: str | None, scheme: str, rules: list[str] | None) -> list[dict]:
    """Load `path` in `scheme`, run axe (all rules, or only `rules`), return the serious violations."""
    assert AXE is not None and AXE.is_file(), (
        "axe-core is missing: run `make setup` (pip installs axe-playwright-python, a test dependency)"
    )
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path, wait_until="load")
    if ready:
        page.wait_for_function(ready)
    # Material picks the palette from prefers-color-scheme (see _run for its remembered choice):
    # make sure the scheme under test is the one shown
    expected = "slate" if scheme == "dark" else "default"
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == expected, f"{path}: colour scheme {shown!r} shown, {expected!r} expected"
    # axe reads an element's background from what lies under it on screen; for an element below the
    # window it read whatever the window showed there (measured: the search page's footer, 10,000 px
    # down on a phone, "over" a chip of a result). A window as tall as the page (same width, so the
    # same layout) puts every element where axe looks.
    window = dict(page.viewport_size)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": window["width"], "height": min(max(height, window["height"]), 30_000)})
    try:
        return _axe(page, rules)
    finally:
        page.set_viewport_size(window)


def _axe(page, rules: list[str] | None = None) -> list[dict]:
    """Inject axe-core, run it on the page (minus SAMPLED), keep serious violations."""
    page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = page.evaluate("([context, options]) => axe.run(context, options)", [{"exclude": SAMPLED}, options])
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def _run(page, site_url: str, path: str, ready: str | None, label: str = "", dark: bool = True) -> None:
    """All rules in the light scheme, then the colour rules in the dark one (the markup is the same)."""
    page.set_default_timeout(10_000)
    # Material remembers the palette of the first page in localStorage; forget it on every load so
    # that each page follows the emulated prefers-color-scheme
    page.context.add_init_script("try { localStorage.clear(); } catch (e) {}")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    failures = []
    for scheme, rules in [("light", None)] + ([("dark", COLOUR_RULES)] if dark else []):
        bad = _check(page, site_url, path, ready, scheme, rules)
        if bad:
            failures.append(_report(bad, f"/{path} ({label}{scheme})"))
    assert not errors, f"/{path}: script errors on the page: {errors}"
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def _report(violations: list[dict], where: str) -> str:
    lines = [f"{where}: {len(violations)} serious or critical accessibility violation(s)"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:5]:
            target = " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node["target"])
            html = " ".join(node["html"].split())[:160]
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}  |  {html}  |  {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more element(s)")
    return "\n".join(lines)


@pytest.mark.parametrize("name,path,ready", PAGES, ids=[p[0] for p in PAGES])
def test_no_serious_accessibility_violation(page, site_url: str, name: str, path: str, ready: str | None):
    _run(page, site_url, path, ready)


@pytest.mark.parametrize(
    "name,path,ready", [p for p in PAGES if p[0] in PHONE_PAGES], ids=[p[0] for p in PAGES if p[0] in PHONE_PAGES]
)
def test_no_serious_accessibility_violation_on_a_phone(page, site_url: str, name: str, path: str, ready: str | None):
    page.set_viewport_size(PHONE)
    _run(page, site_url, path, ready, label="phone, ", dark=False)


def test_axe_does_report_a_planted_violation(page, tmp_path: Path):
    """The check itself works: axe, run the same way, flags an image without text alternative, an
    unlabelled form field and unreadable text in the rows it samples, not in those it skips."""
    row = '<tr><td style="color:{};background:#fff">{}</td></tr>'
    rows = [row.format("#eee" if i == 3 else "#000", f"row {i}") for i in range(1, 13)]
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text">'
        '<table class="pc-papers"><thead><tr><th>Title</th></tr></thead><tbody>'
        + "".join(rows)
        + row.format("#eef", "row 13, not sampled")
        + "</tbody></table>"
        "</main></body></html>",
        encoding="utf-8",
    )
    base, server = serve(tmp_path)
    try:
        page.goto(base)
        found = {v["id"]: v for v in _axe(page)}
        colours = _axe(page, COLOUR_RULES)
    finally:
        server.shutdown()
    assert {"image-alt", "label", "color-contrast"} <= found.keys(), sorted(found)
    assert [n["html"] for n in found["color-contrast"]["nodes"]] == [rows[2][4:-5]]
    assert [v["id"] for v in colours] == ["color-contrast"]
    assert "row 3" in _report(colours, "/") and "color-contrast (serious)" in _report(colours, "/")


def test_axe_is_not_shipped_with_the_site(built_site: Path):
    """axe-core is a test tool (a test dependency): no file of the built site carries it."""
    shipped = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*")
        if p.is_file() and ("axe" in p.name.lower() or p.suffix == ".js" and b"axe-core" in p.read_bytes())
    ]
    assert not shipped, f"axe-core found in the built site: {shipped}"
