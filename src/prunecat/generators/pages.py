"""Pages generated from the catalog: the taxonomy, an axis, a category, a paper, all papers.

The markup and prose of each page are Jinja templates (`prunecat/templates/*.html`, overridable from
a site's `overrides/prunecat/`, see prunecat/templating.py); this module gathers what they show.
Templates autoescape, so a title such as `<img src=x onerror=...>` is shown as text, and Markdown
syntax in data is inert (headings go through the `md` filter). The pages that grow with the catalog
(a paper, a category, all papers) are `PageText`s (see blocks.py), so their tables skip Markdown.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from jinja2 import Environment

from ..model import Catalog, Paper
from ..taxonomy import AXIS_IDS, Axis
from ..templating import Chips, environment, page_text
from .blocks import PageText
from .curation import curation_page
from ..urls import (
    CURATION,
    MATRIX,
    PAPERS,
    RECENT,
    SECTION_SOURCES,
    TAXONOMY,
    TRENDS,
    axis_source,
    axis_url,
    category_source,
    category_url,
    paper_source,
    paper_url,
    taxonomy_url,
)
from .matrix import matrix_page
from .recent import recent_page
from .results import method_names, paper_results, results_pages
from .related import Related, RelatedIndex
from .trends import trends_page


def generate_pages(catalog: Catalog, edit_base: str = "", custom_dir: str | Path | None = None) -> dict[str, PageText]:
    """Every generated page, keyed by its path under docs/ (e.g. `taxonomy/when/run-time.md`)."""
    pages = section_pages(catalog, edit_base, custom_dir)
    papers = PaperPages(catalog, edit_base, custom_dir)
    for paper in catalog.papers:
        pages[papers.path(paper)] = papers.page(paper)
    return pages


def section_pages(catalog: Catalog, edit_base: str = "", custom_dir: str | Path | None = None) -> dict[str, PageText]:
    """The generated pages other than the per-paper ones (plain Markdown ones as blockless PageText).

    `custom_dir` is the theme's custom_dir (`overrides/`): templates in its `prunecat/` folder win."""
    env = environment(custom_dir)
    chips = Chips(env)
    pages: dict[str, str | PageText] = {
        SECTION_SOURCES[TAXONOMY]: taxonomy_page(catalog, env),
        SECTION_SOURCES[PAPERS]: papers_page(catalog, env, chips),
        SECTION_SOURCES[TRENDS]: trends_page(catalog, env),
        SECTION_SOURCES[MATRIX]: matrix_page(catalog, env),
        SECTION_SOURCES[RECENT]: recent_page(catalog, env=env, chips=chips),
        SECTION_SOURCES[CURATION]: curation_page(catalog, edit_base, env),
    }
    pages.update(results_pages(catalog, env, chips))  # /results/ and a page per benchmark
    for axis in catalog.taxonomy.axes:
        pages[axis_source(axis.id)] = PageText(axis_page(catalog, axis, env), title=axis.name)
        for category in axis.categories:
            pages[category_source(axis.id, category.id)] = category_page(catalog, axis, category.id, env, chips)
    return {path: PageText(page) if isinstance(page, str) else page for path, page in pages.items()}


class PaperPages:
    """Per-paper pages, made one at a time (the paper hook makes them all, or on demand per page
    in its reference mode)."""

    def __init__(self, catalog: Catalog, edit_base: str = "", custom_dir: str | Path | None = None) -> None:
        self.catalog = catalog
        self.edit_base = edit_base
        self.related = RelatedIndex(catalog)
        self.env = environment(custom_dir)
        self.chips = Chips(self.env)
        self.names: dict[str, str] | None = None  # method names for "reproduced by", made at the first result

    @staticmethod
    def path(paper: Paper) -> str:
        return paper_source(paper.key)

    def page(self, paper: Paper) -> PageText:
        if paper.results and self.names is None:
            self.names = method_names(self.catalog)
        return paper_page(
            self.catalog, paper, self.related.of(paper), self.edit_base, self.env, self.chips, names=self.names
        )


# ---------------------------------------------------------------------------------------------
# The taxonomy, an axis, a category


def _counts(catalog: Catalog, axis: Axis) -> dict[str, int]:
    return {c.id: len(catalog.in_category(axis.id, c.id)) for c in axis.categories}


def taxonomy_page(catalog: Catalog, env: Environment | None = None) -> str:
    tax = catalog.taxonomy
    return (
        (env or environment())
        .get_template("taxonomy.html")
        .render(
            catalog=catalog,
            tax=tax,
            at=taxonomy_url(),
            diagram=diagram(catalog),
            counts={a.id: _counts(catalog, a) for a in tax.axes},
            labelled={a.id: len(catalog.papers) - len(catalog.unlabelled(a.id)) for a in tax.axes},
        )
    )


