"""How the hooks build pages at scale: blocks spliced after MkDocs, compact HTML, the profile line,
and the `serve --dirty` development mode picking up an edited entry."""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from prunecat.templating import HTML_END, HTML_START, page_text
from prunecat.generators.pages import PaperPages, generate_pages, section_pages
from prunecat.model import Catalog

from conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from compact_html import compact  # noqa: E402

SEARCH_FIXTURE = FIXTURES / "search-catalog"


# ---------------------------------------------------------------------------------------------
# Blocks and compaction


def test_page_text_slots_round_trip() -> None:
    # what a page template renders: Markdown, and HTML parts marked by its `html` filter
    rendered = (
        "# Title\n\n"
        + HTML_START
        + "<table><tr><td>a</td></tr></table>"
        + HTML_END
        + "\n## Next\n"
        + HTML_START
        + "<p>b</p>"
        + HTML_END
    )
    page = page_text(rendered)
    assert page.markdown.count("<!--pc-block-") == 2 and "<table>" not in page.markdown
    assert page.inline().index("<table>") < page.inline().index("## Next") < page.inline().index("<p>b</p>")
    rendered = page.markdown.replace("# Title", "<h1>Title</h1>")
    assert "<!--pc-block-" not in page.splice(rendered)


def test_slot_marker_cannot_come_from_catalog_text(catalog: Catalog) -> None:
    # data is escaped, so "<!--" never comes from it: the only comments are our slots
    pages = PaperPages(catalog)
    for paper in catalog.papers:
        page = pages.page(paper)
        assert "<!--" not in re.sub(r"<!--pc-block-\d+-->", "", page.markdown)
        assert not any("<!--" in block for block in page.blocks)


def test_built_site_has_no_unfilled_slot_and_tables_present(built_site: Path, catalog: Catalog) -> None:
    leftovers = [
        str(p.relative_to(built_site))
        for p in built_site.rglob("*.html")
        if "<!--pc-block-" in p.read_text(encoding="utf-8")
    ]
    assert leftovers == []
    some = catalog.papers[0]
    html = (built_site / "papers" / some.key / "index.html").read_text(encoding="utf-8")
    assert 'class="pc-labels"' in html and 'class="pc-bibtex"' in html
    assert html.count("<h1") == 1, "Material must not add a second (unescaped) title"
    category = (built_site / "taxonomy" / "when" / "after-training" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-key="([^"]+)"', category)
    assert sorted(rows) == sorted(p.key for p in catalog.in_category("when", "after-training"))


def test_on_demand_paper_pages_equal_the_eager_ones(catalog: Catalog) -> None:
    eager = generate_pages(catalog, edit_base="https://example.org/edit/catalog/")
    lazy = PaperPages(catalog, edit_base="https://example.org/edit/catalog/")
    for paper in catalog.papers[:40]:
        assert eager[lazy.path(paper)] == lazy.page(paper)
    assert set(section_pages(catalog)) | {lazy.path(p) for p in catalog.papers} == set(eager)


def test_compact_keeps_pre_and_drops_indentation() -> None:
    html = "<div>\n    <p>a</p>\n\n\n      <pre><code>@article{x,\n  title = {T}\n}</code></pre>\n   <textarea>\n  kept\n</textarea>\n</div>"
    out = compact(html)
    assert "<pre><code>@article{x,\n  title = {T}\n}</code></pre>" in out
    assert "<textarea>\n  kept\n</textarea>" in out
    assert "\n    <p>" not in out and "\n\n" not in out
    assert compact(out) == out


def test_built_pages_are_compact_but_bibtex_indentation_kept(built_site: Path, catalog: Catalog) -> None:
    paper = next(p for p in catalog.papers if p.authors)
    html = (built_site / "papers" / paper.key / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"\n[ \t]+<", html.split("<pre", 1)[0]), "template indentation left before the first <pre>"
    assert "\n  title = {" in html or "\n  author = {" in html


# ---------------------------------------------------------------------------------------------
# The profile line and the development mode


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(SEARCH_FIXTURE, root)
    return root


@pytest.mark.browser  # runs mkdocs itself
def test_profile_line_names_every_stage(tmp_path: Path, fixture_copy: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CATALOG_DIR=str(fixture_copy))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    line = next(out for out in result.stderr.splitlines() if "profile:" in out)
    stages = dict(re.findall(r"(\w+)=([\d.]+)s", line))
    assert list(stages) == ["catalog", "generate", "papers", "markdown", "render", "write", "post", "total"]
    assert float(stages["papers"]) > 0 and all(float(v) >= 0 for v in stages.values())
    parts = sum(float(v) for k, v in stages.items() if k != "total")
    assert abs(parts - float(stages["total"])) < 0.05 * float(stages["total"]) + 0.05
    assert re.search(r"papers: made \d+ paper pages in", result.stderr)


