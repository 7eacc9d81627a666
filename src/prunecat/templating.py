"""The Jinja2 templates of the generated pages, and how a site overrides them.

Templates live in `prunecat/templates/` (package data). A site overrides any of them the way
Material's own partials are overridden: a file of the same name in `<custom_dir>/prunecat/`
(`overrides/prunecat/paper.html` with MkDocs' `theme.custom_dir: overrides`) is found first. To
change only part of a page, extend the package's own template, which is always reachable under the
`prunecat/` prefix, and override its blocks:

    {% extends "prunecat/paper.html" %}
    {% block code %}<p>Code: {{ super() }}</p>{% endblock %}

Autoescape is on: catalog text is escaped once, by the template. Python hands templates HTML only
as `Markup`, and only where it is markup (e.g. the SVG of a chart).

A page template writes Markdown (title, `##` headings for the table of contents, a little prose)
and wraps the HTML that must skip Markdown in `{% filter html %}...{% endfilter %}`; `page_text`
cuts those parts out into the slots of a `PageText` (see generators/blocks.py), so large tables are
never parsed by Markdown. Whitespace: a line break (with the next line's indentation) between a tag
or a `{{ }}`/`{% %}` and the next one is dropped when the template is loaded (`CompactHtml`), so
templates can be indented and still give compact HTML; write a space where one is wanted. Blank
lines and Markdown headings stay (Markdown needs them).
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from . import urls
from .generators.blocks import SLOT, PageText
from .generators.html import author_list, md_text
from .taxonomy import NONE_LABEL, PAPER_SOURCE, UNCLEAR_LABEL

OVERRIDES = "prunecat"  # the folder under the theme's custom_dir that overrides our templates
PREFIX = "prunecat"  # `prunecat/paper.html` is always the package's own template

HTML_START, HTML_END = "<!--pc-html-->", "<!--/pc-html-->"  # cannot occur in escaped catalog text


class CompactHtml(Extension):
    """Joins a template line that ends with a tag or a `{{ }}`/`{% %}` to the next line when that one
    starts with a tag or a `{{ }}`/`{% %}`, dropping the line break and the indentation. Markdown
    lines (headings, prose, blank lines) are left alone, and so is a line break before a line of a
    lone `{% %}` tag followed by a blank line (trim_blocks drops the break after that tag, so the
    break before it is what ends the HTML for Markdown)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        lines = source.split("\n")
        out: list[str] = []
        for i, line in enumerate(lines):
            code = line.strip(" \t")
            lone_tag = code.startswith("{%") and code.endswith("%}") and code.count("%}") == 1
            ends_paragraph = lone_tag and (i + 1 == len(lines) or not lines[i + 1].strip())
            if (
                out
                and code[:1] in ("<", "{")
                and out[-1][-1:] in (">", "}")
                and not out[-1].startswith("#")
                and not ends_paragraph
            ):
                out[-1] += code
            else:
                out.append(line)
        return "\n".join(out)


def _html(value: str) -> Markup:
    return Markup(f"{HTML_START}{value}{HTML_END}")


def _md(value: object) -> Markup:
    # md_text turns every ASCII mark (& < > included) into a character reference
    return Markup(md_text(value))


def environment(custom_dir: str | Path | None = None) -> Environment:
    """The templates, looked up first in `<custom_dir>/prunecat/`, then in the package."""
    # the package's templates alone do not change while we run; a site's overrides are kept while
    # their files are unchanged (one compile per build instead of one per generator), and an edited
    # or added override makes a new environment, so `mkdocs serve` shows it
    if custom_dir is None:
        return _default()
    folder = Path(custom_dir) / OVERRIDES
    return _with_overrides(str(folder), _stamp(folder))


def _stamp(folder: Path) -> tuple:
    """The override templates' names and modification times: what a cached environment depends on."""
    if not folder.is_dir():
        return ()
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()))


@functools.lru_cache(maxsize=4)
def _with_overrides(overrides: str, stamp: tuple) -> Environment:
    return _make(overrides)


@functools.lru_cache(maxsize=None)
def _default() -> Environment:
    return _make("")


def _make(overrides: str) -> Environment:
    package = PackageLoader("prunecat", "templates")
    loaders = [PrefixLoader({PREFIX: package}, delimiter="/")]
    if overrides:
        loaders.append(FileSystemLoader(overrides))
    loaders.append(package)
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # no stat() of each template on every page: the environment lives one build
        undefined=StrictUndefined,
        extensions=[CompactHtml],
    )
    # URL builders and lookups as filters too: Jinja calls a filter directly, while every call of a
    # global goes through Context.call, which costs several microseconds (100,000s of them on 10,000 papers)
    env.filters.update(
        html=_html,
        md=_md,
        authors=author_list,
        rel=lambda url, at: urls.href(at, url),  # `url|rel(at)`: the link to `url` from the page at `at`
        paper_url=urls.paper_url,  # `key|paper_url`
        axis_url=urls.axis_url,  # `axis_id|axis_url`
        category_url=urls.category_url,  # `axis_id|category_url(category_id)`
        category=lambda axis, cid: axis.category(cid),  # `axis|category(id)`: the Category
        value=lambda facet, vid: facet.value(vid),  # `facet|value(id)`: the FacetValue
    )
    env.globals.update(
        href=urls.href,
        paper_url=urls.paper_url,
        axis_url=urls.axis_url,
        category_url=urls.category_url,
        search_url=urls.search_url,
        urls=urls,
        NONE_LABELS=(NONE_LABEL,),
        UNCLEAR_LABELS=(UNCLEAR_LABEL,),
        PAPER_SOURCE=PAPER_SOURCE,
    )
    return env


class Chips:
    """The `chips` macro of macros.html, each result kept for the rest of one build.

    The chips of a paper on an axis depend only on its labels there (the macro must keep it so) and
    on the way back from the page to taxonomy/; papers share a few dozen label combinations, so the
    50,000 cells of a 10,000-paper build's tables render a few hundred times instead of 50,000
    (measured: the all-papers page of 10,000 takes 2.8 s with a macro call per cell). One per build."""

    def __init__(self, env: Environment) -> None:
        self.macro = env.get_template("macros.html").module.chips
        self.done: dict[tuple, Markup] = {}
        self.bases: dict[str, str] = {}

    def __call__(self, paper, axis, at: str, compact: bool = False) -> Markup:
        base = self.bases.get(at)
        if base is None:
            base = self.bases[at] = urls.href(at, urls.TAXONOMY)
        key = (axis.id, paper.labels[axis.id], base, compact)
        chips = self.done.get(key)
        if chips is None:
            chips = self.done[key] = self.macro(paper, axis, at, compact)
        return chips


def page_text(rendered: str, title: str = "") -> PageText:
    """A rendered page template as Markdown with slots, and its HTML parts as the slots' blocks."""
    parts = rendered.split(HTML_START)
    lines = [parts[0]]
    blocks: list[str] = []
    for part in parts[1:]:
        block, _, rest = part.partition(HTML_END)
        # a comment alone between blank lines is passed through by Markdown untouched
        lines.append(f"\n\n{SLOT.format(len(blocks))}\n\n")
        blocks.append(block)
        lines.append(rest)
    return PageText("".join(lines), tuple(blocks), title)
