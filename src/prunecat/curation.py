"""The maintainers' worklist, as plain data: what `catalog todo` prints and the /curation/ page shows.

* per axis of the survey, the papers labelled with categories, `[none]` (checked, no category
  applies), `[unclear]` (read, the public text does not tell) and the papers not yet examined (a
  missing or empty list; surveys are not counted there);
* entries without a summary, with facts not checked against the paper's page, or with labels
  whose source is not recorded;
* papers with incomplete metadata: no authors, no venue other than arXiv for a paper older than
  two years, no link at all (url, arXiv id or DOI), no `added` date;
* suspected duplicates, pairs of entries that may be one paper: near-identical titles (difflib
  ratio of the normalised titles >= 0.9 but not equal; equal ones are errors of `catalog check`),
  the same paper URL, or the same algorithm name and year.

Near-identical titles are found without comparing every pair: titles are bucketed by their first
and last characters and by their two rarest words, only titles of compatible length are compared
within a bucket, and a bit-set test of their character bigrams discards most pairs before difflib
computes a ratio. 10,000 papers take about a second (a few seconds when the titles are all drawn
from a small vocabulary).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence
from urllib.parse import urlsplit

from .model import Catalog, Paper, normalize_title
from .taxonomy import AXIS_IDS, NONE_LABEL, UNCLEAR_LABEL

#: Titles at least this alike (difflib ratio of normalised titles) are suspected duplicates.
TITLE_RATIO = 0.9
#: A paper older than this many years (by publication year) should have a venue other than arXiv.
PREPRINT_YEARS = 2
_PREFIX = 8  # characters of the normalised title used as a bucket key (start and end)
_CROWDED = 48  # a bucket with more titles is split by a longer key
_MAX_PREFIX = 64


@dataclass(frozen=True)
class Unlabelled:
    """The state of one axis: the papers not yet examined on it (`keys`; surveys are left out, they
    carry a label only where they are about one category), how many are labelled with categories or
    `[none]`, and the papers a maintainer examined but could not tell (`unclear`)."""

    axis: str
    axis_name: str
    keys: tuple[str, ...]
    labelled: int = 0
    none: int = 0
    unclear: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class Incomplete:
    """A paper with incomplete metadata; `missing` lists what to add, e.g. 'authors'."""

    key: str
    path: str
    title: str
    missing: tuple[str, ...]  # among MISSING's keys, in that order
    reasons: tuple[str, ...]  # the same, as sentences


#: What incomplete metadata can lack, with the explanation shown to maintainers.
MISSING = {
    "authors": "no authors in the BibTeX",
    "venue": f"no venue other than arXiv for a paper older than {PREPRINT_YEARS} years (has it been published?)",
    "links": "no link: no url, arXiv id or DOI in the BibTeX",
    "added": "no `added` date",
    "summary": "no summary (one or two sentences in our words: what the method does and how)",
    "checked": "facts not checked against the paper's public page (evidence: read and checked)",
    "sources": "labels whose source is not recorded (evidence: paper or a source list, per axis)",
}


#: What a paper of the incoming/ queue must have before `catalog promote` takes it into the catalog
#: (a venue other than arXiv is not required: some papers are only preprints).
REQUIRED = ("authors", "links", "added", "summary", "checked", "sources")


def not_ready(paper: Paper) -> list[str]:
    """Why `paper` may not join the catalog yet: MISSING's sentences and the axes not yet examined."""
    found = incomplete([paper])
    reasons = [MISSING[m] for m in (found[0].missing if found else ()) if m in REQUIRED]
    unexamined = [axis for axis in AXIS_IDS if paper.state(axis) == "unexamined"]
    if unexamined:
        reasons.append(f"axes not yet examined: {', '.join(unexamined)} (a category, [none] or [unclear] each)")
    return reasons


@dataclass(frozen=True)
class SuspectedDuplicate:
    """Two entries that may describe the same paper (`first` < `second` by key)."""

    first: str
    second: str
    kinds: tuple[str, ...]  # among 'title', 'url', 'algorithm'
    reasons: tuple[str, ...]
    title_ratio: float = 0.0  # of the normalised titles, when kinds has 'title'


