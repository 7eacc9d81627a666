"""The catalog model: papers with their labels on the survey's axes and facets."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .fields import LIST_FACETS
from .problems import Problem
from .taxonomy import AXIS_IDS, NONE_LABEL, STATE_LABELS, UNCLEAR_LABEL, Taxonomy


@dataclass(frozen=True)
class CodeLink:
    url: str
    framework: str = ""  # an id of the `framework` facet
    official: bool | None = None
    note: str = ""


@dataclass(frozen=True)
class Evidence:
    """Where an entry's labels and facts come from (the `evidence:` field)."""

    read: str = ""  # the public page (abstract, proceedings, OpenReview) a maintainer read
    checked: dt.date | None = None  # when the facts were checked against `read`
    sources: dict[str, str] = field(default_factory=dict)  # axis -> "paper" or a source list id
    notes: dict[str, str] = field(default_factory=dict)  # axis -> the section or type code of that list
    corrections: str = ""  # what was fixed against a source list
    #: other titles source lists give the paper (a misspelling, an earlier arXiv title): imports match them
    listed_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    """One result a paper reports (or a third party measured) for a pruned model: `results:` in an entry.

    Compression figures are fractions (0.5 = half of the weights, FLOPs or parameters removed)."""

    dataset: str  # ids of the taxonomy's `results:` vocabulary
    model: str
    metric: str
    source_url: str  # the page or file the numbers were read from
    source_where: str = ""  # the table or section there
    value: float | None = None  # the pruned model's value
    baseline: float | None = None  # the dense model's value, as the same source reports it
    change: float | None = None  # value - baseline, or the change the source prints when it gives no values
    sparsity: float | None = None
    flops_reduction: float | None = None
    params_reduction: float | None = None
    pattern: str = ""  # an N:M pattern such as 2:4
    speedup: float | None = None  # measured speed-up, x
    finetuned: bool | None = None  # retrained after pruning (None: not said)
    reproduced_by: str = ""  # who measured it when not the paper's authors: a catalog key or a name
    note: str = ""

    @property
    def benchmark(self) -> str:
        """The benchmark page id: dataset x model."""
        return f"{self.dataset}-{self.model}"

    @property
    def delta(self) -> float | None:
        """The change from the dense baseline: printed, or value - baseline."""
        if self.change is not None:
            return self.change
        if self.value is not None and self.baseline is not None:
            return round(self.value - self.baseline, 4)
        return None


#: The states of a paper on an axis, in the order the worklist counts them.
STATES = ("labelled", NONE_LABEL, UNCLEAR_LABEL, "unexamined")


@dataclass(frozen=True)
class Paper:
    key: str
    path: str  # the entry file, relative to the catalog folder (papers/<key>.yml)
    title: str
    authors: tuple[str, ...]
    year: int
    venue: str  # short name used by the venue facet
    venue_full: str  # booktitle or journal as BibTeX gives it, decoded
    venue_note: str
    url: str
    arxiv: str
    doi: str
    bibtex: str  # as written in the entry file
    entry_type: str
    algorithm: str
    labels: dict[str, tuple[str, ...]]  # axis -> category ids as written ([] = not labelled)
    categories: dict[str, tuple[str, ...]]  # axis -> category ids with parents of sub-categories
    facets: dict[str, tuple[str, ...]]  # granularity/model/task/setting -> ids
    pioneer: bool
    survey: bool
    code: tuple[CodeLink, ...]
    added: dt.date | None
    summary: str = ""
    evidence: Evidence = field(default_factory=Evidence)
    analysis: bool = False  # studies pruning, proposes no method (fields.py)
    results: tuple[Result, ...] = ()  # reported results, in entry order
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # key path -> line

    def labelled(self, axis: str) -> bool:
        """Examined on this axis: labelled with categories, `[none]` or `[unclear]`."""
        return bool(self.labels.get(axis))

    def state(self, axis: str) -> str:
        """One of STATES: labelled with categories, none applies, unclear, or not yet examined."""
        labels = self.labels.get(axis) or ()
        if not labels:
            return "unexamined"
        return labels[0] if labels[0] in STATE_LABELS else "labelled"

    def in_category(self, axis: str, category: str) -> bool:
        return category in self.categories.get(axis, ())

    @property
    def links(self) -> dict[str, str]:
        """Named links for display: paper, arXiv, DOI."""
        out = {}
        if self.url:
            out["paper"] = self.url
        if self.arxiv:
            out["arxiv"] = f"https://arxiv.org/abs/{self.arxiv}"
        if self.doi:
            out["doi"] = f"https://doi.org/{self.doi}"
        return out


@dataclass(frozen=True)
class Catalog:
    root: Path
    taxonomy: Taxonomy
    papers: tuple[Paper, ...]  # sorted by key
    warnings: tuple[Problem, ...] = ()

    def by_key(self) -> dict[str, Paper]:
        return {p.key: p for p in self.papers}

    def in_category(self, axis: str, category: str) -> list[Paper]:
        """The papers in a category (or a sub-category of it), in catalog order."""
        return list(self._members.get((axis, category), ()))

    @cached_property
    def _members(self) -> dict[tuple[str, str], list[Paper]]:
        # one pass over the papers, not one per question: the pages ask ~100 times per build
        members: dict[tuple[str, str], list[Paper]] = {}
        for paper in self.papers:
            for axis, categories in paper.categories.items():
                for category in categories:
                    members.setdefault((axis, category), []).append(paper)
        return members

    def unlabelled(self, axis: str) -> list[Paper]:
        return [p for p in self.papers if not p.labelled(axis)]

    def newest_added(self) -> dt.date | None:
        """The newest `added` date: the reference "today" of reproducible pages and the worklist."""
        return max((p.added for p in self.papers if p.added is not None), default=None)

    def expand(self, axis: str, category_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The categories with their parents; [none] and [unclear] name no category and give ()."""
        return self.taxonomy.axis(axis).with_parents(category_ids)


def normalize_title(title: str) -> str:
    """A title reduced for duplicate detection: no accents, case, punctuation or spacing, and the
    letters and digits of every script kept ("α-Pruning" and "β-Pruning" stay two titles)."""
    text = unicodedata.normalize("NFKD", title)
    text = unicodedata.normalize("NFKC", "".join(c for c in text if not unicodedata.combining(c))).casefold()
    return "".join(c for c in text if c.isalnum())


def axis_and_facet_ids() -> tuple[str, ...]:
    return AXIS_IDS + LIST_FACETS
