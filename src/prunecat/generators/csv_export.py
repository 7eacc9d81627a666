"""The CSV of a list of papers, defined once for `catalog export --format csv` and the search
page's "Download CSV" (the search index carries `COLUMNS`, and the page fills the same columns in
the same order, with the same cell rule `cell`; tests/test_export_parity.py compares the two)."""

from __future__ import annotations

import re
from typing import Callable, Iterable

from ..fields import LIST_FACETS
from ..model import Paper
from ..taxonomy import AXIS_IDS, STATE_LABELS, Taxonomy

#: The columns: facts, each axis's labels as written (categories, `none` or `unclear`), the list
#: facets, the code framework, every code link, the flags, and the paper's page on the site.
COLUMNS = ("key", "title", "authors", "year", "venue", "venue_note", "algorithm", *AXIS_IDS, *LIST_FACETS,
           "framework", "code", "survey", "pioneer", "page")

#: A cell starting with one of these is a formula to a spreadsheet: a `'` goes in front.
FORMULA_START = re.compile(r"[=+\-@\t\r]")
_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def cell(value: object) -> str:
    """One CSV cell: lists joined by "; ", booleans as yes/no, a `'` before a cell a spreadsheet
    would run as a formula, quotes only where needed (a comma, a quote, a CR or LF)."""
    if isinstance(value, (list, tuple)):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    else:
        text = "" if value is None else str(value)
    if FORMULA_START.match(text):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def row(taxonomy: Taxonomy, paper: Paper, page: str) -> list[object]:
    """A paper's cells; ids in taxonomy order (the order the search page knows them in)."""
    def ordered(dimension: str, ids: Iterable[str], extra: tuple[str, ...] = ()) -> list[str]:
        have = set(ids)
        return [v for v in taxonomy.allowed(dimension) + extra if v in have]

    values: dict[str, object] = {
        "key": paper.key, "title": paper.title, "authors": list(paper.authors), "year": paper.year,
        "venue": paper.venue, "venue_note": paper.venue_note, "algorithm": paper.algorithm,
        **{axis: ordered(axis, paper.labels.get(axis, ()), STATE_LABELS) for axis in AXIS_IDS},
        **{facet: ordered(facet, paper.facets.get(facet, ())) for facet in LIST_FACETS},
        "framework": ordered("framework", (c.framework for c in paper.code)),
        "code": [c.url for c in paper.code], "survey": paper.survey, "pioneer": paper.pioneer, "page": page,
    }
    return [values[column] for column in COLUMNS]


def csv_text(taxonomy: Taxonomy, papers: Iterable[Paper], page_url: Callable[[Paper], str]) -> str:
    """The CSV (CRLF line ends, as RFC 4180 and the site write it); `page_url` gives a paper's page."""
    lines = [",".join(COLUMNS)]
    lines += [",".join(cell(value) for value in row(taxonomy, p, page_url(p))) for p in papers]
    return "\r\n".join(lines) + "\r\n"
