"""Open data dumps of the whole catalog: `catalog.json` and `catalog.bib`."""

from __future__ import annotations

import json

from ..bibtex import with_key
from ..fields import CODE_FIELDS, FIELDS, RESULT_FIELDS
from ..model import Catalog, Paper, Result


def paper_record(paper: Paper) -> dict:
    """One paper as plain data: the facts read from its BibTeX, then every entry field of the field
    registry (fields.py) in its order; per axis the labels as written (`labels`) and the category
    ids with the parents of sub-categories (`axes`)."""
    record: dict = {
        "key": paper.key,
        "title": paper.title,
        "authors": list(paper.authors),
        "venue_full": paper.venue_full,
        "year": paper.year,
        "links": paper.links,
        "arxiv": paper.arxiv,
        "doi": paper.doi,
        "axes": {axis: list(ids) for axis, ids in paper.categories.items()},
        "labels": {axis: list(ids) for axis, ids in paper.labels.items()},
    }
    for field in FIELDS:
        if field.kind not in ("bibtex", "axis"):  # the BibTeX is in catalog.bib; axes are above
            record[field.name] = field_value(paper, field.name, field.kind)
    record["source"] = f"catalog/{paper.path}"
    return record


def field_value(paper: Paper, name: str, kind: str) -> object:
    """An entry field of a paper as plain data."""
    if kind in ("text", "summary", "flag"):
        return getattr(paper, name)
    if kind == "axis":
        return list(paper.labels.get(name, ()))
    if kind == "facet":
        return list(paper.facets.get(name, ()))
    if kind == "code":
        return [{key: getattr(link, key) for key in CODE_FIELDS} for link in paper.code]
    if kind == "results":
        return [result_record(r) for r in paper.results]
    if kind == "evidence":
        return evidence_record(paper)
    if kind == "date":
        value = getattr(paper, name)
        return value.isoformat() if value else None
    raise ValueError(f"no plain-data form for field '{name}' of kind '{kind}'")


def result_record(result: Result) -> dict:
    """A reported result as plain data, in the entry's field names (`source` nested), plus the
    benchmark it belongs to and its change from the baseline (printed or computed)."""
    record: dict = {name: getattr(result, name) for name in RESULT_FIELDS if name != "source"}
    record["source"] = {"url": result.source_url, "where": result.source_where}
    record["benchmark"] = result.benchmark
    record["delta"] = result.delta
    return record


def evidence_record(paper: Paper) -> dict:
    """Where each axis label comes from ("paper" or a source list, with its section) and the page
    the facts were checked against."""
    ev = paper.evidence
    return {
        "read": ev.read,
        "checked": ev.checked.isoformat() if ev.checked else None,
        "labels": {axis: {"source": src, "note": ev.notes.get(axis, "")} for axis, src in ev.sources.items()},
        "corrections": ev.corrections,
        "listed_as": list(ev.listed_as),
    }


def catalog_json(catalog: Catalog) -> str:
    """The catalog as JSON, one paper per line: readable and diffable, and written by json's C
    encoder (an indented dump takes the slow pure-Python path: ~1 s at 10,000 papers)."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = f'{{"survey": {dump(catalog.taxonomy.survey)},\n"count": {len(catalog.papers)},\n"papers": [\n'
    return head + ",\n".join(dump(paper_record(p)) for p in catalog.papers) + "\n]}\n"


def catalog_bib(catalog: Catalog, papers: list[Paper] | None = None) -> str:
    """BibTeX of the given papers (default: all), each with the paper key as citation key."""
    chosen = catalog.papers if papers is None else papers
    return "\n\n".join(with_key(p.bibtex, p.key) for p in chosen) + "\n"
