"""Importers of other public paper lists: one reader per list format, one shared pipeline.

Each format module has `read(path) -> list[ListPaper]` (record.py); `pipeline.import_list` turns the
papers into entries of the incoming/ queue and `report.render` writes the import report. The
formats, by the name `catalog import --format` takes:
"""

from __future__ import annotations

import importlib
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

__all__ = ["FORMATS", "ListPaper", "Reader", "reader", "read_list"]


def reader(name: str) -> Reader:
    """The read function of a format (its module is imported only when used)."""
    module, _ = FORMATS[name]
    return importlib.import_module(f"{__name__}.{module}").read


def read_list(name: str, path: Path) -> list[ListPaper]:
    return reader(name)(Path(path))