def axis_page(catalog: Catalog, axis: Axis, env: Environment | None = None) -> str:
    return (
        (env or environment())
        .get_template("axis.html")
        .render(
            catalog=catalog,
            axis=axis,
            at=axis_url(axis.id),
            counts=_counts(catalog, axis),
            unlabelled=len(catalog.unlabelled(axis.id)),
        )
    )


def category_page(
    catalog: Catalog, axis: Axis, category_id: str, env: Environment | None = None, chips: Chips | None = None
) -> PageText:
    category = axis.category(category_id)
    papers = catalog.in_category(axis.id, category_id)
    text = (
        (env or environment())
        .get_template("category.html")
        .render(
            catalog=catalog,
            tax=catalog.taxonomy,
            axis=axis,
            category=category,
            papers=len(papers),
            at=category_url(axis.id, category_id),
            **_tables(catalog, papers, skip_axis=axis.id),
            chips=chips or Chips(env or environment()),
        )
    )
    return page_text(text, title=category.name)


def papers_page(catalog: Catalog, env: Environment | None = None, chips: Chips | None = None) -> PageText:
    text = (
        (env or environment())
        .get_template("papers.html")
        .render(
            catalog=catalog,
            tax=catalog.taxonomy,
            at=PAPERS,
            **_tables(catalog, list(catalog.papers), skip_axis=""),
            chips=chips or Chips(env or environment()),
        )
    )
    return page_text(text)


def _tables(catalog: Catalog, papers: list[Paper], skip_axis: str) -> dict:
    """What `paper_tables` in macros.html shows: papers grouped by year, newest first, and the axes
    shown as columns (all but the page's own)."""
    ordered = sorted(papers, key=lambda p: (-p.year, p.title.lower()))
    axes = [catalog.taxonomy.axis(a) for a in AXIS_IDS if a != skip_axis]
    return {"groups": [(year, list(group)) for year, group in groupby(ordered, key=lambda p: p.year)], "axes": axes}


# ---------------------------------------------------------------------------------------------
# A paper


def paper_page(
    catalog: Catalog,
    paper: Paper,
    related: list[Related],
    edit_base: str,
    env: Environment | None = None,
    chips: Chips | None = None,
    names: dict[str, str] | None = None,
) -> PageText:
    env = env or environment()
    text = env.get_template("paper.html").render(
        catalog=catalog,
        tax=catalog.taxonomy,
        paper=paper,
        at=paper_url(paper.key),
        related=related,
        bibtex=paper_bibtex(paper),
        edit_base=edit_base,
        results=paper_results(catalog, paper, names),
        chips=chips or Chips(env),
    )
    return page_text(text, title=paper.title)


def paper_bibtex(paper: Paper) -> str:
    from ..bibtex import with_key

    return with_key(paper.bibtex, paper.key)


# ---------------------------------------------------------------------------------------------
# The taxonomy diagram: inline SVG built from the taxonomy data (no image file)


def diagram(catalog: Catalog) -> dict:
    """The geometry of the taxonomy diagram that taxonomy-diagram.html draws: one column per axis."""
    axes = catalog.taxonomy.axes
    col_w, box_h, gap, top = 190, 30, 8, 70
    width = col_w * len(axes) + 20
    rows = max(len(a.categories) for a in axes)
    columns = []
    for i, axis in enumerate(axes):
        x = 10 + i * col_w
        boxes = []
        for j, c in enumerate(axis.categories):
            indent = 14 if c.parent else 0
            boxes.append(
                {
                    "y": top + 50 + j * (box_h + gap),
                    "indent": indent,
                    "name": _short(c.name, 22 - indent // 7),
                    "count": len(catalog.in_category(axis.id, c.id)),
                }
            )
        columns.append({"axis": axis, "x": x, "cx": x + col_w / 2, "boxes": boxes})
    return {
        "width": width,
        "height": top + 50 + rows * (box_h + gap) + 10,
        "top": top,
        "col_w": col_w,
        "box_h": box_h,
        "axes": columns,
    }


def _short(text: str, n: int) -> str:
    for prefix in ("Pruning and ", "Pruning "):
        if text.startswith(prefix) and len(text) > n:
            text = text[len(prefix) :]
            text = text[0].upper() + text[1:]
    return text if len(text) <= n else text[: n - 1] + "…"
