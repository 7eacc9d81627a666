"""From a list's papers (`ListPaper`, whatever reader read them) to new entries in the queue.

One pipeline for every list format: rows outside the catalog's scope are set aside with their
reason; rows of the same paper within the list are merged (same arXiv id, DOI or normalised
title); a paper the catalog or the `incoming/` queue already holds is not added again, and the
report names the key it matched and what the list says beyond it; every other paper becomes an
entry in `incoming/` with the list's facts, its labels with the list named as their source, and the
list snapshot's date as `added`. Curators complete those entries (the paper read, facts checked, a
summary, all five axes examined) and `catalog promote` moves them into `papers/`.

Re-running an import on an unchanged catalog adds nothing: every paper it would add is then in the
queue or the catalog.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from ... import bibtex
from ...bibmodel import ARXIV_URL
from ...exclusions import Exclusion, matcher
from ...model import Paper, normalize_title
from ...taxonomy import AXIS_IDS, Source, Taxonomy
from ...venues import short_venue
from ..bibfile import entry_text
from ..core import Report, assign_keys, check_entries, entry_bibtex, entry_fields, in_order, known_paper
from .record import ListPaper

_DOI_URL = re.compile(r"doi\.org/(10\.\d{4,9}/[^\s?#]+)", re.I)
_YEAR_IN_VENUE = re.compile(r"\s*(?:'|’)?(?:19|20)?\d{2}$|\s+(?:19|20)\d{2}$")
_ARXIV_YYMM = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")


@dataclass
class Merge:
    """A list paper the catalog (or the queue) already holds."""

    paper: ListPaper
    key: str
    adds: list[str]  # what the list says that the entry does not: code links, labels on unexamined axes


@dataclass
class ListImport:
    source: Source
    read: int  # rows the reader returned
    entries: list[tuple[str, dict]] = field(default_factory=list)  # new papers: (key, entry fields), by key
    merged: list[Merge] = field(default_factory=list)
    out_of_scope: list[ListPaper] = field(default_factory=list)
    repeats: list[tuple[ListPaper, ListPaper]] = field(default_factory=list)  # (row, the earlier row it repeats)
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, why): in scope, but no entry
    warnings: list[str] = field(default_factory=list)  # of the new entries, as `catalog check` gives them

    @property
    def skipped(self) -> list[str]:  # for `catalog import`'s summary line
        return [f"{m.paper.title} (as {m.key})" for m in self.merged]


def import_list(
    papers: list[ListPaper],
    source: Source,
    known: list[Paper],
    taxonomy: Taxonomy,
    catalog,
    excluded: list[Exclusion] = (),
) -> ListImport:
    """The import of one list's papers; `known` = the catalog's papers and the queue's, `excluded`
    the papers read and left out (excluded.yml), which count as out of scope with their reason."""
    result = ListImport(source=source, read=len(papers))
    left_out = matcher(list(excluded))
    in_scope = []
    for p in papers:
        if not p.out_of_scope:
            hit = left_out(*identifiers(p), [p.title])
            if hit is not None:
                p = dataclasses.replace(p, out_of_scope=f"left out after reading: {hit.reason}")
        (result.out_of_scope if p.out_of_scope else in_scope).append(p)
    groups = _same_paper_groups(in_scope, result)
    find = known_paper(known)
    new: list[tuple[ListPaper, dict]] = []
    for group in groups:
        primary = group[0]
        data = _facts(group, taxonomy, source.id)
        hit = find(data["arxiv"], data["doi"], [p.title for p in group])
        if hit is not None:
            result.merged.append(Merge(primary, hit.key, _what_list_adds(data, hit)))
        elif data["year"] is None:
            result.dropped.append((primary.line, f"“{primary.title}”: no year in the list; add it by hand"))
        else:
            new.append((primary, data))
    added = source.date or dt.date.today()
    keys = assign_keys([d for _, d in new], {p.key for p in known})
    candidates = []
    for key, (primary, data) in zip(keys, new):
        # the BibTeX names the venue as the list writes it; the venue facet gets the short name
        text = (
            entry_text(bibtex.parse_entry(primary.bibtex), key)
            if primary.bibtex
            else entry_bibtex(key, {**data, "venue": data["venue_long"]})
        )
        fields = entry_fields(text, data, added)
        candidates.append((key, fields, data, primary.line))
    report = Report()
    checked = check_entries(candidates, catalog, report, folder="incoming")
    result.entries = checked.entries
    result.warnings = checked.warnings
    result.dropped += report.dropped
    return result


# ---------------------------------------------------------------------------------------------
# Rows of one paper


def identifiers(p: ListPaper) -> tuple[str, str]:
    """(arXiv id, DOI) of a list paper, from its link or its BibTeX."""
    if p.bibtex:
        entry = bibtex.parse_entry(p.bibtex)
        return bibtex.arxiv_id(entry.fields), (entry.get("doi") or "").lower()
    m = ARXIV_URL.search(p.url)
    doi = _DOI_URL.search(p.url)
    return (m.group(1) if m else ""), (doi.group(1).lower() if doi else "")


def _same_paper_groups(papers: list[ListPaper], result: ListImport) -> list[list[ListPaper]]:
    """The list's rows grouped by paper (same arXiv id, DOI or normalised title), in file order."""
    groups: list[list[ListPaper]] = []
    index: dict[str, int] = {}
    for p in papers:
        arxiv, doi = identifiers(p)
        names = [n for n in (f"arxiv:{arxiv}" if arxiv else "", f"doi:{doi}" if doi else "") if n]
        names.append("title:" + normalize_title(p.title))
        at = next((index[n] for n in names if n in index), None)
        if at is None:
            at = len(groups)
            groups.append([p])
        else:
            result.repeats.append((p, groups[at][0]))
            groups[at].append(p)
        for n in names:
            index.setdefault(n, at)
    return groups


