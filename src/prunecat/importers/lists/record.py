"""One paper as a source list gives it: what every list reader returns, whatever the list's format.

A reader (one module per list format in this package) only reads: it turns the list's rows into
`ListPaper` records and maps the list's own badges, type codes and sections to taxonomy ids,
saying in `label_notes` which wording each label came from. Deciding what is new, merging with the
catalog, keys, entry files and the import report are the shared pipeline's work (`pipeline.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class ListPaper:
    line: int  # 1-based line of the row in the list file (the report and errors point at it)
    title: str  # as the list writes it, Markdown and link syntax removed, spaces collapsed
    url: str = ""  # the paper link the list gives (arXiv, proceedings, OpenReview); "" if none
    authors: list[str] = field(default_factory=list)  # "First Last" names, when the list gives them
    venue: str = ""  # the list's venue text as written ("ICLR", "NeurIPS 2023", "arXiv"); "" if none
    year: int | None = None  # the year the list gives (a column, a heading, a date prefix)
    code: list[str] = field(default_factory=list)  # code repository links (http/https), official or not
    #: taxonomy dimension -> ids, from the list's own badges, type codes or sections: axes (speedup,
    #: when, criteria, learn, fusion) and facets (granularity, model, task, setting), valid ids of
    #: catalog/taxonomy.yml only
    labels: dict[str, list[str]] = field(default_factory=dict)
    #: dimension -> the list's wording the label was read from ("badge Unstructured", "type code F",
    #: "section Pruning at Initialization"): becomes the label's evidence note
    label_notes: dict[str, str] = field(default_factory=dict)
    section: str = ""  # the list's heading(s) above the row, " > "-joined
    #: why the row is outside the catalog's scope ("section Quantization", "not a paper: a tool"),
    #: "" when it is in scope as far as the list tells; such rows are reported, never imported
    out_of_scope: str = ""
    bibtex: str = ""  # the row's own BibTeX entry, for .bib sources; "" otherwise


#: A list reader: the list file -> its papers, in file order.
Reader = Callable[[Path], list[ListPaper]]
