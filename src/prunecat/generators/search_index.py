"""The compact index of the search page (`assets/search-index.json`), separate from Material's.

Layout (version 1), chosen so 10,000 papers stay well under 600 KB gzipped and the browser can
filter and count with integer operations only:

    {
      "version": 1,
      "count": N,
      "facets": [                      # every facet, in display order, defined here, not in JS
        {"id": "when", "name": "When", "title": "When to Prune", "kind": "axis",
         "values": [{"id": "after-training", "name": "Pruning after training"},
                    {"id": "post-training", "name": "Post-training pruning", "parent": 2}, ...]},
        {"id": "venue", "kind": "one", "values": [...]},          # one value per paper (an index)
        {"id": "unlabelled", "kind": "set", "values": [...]},     # several values per paper (a mask)
        ...
      ],
      "years": [min, max],
      "authors": ["Namhoon Lee", ...],  # dictionary of author names
      "papers": {                       # column arrays, one entry per paper, sorted by key
        "key": [...], "title": [...], "algorithm": [...], "year": [...], "note": [...],
        "authors": [[0, 1, 2], ...],    # indexes into "authors"
        "pioneer": [0/1], "survey": [0/1],
        "code": ["first code url" or ""],
        "code_more": {"7": ["second url", ...]},  # paper index -> further code urls (sparse: few have them)
        "facets": {"when": [mask, ...], "venue": [index, ...], ...},
        "labels": {"when": [mask, ...], ...}
      }
    }

A "set" facet value `i` is bit `1 << i` of the paper's mask (at most 31 values per facet). Axis
masks hold the categories *with the parents* of sub-categories, so `when=after-training` matches
post-training papers; `labels` holds the labels as written in the entry (bit `len(values)` is the
`none` label), for the result chips and the comparison table. A paper with no written label on an
axis has its bit set in the `unlabelled` facet. `code_more` holds the code links after the first,
only for the few papers that have several (the comparison table lists them all). The BibTeX is not
repeated here: the page takes it from `catalog.bib`, where each entry carries the paper key as
citation key.
"""

from __future__ import annotations

import json
import weakref
from collections import Counter

from ..fields import INDEX_COLUMNS
from ..model import LIST_FACETS, Catalog, Paper
from .csv_export import COLUMNS as CSV_COLUMNS
from ..taxonomy import AXIS_IDS, RESULTS_DIMENSION, STATE_LABELS, Dataset

VERSION = 1
MAX_SET_VALUES = 31  # values of a facet stored as a bit mask in a 32-bit integer


def search_index(catalog: Catalog) -> str:
    """The search index of `catalog` as compact JSON text."""
    return json.dumps(index_data(catalog), ensure_ascii=False, separators=(",", ":"))


def index_data(catalog: Catalog) -> dict:
    """The index as a dict; the last catalog's is kept, as the text index is made from it too."""
    if _last is not None and _last[0]() is catalog:
        return _last[1]
    data = _index_data(catalog)
    _remember(catalog, data)
    return data


_last: tuple | None = None  # (weak reference to the catalog, its index data)


def _remember(catalog: Catalog, data: dict) -> None:
    global _last
    try:
        _last = (weakref.ref(catalog), data)
    except TypeError:  # not weakly referenceable: no cache
        _last = None


