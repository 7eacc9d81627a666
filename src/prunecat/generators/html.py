"""Text helpers shared by the page generators and the templates' filters.

The pages' markup lives in the Jinja templates (prunecat/templates/, see prunecat/templating.py),
which escape catalog data themselves. `esc`, `link` and `category_chips` remain for the generator
that still builds its HTML in Python (recent.py); `category_chips` renders the templates' own
`chips` macro, so the chips have one definition.
"""

from __future__ import annotations

import html
import re

from ..model import Catalog, Paper


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


# Every ASCII mark that Markdown, its extensions (snippets `--8<--`, attribute lists, tables) or a
# template engine could read as syntax.
_MARKUP = re.compile(r"[!-/:-@\[-`{-~]")


def md_text(value: object) -> str:
    """Catalog text for a line of Markdown (a heading): each ASCII punctuation mark becomes a
    numeric character reference, so Markdown shows it and never reads it as syntax."""
    return _MARKUP.sub(lambda m: f"&#{ord(m.group())};", str(value))


def link(url: str, text: str, cls: str = "", external: bool = False) -> str:
    attrs = f' class="{cls}"' if cls else ""
    if external:
        attrs += ' rel="noopener"'
    return f'<a href="{esc(url)}"{attrs}>{esc(text)}</a>'


def author_list(paper: Paper, limit: int = 0) -> str:
    names = list(paper.authors)
    if not names:
        return "authors not yet recorded"
    if limit and len(names) > limit:
        return ", ".join(names[:limit]) + " et al."
    return ", ".join(names)


def category_chips(catalog: Catalog, paper: Paper, axis_id: str, at: str, *, compact: bool = False) -> str:
    """Chips linking each label of `paper` on one axis to its category page (macros.html `chips`)."""
    from ..templating import environment  # the templating module imports this one

    macros = environment().get_template("macros.html").module
    return str(macros.chips(paper, catalog.taxonomy.axis(axis_id), at, compact))
