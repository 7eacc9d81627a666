"""Related papers: a weighted overlap of labels, authors and title and summary words, with reasons.

Each paper is a set of features: its taxonomy ids (categories with their parents, facet values, the
survey and analysis flags), its authors, and the words of its title and summary. Two papers score
the sum, over the features they share, of `u_p(f) * v_q(f)`:

- a label counts its idf, log(N / papers carrying it), so sharing a rare label ("N:M sparsity")
  says more than sharing a common one ("Convolutional networks");
- an author counts its idf divided by the square root of the page's paper's number of authors
  (five shared authors are one group, not five times the evidence);
- the words are an idf-weighted cosine of the two papers' word vectors (title words count double),
  scaled by TEXT_WEIGHT, so a long summary does not outweigh a short one.

The search goes through an inverted index, never over all pairs: the rarer features of a paper (at
most NOMINATE papers carry each, up to WORK postings in all) nominate candidates, and only the best
POOL of them collect the common features, which carry little weight (their idf is low) and so only
reorder candidates; common labels are bits of an int, so they cost one `&` per candidate. For the
10,000-paper synthetic catalog, index and related papers take ~5 s of CPU on the loaded 2-core test
machine, ~2 s more than counting shared labels did (tests/test_related.py keeps a bound on it).
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import unicodedata
from collections import defaultdict
from operator import itemgetter
from typing import NamedTuple

from ..model import LIST_FACETS, Catalog, Paper
from ..taxonomy import Taxonomy

RELATED = 6
NOMINATE = 250  # a feature carried by more papers does not nominate candidates, it only adds to them
WORK = 1500  # postings a paper's rare features may visit; the features past it are checked as common
POOL = 30  # candidates kept for the common features and the final ranking

AUTHOR_WEIGHT = 1.0
TEXT_WEIGHT = 16.0  # the score of two papers with the same words
TITLE_TF = 2.0  # a title word weighs as much as two summary words
SHOWN = 3  # labels and title words named in a reason

# Feature prefixes (a feature's first letter tells its kind; names never start a feature).
LABEL, AUTHOR, WORD = "l", "a", "w"

# Words that say nothing about a paper's topic (the idf takes care of "pruning", "neural", ...).
_STOP = frozenset(
    "a an the of for and or in on at to by as with from into via using use based towards toward "
    "through beyond without under over is are be can do does how what when why which we our its their "
    "this that these those it not all more less than no new very".split()
)
_HALF = math.log(2)  # the idf of a feature in half the papers
_WORD_RE = re.compile(r"[^\W_]+")  # runs of letters and digits
_COMBINING_RE = re.compile("[\u0300-\u036f]")


class Related(NamedTuple):
    """A related paper and why: the authors, labels and title words it shares with the page's paper."""

    paper: Paper
    score: float
    authors: tuple[str, ...] = ()  # as written on the page's paper
    labels: tuple[str, ...] = ()  # names of the rarer shared categories and facet values
    title_words: tuple[str, ...] = ()  # shared title words, as the page's paper's title writes them
    similar_summary: bool = False  # the summaries share rare words (only said when no title word is)


def related_papers(catalog: Catalog, limit: int = RELATED) -> dict[str, list[Related]]:
    index = RelatedIndex(catalog)
    return {paper.key: index.of(paper, limit) for paper in catalog.papers}


