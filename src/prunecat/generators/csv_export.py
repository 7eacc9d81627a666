"""The CSV of a list of papers, defined once for `catalog export --format csv` and the search
page's "Download CSV" (the search index carries `COLUMNS`, and the page fills the same columns in
the same order, with the same cell rule `cell`; tests/test_export_parity.py compares the two)."""

from __future__ import annotations

import re
from typing import Callable, Iterable

from ..fields import FIELDS, of_kind
from ..model import Paper
from ..taxonomy import RESULTS_DIMENSION, STATE_LABELS, Taxonomy

#: The columns: the facts read from the BibTeX, then the entry fields of the registry (fields.py)
#: that fit a cell, in its order (text, each axis's labels as written, the list facets, the flags),
#: the code framework, the datasets it reports results on, every code link, and the paper's page on
#: the site.
COLUMNS = (
    "key",
    "title",
    "authors",
    "year",
    *of_kind("text", "summary", "axis", "facet", "flag"),
    "framework",
    RESULTS_DIMENSION,
    "code",
    "page",
)

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
        "key": paper.key,
        "title": paper.title,
        "authors": list(paper.authors),
        "year": paper.year,
        "framework": ordered("framework", (c.framework for c in paper.code)),
        RESULTS_DIMENSION: ordered(RESULTS_DIMENSION, (r.dataset for r in paper.results)),
        "code": [c.url for c in paper.code],
        "page": page,
    }
    for field in FIELDS:
        if field.kind in ("text", "summary", "flag"):
            values[field.name] = getattr(paper, field.name)
        elif field.kind == "axis":
            values[field.name] = ordered(field.name, paper.labels.get(field.name, ()), STATE_LABELS)
        elif field.kind == "facet":
            values[field.name] = ordered(field.name, paper.facets.get(field.name, ()))
    return [values[column] for column in COLUMNS]


def csv_text(taxonomy: Taxonomy, papers: Iterable[Paper], page_url: Callable[[Paper], str]) -> str:
    """The CSV (CRLF line ends, as RFC 4180 and the site write it); `page_url` gives a paper's page."""
    lines = [",".join(COLUMNS)]
    lines += [",".join(cell(value) for value in row(taxonomy, p, page_url(p))) for p in papers]
    return "\r\n".join(lines) + "\r\n"