@dataclass(frozen=True)
class Worklist:
    papers: int  # how many papers the catalog has
    unlabelled: tuple[Unlabelled, ...]  # one per axis, in the survey's order
    incomplete: tuple[Incomplete, ...]  # by key
    duplicates: tuple[SuspectedDuplicate, ...]  # by (first, second)

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        for group, item in zip(data["unlabelled"], self.unlabelled):
            group["count"] = item.count
        return data


def worklist(catalog: Catalog, *, today: dt.date | None = None, axes: Sequence[str] = AXIS_IDS) -> Worklist:
    """The maintainers' worklist for `catalog` (limited to `axes` for the unlabelled groups).

    `today` (for "a preprint older than PREPRINT_YEARS") defaults to `reference_date(catalog)`, not
    the clock, so `catalog todo` and the /curation/ page agree and every build gives the same page.
    """
    papers = list(catalog.papers)
    return Worklist(
        papers=len(papers),
        unlabelled=tuple(unlabelled(catalog, axis) for axis in axes),
        incomplete=tuple(incomplete(papers, today=today or reference_date(catalog))),
        duplicates=tuple(suspected_duplicates(papers)),
    )


def reference_date(catalog: Catalog) -> dt.date:
    """The date the worklist treats as today: the newest `added` date of the catalog.

    Without any `added` date, the last day of the newest publication year stands in (and 1 January
    1970 for an empty catalog): anything but the clock.
    """
    newest = catalog.newest_added()
    if newest is not None:
        return newest
    years = [p.year for p in catalog.papers if p.year > 0]
    return dt.date(max(years), 12, 31) if years else dt.date(1970, 1, 1)


def unlabelled(catalog: Catalog, axis: str) -> Unlabelled:
    states = Counter(p.state(axis) for p in catalog.papers)
    return Unlabelled(
        axis=axis,
        axis_name=catalog.taxonomy.axis(axis).name,
        keys=tuple(p.key for p in catalog.unlabelled(axis) if not p.survey),
        labelled=states["labelled"],
        none=states[NONE_LABEL],
        unclear=tuple(p.key for p in catalog.papers if p.state(axis) == UNCLEAR_LABEL),
    )


def incomplete(papers: Iterable[Paper], *, today: dt.date | None = None) -> list[Incomplete]:
    """Papers lacking authors, a real venue (when older than PREPRINT_YEARS), any link or `added`."""
    year = (today or dt.date.today()).year
    out = []
    for paper in sorted(papers, key=lambda p: p.key):
        missing = []
        if not paper.authors:
            missing.append("authors")
        if paper.venue.strip().lower() in ("", "arxiv", "corr") and 0 < paper.year < year - PREPRINT_YEARS:
            missing.append("venue")
        if not paper.links:
            missing.append("links")
        if paper.added is None:
            missing.append("added")
        if not paper.summary:
            missing.append("summary")
        if not paper.evidence.checked:
            missing.append("checked")
        if any(paper.labels.get(axis) and axis not in paper.evidence.sources for axis in AXIS_IDS):
            missing.append("sources")
        if missing:
            out.append(
                Incomplete(
                    key=paper.key,
                    path=paper.path,
                    title=paper.title,
                    missing=tuple(missing),
                    reasons=tuple(MISSING[m] for m in missing),
                )
            )
    return out


def suspected_duplicates(papers: Sequence[Paper], *, ratio: float = TITLE_RATIO) -> list[SuspectedDuplicate]:
    """Pairs of papers that may be one paper: near-identical titles, same URL, same algorithm + year."""
    found: dict[tuple[str, str], list[tuple[str, str, float]]] = defaultdict(list)
    by_key = {p.key: p for p in papers}
    for a, b, score in similar_titles([(p.key, p.title) for p in papers], ratio=ratio):
        found[_pair(a, b)].append(
            ("title", f"titles {score:.0%} alike: '{by_key[a].title}' / '{by_key[b].title}'", score)
        )
    for value, keys in _groups(papers, lambda p: _url_key(p.url)).items():
        for a, b in _pairs(keys):
            found[(a, b)].append(("url", f"same paper URL {by_key[a].url}", 0.0))
    for (name, year), keys in _groups(papers, lambda p: _algorithm_key(p)).items():
        for a, b in _pairs(keys):
            found[(a, b)].append(("algorithm", f"same algorithm name '{by_key[a].algorithm}' and year {year}", 0.0))
    out = []
    for (a, b), hits in sorted(found.items()):
        out.append(
            SuspectedDuplicate(
                first=a,
                second=b,
                kinds=tuple(h[0] for h in hits),
                reasons=tuple(h[1] for h in hits),
                title_ratio=round(max(h[2] for h in hits), 4),
            )
        )
    return out


