"""Filtering papers by criterion, with the same facets and semantics as the site's search.

Within a dimension, included values combine with OR; across dimensions, with AND; an excluded
value removes every paper that has it. Axis values match sub-categories' parents too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import LIST_FACETS, Paper, normalize_title
from .taxonomy import AXIS_IDS, RESULTS_DIMENSION, Taxonomy

#: Dimensions whose values are ids: the five axes, the list facets, the code framework, and the
#: datasets a paper reports results on.
ID_DIMENSIONS = AXIS_IDS + LIST_FACETS + ("framework", RESULTS_DIMENSION)


@dataclass
class Query:
    include: dict[str, set[str]] = field(default_factory=dict)
    exclude: dict[str, set[str]] = field(default_factory=dict)
    venues: set[str] = field(default_factory=set)  # short venue names, case-insensitive
    year_min: int | None = None
    year_max: int | None = None
    unlabelled: set[str] = field(default_factory=set)  # axes a paper must not be labelled on
    code: bool | None = None
    survey: bool | None = None
    analysis: bool | None = None
    pioneer: bool | None = None
    text: str = ""

    def matches(self, paper: Paper) -> bool:
        for dim, wanted in self.include.items():
            if wanted and not wanted & values(paper, dim):
                return False
        for dim, unwanted in self.exclude.items():
            if unwanted & values(paper, dim):
                return False
        if self.venues and paper.venue.lower() not in {v.lower() for v in self.venues}:
            return False
        if self.year_min is not None and paper.year < self.year_min:
            return False
        if self.year_max is not None and paper.year > self.year_max:
            return False
        if any(paper.labelled(axis) for axis in self.unlabelled):
            return False
        flags = (
            ("code", bool(paper.code)),
            ("survey", paper.survey),
            ("analysis", paper.analysis),
            ("pioneer", paper.pioneer),
        )
        for flag, have in flags:
            want = getattr(self, flag)
            if want is not None and want != have:
                return False
        if self.text and not _text_matches(self.text, paper):
            return False
        return True

    def select(self, papers: tuple[Paper, ...] | list[Paper]) -> list[Paper]:
        return [p for p in papers if self.matches(p)]


def values(paper: Paper, dimension: str) -> set[str]:
    """The ids a paper has in a dimension (axis categories include parents)."""
    if dimension in AXIS_IDS:
        return set(paper.categories[dimension])
    if dimension == "framework":
        return {c.framework for c in paper.code if c.framework}
    if dimension == RESULTS_DIMENSION:
        return {r.dataset for r in paper.results}
    return set(paper.facets[dimension])


def parse_years(text: str) -> tuple[int | None, int | None]:
    """'2020-2023' (the search page's URLs), '2020..2023', '2020-', '..2019' or '2021' -> (min, max).
    Either separator works in both places, and the site writes `-`."""
    text = text.strip()
    sep = ".." if ".." in text else "-" if "-" in text else ""
    low, _, high = text.partition(sep) if sep else (text, "", text)
    try:
        low_year, high_year = (int(low) if low.strip() else None, int(high) if high.strip() else None)
    except ValueError:
        raise ValueError(
            f"'{text}' is not a year or a range such as 2020-2023, 2020- or -2019 (or 2020..2023)"
        ) from None
    if low_year is not None and high_year is not None and low_year > high_year:
        raise ValueError(
            f"'{text}': the range starts after it ends; write the earlier year first, e.g. {high_year}-{low_year}"
        )
    return low_year, high_year


def check_ids(taxonomy: Taxonomy, dimension: str, ids: set[str]) -> set[str]:
    """Resolve aliases; raise ValueError with a did-you-mean for an unknown id."""
    from .problems import did_you_mean

    out = set()
    for value in ids:
        resolved = taxonomy.resolve(dimension, value)
        if resolved is None:
            raise ValueError(f"unknown {dimension} id '{value}'; {did_you_mean(value, taxonomy.allowed(dimension))}")
        out.add(resolved)
    return out


def _text_matches(text: str, paper: Paper) -> bool:
    haystack = normalize_title(" ".join((paper.title, " ".join(paper.authors), paper.algorithm, paper.venue)))
    return all(normalize_title(word) in haystack for word in text.split())
