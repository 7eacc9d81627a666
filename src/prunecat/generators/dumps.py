"""Open data dumps of the whole catalog: `catalog.json` and `catalog.bib`."""

from __future__ import annotations

import json

from ..bibtex import with_key
from ..model import Catalog, Paper


def paper_record(paper: Paper) -> dict:
    """One paper as plain data; per axis its category ids with parents of sub-categories."""
    return {
        "key": paper.key,
        "title": paper.title,
        "authors": list(paper.authors),
        "venue": paper.venue,
        "venue_full": paper.venue_full,
        "venue_note": paper.venue_note,
        "year": paper.year,
        "links": paper.links,
        "arxiv": paper.arxiv,
        "doi": paper.doi,
        "algorithm": paper.algorithm,
        "axes": {axis: list(ids) for axis, ids in paper.categories.items()},
        "labels": {axis: list(ids) for axis, ids in paper.labels.items()},
        **{facet: list(ids) for facet, ids in paper.facets.items()},
        "pioneer": paper.pioneer,
        "survey": paper.survey,
        "code": [{"url": c.url, "framework": c.framework, "official": c.official, "note": c.note} for c in paper.code],
        "summary": paper.summary,
        "evidence": evidence_record(paper),
        "added": paper.added.isoformat() if paper.added else None,
        "source": f"catalog/{paper.path}",
    }


def evidence_record(paper: Paper) -> dict:
    """Where each axis label comes from ("paper" or a source list, with its section) and the page
    the facts were checked against."""
    ev = paper.evidence
    return {
        "read": ev.read, "checked": ev.checked.isoformat() if ev.checked else None,
        "labels": {axis: {"source": src, "note": ev.notes.get(axis, "")} for axis, src in ev.sources.items()},
        "corrections": ev.corrections,
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
