"""Reader for date-prefixed bullet lists: MingSun-Tse/Awesome-Pruning-at-Initialization's README.

Format (snapshot e042dc4c830c): under a `# Awesome Pruning at Initialization` title, bold year lines
(`**2020**`) group bullets of the form

    - 2020-ICLR-[Title](paper url) [[Code](repo url)] (Oral)
    - 2021.6-[Title](paper url)                       (a month, no venue)
    - 2020-ICLR reject-[Title](url)                   (a rejection: venue "")

How rows map: the date prefix gives `year` (the month is dropped: ListPaper has no field for it),
the text between the date and the link gives `venue` as written, the first link gives `title` and
`url`, later links whose text says "Code" and that point at a code host give `code`. Trailing
remarks ("[Best Paper!]", "(Spotlight)", "[[Code Report](...)]") are not recorded.

Labels: the snapshot has no topic sections, only year groups, so no `when` label is read from it.
The list's title says "pruning at initialization", but its rows include dynamic sparse training,
lottery-ticket rewinding and movement pruning, so the title is not evidence for any one row. A
heading whose own text names a `when` category (see `_WHEN_HEADINGS`) is mapped if a newer copy of
the list adds one.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from ..awesome_list.markdown import find_links
from .record import ListPaper

#: `- 2020-ICLR-[` / `- 2021.6-[` / `- 2020-Nature Communications-[`: year, month, venue.
_DATED = re.compile(r"^[-*+]\s+(?P<year>(?:19|20)\d\d)(?:\.(?P<month>\d{1,2}))?-(?:(?P<venue>[^\[]*?)-)?\s*\[")
_BOLD_LINE = re.compile(r"^\*\*(?P<text>[^*]+)\*\*\s*$")
_ATX = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
#: Hosts whose links are code, not papers ("Code Report" on OpenReview is a report, not code).
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co")

#: Heading text (lower case, exact) -> `when` id, only where the heading names the moment itself
#: ("Sparse Training" alone does not: a mask fixed at initialization is pruning before training).
_WHEN_HEADINGS = {
    "pruning at initialization": "before-training",
    "pruning before training": "before-training",
    "dynamic sparse training": "during-training",
    "pruning during training": "during-training",
    "pruning in early training": "early-training",
    "early-bird tickets": "early-training",
    "pruning after training": "after-training",
}

#: Rows the list holds that are not about pruning or sparsifying a network (by exact title).
_NOT_PRUNING = {
    "The Hardware Lottery": "not about pruning: an essay on how hardware shapes which research ideas win",
}


def read(path: Path) -> list[ListPaper]:
    """The dated paper bullets of the list, in file order."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    headings: list[tuple[int, str]] = []  # (level, text); bold year lines count as level 7
    papers: list[ListPaper] = []
    fenced = False
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _heading(line)
        if heading is not None:
            level, text = heading
            headings = [h for h in headings if h[0] < level] + [(level, text)]
            continue
        match = _DATED.match(line)
        if match is None:
            continue  # intro prose, "* [Code Base](...)" and blank lines are not papers
        paper = _paper(number, line, match, [t for _, t in headings])
        if paper is not None:
            papers.append(paper)
    return papers


def _heading(line: str) -> tuple[int, str] | None:
    """(level, plain text) of a Markdown heading or of a bold-only line such as `**2019**`."""
    atx = _ATX.match(line)
    if atx:
        return len(atx.group("hashes")), plain(atx.group("text"))
    bold = _BOLD_LINE.match(line.strip())
    if bold:
        return 7, plain(bold.group("text"))
    return None


def _paper(number: int, line: str, match: re.Match[str], path: list[str]) -> ListPaper | None:
    links = find_links(line[match.end() - 1 :])
    if not links:
        return None
    text, url, _, _ = links[0]
    title = plain(text)
    if not title:
        return None
    paper = ListPaper(
        line=number,
        title=title,
        url=url.strip() if _is_web(url) else "",
        venue=_venue(match.group("venue") or ""),
        year=int(match.group("year")),
        code=[u.strip() for t, u, _, _ in links[1:] if _is_code(t, u)],
        section=" > ".join(path),
        out_of_scope=_NOT_PRUNING.get(title, ""),
    )
    if paper.out_of_scope:  # never imported: its labels would only be noise in the report
        return paper
    for heading in path:
        when = _WHEN_HEADINGS.get(heading.lower())
        if when and when not in paper.labels.get("when", []):
            paper.labels.setdefault("when", []).append(when)
            paper.label_notes["when"] = "; ".join(filter(None, [paper.label_notes.get("when"), f"section {heading}"]))
    return paper


def _venue(text: str) -> str:
    """The venue as written; "ICLR reject" names where a paper was rejected, not a venue."""
    text = " ".join(text.split())
    return "" if re.search(r"\breject", text, re.IGNORECASE) else text


def _is_web(url: str) -> bool:
    return urlsplit(url.strip()).scheme in ("http", "https")


def _is_code(text: str, url: str) -> bool:
    host = urlsplit(url.strip()).netloc.lower().removeprefix("www.")
    return "code" in text.lower() and _is_web(url) and host in _CODE_HOSTS


def plain(text: str) -> str:
    """Text without Markdown links, images, emphasis, code marks and HTML tags; spaces collapsed."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # badges and images
    for label, target, start, end in reversed(find_links(text)):
        text = text[:start] + label + text[end:]
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())
