"""A hostile catalog in a real browser: markup, `javascript:`, Jinja and snippet syntax in every
text field of several entries, and every page kind visited.

Each payload, if it were read as markup anywhere, would leave a trace this test looks for: an
element with the class or attribute `pwned`, a `window.__pwned` flag, an alert dialog, a link with
a `javascript:` address, the output of a template expression (`{{ 7*7 }}` → 49 next to a marker)
or the text of a file pulled in by the snippets extension.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CATALOG, build_site, serve, point_sitemap_at

MARK = "zq"  # a token beside each payload, so the template check finds only our own output
PAYLOADS = (
    '<img src=x class=pwned onerror="window.__pwned=1;alert(1)">',
    "<script>window.__pwned=1;alert(2)</script>",
    '"><b class=pwned data-pwned=1>x</b>',
    "[click](javascript:alert(3))",
    "{{ 7*7 }}" + MARK,
    "{% raw %}" + MARK,
    '--8<-- "mkdocs.yml"',
    "<!--pc-block-0-->",
    # the placeholders of a paper page's shell (prunecat/generators/paper_shell.py)
    "pc-shell-title pc-shell-heading pc-shell-entry pc-shell-citation papers/_shell-0/",
)
KEYS = [f"hostile{i}2023case" for i in range(len(PAYLOADS))]


def hostile_entry(key: str, payload: str) -> str:
    """An entry with the payload in the title, an author, the venue, the venue note, the algorithm,
    the summary, a code note and the evidence's corrections (each YAML-quoted, each valid)."""

    def q(text: str) -> str:  # a YAML double-quoted scalar
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    # BibTeX braces must balance: payloads go in as they are, braces kept out of them
    bib_payload = payload.replace("{", "(").replace("}", ")")
    return "\n".join(
        [
            "bibtex: |",
            f"  @inproceedings{{{key},",
            f"    title = {{Hostile {bib_payload} title}},",
            f"    author = {{Mallory {bib_payload.replace(' and ', ' ')} and Eve Attacker}},",
            f"    booktitle = {{Proceedings of {bib_payload}}},",
            "    year = {2023},",
            "    url = {https://example.org/paper}",
            "  }",
            f"venue: {q('Venue ' + payload)}",
            f"venue_note: {q('Note ' + payload)}",
            f"algorithm: {q('Algo ' + payload)}",
            f"summary: {q('Summary ' + payload)}",
            "speedup: [structured]",
            "when: [after-training]",
            "criteria: [magnitude]",
            "learn: [none]",
            "fusion: [unclear]",
            "model: [cnn]",
            "code:",
            "  - url: https://github.com/mallory/hostile",
            f"    note: {q('Note ' + payload)}",
            "evidence:",
            "  read: https://example.org/paper",
            "  checked: 2024-06-01",
            "  speedup: paper",
            f"  corrections: {q('Fixed ' + payload)}",
            "added: 2024-06-01",
            "",
        ]
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile-catalog")
    shutil.copy(CATALOG / "taxonomy.yml", root / "taxonomy.yml")
    (root / "papers").mkdir()
    for key, payload in zip(KEYS, PAYLOADS):
        (root / "papers" / f"{key}.yml").write_text(hostile_entry(key, payload), encoding="utf-8")
    dest = tmp_path_factory.mktemp("hostile-site")
    result = build_site(dest, root)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    base, server = serve(dest)
    point_sitemap_at(dest, base)
    yield base, dest
    server.shutdown()


PAGES = [
    "",
    "taxonomy/",
    "taxonomy/criteria/",
    "taxonomy/criteria/magnitude/",
    "taxonomy/fusion/",
    *[f"papers/{k}/" for k in KEYS],
    "papers/",
    "search/",
    "search/?q=hostile",
    "search/?compare=" + ",".join(KEYS[:4]),
    "matrix/",
    "trends/",
    "recent/",
    "curation/",
]


def inert(page) -> list[str]:
    """What on the page shows a payload read as markup or script (empty when none does)."""
    return page.evaluate(
        """(mark) => {
        const found = [];
        if (window.__pwned) found.push('window.__pwned set');
        for (const el of document.querySelectorAll('.pwned, [data-pwned], [onerror]')) found.push('element ' + el.outerHTML.slice(0, 80));
        for (const a of document.querySelectorAll('a[href]')) {
            if (a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')) found.push('link ' + a.outerHTML.slice(0, 80));
        }
        const text = document.documentElement.innerText;
        if (text.includes('49' + mark)) found.push('a template expression ran');
        if (text.includes('site_name:')) found.push('a snippet pulled in mkdocs.yml');
        return found;
    }""",
        MARK,
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_page_kind_shows_hostile_text_as_text(page, hostile_site, path):
    base, _ = hostile_site
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + path)
    page.wait_for_load_state("load")
    if path.startswith("search/"):
        page.wait_for_selector("#result-count")
        if "compare=" in path:
            page.wait_for_selector("#pc-compare table")
    assert inert(page) == []
    assert dialogs == []


def test_hostile_titles_are_shown_literally_in_title_and_header(page, hostile_site):
    base, _ = hostile_site
    page.goto(base + f"papers/{KEYS[0]}/")
    assert page.title().startswith("Hostile " + PAYLOADS[0])
    assert PAYLOADS[0] in page.locator("h1").first.inner_text()


def test_search_results_and_compare_show_payloads_as_text(page, hostile_site):
    base, _ = hostile_site
    page.goto(base + "search/?q=hostile")
    page.wait_for_selector("#result-count")
    body = page.locator("body").inner_text()
    assert "Summary " + PAYLOADS[1] in body  # the summary is in the results, as text
    assert inert(page) == []


def test_feed_and_data_files_keep_the_payloads_as_data(hostile_site):
    import json
    import xml.etree.ElementTree as ET

    _, dest = hostile_site
    feed = ET.parse(dest / "feed.xml").getroot()  # well-formed despite the payloads
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(t and PAYLOADS[0] in t for t in titles)
    data = json.loads((dest / "catalog.json").read_text(encoding="utf-8"))
    papers = data["papers"] if isinstance(data, dict) else data
    assert any(PAYLOADS[1] in p.get("summary", "") for p in papers)


def test_no_generated_file_carries_a_live_payload(hostile_site):
    """Outside <pre>/<code> and attribute-escaped text, no payload appears unescaped in any page."""
    _, dest = hostile_site
    for html_file in Path(dest).rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for payload in PAYLOADS[:3]:
            assert payload not in text, f"{html_file.relative_to(dest)} holds {payload!r} unescaped"
