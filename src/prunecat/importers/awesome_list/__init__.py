"""Import an awesome-list README (Markdown tables of papers) as new catalog entries.

Made for the list of the survey's companion repository (hrcheng1066/awesome-pruning) and meant to be
re-run on newer copies of it; lists written by `catalog export --format markdown` read back too.

A paper's labels come from where its rows sit: the section headings give the axis categories, model
families and learning settings; the columns give granularity (type codes), code releases, tasks,
venue and year. Rows of one paper in several sections become one entry with the union of their
labels. Nothing is silently changed: every repair, merge and doubt goes into the Markdown report,
with the list's line numbers. Papers already in the catalog are skipped, never overwritten. What a
valid entry is stays defined by `prunecat.load`; produced entries are checked with it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ... import bibtex
from ...model import Catalog, normalize_title
from ..core import (
    ImportResult,
    Report,
    assign_keys,
    check_entries,
    entry_bibtex,
    entry_fields,
    known_paper,
)
from .authors import load_authors
from .facts import paper_data
from .merge import (
    ListPaper,
    group,
    merge_by_arxiv,
    primary_row,
    resolve_code,
    resolve_links,
    swap_titles,
)
from .report import ImportRun, render_report
from .tables import parse_rows

__all__ = ["ImportResult", "import_awesome_list", "tex_title"]

#: A title as BibTeX text (kept here for callers of the importer; the writer is `prunecat.bibtex`).
tex_title = bibtex.tex_title


def import_awesome_list(
    markdown_path: Path, catalog: Catalog, *, authors_bib: Path | None, added: dt.date
) -> ImportResult:
    """New entries for the papers of an awesome-list README that `catalog` does not have yet."""
    taxonomy = catalog.taxonomy
    report = Report()
    raw = Path(markdown_path).read_bytes()
    text = raw.decode("utf-8", errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in raw:
        report.notes.append("the list is not valid UTF-8; undecodable bytes were replaced.")
    rows = parse_rows(text, taxonomy, report)
    bibs = load_authors(authors_bib, report)

    papers = group(rows, bibs)
    resolve_links(papers, report, quiet=True)
    if swap_titles(papers, report):
        papers = group(rows, bibs)
    resolve_links(papers, report)
    merged = merge_by_arxiv(papers)
    resolve_code(merged, report)

    known = known_paper(catalog.papers)
    built: list[tuple[ListPaper, dict]] = []
    skipped: list[str] = []
    titles = {normalize_title(r.title): r.title for r in rows}
    for paper in merged:
        data = paper_data(paper, taxonomy, report, titles)
        if data is None:
            continue
        hit = known(data["arxiv"], data["doi"], paper.titles())
        if hit is not None:
            skipped.append(f"{data['title']} (as {hit.key})")
            continue
        built.append((paper, data))

    new_keys = assign_keys([d for _, d in built], {p.key for p in catalog.papers})
    candidates = [
        (key, entry_fields(entry_bibtex(key, data), data, added), data, primary_row(paper).line)
        for (paper, data), key in zip(built, new_keys)
    ]
    checked = check_entries(candidates, catalog, report)
    run = ImportRun(markdown_path, authors_bib, added, rows, merged, built, checked.entries, skipped, checked.warnings)
    result_report = render_report(run, report)
    return ImportResult(
        entries=checked.entries,
        skipped=skipped,
        report=result_report,
        dropped=sorted(report.dropped),
        dropped_tables=sorted(report.dropped_tables),
    )
