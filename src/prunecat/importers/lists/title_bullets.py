"""Reader for title-only bullet lists: csyhhu/Awesome-Deep-Neural-Network-Compression's paper notes.

Reads `Paper/Pruning.md` and `Paper/Large-Pretraining-Models/Pruning.md` (snapshot a250e5371a3a):
Markdown headings, and under them top-level bullets holding a paper title only (`- Title`) or a
link to the repository's own summary page (`- [Title](../../Summary/....md)`). Indented bullets
("  - Is pruning by absolute value meaningful?", a tab and "+ ...") are the author's notes on the
paper above, and paragraphs under a heading describe the section: neither is a paper.

How rows map: the bullet text without Markdown is the `title`; only an absolute http(s) link is a
paper `url` (a relative link is a summary page of the list, not the paper, so `url` stays "").
A heading that is a venue and year ("CVPR 2019", "NeurIPS'20") fills `venue` and `year`. Headings
map to labels only where their words name a category (`_SECTION_LABELS`), noted "section <heading>".
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .dated_bullets import plain
from .record import ListPaper

_ATX = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
#: A top-level bullet (no indentation: indented bullets are notes on the paper above).
_BULLET = re.compile(r"^[-*+]\s+(?P<text>\S.*)$")
_LINK = re.compile(r"^\[(?P<text>.+)\]\((?P<target>[^)\s]*)\)(?P<rest>.*)$")
#: "CVPR 2019", "ICLR-2020", "NeurIPS'20": a venue heading (a name, then a year).
_VENUE_YEAR = re.compile(r"^(?P<venue>[A-Za-z][A-Za-z&\- ]{1,30}?)(?:[\s\-]+(?P<y4>(?:19|20)\d\d)|\s*'(?P<y2>\d\d))$")

#: Heading text (lower case) -> (dimension, id): headings that say what their rows are.
#: "Unstructure"/"Structure" are this list's spellings.
_SECTION_LABELS: dict[str, tuple[str, str]] = {
    "unstructure pruning": ("speedup", "unstructured"),
    "unstructured pruning": ("speedup", "unstructured"),
    "structure pruning": ("speedup", "structured"),
    "structured pruning": ("speedup", "structured"),
    "semi-structured pruning": ("speedup", "semi-structured"),
    "dynamic pruning": ("when", "run-time"),  # its paragraph: "Pruning is conducted based on input features."
    "robust (adversarial) pruning": ("task", "adversarial-robustness"),
    "rnn pruning": ("model", "other"),  # the taxonomy's "Other models (RNNs, GANs, ...)"
    "low-rank factorization": ("fusion", "tensor-decomposition"),  # rows without pruning: out of scope
}

#: An N:M pattern in a title ("2:4 Sparse"): semi-structured even under a "Structure Pruning" heading,
#: which this list uses for every sparsity with a shape.
_N_M = re.compile(r"(?<![\d:])\d+:\d+(?![\d:])")

#: Title wording that puts a row outside the catalog (pruning or sparsifying a network), with why.
_OUT_OF_SCOPE_TITLES = (
    (re.compile(r"\bcach(?:e|ing)\b", re.IGNORECASE), "caching of computed steps, not network pruning"),
    (re.compile(r"\blossless compression\b", re.IGNORECASE), "lossless compression for storage, not pruning"),
    # attention that skips scores per input, like KV-cache token eviction, leaves the network whole
    (re.compile(r"\bsparse attention\b", re.IGNORECASE), "sparse attention computation, not network pruning"),
)


def read(path: Path) -> list[ListPaper]:
    """The paper bullets of one csyhhu notes file, in file order."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    headings: list[tuple[int, str]] = []
    papers: list[ListPaper] = []
    fenced = commented = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if commented or stripped.startswith("<!--"):
            commented = "-->" not in stripped
            continue
        if fenced:
            continue
        heading = _ATX.match(line)
        if heading:
            level = len(heading.group("hashes"))
            headings = [h for h in headings if h[0] < level] + [(level, plain(heading.group("text")))]
            continue
        bullet = _BULLET.match(line.rstrip())
        if bullet is None:
            continue
        paper = _paper(number, bullet.group("text"), [t for _, t in headings])
        if paper is not None:
            papers.append(paper)
    return papers


def _paper(number: int, text: str, path: list[str]) -> ListPaper | None:
    url = ""
    link = _LINK.match(text.strip())
    if link:
        target = link.group("target")
        if urlsplit(target).scheme in ("http", "https"):
            url = target
        text = link.group("text") + link.group("rest")
    title = plain(text)
    if not title:
        return None
    paper = ListPaper(line=number, title=title, url=url, section=" > ".join(path))
    for heading in path:
        venue_year = _venue_year(heading)
        if venue_year:
            paper.venue, paper.year = venue_year
    paper.out_of_scope = _out_of_scope(paper, path)
    if not paper.out_of_scope:  # labels of a row that is never imported would be noise in the report
        _label(paper, path)
    return paper


def _venue_year(heading: str) -> tuple[str, int] | None:
    """("CVPR", 2019) for a heading "CVPR 2019"; None for topic headings ("RNN Pruning")."""
    match = _VENUE_YEAR.match(heading.strip())
    if match is None:
        return None
    venue = match.group("venue").strip()
    # venue names are acronyms or camel case (CVPR, NeurIPS, TPAMI) or arXiv; "Pruning 2019" is a topic
    if sum(c.isupper() for c in venue) < 2 and venue.lower() != "arxiv":
        return None
    year = match.group("y4") or f"20{match.group('y2')}"
    return venue, int(year)


def _label(paper: ListPaper, path: list[str]) -> None:
    for heading in path:
        found = _SECTION_LABELS.get(heading.lower())
        if found is None:
            continue
        dimension, value = found
        note = f"section {heading}"
        pattern = _N_M.search(paper.title)
        if value == "structured" and pattern:
            value, note = "semi-structured", f"section {heading}, title says {pattern.group()}"
        values = paper.labels.setdefault(dimension, [])
        if value not in values:
            values.append(value)
            paper.label_notes[dimension] = "; ".join(filter(None, [paper.label_notes.get(dimension), note]))


def _out_of_scope(paper: ListPaper, path: list[str]) -> str:
    for pattern, reason in _OUT_OF_SCOPE_TITLES:
        if pattern.search(paper.title):
            return reason
    low_rank = next((h for h in path if h.lower() == "low-rank factorization"), "")
    if low_rank and "prun" not in paper.title.lower():
        return f"section {low_rank}: low-rank decomposition without pruning"
    return ""
