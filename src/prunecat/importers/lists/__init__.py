"""Importers of other public paper lists: one reader per list format, one shared pipeline.

Each format module has `read(path) -> list[ListPaper]` (record.py); `pipeline.import_list` turns the
papers into entries of the incoming/ queue and `report.render` writes the import report. The
formats, by the name `catalog import --format` takes:
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from .record import ListPaper, Reader

#: --format name -> (module of this package, what it reads)
FORMATS: dict[str, tuple[str, str]] = {
    "type-code-tables": ("type_code_tables", "tables per year with type codes (he-y/Awesome-Pruning)"),
    "year-tables": ("year_tables", "tables per year, title | venue | code (danielmcpark)"),
    "dated-bullets": ("dated_bullets", "bullets `YEAR-VENUE-[Title](url)` (MingSun-Tse)"),
    "title-bullets": ("title_bullets", "title-only bullets under headings (csyhhu)"),
    "paradigm-tables": ("paradigm_tables", "tables naming a first paper per paradigm (ishandutta2007)"),
    "labelled-bullets": ("labelled_bullets", "bullets with Label/Author/Link sub-bullets (pprp)"),
    "badge-tables": ("badge_tables", "table rows with badges and authors (horseee)"),
    "venue-bullets": ("venue_bullets", "bullets `Title <br> Venue [[Paper]] [[Code]]` per section (HuangOwen)"),
    "bib-records": ("bib_records", "a .bib bibliography with scope rules (spcl sparsity.bib)"),
}

__doc__ += "".join(f"\n- `{name}`: {what}" for name, (_, what) in FORMATS.items())

__all__ = ["FORMATS", "ListPaper", "Reader", "detect", "reader", "read_list"]

#: Marks of each format in a list's text, most specific first: (format, pattern). The survey's own
#: list ("awesome", numbered tables: No. | Title | Venue | Type | ...) has its own importer.
_MARKS: tuple[tuple[str, re.Pattern], ...] = (
    ("awesome", re.compile(r"^\|\s*No\.\s*\|\s*Title\s*\|", re.M)),
    ("paradigm-tables", re.compile(r"\|\s*First Used Paper", re.M)),
    ("labelled-bullets", re.compile(r"^\s+- Labels?:", re.M)),
    ("badge-tables", re.compile(r"^\|.*img\.shields\.io/badge/.*<br>", re.M)),
    ("venue-bullets", re.compile(r"^- .+<br>.*\[\[Paper\]\]\(", re.M)),
    ("year-tables", re.compile(r"^\|\s*Title\s*\|\s*Issue\s*\|\s*Release\s*\|", re.M)),
    ("type-code-tables", re.compile(r"^\|\s*Title\s*\|\s*Venue\s*\|\s*Type\s*\|\s*Code\s*\|", re.M)),
    ("dated-bullets", re.compile(r"^- (?:19|20)\d\d(?:\.\d+)?-", re.M)),
)


def detect(text: str) -> str | None:
    """The format of a Markdown list from its text (a --format name, "awesome" for the survey's own
    list), or None when no format's marks are found; .bib files are told by their suffix."""
    return next((name for name, mark in _MARKS if mark.search(text)), None)


def reader(name: str) -> Reader:
    """The read function of a format (its module is imported only when used)."""
    module, _ = FORMATS[name]
    return importlib.import_module(f"{__name__}.{module}").read


def read_list(name: str, path: Path) -> list[ListPaper]:
    return reader(name)(Path(path))
