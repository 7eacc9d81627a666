"""The catalog block of the home page: a search box, the five axes with their paper counts, and the
newest papers, made from the catalog at build time.

docs/index.md is prose written by hand; the block goes into the slot it leaves right under its
title (`<!--pc-block-0-->`, see blocks.py), spliced into the rendered page by the catalog hook like
the blocks of generated pages. The markup is the template `home.html`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from ..model import Catalog, Paper
from ..taxonomy import Axis
from ..templating import environment
from .blocks import PageText

#: The home page's source path under docs/, and its site URL (the site's root).
HOME_SOURCE = "index.md"
HOME_URL = ""
#: How many of the newest papers the home page lists (/recent/ has more).
NEWEST = 8


def axis_counts(catalog: Catalog) -> list[tuple[Axis, int]]:
    """Each axis with the number of papers placed in at least one of its categories."""
    return [(axis, sum(1 for p in catalog.papers if p.categories.get(axis.id))) for axis in catalog.taxonomy.axes]


def newest_papers(catalog: Catalog, limit: int = NEWEST) -> list[Paper]:
    """The papers added last, newest `added` date first, then the newest publication year; the same
    day and year by title, then key (a stable order). Papers without an `added` date come last."""
    ordered = sorted(
        catalog.papers,
        key=lambda p: (-(p.added.toordinal() if p.added else 0), -(p.year or 0), p.title.casefold(), p.key),
    )
    return ordered[:limit]


def home_block(catalog: Catalog, env: Environment | None = None, custom_dir: str | Path | None = None) -> PageText:
    """The block for the slot of docs/index.md (its Markdown is unused: the page is the prose)."""
    html = (
        (env or environment(custom_dir))
        .get_template("home.html")
        .render(
            catalog=catalog,
            at=HOME_URL,
            total=len(catalog.papers),
            axes=axis_counts(catalog),
            newest=newest_papers(catalog),
        )
    )
    return PageText("", (html.strip(),))
