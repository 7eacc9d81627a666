"""Reader for venue bullets: HuangOwen/Awesome-LLM-Compression's README (snapshot 97dec3068d15).

Format: `## Papers` with one `### Section` per technique (Survey, Quantization, Pruning and Sparsity,
Distillation, Efficient Prompting, KV Cache Compression, Other), then `## Tools`; one bullet a row:

    - Title <br> Venue Year [[Paper]](url) [[Code]](url) [[GitHub Page]](url)
    - Title                                   (a few rows: venue and links on an indented line
                                               after a blank line)
      Arxiv 2025  [[Paper]](url) [[Code]](url)
    - ToolName: what it does [[Code]](url)    (Tools)

How rows map: the text before `<br>` is the `title`; the text between `<br>` and the first link is
the venue: its four-digit year is the `year` and the rest the `venue` ("Arxiv 2023" -> "arXiv",
2023; "EMNLP Findings 2023" -> "EMNLP Findings"; emoji distinctions such as "(Best Paper 🏆)" are
dropped). `[[Paper]]`/`[[paper]]` is the `url`, `[[Code]]` the `code`; other links (blogs, GitHub
pages, models, tutorials) are not recorded. `section` is the heading path ("Papers > Quantization").
The table of contents, Contributing and Star History hold no papers; a tool's `title` is its name
only (the text after its colon is the list's description).

Scope: only "Pruning and Sparsity" holds pruning work; the rows of every other section are returned
with `out_of_scope` "section <name>", except surveys whose title is about pruning or sparsity. In
"Pruning and Sparsity", rows on prompts, tokens or the KV cache are out of scope too (`_OUT_OF_SCOPE`).

Labels: no section maps to an axis category. The list admits only LLM work (its Contributing rules:
papers "only evaluated on small-scale language models (e.g., BERT)" are not included), so in-scope
rows get model `llm`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..awesome_list.markdown import find_links
from .labelled_bullets import plain
from .record import ListPaper

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_BULLET = re.compile(r"^[-*+]\s+(?P<text>\S.*?)\s*$")
_CONTINUATION = re.compile(r"^\s+(?P<text>\S.*?)\s*$")  # an indented line: a row's venue and links
_BR = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

#: Top-level headings whose bullets are rows; the others (Contents, Contributing, Star History) not.
_ROW_PARTS = ("Papers", "Tools")
IN_SCOPE_SECTION = "Pruning and Sparsity"
LLM_NOTE = "list of LLM compression papers (its rules admit LLM work only)"
_PRUNING_WORDS = re.compile(r"prun|sparsi", re.IGNORECASE)

#: Rows of "Pruning and Sparsity" outside the catalog (pruning or sparsifying a network), by title
#: start (lower case): they shorten prompts, drop tokens or cache entries, or tune adapters.
_OUT_OF_SCOPE: dict[str, str] = {
    "h2o:": "KV-cache eviction",
    "learning to compress prompts with gist tokens": "prompt compression",
    "dynamic context pruning": "context-token dropping (KV cache), not network pruning",
    "adalora": "parameter-efficient fine-tuning, not pruning",
    "survival of the most influential prompts": "prompt search, not network pruning",
    "scaling sparse fine-tuning": "sparse fine-tuning (a sparse weight update), not a sparse network",
    "llava-prumerge": "visual token reduction, not network pruning",
    "quest:": "KV-cache page selection, not network pruning",
    "hip attention": "sparse attention over tokens, not network pruning",
    "think:": "KV-cache compression",
    "twilight:": "sparse attention over tokens, not network pruning",
}


def read(path: Path) -> list[ListPaper]:
    """The rows of HuangOwen's README (papers and tools), in file order."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    headings: list[tuple[int, str]] = []
    papers: list[ListPaper] = []
    for number, line in enumerate(lines, start=1):
        heading = _HEADING.match(line)
        if heading:
            level, text = len(heading.group("hashes")), plain(heading.group("text"))
            if text != "Contents":  # the table of contents' heading is not a parent of "## Papers"
                headings = [h for h in headings if h[0] < level] + [(level, text)]
            continue
        bullet = _BULLET.match(line)
        path_ = [text for _, text in headings]
        if bullet is None or not path_ or path_[0] not in _ROW_PARTS:
            continue
        text = bullet.group("text")
        if "<br" not in text.lower() and "[[" not in text:
            text += " <br> " + _continuation(lines, number)
        paper = _row(number, text, path_)
        if paper is not None:
            papers.append(paper)
    return papers


def _continuation(lines: list[str], number: int) -> str:
    """The indented venue-and-links line after a title-only bullet (blank lines between allowed)."""
    for line in lines[number:]:
        if not line.strip():
            continue
        more = _CONTINUATION.match(line)
        return more.group("text") if more and "[[" in line else ""
    return ""


def _row(number: int, text: str, path: list[str]) -> ListPaper | None:
    parts = _BR.split(text, maxsplit=1)
    head, rest = (parts[0], parts[1]) if len(parts) == 2 else (text, "")
    links = find_links(rest if rest else head)
    first_link = min((start for _, _, start, _ in links), default=None)
    if not rest and first_link is not None:  # a tool: "Name: description [[Code]](url)"
        head = head[:first_link]
    paper = ListPaper(line=number, title=plain(head), section=" > ".join(path))
    if path[-1] == "Tools":
        paper.title = plain(head.split(": ", 1)[0])
    if not paper.title:
        return None
    venue_text = rest[:first_link] if rest and first_link is not None else rest
    paper.venue, paper.year = _venue_year(plain(venue_text))
    for label, target, _, _ in links:
        kind = label.strip("[] ").lower()
        if kind == "paper" and not paper.url:
            paper.url = target
        elif kind == "code" and target.startswith(("http://", "https://")):
            paper.code.append(target)
    paper.out_of_scope = _out_of_scope(paper.title, path[-1])
    if not paper.out_of_scope:
        paper.labels["model"] = ["llm"]
        paper.label_notes["model"] = LLM_NOTE
    return paper


def _venue_year(text: str) -> tuple[str, int | None]:
    """("arXiv", 2023) from "Arxiv 2023"; ("MLSys", 2024) from "MLSys 2024 (Best Paper 🏆)"."""
    years = _YEAR.findall(text)
    text = _YEAR.sub(" ", text)
    # a parenthesis with an emoji is a distinction at the venue, not the venue
    text = re.sub(
        r"\([^)]*\)", lambda m: "" if any(unicodedata.category(c) == "So" for c in m.group()) else m.group(), text
    )
    venue = " ".join(text.split()).strip(" ,-@")
    if venue.lower() == "arxiv":
        venue = "arXiv"
    return venue, (int(years[0]) if years else None)


def _out_of_scope(title: str, section: str) -> str:
    if section == "Survey" and _PRUNING_WORDS.search(title):
        return ""  # a survey of pruning or sparsity belongs to the catalog
    if section != IN_SCOPE_SECTION:
        return f"section {section}"
    low = title.lower()
    return next((why for start, why in _OUT_OF_SCOPE.items() if low.startswith(start)), "")