def _facts(group: list[ListPaper], taxonomy: Taxonomy, source_id: str) -> dict:
    """One paper's facts from its rows: the first row's, completed by the others'."""
    first = group[0]
    arxiv, doi = next((ids for ids in map(identifiers, group) if any(ids)), ("", ""))
    venue_text = next((p.venue for p in group if p.venue and "arxiv" not in p.venue.lower()), first.venue)
    year = next((p.year for p in group if p.year), None) or _arxiv_year(arxiv)
    labels: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for p in group:
        for dim, ids in p.labels.items():
            labels.setdefault(dim, []).extend(i for i in ids if i not in labels[dim])
            if p.label_notes.get(dim) and p.label_notes[dim] not in notes.setdefault(dim, []):
                notes[dim].append(p.label_notes[dim])
    labels = {dim: in_order(taxonomy, dim, ids) for dim, ids in labels.items() if ids}
    codes = list(dict.fromkeys(url for p in group for url in p.code))
    authors = next((p.authors for p in group if p.authors), [])
    return {
        "title": first.title,
        "authors": " and ".join(authors),
        "venue": _short(venue_text, arxiv),
        "venue_long": venue_text,
        "venue_note": "",
        "algorithm": "",
        "year": year,
        "arxiv": arxiv,
        "doi": doi,
        "url": next((p.url for p in group if p.url), "") or (f"https://arxiv.org/abs/{arxiv}" if arxiv else ""),
        "labels": {d: ids for d, ids in labels.items() if d in AXIS_IDS or d in ("model", "setting")},
        "granularity": labels.get("granularity", []),
        "task": labels.get("task", []),
        "pioneer": False,
        "survey": False,
        "code": [{"url": url} for url in codes],
        "evidence": {
            axis: f"{source_id} ({'; '.join(notes[axis])})" if notes.get(axis) else source_id
            for axis in AXIS_IDS
            if axis in labels
        },
        "lines": [p.line for p in group],
    }


def _short(venue: str, arxiv: str) -> str:
    """The venue facet's short name from the list's venue text ("NeurIPS 2023" -> "NeurIPS")."""
    text = _YEAR_IN_VENUE.sub("", (venue or "").strip()).strip(" ,-")
    return short_venue(text, arxiv) if text else ("arXiv" if arxiv else "")


def _arxiv_year(arxiv: str) -> int | None:
    m = _ARXIV_YYMM.match(arxiv or "")
    return 2000 + int(m.group(1)) if m else None


def _what_list_adds(data: dict, paper: Paper) -> list[str]:
    """What the list says that the matched entry does not (reported for curators, not written)."""
    adds = [
        f"code {c['url']}" for c in data["code"] if c["url"].rstrip("/") not in {x.url.rstrip("/") for x in paper.code}
    ]
    for axis, ids in data["labels"].items():
        if axis in AXIS_IDS and not paper.labels.get(axis):
            adds.append(f"{axis}: {', '.join(ids)}")
    return adds
