"""What every importer shares: the import report's record of fixes and doubts, the merging of code
links of one paper's rows, a paper's facts -> entry fields, keys for new papers, and the check of
produced entries with the catalog's own validation (`prunecat.load`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

from .. import bibtex, keys
from ..entryfile import dump_entry
from ..fields import FIELDS
from ..load import find_duplicates, validate_entry_text
from ..model import Catalog, Paper, normalize_title
from ..taxonomy import Taxonomy


@dataclass
class ImportResult:
    entries: list[tuple[str, dict]]  # (paper key, fields for entryfile.dump_entry), sorted by key
    skipped: list[str]  # titles skipped because the catalog already has them
    report: str  # Markdown import report
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, why) of rows and tables that became no entry
    dropped_tables: list[int] = field(default_factory=list)  # lines of the tables among `dropped` (the rest are rows)


class _Located(Protocol):
    line: int
    title: str


@dataclass
class Report:
    """What an import repaired, doubts and left out, for the Markdown report."""

    fixes: list[tuple[str, int, str, str]] = field(default_factory=list)  # kind, line, title, message
    suspicions: list[tuple[str, str]] = field(default_factory=list)  # kind, message
    odd: list[tuple[int, str]] = field(default_factory=list)  # line, message
    dropped: list[tuple[int, str]] = field(default_factory=list)  # line, why: rows and tables that became no entry
    dropped_tables: list[int] = field(default_factory=list)  # lines of the tables among `dropped`
    notes: list[str] = field(default_factory=list)
    unmapped: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    vague: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def fix(self, kind: str, row: _Located, message: str) -> None:
        self.fixes.append((kind, row.line, row.title, message))

    def suspect(self, kind: str, message: str) -> None:
        self.suspicions.append((kind, message))

    def drop(self, line: int, message: str) -> None:
        """A row that becomes no entry: an odd row of the report, and one line of `import`'s output."""
        self.odd.append((line, message))
        self.dropped.append((line, message))

    def drop_table(self, line: int, message: str) -> None:
        """A table that is not read as papers: a note of the report, and one line of `import`'s output."""
        self.notes.append(f"line {line}: {message}")
        self.dropped.append((line, message))
        self.dropped_tables.append(line)


# ---------------------------------------------------------------------------------------------
# Merging the rows of one paper


def merge_code(codes: dict[str, dict], key: str, item: dict, where: tuple[str, int], report: Report) -> None:
    """Add one code link (`key` its normalised url) to a paper's `codes`; a link given twice keeps
    the shorter url and the first framework, official flag and note (a disagreement is reported).
    `where` is (paper title, line of the row)."""
    if key not in codes:
        codes[key] = dict(item)
        return
    have = codes[key]
    if len(item["url"]) < len(have["url"]):
        have["url"] = item["url"]  # the repository itself rather than a link to its default branch
    for name in ("framework", "official", "note"):
        if name in item and name not in have:
            have[name] = item[name]
        elif name in item and have[name] != item[name]:
            title, line = where
            report.suspect(
                "merged rows disagree",
                f"“{title}”: code `{item['url']}` {name} {have[name]} vs {item[name]} (line {line}); the first is kept",
            )


def in_order(taxonomy: Taxonomy, dimension: str, ids) -> list[str]:
    """Taxonomy ids in the taxonomy's order; on an axis, a sub-category stands for its parent."""
    ids = set(ids)
    if dimension in ("speedup", "when", "criteria", "learn", "fusion"):
        axis = taxonomy.axis(dimension)
        ids -= {axis.category(i).parent for i in ids if axis.category(i).parent}
    order = taxonomy.allowed(dimension)
    return [i for i in order if i in ids]


# ---------------------------------------------------------------------------------------------
# Entries


def known_paper(papers: Iterable[Paper]) -> Callable[[str, str, list[str]], Paper | None]:
    """A function (arXiv id, DOI, titles) -> the paper among `papers` with that arXiv id, DOI or one
    of the normalised titles (in that order), or None."""
    papers = list(papers)
    have_arxiv = {p.arxiv: p for p in papers if p.arxiv}
    have_doi = {p.doi.lower(): p for p in papers if p.doi}
    have_title = {normalize_title(t): p for p in papers for t in (p.title, *p.evidence.listed_as)}

    def find(arxiv: str, doi: str, titles: list[str]) -> Paper | None:
        return (
            (have_arxiv.get(arxiv) if arxiv else None)
            or (have_doi.get(doi.lower()) if doi else None)
            or next((have_title[n] for n in dict.fromkeys(map(normalize_title, titles)) if n in have_title), None)
        )

    return find


