"""The text index of the search page (`assets/search-text.json`), built here at build time.

The search page's text box matches words of a paper's title, algorithm (method) name, summary,
venue note, authors' names, venue, and the taxonomy's own terms (the names and codes of the
categories and facet values the paper carries). The browser code (docs/assets/search-text.js)
only looks words up in this index and ranks; it tokenises and folds the query exactly as
`terms()` does here.

Layout (version 1). Every position refers to `assets/search-index.json` of the same build
(its paper order, its `authors` dictionary, its `facets` and their value order), so the words
shared by many papers (an author's name, "structured", "LLM") are stored once per author or facet
value, not once per paper:

    {
      "version": 1,
      "count": N,                       # papers, as in search-index.json (a consistency check)
      "fields": ["title", "note", "algorithm", "summary"],   # bit 0, 1, 2, 3 of a paper posting
      "terms": ["a", "abc", ...],       # folded words, sorted by UTF-16 code units (JS string order)
      "papers": [[...], ...],           # per term: paper postings, delta-coded: (gap << 4) | field bits
      "authors": [[...], ...],          # per term: indexes into search-index.json's "authors", delta-coded
      "values": [[...], ...]            # per term: facet * 1024 + value, facet and value as positioned
    }                                   #   in search-index.json ("venue" included)

A gap is the distance to the previous posting's paper (the first is the paper itself). The per-term
lists are parallel to `terms` and mostly empty (`[]`), which gzip makes nearly free.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict

from ..fields import SEARCHED
from ..model import Catalog
from .search_index import index_data

VERSION = 1
FIELDS = SEARCHED  # index columns, in the bit order of a paper posting (fields.py says which)
FIELD_BITS = 4
VALUE_STRIDE = 1024  # facet * VALUE_STRIDE + value in "values"

_COMBINING = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits: what /[\p{L}\p{N}]+/gu finds in JS


def fold(text: str) -> str:
    """Lower case without accents ("Müller" -> "muller"), as `fold` in search-text.js."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower()


def terms(text: str) -> list[str]:
    """The folded words of `text`, in order (repeats kept)."""
    return _WORD.findall(fold(text or ""))


def text_index(catalog: Catalog, data: dict | None = None) -> str:
    """The text index of `catalog` as compact JSON text; `data` is its `index_data` if at hand."""
    return json.dumps(text_index_data(catalog, data), ensure_ascii=False, separators=(",", ":"))


def text_index_data(catalog: Catalog, data: dict | None = None) -> dict:
    data = data if data is not None else index_data(catalog)
    cols = data["papers"]
    n = data["count"]
    tax_facets = {a.id for a in catalog.taxonomy.axes} | {f.id for f in catalog.taxonomy.facets}

    papers: dict[str, dict[int, int]] = defaultdict(dict)  # term -> paper -> field bits
    for p in range(n):
        for bit, text in enumerate(cols[column][p] for column in FIELDS):
            for t in terms(text):
                row = papers[t]
                row[p] = row.get(p, 0) | (1 << bit)

    authors: dict[str, set[int]] = defaultdict(set)
    for a, name in enumerate(data["authors"]):
        for t in terms(name):
            authors[t].add(a)

    values: dict[str, set[int]] = defaultdict(set)
    for fi, f in enumerate(data["facets"]):
        if f["id"] != "venue" and f["id"] not in tax_facets:
            continue  # code/survey/pioneer/unlabelled: yes/no switches, not words of a paper
        for vi, v in enumerate(f["values"]):
            for text in (v["name"], v.get("code", ""), v["id"]):
                for t in terms(text):
                    values[t].add(fi * VALUE_STRIDE + vi)
        if len(f["values"]) > VALUE_STRIDE:
            raise ValueError(
                f"facet {f['id']} has {len(f['values'])} values; the text index addresses at most {VALUE_STRIDE}"
            )

    vocab = sorted(set(papers) | set(authors) | set(values), key=lambda t: t.encode("utf-16-be"))
    return {
        "version": VERSION,
        "count": n,
        "fields": list(FIELDS),
        "terms": vocab,
        "papers": [_gaps(sorted(papers[t].items())) if t in papers else [] for t in vocab],
        "authors": [_gaps(((a, 0) for a in sorted(authors[t])), shift=0) if t in authors else [] for t in vocab],
        "values": [sorted(values[t]) if t in values else [] for t in vocab],
    }


def decode(text: str) -> dict[str, dict[str, object]]:
    """term -> {"papers": {paper: [field names]}, "authors": [ids], "values": [(facet, value)]}."""
    data = json.loads(text)
    out: dict[str, dict[str, object]] = {}
    for i, t in enumerate(data["terms"]):
        postings, p = {}, 0
        for k, code in enumerate(data["papers"][i]):
            p = (p if k else 0) + (code >> FIELD_BITS)
            postings[p] = [name for b, name in enumerate(data["fields"]) if code >> b & 1]
        ids, a = [], 0
        for k, code in enumerate(data["authors"][i]):
            a = (a if k else 0) + code
            ids.append(a)
        out[t] = {"papers": postings, "authors": ids, "values": [divmod(v, VALUE_STRIDE) for v in data["values"][i]]}
    return out


def _gaps(items, shift: int = FIELD_BITS) -> list[int]:
    """(position, bits) pairs in increasing position -> [(gap << shift) | bits, ...]."""
    out, last = [], 0
    for pos, bits in items:
        out.append(((pos - last) << shift) | bits)
        last = pos
    return out
