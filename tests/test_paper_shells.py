"""Paper pages stamped from shells (hooks/paper_pages.py, prunecat/generators/paper_shell.py) are
the pages MkDocs renders itself: a catalog with hostile text and several page layouts, built both
ways, gives the same bytes in every file of the site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from prunecat.generators.blocks import PageText
from prunecat.generators.paper_shell import (
    CITATION,
    ENTRY,
    HEADING,
    TITLE,
    Layout,
    PaperValues,
    Shell,
    ShellError,
    sitemap_with_papers,
)

from conftest import CATALOG, FIXTURES, ROOT
from test_hostile_pages import KEYS, PAYLOADS, hostile_entry

SHELL_URL = "papers/_shell-0/"


# ---------------------------------------------------------------------------------------------
# The whole site, built both ways


def _build(dest: Path, catalog: Path, mode: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CATALOG_DIR=str(catalog), PAPER_PAGES=mode)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.browser  # runs mkdocs itself, twice
def test_stamped_site_equals_the_site_mkdocs_renders(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "search-catalog", catalog)  # papers with and without results
    shutil.copy(CATALOG / "taxonomy.yml", catalog / "taxonomy.yml")
    for key, payload in zip(KEYS, PAYLOADS):
        (catalog / "papers" / f"{key}.yml").write_text(hostile_entry(key, payload), encoding="utf-8")
    stamped, reference = tmp_path / "stamped", tmp_path / "reference"
    logs = {}
    for dest, mode in ((stamped, "stamp"), (reference, "mkdocs")):
        result = _build(dest, catalog, mode)
        assert result.returncode == 0, f"{mode} build failed:\n{result.stderr[-3000:]}"
        logs[mode] = result.stderr
    # the stamped build rendered a shell per layout (with and without results), not a page per paper
    assert re.search(r"papers: made \d+ paper pages in [\d.]+s; [2-9] layouts", logs["stamp"]), logs["stamp"][-2000:]
    ours, theirs = _files(stamped), _files(reference)
    assert sorted(ours) == sorted(theirs), set(ours) ^ set(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == [], f"stamped pages differ from MkDocs' own: {differing[:10]}"
    # the shells themselves are not part of the site, and every paper is in the sitemap
    assert not any("_shell-" in name for name in ours)
    sitemap = ours["sitemap.xml"].decode()
    assert "_shell-" not in sitemap and all(f"papers/{key}/" in sitemap for key in KEYS)
    # a title made of the placeholders is shown as it is written
    page = ours[f"papers/{KEYS[-1]}/index.html"].decode()
    assert f"Hostile {PAYLOADS[-1]} title" in page


# ---------------------------------------------------------------------------------------------
# Shells and layouts


def _page(title_html: str, blocks: tuple[str, ...]) -> PageText:
    markdown = f'<h1 class="pc-title">{title_html}</h1>\n\n<!--pc-block-0-->\n\n## Code\n\n<!--pc-block-1-->\n'
    return PageText(markdown, blocks, title="T")


def test_layout_takes_the_heading_text_out() -> None:
    one = Layout.of(_page("Deep &amp; wide", ("a", "b")))
    two = Layout.of(_page("Other", ("c", "d")))
    assert one.markdown == two.markdown and HEADING in one.markdown
    assert (one.heading, two.heading) == ("Deep &amp; wide", "Other")
    plain = PageText("## Code\n\n<!--pc-block-0-->\n", ("x",))
    assert Layout.of(plain) == Layout(plain.markdown, "")  # the theme adds the <h1> from TITLE


def _shell(slots: int = 2) -> Shell:
    rendered = (
        f'<title>{TITLE} - Site</title>\n<link rel="canonical" href="https://x.org/{SHELL_URL}">\n{CITATION}\n'
        f'<a href="https://github.com/o/r/edit/main/catalog/{ENTRY}">edit</a>\n<span>{TITLE}</span>\n'
        f'<h1 class="pc-title">{HEADING}</h1>\n<!--pc-block-0-->\n<h2>Code</h2>\n<!--pc-block-1-->\n'
    )
    return Shell(rendered, SHELL_URL, slots)


def test_shell_fill_puts_in_each_value_and_never_reads_what_it_put_in() -> None:
    hostile = f"{TITLE} {HEADING} {ENTRY} {CITATION} {SHELL_URL} <!--pc-block-1-->"
    values = PaperValues(
        title="A &amp; B",
        heading=hostile,
        url="papers/key2020x/",
        entry="papers/key2020x.yml",
        citation='<meta name="citation_title" content="A &amp; B">',
        blocks=(f"<p>{hostile}</p>", "<p>code</p>"),
    )
    out = _shell().fill(values)
    assert out.count("A &amp; B - Site") == 1 and "<span>A &amp; B</span>" in out
    assert 'href="https://x.org/papers/key2020x/"' in out
    assert "catalog/papers/key2020x.yml" in out
    assert out.count(hostile) == 2  # the heading and the first block, each as they were given
    assert "<h2>Code</h2>\n<p>code</p>" in out


def test_a_shell_without_its_content_slots_is_refused_with_the_fix() -> None:
    with pytest.raises(ShellError, match=r"slots \[0, 1\], expected 0\.\.2 .*page\.content"):
        _shell(slots=3)


def test_sitemap_lists_papers_in_place_of_the_shells() -> None:
    entry = "    <url>\n         <loc>https://x.org/{}</loc>\n         <lastmod>2026-01-02</lastmod>\n    </url>\n"
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset>\n'
        + entry.format("")
        + entry.format(SHELL_URL)
        + entry.format("papers/_shell-1/")
        + "</urlset>"
    )
    out = sitemap_with_papers(sitemap, [SHELL_URL, "papers/_shell-1/"], ["papers/a2020x/", "papers/b2021y/"])
    assert "_shell-" not in out
    assert out.count("<url>") == 3 and out.count("<lastmod>2026-01-02</lastmod>") == 3
    assert out.index("https://x.org/</loc>") < out.index("papers/a2020x/") < out.index("papers/b2021y/")
    assert out.endswith("</urlset>")


def test_an_unknown_paper_pages_mode_is_refused_with_the_choices() -> None:
    sys.path.insert(0, str(ROOT / "hooks"))
    from mkdocs.exceptions import PluginError
    from paper_pages import stamped_mode

    assert stamped_mode("") and stamped_mode("stamp") and not stamped_mode("mkdocs")
    with pytest.raises(PluginError, match=r"PAPER_PAGES is 'MkDocs': unset it .* or set it to mkdocs"):
        stamped_mode("MkDocs")
