"""The generated pages' Jinja templates: a site overrides them from `overrides/prunecat/`, and
catalog text stays escaped in an overridden block (issue 11, item 4)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from prunecat.generators.blocks import SLOT
from prunecat.generators.pages import PaperPages, section_pages
from prunecat.generators.recent import recent_page
from prunecat.model import Catalog
from prunecat.templating import CompactHtml, environment, page_text

from conftest import ROOT, bib, write_entry

HOSTILE = "<img src=x onerror=alert(1)> & <script>alert(2)</script> {{ 7*7 }} {% raw %}"

#: A site's override of the paper page: extends the package's template and replaces two blocks.
PAPER_OVERRIDE = """{% extends "prunecat/paper.html" %}
{% block code %}<p class="site-code">Our code list: {{ super() }}</p>{% endblock %}
{% block related %}<p class="site-related">Also see: {{ paper.title }}</p>{% endblock %}
"""


def _overrides(tmp_path: Path, files: dict[str, str]) -> Path:
    custom = tmp_path / "overrides"
    (custom / "prunecat").mkdir(parents=True)
    for name, text in files.items():
        (custom / "prunecat" / name).write_text(text, encoding="utf-8")
    return custom


def _hostile(catalog: Catalog):
    paper = next(p for p in catalog.papers if p.code)
    return dataclasses.replace(paper, title=HOSTILE, venue=HOSTILE)


def test_an_override_in_custom_dir_changes_the_paper_page(tmp_path: Path, catalog: Catalog):
    custom = _overrides(tmp_path, {"paper.html": PAPER_OVERRIDE})
    paper = _hostile(catalog)
    plain = PaperPages(catalog).page(paper)
    page = PaperPages(catalog, custom_dir=custom).page(paper)
    html = page.inline()
    assert 'class="site-code">Our code list: <p>' in html and 'rel="noopener"' in html  # super() kept the links
    assert 'class="site-related">Also see:' in html
    assert "site-code" not in plain.inline()
    # the rest of the page is the package's, headings still in the Markdown for the table of contents
    assert "## Code" in page.markdown and "## BibTeX" in page.markdown and "site-code" not in page.markdown
    assert page.title == HOSTILE
    # the catalog text is escaped once, also in the overridden block, and never run as a template
    for text in (html, plain.inline()):
        assert "<img" not in text and "<script" not in text and "{{ 7*7 }} {% raw %}" in text  # data is not template
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;" in text
        assert "&amp;lt;" not in text  # not escaped twice


def test_overrides_reach_the_section_pages_and_the_shared_macros(tmp_path: Path, catalog: Catalog):
    custom = _overrides(
        tmp_path,
        {
            "papers.html": '{% extends "prunecat/papers.html" %}{% block intro %}<p class="site-intro">All of them.</p>{% endblock %}',
            "recent.html": '{% extends "prunecat/recent.html" %}{% block intro %}<p class="site-recent">New here.</p>{% endblock %}',
            # a whole template replaced (no extends): the macros every page imports
            "macros.html": (ROOT / "src/prunecat/templates/macros.html")
            .read_text(encoding="utf-8")
            .replace('class="pc-chip pc-{{ axis.id }}"', 'class="pc-chip pc-{{ axis.id }} site-chip"'),
        },
    )
    pages = section_pages(catalog, custom_dir=custom)
    listing = pages["papers/index.md"].inline()
    assert 'class="site-intro">All of them.' in listing and "site-chip" in listing
    assert "site-chip" in PaperPages(catalog, custom_dir=custom).page(catalog.papers[0]).inline() or not any(
        catalog.papers[0].categories.values()
    )
    # /recent/ too: a block of its own template, and the chips of the shared macros
    assert all(
        x in recent_page(catalog, env=environment(custom)) and x not in recent_page(catalog)
        for x in ('class="site-recent">New here.', "site-chip")
    )
    # without the custom dir, the package's templates
    assert "site-" not in section_pages(catalog)["papers/index.md"].inline()


def test_the_package_template_stays_reachable_under_its_prefix(tmp_path: Path):
    """`prunecat/paper.html` is the package's template even when the site overrides `paper.html`,
    so an override can extend it without extending itself."""
    custom = _overrides(tmp_path, {"paper.html": PAPER_OVERRIDE})
    env = environment(custom)
    assert Path(env.get_template("paper.html").filename) == custom / "prunecat" / "paper.html"
    assert Path(env.get_template("prunecat/paper.html").filename).parent == ROOT / "src" / "prunecat" / "templates"
    assert Path(environment().get_template("paper.html").filename).parent == ROOT / "src" / "prunecat" / "templates"


def test_page_text_cuts_the_html_out_of_the_markdown():
    env = environment()
    text = env.from_string("# {{ t|md }}\n\n{% filter html %}<p>{{ t }}</p>{% endfilter %}\n## Next\n").render(
        t="a<b>#"
    )
    page = page_text(text, title="T")
    assert page.markdown.startswith("# a&#60;b&#62;&#35;\n") and SLOT.format(0) in page.markdown
    assert page.blocks == ("<p>a&lt;b&gt;#</p>",) and "\n\n## Next" in page.markdown


def test_compact_html_joins_markup_lines_only():
    source = "## {{ x }}\n<p>\n  {% if y %}\n  <b>{{ y }}</b>\n  {% endif %}\n</p>\nSome prose\n<p>\n\n## Next"
    assert CompactHtml.preprocess(None, source, "t") == (
        "## {{ x }}\n<p>{% if y %}<b>{{ y }}</b>{% endif %}</p>\nSome prose\n<p>\n\n## Next"
    )


@pytest.mark.browser
def test_a_site_build_uses_the_override_from_its_custom_dir(tmp_path: Path, tmp_catalog: Path):
    """The hook passes Material's theme.custom_dir: a copy of the project with an extra
    overrides/prunecat/paper.html builds paper pages from it, hostile title escaped."""
    project = tmp_path / "project"
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "catalog").mkdir()
    shutil.copy(ROOT / "catalog" / "README.md", project / "catalog" / "README.md")  # a snippet of docs/
    (project / "overrides" / "prunecat").mkdir()
    (project / "overrides" / "prunecat" / "paper.html").write_text(PAPER_OVERRIDE, encoding="utf-8")
    write_entry(
        tmp_catalog,
        "evil2020title",
        {
            "bibtex": bib("evil2020title", HOSTILE.replace("{", "").replace("}", ""), 2020),
            "code": [{"url": "https://github.com/example/evil"}],
        },
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CATALOG_DIR=str(tmp_catalog))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "papers" / "evil2020title" / "index.html").read_text(encoding="utf-8")
    assert 'class="site-code">Our code list: <p><a href="https://github.com/example/evil"' in html
    assert "<img src=x" not in html and "<script>alert(2)" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # the override is a page template of ours only: Material's own overrides/paper.html still applies
    assert 'data-md-type="navigation"' in html
