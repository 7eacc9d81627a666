"""The /matrix/ page: two axes or facets of the catalog crossed in a table of paper counts.

Any two of the five axes, the facets model, granularity, task and learning setting, and the year
can be crossed. Every pair is rendered here, at build time, as one HTML table: the rows are the
values of one dimension, the columns those of the other, and a cell counts the papers that have
both values, with the search's semantics (a paper labelled with a sub-category also counts for
its parent). Each non-empty cell links to the search with both values selected, so the number in
the cell is the number of results there. Empty cells are marked: they are combinations nobody in
the catalog has tried yet, or that are simply not labelled yet.

The page shows one pair at a time with a picker (docs/assets/matrix.js), whose choice is kept in
the URL (`?rows=model&cols=criteria`). Each unordered pair is rendered once, with the dimension of
more values as rows; the script shows the other orientation by transposing the table. Without
JavaScript every table is shown, under a list of links to them. The markup and prose are in
templates/matrix.html; the counts, heat levels and links are computed here.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from itertools import combinations

from jinja2 import Environment

from ..model import LIST_FACETS, Catalog, Paper
from ..templating import environment
from ..urls import MATRIX as AT  # the page's own URL, for relative links
from ..urls import href, search_url
from .search_index import bit_mask

DEFAULT = ("when", "speedup")  # the pair shown first: rows, columns
HEAT_LEVELS = 5  # shades of non-empty cells, see insights.css


@dataclass(frozen=True)
class Value:
    id: str  # the value's id in the search URL
    label: str  # short text for a header cell
    full: str  # the full name (a tooltip where it differs)
    sub: bool = False  # a sub-category (its papers also count for the parent)
    parent: str = ""  # the parent category's id, for a sub-category


@dataclass(frozen=True)
class Dimension:
    id: str  # also the search page's URL parameter
    name: str  # short name for the picker and headings
    group: str  # "axis", "facet" or "year"
    values: tuple[Value, ...]
    members: dict[str, int]  # value id -> bit mask of the papers (by position) that have it
    unlabelled: int  # papers not yet labelled (axes) or with no value recorded (facets)
    no_category: int = 0  # axes: papers checked and labelled [none]
    multi: int = 0  # papers with two or more values that are not a sub-category and its parent
    in_sub: int = 0  # papers in a sub-category (so also counted for its parent)


def matrix_page(catalog: Catalog, env: Environment | None = None) -> str:
    """The page, from templates/matrix.html and the tables computed here."""
    dims = dimensions(catalog)
    by_id = {d.id: d for d in dims}
    pairs = ordered_pairs(dims)
    total = len(catalog.papers)
    return (
        (env or environment())
        .get_template("matrix.html")
        .render(
            papers=total,
            default=DEFAULT,
            dims=dims,
            unlabelled=[(d.name, d.unlabelled.bit_count()) for d in dims if d.group == "axis"],
            pairs=[_pair(by_id[r], by_id[c]) for r, c in pairs] if total else [],
        )
    )


# ---------------------------------------------------------------------------------------------
# Dimensions and counts


def dimensions(catalog: Catalog) -> list[Dimension]:
    """Every dimension that can be crossed, in picker order: the axes, the facets, the year."""
    tax = catalog.taxonomy
    dims = []
    for axis in tax.axes:
        values = tuple(
            Value(c.id, _short_category(c.name), c.name, sub=c.parent is not None, parent=c.parent or "")
            for c in axis.categories
        )
        of = functools.partial(_categories, axis=axis.id)
        members = _members(catalog.papers, values, of)
        unlabelled = bit_mask(i for i, p in enumerate(catalog.papers) if not p.labelled(axis.id))
        none = bit_mask(
            i for i, p in enumerate(catalog.papers) if p.labelled(axis.id) and not p.categories.get(axis.id)
        )
        multi, in_sub = _overlaps(catalog.papers, values, of)
        dims.append(Dimension(axis.id, axis.short, "axis", values, members, unlabelled, none, multi, in_sub))
    for fid in LIST_FACETS:
        facet = tax.facet(fid)
        values = tuple(Value(v.id, _short_value(fid, v.name, v.code), v.name) for v in facet.values)
        of = functools.partial(_facet_values, facet=fid)
        members = _members(catalog.papers, values, of)
        unlabelled = bit_mask(i for i, p in enumerate(catalog.papers) if not p.facets.get(fid))
        multi, in_sub = _overlaps(catalog.papers, values, of)
        dims.append(Dimension(fid, facet.name, "facet", values, members, unlabelled, 0, multi, in_sub))
    years = tuple(Value(str(y), str(y), str(y)) for y in sorted({p.year for p in catalog.papers}))
    dims.append(Dimension("year", "Year", "year", years, _members(catalog.papers, years, lambda p: (str(p.year),)), 0))
    return dims


def ordered_pairs(dims: list[Dimension]) -> list[tuple[str, str]]:
    """Each unordered pair once as (rows, columns), the default pair first.

    The dimension with more values goes to the rows, so tables grow downwards rather than off the
    side of a phone screen; on a tie the one earlier in the picker does.
    """
    out = []
    for a, b in combinations(dims, 2):
        rows, cols = (b, a) if len(b.values) > len(a.values) else (a, b)
        out.append((rows.id, cols.id))
    if DEFAULT in out:
        out.remove(DEFAULT)
        out.insert(0, DEFAULT)
    elif DEFAULT[::-1] in out:  # a taxonomy edit changed which side has more values
        out.remove(DEFAULT[::-1])
        out.insert(0, DEFAULT[::-1])
    return out


def _members(papers: tuple[Paper, ...], values: tuple[Value, ...], of) -> dict[str, int]:
    # papers as bits of a Python int: counting a cell is one AND and a bit count, fast at 10,000 papers
    bits = {v.id: 0 for v in values}
    for i, p in enumerate(papers):
        for vid in of(p):
            if vid in bits:
                bits[vid] |= 1 << i
    return bits


def _categories(paper: Paper, axis: str) -> tuple[str, ...]:
    return paper.categories.get(axis, ())


def _facet_values(paper: Paper, facet: str) -> tuple[str, ...]:
    return paper.facets.get(facet, ())


def _overlaps(papers: tuple[Paper, ...], values: tuple[Value, ...], of) -> tuple[int, int]:
    """Bit masks of the papers counted under several values of a dimension: those with two or more
    values of their own, and those in a sub-category (counted under its parent too)."""
    parent = {v.id: v.parent for v in values}
    multi = in_sub = 0
    for i, p in enumerate(papers):
        ids = {vid for vid in of(p) if vid in parent}
        implied = {parent[vid] for vid in ids if parent[vid]}
        if len(ids - implied) > 1:
            multi |= 1 << i
        if implied:
            in_sub |= 1 << i
    return multi, in_sub


def _short_category(name: str) -> str:
    """'Pruning after training' -> 'After training', 'Structured pruning' -> 'Structured'."""
    for prefix in ("Pruning and ", "Pruning "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            name = name[:1].upper() + name[1:]
    for suffix in (" pruning",):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def _short_value(facet: str, name: str, code: str) -> str:
    if facet == "model" and code:
        return code  # CNN, ViT, LLM: shorter and as familiar as the names
    return _short_category(name)


# ---------------------------------------------------------------------------------------------
# One table, as data for matrix.html


def section_id(rows: str, cols: str) -> str:
    return f"m-{rows}-{cols}"


def caption(rows: Dimension, cols: Dimension) -> str:
    # matrix.js writes the same sentence for a transposed table: keep the two in step
    return f"Papers by {rows.name.lower()} (rows) and {cols.name.lower()} (columns)"


def _pair(rows: Dimension, cols: Dimension) -> dict:
    """The cells of one pair: `body` holds per row its header value and cells, `foot` the column totals.

    A total (the All row and column) counts the value's papers that are in the table's cells, each
    once, and links to the search listing exactly them; it also carries what its cells add up to,
    which is more when papers count in several cells (two values, or a sub-category and its parent).
    """
    cells = {
        (r.id, c.id): (rows.members[r.id] & cols.members[c.id]).bit_count() for r in rows.values for c in cols.values
    }
    top = max(cells.values(), default=0)
    everyone_rows = _any(rows)
    everyone_cols = _any(cols)
    both = everyone_rows & everyone_cols
    body = [
        (
            r,
            [_cell(cells[(r.id, c.id)], top, {rows.id: r.id, cols.id: c.id}) for c in cols.values]
            + [_total_cell(rows, r, cols, sum(cells[(r.id, c.id)] for c in cols.values), everyone_cols)],
        )
        for r in rows.values
    ]
    foot = [
        _total_cell(cols, c, rows, sum(cells[(r.id, c.id)] for r in rows.values), everyone_rows) for c in cols.values
    ]
    return {
        "id": section_id(rows.id, cols.id),
        "rows": rows,
        "cols": cols,
        "top": top,
        "caption": caption(rows, cols),
        "body": body,
        "foot": foot,
        "both": (both.bit_count(), sum(cells.values())),
        "overlap": [o for o in (_overlap(d, both) for d in (rows, cols)) if o],
        "missing": [m for m in (_missing(d) for d in (rows, cols)) if m],
    }


def _any(dim: Dimension) -> int:
    m = 0
    for bits in dim.members.values():
        m |= bits
    return m


def _anything(dim: Dimension) -> dict[str, str]:
    """Search parameters selecting the papers with any value of `dim` (values of one facet are
    or-ed by the search); a sub-category adds nothing to its parent, and every paper has a year."""
    if dim.group == "year":
        return {}
    return {dim.id: ",".join(v.id for v in dim.values if not v.sub)}


def _overlap(dim: Dimension, both: int) -> dict:
    """How many papers of a table count under several values of `dim` (the template says why)."""
    multi, in_sub = (dim.multi & both).bit_count(), (dim.in_sub & both).bit_count()
    return {"name": dim.name.lower(), "multi": multi, "sub": in_sub} if multi or in_sub else {}


def _cell(n: int, top: int, params: dict[str, str]) -> tuple[int, int, str]:
    """A cell: its count, its heat level (0: empty) and the search link of its papers."""
    if not n:
        return (0, 0, "")
    # square-root scale: one huge cell (CNN x image classification) should not wash out the rest
    return (n, max(1, math.ceil(HEAT_LEVELS * math.sqrt(n / top))), href(AT, search_url(**params)))


def _total_cell(dim: Dimension, value: Value, other: Dimension, in_cells: int, everyone: int) -> tuple[int, int, str]:
    """A total: the papers of `value` in the table's cells (those with a value on the `other` side),
    each once, linked to the search of exactly them; and what its cells add up to."""
    mine = dim.members[value.id]
    papers = (mine & everyone).bit_count()
    # where some of the value's papers have nothing on the other side, the search must ask for "any of it"
    params = {dim.id: value.id, **(_anything(other) if papers < mine.bit_count() else {})}
    return (papers, in_cells, href(AT, search_url(**params)) if papers else "")


def _missing(dim: Dimension) -> dict:
    """The papers a table leaves out on one side (the template writes the sentence)."""
    n = dim.unlabelled.bit_count()
    if dim.group == "axis":
        if not n and not dim.no_category:
            return {}
        return {
            "axis": True,
            "name": dim.name.lower(),
            "unlabelled": n,
            "no_category": dim.no_category.bit_count(),
            "url": href(AT, search_url(unlabelled=dim.id)),
        }
    return {"axis": False, "name": dim.name.lower(), "unlabelled": n} if n else {}
