"""Small HTML building blocks shared by the page generators. Catalog data always goes through `esc`."""

from __future__ import annotations

import html
import re

from ..model import Catalog, Paper
from ..taxonomy import NONE_LABEL, UNCLEAR_LABEL, Taxonomy
from ..urls import category_url, href

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
    """Chips linking each label of `paper` on one axis to its category page."""
    axis = catalog.taxonomy.axis(axis_id)
    labels = paper.labels.get(axis_id, ())
    if not labels:
        text = "?" if compact else "not yet labelled"
        return f'<span class="pc-unlabelled" title="not yet labelled on this axis">{text}</span>'
    if labels == (NONE_LABEL,):
        return '<span class="pc-none" title="examined: no category of this axis applies">none</span>'
    if labels == (UNCLEAR_LABEL,):
        return '<span class="pc-unclear" title="examined: the public text does not tell">unclear</span>'
    return " ".join(
        link(href(at, category_url(axis_id, cid)), axis.category(cid).name, cls=f"pc-chip pc-{axis_id}")
        for cid in labels
    )


def facet_labels(taxonomy: Taxonomy, facet_id: str, ids: tuple[str, ...]) -> str:
    facet = taxonomy.facet(facet_id)
    return ", ".join(esc(facet.value(v).label) for v in ids)


def code_links(paper: Paper, taxonomy: Taxonomy, short: bool = False) -> str:
    if not paper.code:
        return "–"
    parts = []
    for c in paper.code:
        name = taxonomy.facet("framework").value(c.framework).label if c.framework else "Code"
        who = {True: "official", False: "third-party"}.get(c.official, "")
        text = name if short else " ".join(x for x in (name, f"({who})" if who else "", c.note) if x)
        parts.append(link(c.url, text, external=True))
    return " ".join(parts)
