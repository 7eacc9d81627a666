"""Reader for badge tables: horseee/Awesome-Efficient-LLM's `pruning.md` (snapshot 215a1540bc0e).

Format: under `## Network Pruning`, one table `| Title & Authors | Introduction | Links |` with a
row per paper (some rows end with a date comment `[//]: #06/05` after the last pipe):

    | [![Star](https://img.shields.io/github/stars/o/r.svg?...)](https://github.com/o/r)
      [![Publish](https://img.shields.io/badge/Conference-ICLR'24-blue)]()
      [![Type](https://img.shields.io/badge/Unstructured-C2A4A6)]()
      <br> [Title](paper or repo url) <br> First Last, First Last et al
    | <img ... figure> | [Github](repo url) <br> [Paper](paper url) <br> [Project](...) |

Badges may be missing, repeated or placed after the title; the `<br>` before the title may be
missing. How rows map: the title link's text is the `title`; the Links column's `Paper` link is the
`url` (else the title link, unless that points at GitHub: SparseGPT's title links its repository);
its `Github` links are the `code` (else the Star badge's link, the repository it counts stars of);
the text after the last `<br>` of the first column gives `authors` (full names; "et al" dropped,
"A and B" split). The Publish badge gives `venue` and `year` ("Conference-EMNLP'23%20Findings" ->
"EMNLP Findings", 2023; "Journal-TMLR_2025" -> "TMLR", 2025); without it both stay empty (the list
gives no year: the pipeline takes the arXiv id's). `section` is the heading path ("Network Pruning").

Labels: the Type badges, by `TYPE_BADGES` (every kind the file uses is listed there). No `model`
label: this file is the pruning chapter of a list about efficient LLMs, but it holds non-LLM rows
(a COLT theory paper, a vision-language pruning paper, a state-space model, a topology study).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..awesome_list.markdown import find_links, split_cells
from .labelled_bullets import authors, plain, venue_year
from .record import ListPaper

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_BADGE_PATH = re.compile(r"img\.shields\.io/badge/(?P<path>[^)\s]+)")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)

#: Type badge text (lower case) -> (dimension, id), or None when no taxonomy dimension holds it.
TYPE_BADGES: dict[str, tuple[str, str] | None] = {
    "unstructured": ("speedup", "unstructured"),
    "structural": ("speedup", "structured"),
    "semi-structured": ("speedup", "semi-structured"),
    # The one row so badged is "ReLU Strikes Back: Exploiting Activation Sparsity in LLMs": the
    # badge marks activation sparsity, zeros that depend on each input and let inference skip the
    # matching weights, which is the taxonomy's run-time (dynamic) pruning.
    "activation": ("when", "run-time"),
    # "w/ Quantization": pruning combined with quantization (SQFT, sparsity/quantization interplay)
    "w/quantization": ("fusion", "quantization"),
    "benchmark": None,  # an evaluation study: a kind of paper, not a category
    "metric": None,  # a paper proposing an evaluation metric
}

#: Rows outside the catalog, by title start (lower case): attention that picks tokens per query
#: leaves the network whole, like KV-cache token eviction.
_OUT_OF_SCOPE: dict[str, str] = {
    "hashattention": "sparse attention over tokens, not network pruning",
    "the sparse frontier": "sparse attention over tokens, not network pruning",
}


def read(path: Path) -> list[ListPaper]:
    """The paper rows of horseee's pruning.md, in file order."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    headings: list[tuple[int, str]] = []
    papers: list[ListPaper] = []
    for number, line in enumerate(lines, start=1):
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group("hashes"))
            headings = [h for h in headings if h[0] < level] + [(level, plain(heading.group("text")))]
            continue
        if not line.lstrip().startswith("|"):
            continue
        paper = _row(number, split_cells(line), " > ".join(text for _, text in headings))
        if paper is not None:  # the header and the |:---| line have no title link
            papers.append(paper)
    return papers


def _row(number: int, cells: list[str], section: str) -> ListPaper | None:
    first = cells[0]
    links = find_links(first)
    titled = next(((text, target) for text, target, _, _ in links if not text.startswith("![")), None)
    if titled is None or not plain(titled[0]):
        return None
    paper = ListPaper(line=number, title=plain(titled[0]), section=section)
    column = find_links(cells[2]) if len(cells) > 2 else []
    papers = [t for text, t, _, _ in column if text.strip("[] ").lower() == "paper" and t]
    title_url = titled[1] if urlsplit(titled[1]).netloc not in ("github.com", "www.github.com") else ""
    paper.url = (papers[0] if papers else title_url).rstrip("?")  # "/pdf/2411.07066?": an empty query
    stars = [t for text, t, _, _ in links if text.startswith("![Star]") and t]
    code = [t for text, t, _, _ in column if text.strip().lower() == "github" and t] or stars
    paper.code = list(dict.fromkeys(code))
    tail = _BR.split(first)[-1]
    if "](" not in tail:  # the last segment is the authors unless the title or a badge ends the cell
        paper.authors = authors(tail)
    for text, _target, _, _ in links:
        badge = _BADGE_PATH.search(text)
        if badge is None:
            continue
        message = _badge_text(badge.group("path"))
        if text.startswith("![Publish]"):
            kind, _, name = message.partition("-")  # "Conference-ICLR'24", "Journal-TMLR 2025"
            paper.venue, paper.year = venue_year(name or kind)
        elif text.startswith("![Type]"):
            _label(paper, message)
    low = paper.title.lower()
    paper.out_of_scope = next((why for start, why in _OUT_OF_SCOPE.items() if low.startswith(start)), "")
    if paper.out_of_scope:
        paper.labels, paper.label_notes = {}, {}
    return paper


def _badge_text(path: str) -> str:
    """The text of a shields.io static badge path without its colour: "EMNLP'23%20Findings-blue" ->
    "EMNLP'23 Findings". shields.io writes a space as "_" or "%20", "_" as "__" and "-" as "--"."""
    body = path.rsplit("-", 1)[0] if "-" in path else path
    body = unquote(body).replace("__", "\0").replace("_", " ").replace("\0", "_")
    return body.replace("--", "-")


def _label(paper: ListPaper, message: str) -> None:
    found = TYPE_BADGES.get(message.lower())
    if found is None:
        return
    dimension, value = found
    values = paper.labels.setdefault(dimension, [])
    if value not in values:
        values.append(value)
        note = f"badge {message}"
        previous = paper.label_notes.get(dimension)
        paper.label_notes[dimension] = f"{previous}; {note}" if previous else note