class RelatedIndex:
    """Features -> papers, built once per catalog; `of(paper)` ranks one paper's neighbours."""

    def __init__(self, catalog: Catalog) -> None:
        self.papers = catalog.papers
        self.index = {p.key: i for i, p in enumerate(catalog.papers)}
        self.years = [p.year for p in catalog.papers]
        self.names = _label_names(catalog.taxonomy)
        raw = [_features(p) for p in catalog.papers]
        df: dict[str, int] = defaultdict(int)
        for feats in raw:
            for f in feats:
                df[f] += 1
        n = max(len(raw), 1)
        self.idf = idf = {f: math.log(n / c) for f, c in df.items()}
        # a word in more than a tenth of the papers (and more than two) says little about a paper
        self.rare_word = math.log(n / max(2, n / 10))
        # the least a related paper shares: a feature of 1 paper in 20 (of 2 papers in a small
        # catalog), or several commoner ones
        self.min_score = math.log(min(20, n / 2)) - 1e-9 if n > 2 else 0.0
        self.sets = [frozenset(feats) for feats in raw]
        # labels as bits of an int, so the common labels two papers share are one `&`
        self.bits = {f: 1 << b for b, f in enumerate(sorted(f for f in df if f[0] == LABEL))}
        self.masks = [sum(self.bits[f] for f in feats if f[0] == LABEL) for feats in raw]
        self.weights: dict[int, float] = {}  # a mask of labels -> the sum of their idf
        # per paper: its features as (feature, u, papers carrying it), rarest first; the `v` of its
        # words (labels and authors have v = 1); its authors as (feature, name as written)
        self.query: list[list[tuple[str, float, int]]] = []
        self.word_v: list[dict[str, float]] = []
        self.labels: list[list[str]] = []
        self.authors = [
            tuple((AUTHOR + k, name) for name in p.authors if (k := _author_key(name))) for p in catalog.papers
        ]
        self.ids: dict[str, list[int]] = defaultdict(list)  # feature -> the papers carrying it
        self.vs: dict[str, list[float]] = defaultdict(list)  # word feature -> their v, in that order
        for i, feats in enumerate(raw):
            words = {f: tf * idf[f] for f, tf in feats.items() if f[0] == WORD}
            scale = math.sqrt(TEXT_WEIGHT) / (math.sqrt(sum(w * w for w in words.values())) or 1.0)
            words = {f: w * scale for f, w in words.items()}
            per_author = AUTHOR_WEIGHT / math.sqrt(len(self.authors[i]) or 1)
            query = []
            for f in feats:
                kind = f[0]
                u = words[f] if kind == WORD else (per_author if kind == AUTHOR else 1.0) * idf[f]
                query.append((f, u, df[f]))
                self.ids[f].append(i)
                if kind == WORD:
                    self.vs[f].append(words[f])
            query.sort(key=lambda q: (q[2], q[0]))
            # the labels a reason names: those in under half the papers, rarest first
            self.labels.append([f for f, _, n in query if f[0] == LABEL and idf[f] > _HALF])
            self.query.append(query)
            self.word_v.append(words)

    def of(self, paper: Paper, limit: int = RELATED) -> list[Related]:
        i = self.index.get(paper.key)
        if i is None:  # a paper outside the catalog the index was built from
            return []
        paper = self.papers[i]
        ids, vs = self.ids, self.vs
        score: dict[int, float] = {}
        get = score.get
        common: dict[str, float] = {}  # common authors and words, and those past WORK
        common_mask = 0  # common labels
        work = 0
        for f, u, n in self.query[i]:  # rarest first
            if n <= NOMINATE and work < WORK:
                work += n
                if f[0] == WORD:
                    for j, v in zip(ids[f], vs[f]):
                        score[j] = get(j, 0.0) + u * v
                else:
                    for j in ids[f]:
                        score[j] = get(j, 0.0) + u
            elif f[0] == LABEL:
                common_mask |= self.bits[f]
            elif f[0] == AUTHOR or self.idf[f] >= self.rare_word:
                common[f] = u
        score.pop(i, None)
        pool = heapq.nlargest(POOL, score.items(), key=itemgetter(1)) if len(score) > POOL else score.items()
        sets, masks, word_v, years, papers = self.sets, self.masks, self.word_v, self.years, self.papers
        weights, weigh = self.weights, self._weigh
        common_set = frozenset(common)
        final = []
        for j, s in pool:
            shared = masks[j] & common_mask
            if shared:
                w = weights.get(shared)
                s += w if w is not None else weigh(shared)
            hits = common_set & sets[j]
            if hits:  # fsum: the same sum to the last bit whatever the (hash) order of `hits`
                s += math.fsum([common[f] * word_v[j].get(f, 1.0) for f in hits])  # authors: v = 1
            final.append((-s, -years[j], papers[j].key, j))
        final.sort()
        idf = self.idf
        rare = self.rare_word
        title = sorted(((f, w) for f, w in _title_words(paper).items() if idf[f] >= rare), key=lambda t: -idf[t[0]])
        return [self._explain(i, title, j, -s) for s, _, _, j in final[:limit] if -s >= self.min_score]

    def _weigh(self, mask: int) -> float:
        """The sum of the idf of the labels in `mask` (a label's u is its idf), remembered."""
        w = self.weights[mask] = sum(self.idf[f] for f, bit in self.bits.items() if mask & bit)
        return w

    def _explain(self, i: int, title: list[tuple[str, str]], j: int, score: float) -> Related:
        """What paper j shares with paper i, for the reason shown beside it; `title` is paper i's
        rarer title words, rarest first, as (feature, word as written)."""
        theirs, names = self.sets[j], self.names
        labels = [f for f in self.labels[i] if f in theirs]
        parents = {names[f][1] for f in labels}  # a sub-category says more than its parent
        words = [w for f, w in title if f in theirs]
        summary = 0.0
        if not words:
            own, their_v = self.word_v[i], self.word_v[j]
            summary = sum(v * their_v[f] for f, v in own.items() if f in theirs)
        return Related(
            paper=self.papers[j],
            score=score,
            authors=tuple(name for f, name in self.authors[i] if f in theirs),
            labels=tuple(names[f][0] for f in labels if f not in parents)[:SHOWN],
            title_words=tuple(words[:SHOWN]),
            similar_summary=summary >= TEXT_WEIGHT / 4,
        )


