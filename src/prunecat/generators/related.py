"""Related papers: those sharing the most labels, found through an inverted index (not all pairs)."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import LIST_FACETS, Catalog, Paper

RELATED = 6
# Labels shared by a large share of the catalog say little about relatedness and would make the
# search quadratic; only the rarer labels of a paper nominate candidates.
MAX_POSTINGS = 400


def related_papers(catalog: Catalog, limit: int = RELATED) -> dict[str, list[Paper]]:
    features = {p.key: _features(p) for p in catalog.papers}
    postings: dict[str, list[str]] = defaultdict(list)
    for key, feats in features.items():
        for f in feats:
            postings[f].append(key)
    by_key = catalog.by_key()
    result: dict[str, list[Paper]] = {}
    for paper in catalog.papers:
        feats = features[paper.key]
        shared: Counter[str] = Counter()
        # rarest labels first; a common label only adds to papers already nominated
        for f in sorted(feats, key=lambda f: len(postings[f])):
            keys = postings[f]
            if len(keys) <= MAX_POSTINGS:
                shared.update(keys)
            else:
                for k in list(shared):
                    if k in features and f in features[k]:
                        shared[k] += 1
        shared.pop(paper.key, None)
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], -by_key[kv[0]].year, kv[0]))
        result[paper.key] = [by_key[k] for k, n in ranked[:limit] if n >= 2]
    return result


def _features(paper: Paper) -> frozenset[str]:
    feats = {f"{axis}:{cid}" for axis, ids in paper.categories.items() for cid in ids}
    feats.update(f"{facet}:{v}" for facet in LIST_FACETS for v in paper.facets[facet] if v != "other")
    return frozenset(feats)
