"""The fields of an entry file, defined once.

Each field has a kind, which says how it is validated (load.py), written (entryfile.py, `catalog
fmt`) and described to editors (schema.py); the help text is what the schema shows. The values of
axes and facets come from taxonomy.yml. Adding a field means adding it here, then handling its
kind where a new kind is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .taxonomy import AXIS_IDS

Kind = Literal["bibtex", "text", "summary", "axis", "facet", "flag", "code", "results", "evidence", "date"]


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    help: str = ""  # for editors (the JSON Schema); axes and facets take theirs from the taxonomy
    column: str = ""  # its column in the search page's index (search-index.json); "" for none
    searched: bool = False  # its words are in the search page's text index


#: Facets that hold lists of ids, in the order entry files list them.
LIST_FACETS = ("granularity", "model", "task", "setting")

#: Every field of an entry, in the order `catalog fmt` writes them.
FIELDS: tuple[Field, ...] = (
    Field(
        "bibtex",
        "bibtex",
        "The paper's BibTeX entry, pasted as Google Scholar, DBLP, arXiv or the publisher gives "
        "it: one entry with title, author and year. Write `bibtex: |` and the entry indented below it.",
    ),
    Field(
        "venue",
        "text",
        "Short venue name for the venue facet (ICLR, NeurIPS, arXiv). Optional: without it the "
        "BibTeX booktitle or journal is used, or arXiv for a preprint.",
    ),
    Field(
        "venue_note", "text", "Distinction at the venue, e.g. Oral, Spotlight, Top 5%.", column="note", searched=True
    ),
    Field("algorithm", "text", "The method's short name (SNIP, SparseGPT).", column="algorithm", searched=True),
    Field(
        "summary",
        "summary",
        "One or two sentences, at most 40 words, in your own words: what the method does and "
        "how (for a survey or an analysis, what it studies). Never the abstract's sentences.",
        column="summary",
        searched=True,
    ),
    *(Field(axis, "axis") for axis in AXIS_IDS),
    *(Field(facet, "facet") for facet in LIST_FACETS),
    Field("pioneer", "flag", "A pioneering work of its line of research (the awesome list's P).", column="pioneer"),
    Field("survey", "flag", "The paper is a survey or overview.", column="survey"),
    Field(
        "analysis",
        "flag",
        "The paper studies pruning (an analysis, theory, benchmark or evaluation) and proposes no pruning "
        "method of its own.",
        column="analysis",
    ),
    Field(
        "code",
        "code",
        "Code releases: each with url (a repository, http or https), framework, official (true for "
        "the authors' own code) and an optional note.",
        column="code",
    ),
    Field(
        "results",
        "results",
        "Results the paper reports for pruned models, each with dataset, model and metric (ids from the "
        "taxonomy's `results:`), value and/or change, the dense baseline where given, the compression "
        "(fractions: 0.5 = half removed) and the source (url, where) it was read from.",
    ),
    Field(
        "evidence",
        "evidence",
        "Where the labels and facts come from: read (the public page you read), checked "
        "(the date you checked title, authors, year, venue and links against it) and, for "
        "each labelled axis, `paper` (read from the paper) or the id of a source list "
        "followed by its section or type code.",
    ),
    Field("added", "date", 'When the entry joined the catalog, written YYYY-MM-DD; feeds "what\'s new".'),
)

#: The fields of one code release, with their help.
CODE_FIELDS: dict[str, str] = {
    "url": "Link to the repository (http:// or https://).",
    "framework": "The framework of the code release.",
    "official": "true for the authors' own code, false for a third party's.",
    "note": "Free text, e.g. 'not available'.",
}

#: The fields of one reported result, in the order entry files write them, with their help.
RESULT_FIELDS: dict[str, str] = {
    "dataset": "The dataset, an id of the taxonomy's results.datasets (imagenet, cifar-10, wikitext-2).",
    "model": "The network, an id of the taxonomy's results.models (resnet-50, llama-7b).",
    "metric": "What is measured, an id of results.metrics (top-1, perplexity); it fixes the unit and range.",
    "value": "The pruned model's value, as printed (accuracies in percent: 74.98, not 0.7498).",
    "baseline": "The dense model's value, where the same source reports it.",
    "change": "The change from the baseline, only where the source prints a change but not the values.",
    "sparsity": "Fraction of the weights that are zero (0.5 for 50%).",
    "flops_reduction": "Fraction of the FLOPs removed (0.42 for 42% fewer FLOPs).",
    "params_reduction": "Fraction of the parameters removed.",
    "pattern": 'An N:M sparsity pattern, quoted: "2:4".',
    "speedup": "Measured speed-up, as a factor (1.6 for 1.6x).",
    "finetuned": "true if the pruned model was retrained or fine-tuned, false if not.",
    "reproduced_by": "Who measured the result when not the paper's authors: a catalog key or a name.",
    "note": "Short free text: what else matters to compare this result (set-up, budget, counts).",
    "source": "Where the numbers were read: url (http or https) and where (the table or section).",
}

#: The fields of `evidence`: the page read, the date of the fact check, a source per axis, corrections,
#: and the titles source lists give the paper where they differ from the published one.
EVIDENCE_FIELDS = ("read", "checked") + AXIS_IDS + ("corrections", "listed_as")

NAMES = tuple(f.name for f in FIELDS)
BY_NAME = {f.name: f for f in FIELDS}


def of_kind(*kinds: Kind) -> tuple[str, ...]:
    """The names of the fields of these kinds, in entry order."""
    return tuple(f.name for f in FIELDS if f.kind in kinds)


#: Facts read from the BibTeX that the search page's index holds as columns before the fields'.
BIBTEX_COLUMNS = ("key", "title", "year", "authors")

#: The columns of the search page's index: the BibTeX facts, then the fields that have one.
INDEX_COLUMNS: dict[str, str] = {**{c: c for c in BIBTEX_COLUMNS}, **{f.column: f.name for f in FIELDS if f.column}}

#: The index columns whose text the search box matches, in the bit order of a posting in the text
#: index: the title, then the searched fields in entry order.
SEARCHED: tuple[str, ...] = ("title",) + tuple(f.column for f in FIELDS if f.searched)

TEXT_FIELDS = of_kind("text")
BOOL_FIELDS = of_kind("flag")