# Why our own code and not `rapidfuzz` (measured 2026-11-29 on `catalog synth 10000`, 2 cores, best
# of 3): `_similar_titles` takes 1.8 s and finds 1,291 pairs; rapidfuzz 3.14
# `process.extract(scorer=fuzz.ratio, score_cutoff=90)` over all pairs takes 11.7 s (one thread;
# `cdist` needs numpy, not a dependency) and finds 1,445: its Indel ratio is not difflib's, and the
# 154 extra pairs score below 0.9 with difflib (the measure the awesome-list importer's `similar`
# uses too). Our prefilters keep difflib's results at a sixth of the time, with no dependency.
def similar_titles(items: Sequence[tuple[str, str]], *, ratio: float = TITLE_RATIO) -> list[tuple[str, str, float]]:
    """(key, key, ratio) for titles whose normalised forms are >= `ratio` alike but not equal.

    `items` are (key, title). Only titles sharing a bucket are compared: the same first or last
    _PREFIX characters of the normalised title, or one of their two rarest words, so a difference
    at one end, or at both ends of a title with a distinctive word, is still found. Within a bucket,
    titles are compared only when their lengths can reach `ratio`, and only when their sets of
    character bigrams differ little enough (a necessary condition checked with bit operations)
    does difflib compute the ratio.
    """
    memo_key = (tuple(items), ratio)
    if _similar_memo and _similar_memo[0] == memo_key:  # a `serve` rebuild after an edit to labels
        return list(_similar_memo[1])
    out = _similar_titles(items, ratio)
    _similar_memo[:] = [memo_key, tuple(out)]
    return out


_similar_memo: list = []  # [(items, ratio), result] of the last call


def _similar_titles(items: Sequence[tuple[str, str]], ratio: float) -> list[tuple[str, str, float]]:
    norm = [(key, text, _words(title)) for key, title in items if (text := normalize_title(title))]
    frequency = Counter(w for _, _, words in norm for w in set(words))
    buckets: list[list[int]] = _end_buckets([text for _, text, _ in norm])
    by_words: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, (_, text, words) in enumerate(norm):
        # the two rarest words together: one word alone can be shared by a large part of a catalog
        by_words[tuple(sorted(set(words), key=lambda w: (frequency[w], w))[:2])].append(i)
    buckets += by_words.values()
    lengths = [len(text) for _, text, _ in norm]
    bigrams = _bigram_bits([text for _, text, _ in norm])
    counts = [_char_counts(text) for _, text, _ in norm]
    # Lengths m <= n can reach the ratio only if 2m / (m + n) >= ratio, i.e. n <= m (2 - ratio) / ratio.
    stretch = (2 - ratio) / ratio
    seen: set[tuple[int, int]] = set()
    out = []
    for members in buckets:
        if len(members) < 2:
            continue
        members = sorted(set(members), key=lengths.__getitem__)
        for y, j in enumerate(members):
            # j is the longer title (b); one matcher per b, so difflib indexes b once, not per pair
            lb, bb, matcher = lengths[j], bigrams[j], None
            for i in reversed(members[:y]):
                la = lengths[i]
                if la * stretch < lb:
                    break
                # ratio >= r needs a longest common subsequence of at least r (la + lb) / 2, so at
                # most d = la + lb - 2 ceil(r (la + lb) / 2) insertions and deletions; each removes
                # at most two bigrams of either title.
                d = la + lb - 2 * math.ceil(ratio * (la + lb) / 2 - 1e-9)
                ba = bigrams[i]
                if (ba & ~bb).bit_count() > 2 * d or (bb & ~ba).bit_count() > 2 * d:
                    continue
                pair = (i, j) if i < j else (j, i)
                if pair in seen:  # also in another bucket
                    continue
                seen.add(pair)
                a, b = norm[i][1], norm[j][1]
                if a == b:
                    continue
                # difflib's quick_ratio (characters in common, in any order), in a few integer operations
                if 2 * _common_chars(counts[i], counts[j]) < ratio * (la + lb):
                    continue
                if matcher is None:
                    matcher = difflib.SequenceMatcher(None, "", b, autojunk=False)
                matcher.set_seq1(a)
                score = matcher.ratio()
                if score >= ratio:
                    out.append((*_pair(norm[i][0], norm[j][0]), score))
    return sorted(out)


