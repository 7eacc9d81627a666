"""Related papers: those sharing the most labels, found through an inverted index (not all pairs)."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import LIST_FACETS, Catalog, Paper

RELATED = 6
# Labels shared by a large share of the catalog say little about relatedness and would make the
# search quadratic; only the rarer labels of a paper nominate candidates.
MAX_POSTINGS = 400


def related_papers(catalog: Catalog, limit: int = RELATED) -> dict[str, list[Paper]]:
    index = RelatedIndex(catalog)
    return {paper.key: index.of(paper, limit) for paper in catalog.papers}


class RelatedIndex:
    """Labels -> papers, built once per catalog; `of(paper)` ranks one paper's neighbours."""

    def __init__(self, catalog: Catalog) -> None:
        self.features = {p.key: _features(p) for p in catalog.papers}
        self.postings: dict[str, list[str]] = defaultdict(list)
        for key, feats in self.features.items():
            for f in feats:
                self.postings[f].append(key)
        self.by_key = catalog.by_key()

    def of(self, paper: Paper, limit: int = RELATED) -> list[Paper]:
        features, postings = self.features, self.postings
        shared: Counter[str] = Counter()
        # rarest labels first; a common label only adds to papers already nominated
        for f in sorted(features[paper.key], key=lambda f: len(postings[f])):
            keys = postings[f]
            if len(keys) <= MAX_POSTINGS:
                shared.update(keys)
            else:
                for k in list(shared):
                    if f in features[k]:
                        shared[k] += 1
        shared.pop(paper.key, None)
        by_key = self.by_key
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], -by_key[kv[0]].year, kv[0]))
        return [by_key[k] for k, n in ranked[:limit] if n >= 2]


def _features(paper: Paper) -> frozenset[str]:
    feats = {f"{axis}:{cid}" for axis, ids in paper.categories.items() for cid in ids}
    feats.update(f"{facet}:{v}" for facet in LIST_FACETS for v in paper.facets[facet] if v != "other")
    return frozenset(feats)
