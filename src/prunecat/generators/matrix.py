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
JavaScript every table is shown, under a list of links to them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

from ..model import LIST_FACETS, Catalog, Paper
from ..urls import MATRIX as AT  # the page's own URL, for relative links
from ..urls import href, search_url
from .html import esc, link
from .search_index import bit_mask

DEFAULT = ("when", "speedup")  # the pair shown first: rows, columns
HEAT_LEVELS = 5  # shades of non-empty cells, see insights.css


@dataclass(frozen=True)
class Value:
    id: str  # the value's id in the search URL
    label: str  # short text for a header cell
    full: str  # the full name (a tooltip where it differs)
    sub: bool = False  # a sub-category (its papers also count for the parent)


@dataclass(frozen=True)
class Dimension:
    id: str  # also the search page's URL parameter
    name: str  # short name for the picker and headings
    group: str  # "axis", "facet" or "year"
    values: tuple[Value, ...]
    members: dict[str, int]  # value id -> bit mask of the papers (by position) that have it
    unlabelled: int  # papers not yet labelled (axes) or with no value recorded (facets)
    no_category: int = 0  # axes: papers checked and labelled [none]


def matrix_page(catalog: Catalog) -> str:
    dims = dimensions(catalog)
    by_id = {d.id: d for d in dims}
    pairs = ordered_pairs(dims)
    total = len(catalog.papers)
    out = [
        "---",
        "search:",
        "  exclude: true",  # thousands of numbers would only bloat Material's site search index
        "---",
        "",
        "# Axis matrix",
        "",
        "<p>Pick two ways of sorting papers, for example the moment of pruning and the kind of speedup, "
        "and see how many papers of the catalog fall into each combination. Every number links to the "
        "search with both values selected, so the list behind it is one click away.</p>",
        "",
        "<p>The empty cells are the interesting part. A combination that no paper covers may be a gap "
        "in the research, an idea waiting for someone to try it (or a good reason why nobody has), and "
        "worth a closer look before starting a project. Keep in mind that the catalog is still being "
        f"labelled: {_unlabelled_sentence(dims, total)} An empty cell may therefore also mean that the "
        "papers exist but nobody has labelled them yet.</p>",
        "",
        "<p>Counting follows the search: a paper with several values on one side is counted in each of "
        "them, and a paper in a sub-category (marked ↳) also counts for its parent, so the rows and "
        "columns do not add up to the totals. The <em>All</em> row and column count each value's papers "
        "once.</p>",
        "",
    ]
    if not total:
        out += ["<p>The catalog holds no papers yet, so every table would be empty. They appear as soon as "
                "the first entry is added.</p>", ""]
        return "\n".join(out)
    out += [
        f'<div id="pc-matrix" class="pc-matrix-page" data-default-rows="{DEFAULT[0]}" data-default-cols="{DEFAULT[1]}">',
        _picker(dims),
        _contents(pairs, by_id),
    ]
    out += [_pair_section(by_id[r], by_id[c]) for r, c in pairs]
    out += ["</div>", ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Dimensions and counts


def dimensions(catalog: Catalog) -> list[Dimension]:
    """Every dimension that can be crossed, in picker order: the axes, the facets, the year."""
    tax = catalog.taxonomy
    dims = []
    for axis in tax.axes:
        values = tuple(
            Value(c.id, _short_category(c.name), c.name, sub=c.parent is not None) for c in axis.categories
        )
        members = _members(catalog.papers, values, lambda p, a=axis.id: p.categories.get(a, ()))
        unlabelled = bit_mask(i for i, p in enumerate(catalog.papers) if not p.labelled(axis.id))
        none = bit_mask(i for i, p in enumerate(catalog.papers) if p.labelled(axis.id) and not p.categories.get(axis.id))
        dims.append(Dimension(axis.id, axis.short, "axis", values, members, unlabelled, none))
    for fid in LIST_FACETS:
        facet = tax.facet(fid)
        values = tuple(Value(v.id, _short_value(fid, v.name, v.code), v.name) for v in facet.values)
        members = _members(catalog.papers, values, lambda p, f=fid: p.facets.get(f, ()))
        unlabelled = bit_mask(i for i, p in enumerate(catalog.papers) if not p.facets.get(fid))
        dims.append(Dimension(fid, facet.name, "facet", values, members, unlabelled))
    years = tuple(Value(str(y), str(y), str(y)) for y in sorted({p.year for p in catalog.papers}))
    dims.append(Dimension("year", "Year", "year", years,
                          _members(catalog.papers, years, lambda p: (str(p.year),)), 0))
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


def _short_category(name: str) -> str:
    """'Pruning after training' -> 'After training', 'Structured pruning' -> 'Structured'."""
    for prefix in ("Pruning and ", "Pruning "):
        if name.startswith(prefix):
            name = name[len(prefix):]
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
# HTML


def _picker(dims: list[Dimension]) -> str:
    """Two labelled selects and a swap button, hidden until the script takes over."""
    def select(sid: str, label: str, chosen: str) -> str:
        groups = []
        for group, title in (("axis", "Axes of the survey"), ("facet", "Other facets"), ("year", "Time")):
            options = "".join(
                f'<option value="{esc(d.id)}"{" selected" if d.id == chosen else ""}>{esc(d.name)}</option>'
                for d in dims if d.group == group
            )
            groups.append(f'<optgroup label="{title}">{options}</optgroup>')
        return (f'<div class="pc-m-field"><label for="{sid}">{label}</label>'
                f'<select id="{sid}" name="{sid[5:]}">{"".join(groups)}</select></div>')

    return (
        '<form class="pc-m-picker" hidden>'
        + select("pc-m-rows", "Rows", DEFAULT[0])
        + select("pc-m-cols", "Columns", DEFAULT[1])
        + '<button type="button" class="md-button pc-m-swap">Swap rows and columns</button>'
        + '<p class="pc-m-status" role="status"></p>'
        + "</form>"
    )


def _contents(pairs: list[tuple[str, str]], by_id: dict[str, Dimension]) -> str:
    items = "".join(
        f'<li><a href="#{_section_id(r, c)}">{esc(by_id[r].name)} × {esc(by_id[c].name)}</a></li>' for r, c in pairs
    )
    return (f'<nav class="pc-m-toc" aria-labelledby="pc-m-toc-title"><h2 id="pc-m-toc-title">All tables</h2>'
            f"<ul>{items}</ul></nav>")


def _section_id(rows: str, cols: str) -> str:
    return f"m-{rows}-{cols}"


def caption(rows: Dimension, cols: Dimension) -> str:
    # matrix.js writes the same sentence for a transposed table: keep the two in step
    return f"Papers by {rows.name.lower()} (rows) and {cols.name.lower()} (columns)"


def _pair_section(rows: Dimension, cols: Dimension) -> str:
    sid = _section_id(rows.id, cols.id)
    cells = {(r.id, c.id): (rows.members[r.id] & cols.members[c.id]).bit_count()
             for r in rows.values for c in cols.values}
    top = max(cells.values(), default=0)
    everyone_rows = _any(rows)
    everyone_cols = _any(cols)

    head = [f'<th scope="col" class="pc-m-corner">{esc(rows.name)}</th>']
    head += [_header(c, "col") for c in cols.values]
    head.append('<th scope="col" class="pc-m-total">All</th>')
    body = []
    for r in rows.values:
        tds = [_header(r, "row")]
        for c in cols.values:
            tds.append(_cell(cells[(r.id, c.id)], top, {rows.id: r.id, cols.id: c.id}))
        tds.append(_total_cell((rows.members[r.id] & everyone_cols).bit_count(), rows.members[r.id].bit_count(),
                               {rows.id: r.id}))
        body.append(f"<tr>{''.join(tds)}</tr>")
    foot = ['<th scope="row" class="pc-m-total">All</th>']
    foot += [_total_cell((cols.members[c.id] & everyone_rows).bit_count(), cols.members[c.id].bit_count(),
                         {cols.id: c.id}) for c in cols.values]
    both = (everyone_rows & everyone_cols).bit_count()
    foot.append(f'<td class="pc-m-total pc-m-both" title="papers with a value on both sides">{both}</td>')
    body.append(f"<tr>{''.join(foot)}</tr>")
    if not rows.values or not cols.values:
        table = f"<p>No {esc((rows if not rows.values else cols).name.lower())} values to show yet.</p>"
    else:
        table = (
            f'<div class="pc-scroll" role="region" tabindex="0" aria-labelledby="{sid}-h">'
            f'<table class="pc-matrix" data-max="{top}"><caption>{esc(caption(rows, cols))}</caption>'
            f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )
    return (
        f'<section class="pc-m-pair" id="{sid}" data-rows="{esc(rows.id)}" data-cols="{esc(cols.id)}">'
        f'<h2 id="{sid}-h">{esc(rows.name)} × {esc(cols.name)}</h2>'
        f"{table}"
        f'<p class="pc-m-note">{_left_out(rows, cols)}</p>'
        "</section>"
    )


def _any(dim: Dimension) -> int:
    m = 0
    for bits in dim.members.values():
        m |= bits
    return m


def _header(v: Value, scope: str) -> str:
    cls = ' class="pc-m-sub"' if v.sub else ""
    title = f' title="{esc(v.full)}"' if v.full != v.label else ""
    return f'<th scope="{scope}"{cls}{title}>{esc(v.label)}</th>'


def _cell(n: int, top: int, params: dict[str, str]) -> str:
    if not n:
        # marked by a class (hatched, see insights.css) and by its text, so not by colour alone
        return '<td class="pc-m-empty">0</td>'
    # square-root scale: one huge cell (CNN x image classification) should not wash out the rest
    level = max(1, math.ceil(HEAT_LEVELS * math.sqrt(n / top)))
    return f'<td class="pc-m-h{level}">{link(href(AT, search_url(**params)), str(n))}</td>'


def _total_cell(counted: int, n: int, params: dict[str, str]) -> str:
    """A value's papers (all of them, linked); `counted` of them appear in the table's cells."""
    text = link(href(AT, search_url(**params)), str(n)) if n else "0"
    title = f' title="{counted} of them have a value on the other side"' if counted != n else ""
    return f'<td class="pc-m-total"{title}>{text}</td>'


def _left_out(rows: Dimension, cols: Dimension) -> str:
    parts = [s for s in (_missing(d) for d in (rows, cols)) if s]
    if not parts:
        return "Every paper of the catalog has a value on both sides."
    return "Not in the cells: " + "; ".join(parts) + "."


def _missing(dim: Dimension) -> str:
    if dim.group == "axis":
        n = dim.unlabelled.bit_count()
        text = ""
        if n:
            text = f"{link(href(AT, search_url(unlabelled=dim.id)), _papers(n))} not yet labelled on {esc(dim.name.lower())}"
        if dim.no_category:
            checked = f"{_papers(dim.no_category.bit_count())} checked and fitting no {esc(dim.name.lower())} category"
            text = f"{text}, {checked}" if text else checked
        return text
    n = dim.unlabelled.bit_count()
    return f"{_papers(n)} with no {esc(dim.name.lower())} recorded" if n else ""


def _papers(n: int) -> str:
    return "1 paper" if n == 1 else f"{n} papers"


def _unlabelled_sentence(dims: list[Dimension], total: int) -> str:
    axes = [d for d in dims if d.group == "axis"]
    if not total:
        return "the catalog holds no papers yet."
    parts = [f"{d.unlabelled.bit_count()} {'are not yet labelled ' if i == 0 else ''}on {esc(d.name.lower())}"
             for i, d in enumerate(axes)]
    return f"of its {total} papers, " + ", ".join(parts[:-1]) + f" and {parts[-1]}."