def _end_buckets(texts: list[str]) -> list[list[int]]:
    """Indexes of texts sharing their first, or their last, _PREFIX characters.

    A crowded bucket (many titles end in "neuralnetworks") is split again by twice as many
    characters, and so on: two titles that are >= 90% alike and differ only near one end share a
    long stretch at the other.
    """
    out: list[list[int]] = []
    for cut in (lambda t, n: t[:n], lambda t, n: t[-n:]):
        pending = [(list(range(len(texts))), _PREFIX)]
        while pending:
            members, n = pending.pop()
            groups: dict[str, list[int]] = defaultdict(list)
            for i in members:
                groups[cut(texts[i], n)].append(i)
            for group in groups.values():
                if len(group) > _CROWDED and n < _MAX_PREFIX:
                    pending.append((group, n * 2))
                elif len(group) > 1:
                    out.append(group)
    return out


# A normalised title's letter and digit counts packed into one int, 8 bits a character, so the
# characters two titles have in common are counted with integer operations, not a Python loop.
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_LANE = {c: 8 * i for i, c in enumerate(_ALPHABET)}
_HIGH = int.from_bytes(b"\x80" * len(_ALPHABET), "little")  # the top bit of every lane
_LOW = _HIGH >> 7  # the lowest bit of every lane


def _char_counts(text: str) -> int:
    counts = Counter(text)
    return sum(min(n, 127) << _LANE[c] for c, n in counts.items() if c in _LANE)


def _common_chars(a: int, b: int) -> int:
    """Sum over characters of min(count in a, count in b), lane by lane (counts are below 128)."""
    a_ge_b = (((a | _HIGH) - b) & _HIGH) >> 7  # 1 in the lanes where a >= b (no borrow crosses lanes)
    mask = a_ge_b * 0xFF
    smaller = (b & mask) | (a & ~mask & (_LOW * 0xFF))
    return sum(smaller.to_bytes(len(_ALPHABET), "little"))


def _bigram_bits(texts: list[str]) -> list[int]:
    """Each text's set of character bigrams as the bits of an int."""
    bit: dict[str, int] = {}
    out = []
    for text in texts:
        value = 0
        for k in range(max(1, len(text) - 1)):
            value |= 1 << bit.setdefault(text[k : k + 2], len(bit))
        out.append(value)
    return out


# ---------------------------------------------------------------------------------------------
# Helpers


def _words(title: str) -> list[str]:
    """The title's words of three letters or more, as normalize_title spells them."""
    return [w for w in (normalize_title(word) for word in title.split()) if len(w) > 2]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _pairs(keys: list[str]) -> Iterable[tuple[str, str]]:
    keys = sorted(keys)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            yield a, b


def _groups(papers: Iterable[Paper], key_of) -> dict:
    groups: dict = defaultdict(list)
    for paper in papers:
        value = key_of(paper)
        if value:
            groups[value].append(paper.key)
    return {value: keys for value, keys in groups.items() if len(keys) > 1}


def _url_key(url: str) -> str:
    """A URL reduced so trivially different spellings of one address compare equal."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}{'?' + parts.query if parts.query else ''}"


def _algorithm_key(paper: Paper) -> tuple[str, int] | None:
    name = re.sub(r"[^a-z0-9]+", "", paper.algorithm.lower())
    return (name, paper.year) if name else None