def assign_keys(datas: list[dict], existing: set[str]) -> list[str]:
    """Keys for new papers; papers with the same base key get -b, -c, … in title order."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for n, d in enumerate(datas):
        buckets[keys.base_key(d["authors"], d["year"], d["title"])].append(n)
    out = [""] * len(datas)
    taken = set(existing)
    for base in sorted(buckets):
        for n in sorted(buckets[base], key=lambda n: (datas[n]["title"].casefold(), datas[n]["title"])):
            out[n] = keys.unique_key(base, taken)
            taken.add(out[n])
    return out


def entry_fields(bibtex_text: str, data: dict, added: dt.date) -> dict:
    """The fields of an entry file from a paper's merged facts, in the registry's order (fields.py);
    `data` holds values by field name, the axes' and some facets' under `labels`; empty ones are
    left out."""
    given = {
        **data,
        **data["labels"],
        "bibtex": bibtex_text,
        "added": added,
        "venue": data["venue"] or ("arXiv" if data["arxiv"] else ""),
    }
    fields = {f.name: given.get(f.name) for f in FIELDS}
    return {k: v for k, v in fields.items() if v not in (None, "", [], {}, False)}


#: Venues written as journals (BibTeX @article); conference venues get @inproceedings.
JOURNALS = {
    "tpami",
    "tnnls",
    "jmlr",
    "tacl",
    "nature communication",
    "nature communications",
    "neurocomputing",
    "acm computing surveys",
    "electronics",
    "artificial intelligence review",
    "applied intelligence",
    "ieee",
}
#: Venues that are not a publication: the paper is a preprint (BibTeX @misc).
PREPRINTS = {"arxiv", "openreview", "corr", ""}


def entry_bibtex(key: str, data: dict) -> str:
    """The BibTeX of a new entry: @article for journals, @misc for preprints, else @inproceedings."""
    venue = data["venue"]
    low = venue.lower()
    if low in PREPRINTS:
        entry_type, place = "misc", ("howpublished", venue) if venue and low != "arxiv" else None
    elif low in JOURNALS or low.startswith("ieee transactions") or low.startswith("transactions") or "journal" in low:
        entry_type, place = "article", ("journal", venue)
    else:
        entry_type, place = "inproceedings", ("booktitle", venue)
    fields = [("title", bibtex.tex_title(data["title"]))]
    if data["authors"]:
        fields.append(("author", bibtex.tex_escape(data["authors"])))
    if place:
        fields.append(place)
    fields.append(("year", str(data["year"])))
    if data["arxiv"]:
        fields += [("eprint", data["arxiv"]), ("archiveprefix", "arXiv")]
    if data["doi"]:
        fields.append(("doi", data["doi"]))
    if data["url"]:
        fields.append(("url", data["url"]))
    return bibtex.write_entry(entry_type, key, fields)


@dataclass
class Checked:
    entries: list[tuple[str, dict]]  # (key, fields), sorted by key
    warnings: list[str]  # `key`: message, of the entries kept


def check_entries(
    candidates: list[tuple[str, dict, dict, int]], catalog: Catalog, report: Report, folder: str = "papers"
) -> Checked:
    """Each candidate (key, fields, data, line) checked as `catalog check` would: an entry with an
    error is dropped (reported at its line), a title that reads back otherwise from the BibTeX and
    duplicates with the catalog are reported."""
    taxonomy = catalog.taxonomy
    entries, warnings, new_papers = [], [], []
    for key, fields, data, line in candidates:
        parsed, problems = validate_entry_text(dump_entry(fields), f"{folder}/{key}.yml", key, taxonomy)
        errors = [p for p in problems if p.severity == "error"]
        if errors or parsed is None:
            report.drop(line, f"“{data['title']}” not imported: " + "; ".join(p.message for p in errors))
            continue
        if parsed.title != " ".join(data["title"].split()):
            report.suspect(
                "title changed by BibTeX",
                f"`{key}`: the list writes “{data['title']}”, the BibTeX reads back as “{parsed.title}”",
            )
        warnings.extend(f"`{key}`: {p.message}" for p in problems)
        entries.append((key, fields))
        new_papers.append(parsed)
        data["key"] = key
    for problem in find_duplicates(list(catalog.papers) + new_papers):
        report.suspect("duplicate after import", f"{problem.path}: {problem.message}")
    entries.sort(key=lambda e: e[0])
    return Checked(entries, warnings)
