"""Author lists (and arXiv ids, DOIs, years) from the list's companion authors.bib."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import bibtexparser

from ... import bibtex
from ...model import normalize_title
from ..core import Report


@dataclass(frozen=True)
class BibRecord:
    title: str
    norm: str
    author: str  # as in the file: First Last and First Last
    eprint: str
    doi: str
    year: int | None


def load_authors(path: Path | None, report: Report) -> list[BibRecord]:
    if path is None:
        return []
    try:
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        report.notes.append(f"authors file {path} could not be read ({exc}); no authors were added.")
        return []
    for block in library.failed_blocks:
        report.notes.append(f"{path.name} line {block.start_line + 1}: a BibTeX block does not parse and was ignored.")
    out = []
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        title = bibtex.decode(fields.get("title", ""))
        if not title:
            continue
        # only `eprint` names the paper: in this file `url` is the list's link, which may be wrong
        eprint = bibtex.arxiv_id({k: v for k, v in fields.items() if k in ("eprint", "archiveprefix", "eprinttype")})
        year = fields.get("year", "").strip()
        out.append(
            BibRecord(
                title=title,
                norm=normalize_title(title),
                author=" ".join(fields.get("author", "").split()),
                eprint=eprint,
                doi=fields.get("doi", "").strip(),
                year=int(year) if year.isdigit() else None,
            )
        )
    return out