def _index_data(catalog: Catalog) -> dict:
    tax = catalog.taxonomy
    papers = catalog.papers
    facets: list[dict] = []

    for axis in tax.axes:
        ids = axis.ids()
        facets.append(
            {
                "id": axis.id,
                "name": axis.short,
                "title": axis.name,
                "kind": "axis",
                "about": axis.question,
                "values": [
                    _value(c.id, c.name, parent=ids.index(c.parent) if c.parent else None) for c in axis.categories
                ],
            }
        )

    def taxonomy_facet(fid: str) -> dict:
        f = tax.facet(fid)
        return {
            "id": f.id,
            "name": f.name,
            "kind": "set",
            "about": f.about,
            "values": [_value(v.id, v.name, code=v.code) for v in f.values],
        }

    venue_counts = Counter(p.venue for p in papers if p.venue)
    venues = sorted(venue_counts, key=lambda v: (-venue_counts[v], v.lower()))
    facets += [
        taxonomy_facet("model"),
        taxonomy_facet("granularity"),
        taxonomy_facet("task"),
        {
            "id": "venue",
            "name": "Venue",
            "kind": "one",
            "about": "Where the paper was published.",
            "values": [_value(v, v) for v in venues],
        },
        {
            "id": "code",
            "name": "Code",
            "kind": "set",
            "about": "Whether a code release is recorded.",
            "values": [_value("yes", "Code available"), _value("no", "No code recorded")],
        },
        taxonomy_facet("framework"),
        taxonomy_facet("setting"),
        *_results_facet(catalog),
        {
            "id": "survey",
            "name": "Survey",
            "kind": "set",
            "about": "Surveys and overviews.",
            "values": [_value("yes", "Surveys and overviews"), _value("no", "Research papers")],
        },
        {
            "id": "analysis",
            "name": "Analysis",
            "kind": "set",
            "about": "Studies of pruning (analyses, theory, benchmarks) that propose no method of their own.",
            "values": [_value("yes", "Analyses and benchmarks"), _value("no", "Methods and surveys")],
        },
        {
            "id": "pioneer",
            "name": "Pioneer work",
            "kind": "set",
            "about": "Pioneering works of their line of research.",
            "values": [_value("yes", "Pioneer works"), _value("no", "Other works")],
        },
        {
            "id": "unlabelled",
            "name": "Not yet labelled",
            "kind": "set",
            "about": "Papers that have no label yet on an axis of the survey.",
            "values": [_value(a.id, f"{a.short}: not yet labelled") for a in tax.axes],
        },
    ]
    for f in facets:
        if f["kind"] != "one" and len(f["values"]) > MAX_SET_VALUES:
            raise ValueError(
                f"facet {f['id']} has {len(f['values'])} values; the index stores at most {MAX_SET_VALUES} as a bit mask"
            )

    authors: dict[str, int] = {}
    for p in papers:
        for a in p.authors:
            authors.setdefault(a, len(authors))

    columns: dict[str, list] = {column: [] for column in INDEX_COLUMNS}
    masks: dict[str, list] = {f["id"]: [] for f in facets}
    labels: dict[str, list[int]] = {a: [] for a in AXIS_IDS}
    code_more: dict[str, list[str]] = {}  # the comparison lists every link; most papers have at most one
    positions = {f["id"]: {v["id"]: i for i, v in enumerate(f["values"])} for f in facets}

    for n, p in enumerate(papers):
        for column, name in INDEX_COLUMNS.items():
            columns[column].append(_column_value(p, name, authors))
        if len(p.code) > 1:
            code_more[str(n)] = [c.url for c in p.code[1:]]
        for fid, values in _paper_values(p).items():
            if fid not in positions:  # a facet the catalog leaves out (no paper has results)
                continue
            pos = positions[fid]
            if fid == "venue":
                masks[fid].append(pos[values[0]] if values else -1)
            else:
                masks[fid].append(bit_mask(pos[v] for v in values))
        for axis in AXIS_IDS:
            pos = positions[axis]
            # the states `none` and `unclear` take the bits after the categories'
            labels[axis].append(
                bit_mask(
                    len(pos) + STATE_LABELS.index(cid) if cid in STATE_LABELS else pos[cid]
                    for cid in p.labels.get(axis, ())
                )
            )

    years = [p.year for p in papers]
    return {
        "version": VERSION,
        "states": list(STATE_LABELS),  # the bits after each axis's categories, in this order
        "csv": list(CSV_COLUMNS),  # the columns of the page's CSV download, as `catalog export` writes them
        "count": len(papers),
        "facets": facets,
        "years": [min(years), max(years)] if years else [0, 0],
        "authors": list(authors),
        "papers": {**columns, "code_more": code_more, "facets": masks, "labels": labels},
    }


