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
        "added": paper.added.isoformat() if paper.added else None,
        "source": f"catalog/{paper.path}",
    }


def catalog_json(catalog: Catalog) -> str:
    data = {
        "survey": catalog.taxonomy.survey,
        "count": len(catalog.papers),
        "papers": [paper_record(p) for p in catalog.papers],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def catalog_bib(catalog: Catalog, papers: list[Paper] | None = None) -> str:
    """BibTeX of the given papers (default: all), each with the paper key as citation key."""
    chosen = catalog.papers if papers is None else papers
    return "\n\n".join(with_key(p.bibtex, p.key) for p in chosen) + "\n"