# ---------------------------------------------------------------------------------------------
# Features


def _features(paper: Paper) -> dict[str, float]:
    """Feature -> its weight in the paper (1, and for a title word TITLE_TF more)."""
    feats = {f"{LABEL}{axis}:{cid}": 1.0 for axis, ids in paper.categories.items() for cid in ids}
    for facet in LIST_FACETS:
        for v in paper.facets.get(facet, ()):
            if v != "other":
                feats[f"{LABEL}{facet}:{v}"] = 1.0
    for flag in ("survey", "analysis"):
        if getattr(paper, flag):
            feats[f"{LABEL}flag:{flag}"] = 1.0
    for name in paper.authors:
        key = _author_key(name)
        if key:
            feats[AUTHOR + key] = 1.0
    for word in _words(paper.summary):
        feats[WORD + _stem(word)] = 1.0
    for f in _title_words(paper):
        feats[f] = feats.get(f, 0.0) + TITLE_TF
    return feats


def _fold(text: str) -> str:
    return _COMBINING_RE.sub("", unicodedata.normalize("NFD", text)).lower()


def _words(text: str) -> list[str]:
    """The topical words of `text`, folded, in order."""
    return [w for w in _WORD_RE.findall(_fold(text)) if len(w) > 1 and w not in _STOP and not w.isdigit()]


def _title_words(paper: Paper) -> dict[str, str]:
    """The title's word features -> the word as the title writes it (its first occurrence)."""
    out: dict[str, str] = {}
    for w in _words(paper.title):
        out.setdefault(WORD + _stem(w), w)
    return out


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light English plural folding ("tickets" -> "ticket", "sparsities" -> "sparsity")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=65536)
def _author_key(name: str) -> str:
    """First given name and family name, folded, initials dropped: "Philip H. S. Torr" and "Philip
    Torr" are one author, while an initial alone would join "Mingjie Sun" and "Maosong Sun"."""
    text = _fold(name)
    if text.strip() in ("et al.", "et al", "others"):
        return ""
    if "," in text:  # "Family, Given"
        family, _, given = text.partition(",")
        text = f"{given} {family}"
    words = _WORD_RE.findall(text)
    if not words:
        return ""
    given = next((w for w in words[:-1] if len(w) > 1), words[0] if len(words) > 1 else "")
    return f"{given} {words[-1]}".strip()


def _label_names(taxonomy: Taxonomy) -> dict[str, tuple[str, str]]:
    """Label feature -> (its name, the feature of its parent category or "")."""
    names: dict[str, tuple[str, str]] = {}
    for axis in taxonomy.axes:
        for c in axis.categories:
            names[f"{LABEL}{axis.id}:{c.id}"] = (c.name, f"{LABEL}{axis.id}:{c.parent}" if c.parent else "")
    for facet in taxonomy.facets:
        for v in facet.values:
            names[f"{LABEL}{facet.id}:{v.id}"] = (v.name, "")
    names[f"{LABEL}flag:survey"] = ("survey", "")
    names[f"{LABEL}flag:analysis"] = ("analysis", "")
    return names