def decode(text: str) -> list[dict]:
    """The papers of an index as records of facet id -> value ids (the inverse of the encoding)."""
    data = json.loads(text)
    cols = data["papers"]
    out = []
    for i, key in enumerate(cols["key"]):
        record = {name: cols[column][i] for column, name in INDEX_COLUMNS.items()}
        record.update(
            {
                "authors": [data["authors"][a] for a in cols["authors"][i]],
                "pioneer": bool(cols["pioneer"][i]),
                "survey": bool(cols["survey"][i]),
                "analysis": bool(cols["analysis"][i]),
                "code_links": ([cols["code"][i]] if cols["code"][i] else [])
                + cols.get("code_more", {}).get(str(i), []),
                "facets": {},
                "labels": {},
            }
        )
        for f in data["facets"]:
            raw = cols["facets"][f["id"]][i]
            ids = [v["id"] for v in f["values"]]
            if f["kind"] == "one":
                record["facets"][f["id"]] = (ids[raw],) if raw >= 0 else ()
            else:
                record["facets"][f["id"]] = tuple(ids[b] for b in range(len(ids)) if raw >> b & 1)
            if f["kind"] == "axis":
                lab = cols["labels"][f["id"]][i]
                record["labels"][f["id"]] = tuple(
                    (ids + list(STATE_LABELS))[b] for b in range(len(ids) + len(STATE_LABELS)) if lab >> b & 1
                )
        out.append(record)
    return out


# ---------------------------------------------------------------------------------------------
# Helpers


def _paper_values(p: Paper) -> dict[str, tuple[str, ...]]:
    frameworks = tuple(dict.fromkeys(c.framework for c in p.code if c.framework))
    values: dict[str, tuple[str, ...]] = {axis: tuple(p.categories.get(axis, ())) for axis in AXIS_IDS}
    values.update({f: tuple(p.facets.get(f, ())) for f in LIST_FACETS})
    values.update(
        {
            "venue": (p.venue,) if p.venue else (),
            "code": ("yes",) if p.code else ("no",),
            "framework": frameworks,
            "survey": ("yes",) if p.survey else ("no",),
            "analysis": ("yes",) if p.analysis else ("no",),
            "pioneer": ("yes",) if p.pioneer else ("no",),
            "unlabelled": tuple(a for a in AXIS_IDS if not p.labels.get(a)),
            RESULTS_DIMENSION: tuple(dict.fromkeys(r.dataset for r in p.results)),
        }
    )
    return values


def _results_facet(catalog: Catalog) -> list[dict]:
    """The "Results on" facet: the datasets some paper reports results on (none: no facet)."""
    datasets = with_results(catalog)
    if not datasets:
        return []
    return [
        {
            "id": RESULTS_DIMENSION,
            "name": "Results on",
            "kind": "set",
            "about": "Papers with reported results on a dataset (the benchmark pages under Results).",
            "values": [_value(d.id, d.name) for d in datasets],
        }
    ]


def with_results(catalog: Catalog) -> list[Dataset]:
    """The datasets some paper reports results on, in the taxonomy's order."""
    used = {r.dataset for p in catalog.papers for r in p.results}
    return [d for d in catalog.taxonomy.results.datasets.values() if d.id in used]


def _column_value(p: Paper, name: str, authors: dict[str, int]) -> object:
    """A paper's cell in an index column: text as is, flags as 0/1, the first code link, authors as
    indexes into the author dictionary."""
    if name == "authors":
        return [authors[a] for a in p.authors]
    if name == "code":
        return p.code[0].url if p.code else ""
    value = getattr(p, name)
    return int(value) if isinstance(value, bool) else value


def _value(vid: str, name: str, parent: int | None = None, code: str = "") -> dict:
    out: dict = {"id": vid, "name": name}
    if parent is not None:
        out["parent"] = parent
    if code and code != name:
        out["code"] = code
    return out


def bit_mask(bits) -> int:
    """An int with the given bit positions set (a set of papers or of facet values)."""
    m = 0
    for b in bits:
        m |= 1 << b
    return m