@pytest.mark.browser  # runs mkdocs itself
def test_serve_dirty_rerenders_an_edited_entry(fixture_copy: Path) -> None:
    """`make serve`'s mode: the hook watches the catalog; the edited paper's page and its category
    page show the change, though the other paper pages are not made again."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CATALOG_DIR=str(fixture_copy))
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(out) for out in proc.stdout], daemon=True).start()  # type: ignore[union-attr]
    seen: list[str] = []

    def wait_for(pattern: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if re.search(pattern, line):
                return
        pytest.fail(f"no {pattern!r} from mkdocs serve:\n" + "".join(seen[-30:]))

    def get(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/awesome-pruning/{path}", timeout=10) as r:
            # the live-reload snippet serve injects carries the build's epoch: not part of the page
            return re.sub(r"livereload\(\d+, \d+\)", "", r.read().decode("utf-8"))

    try:
        wait_for(r"Serving on")
        entry = fixture_copy / "papers" / "frankle2019lottery.yml"
        other = get("papers/han2016deep/")
        assert "The Lottery Ticket Hypothesis" in get("papers/frankle2019lottery/")
        text = entry.read_text(encoding="utf-8")
        assert "The Lottery Ticket Hypothesis" in text
        # `--dirty` re-renders a page whose source is newer than it: the edit carries an mtime
        # set past the first build's (whatever the file system's clock granularity), and lands in
        # one rename, so the watcher never sees the new text with an old mtime
        edited = fixture_copy.parent / "edited.yml"
        edited.write_text(
            text.replace("The Lottery Ticket Hypothesis", "The Edited Ticket Hypothesis"), encoding="utf-8"
        )
        stamp = time.time() + 5
        os.utime(edited, (stamp, stamp))
        os.replace(edited, entry)
        wait_for(r"Reloading browsers|Documentation built")
        assert "The Edited Ticket Hypothesis" in get("papers/frankle2019lottery/")
        assert "The Edited Ticket Hypothesis" in get("taxonomy/when/early-training/")
        assert get("papers/han2016deep/") == other  # not made again: its entry did not change
        assert re.search(r"papers: made 1 paper pages", "".join(seen[-40:])), "".join(seen[-40:])
    finally:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)


def test_every_page_names_the_search_dialog_and_landmark(built_site: Path) -> None:
    """hooks/theme_fixes.py: if a theme upgrade changes the markup it patches, this fails."""
    unnamed = []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if 'class="md-search"' not in html:
            continue
        if 'role="dialog" aria-label="Search"' not in html or 'role="search" aria-label="Search the site"' not in html:
            unnamed.append(str(path.relative_to(built_site)))
    assert unnamed == []


# ---------------------------------------------------------------------------------------------
# Loading a large catalog on several cores


def test_parallel_load_equals_the_sequential_one(monkeypatch: pytest.MonkeyPatch, fixture_copy: Path) -> None:
    from prunecat import load

    (fixture_copy / "papers" / "broken2024entry.yml").write_text(
        "bibtex: |\n  @article{x,\n    title = {Broken\nwhen: [befor-training]\n", encoding="utf-8"
    )
    pools: list[int] = []
    real_pool = load.ProcessPoolExecutor
    monkeypatch.setattr(load, "ProcessPoolExecutor", lambda n, **kw: pools.append(n) or real_pool(n, **kw))
    results = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("CATALOG_JOBS", jobs)
        monkeypatch.setattr(load, "PARALLEL_FROM", 4)  # the real threshold is 800 entries
        load._cache.clear()
        catalog = load.load_catalog(fixture_copy, strict=False)
        results[jobs] = (catalog.papers, [str(p) for p in catalog.warnings])
    assert pools == [1], "CATALOG_JOBS=2 parses in this process and one worker; =1 in this process only"
    assert results["1"] == results["2"]
    assert any("broken2024entry.yml" in w for w in results["2"][1])
    assert len(results["2"][0]) == len(list((SEARCH_FIXTURE / "papers").glob("*.yml")))


def test_synthetic_author_pool_grows_past_the_plain_name_combinations() -> None:
    """`catalog synth 30000` needs 15,000 authors, more than first x last names give."""
    import random

    from prunecat import synth

    pool = synth._author_pool(random.Random(0), 15_000)
    assert len(pool) == len(set(pool)) == 15_000
    assert synth._author_pool(random.Random(0), 500) == synth._author_pool(random.Random(0), 500)


def test_a_bad_catalog_jobs_setting_is_a_clear_error(tmp_path: Path, fixture_copy: Path) -> None:
    env = dict(os.environ, CATALOG_JOBS="two")
    for command in (
        [sys.executable, "-m", "prunecat.cli", "--root", str(fixture_copy), "check"],
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
    ):
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=dict(env, CATALOG_DIR=str(fixture_copy), NO_MKDOCS_2_WARNING="1"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode != 0
        assert (
            "$CATALOG_JOBS" in result.stdout + result.stderr
            and "'two' is not a number" in result.stdout + result.stderr
        )
        assert "Traceback" not in result.stdout + result.stderr
