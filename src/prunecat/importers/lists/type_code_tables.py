"""Reader for he-y/Awesome-Pruning (`README.md`): Markdown tables of papers under year headings.

Format: one table per year heading (`### 2023`), columns Title | Venue | Type | Code. The Title cell
is a link `[title](paper url)`; Venue is a short name, sometimes with an award (`ICLR **(Oral)**`,
kept as written without the bold); Type holds one backticked code from the list's legend ("Type of
Pruning": `F` Filter pruning, `W` Weight pruning, `S` Special Networks, `Other` other types) or two
codes glued together (`WF`); Code holds links such as `[PyTorch(Author)](url)` or `-`.

How a row maps: the year comes from the year heading above the table; `W` -> granularity `weight`
(speedup `unstructured`), `F` -> `filter` (`structured`), `Other` -> `other` (no speedup); each label
notes its code ("type code WF"). `S` says what kind of network was pruned, not what was removed, and
"special" names no taxonomy model family, so it gives no label. A code that does not split into
legend codes (`FO`) gives no label either. Rows of tables without a Title column (the legend) and
rows without a title are skipped. The list is about pruning; the few rows whose papers do not prune
a network are kept with their reason in `out_of_scope` (`NOT_PRUNING`).

Slips repaired, each where it is made: a title pasted twice in a row, a stray "github" ending a
title, text after the Title link, extra links in the Title cell (extensions; the first link is the
paper), `https://https://` code links, `[Code Deleted](...)` links (no code), a paper link repeated
on a later row for another title (cleared there), short rows (missing cells are empty).

The generic table helpers here (`table_rows`, `title_and_url`, `code_urls`, `clean_text`, ...) are
also used by `year_tables`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ...links import check_url
from ..awesome_list.markdown import find_links, split_cells
from .record import ListPaper

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_FENCE = re.compile(r"^\s*(```|~~~)")
#: Headings that only navigate (a table of contents); they are left out of a row's section.
_NAVIGATION = {"table of contents", "contents"}

#: The legend's codes -> granularity ids (taxonomy.yml, facet granularity). `S` (Special Networks)
#: is deliberately absent: it names no granularity and no model family of the taxonomy.
GRANULARITY = {"W": "weight", "F": "filter", "Other": "other"}
#: The speedup each granularity implies, as taxonomy.yml's granularity values declare it.
SPEEDUP = {"weight": "unstructured", "filter": "structured"}
#: Every code of the legend, longest first so that `Other` is matched before single letters.
LEGEND = ("Other", "W", "F", "S")

#: Rows the list files under pruning whose papers neither prune nor sparsify a network (judged from
#: the papers themselves), as the list writes their titles -> the reason, for `out_of_scope`.
NOT_PRUNING = {
    "Diffusion Models for Causal Discovery via Topological Ordering": "causal discovery; prunes graph edges, not a network",
    "Deep k-Means: Re-Training and Parameter Sharing with Harder Cluster Assignments for Compressing Deep Convolutions": (
        "weight sharing by clustering, no pruning"
    ),
    "Learning Filter Basis for Convolutional Neural Network Compression": "filter decomposition, no pruning",
    "Convolutional Neural Network Compression through Generalized Kronecker Product Decomposition": (
        "tensor decomposition, no pruning"
    ),
}


@dataclass
class TableRow:
    """One body row of a Markdown table whose header names a Title column."""

    line: int  # 1-based
    section: str  # headings above, " > "-joined
    year: int | None  # the innermost year heading above, if any
    cells: dict[str, str]  # lower-cased column name -> raw cell text ("" when the row is short)


def read(path: Path) -> list[ListPaper]:
    """The papers of he-y/Awesome-Pruning's README, in file order."""
    papers = []
    for paper, row in table_papers(path, NOT_PRUNING, venue="venue", code="code"):
        _label(paper, row.cells.get("type", ""))
        papers.append(paper)
    return clear_reused_urls(papers)


def table_papers(path: Path, not_pruning: dict[str, str], *, venue: str, code: str) -> list[tuple[ListPaper, TableRow]]:
    """Every table row of `path` that names a paper, as (paper, row): title and link from the
    Title cell, venue and code links from the columns so named, the year from the heading above;
    `not_pruning` (title -> reason) marks rows outside the scope. Shared by the table readers."""
    skip = {title_key(t): why for t, why in not_pruning.items()}
    out = []
    for row in table_rows(path.read_text(encoding="utf-8")):
        title, url = title_and_url(row.cells.get("title", ""))
        if not title:  # a blank row, or a table that is not a list of papers
            continue
        paper = ListPaper(
            line=row.line,
            title=title,
            url=url,
            venue=clean_text(row.cells.get(venue, "")).strip("-").strip(),
            year=row.year,
            code=code_urls(row.cells.get(code, "")),
            section=row.section,
            out_of_scope=skip.get(title_key(title), ""),
        )
        out.append((paper, row))
    return out


def _label(paper: ListPaper, cell: str) -> None:
    """Granularity and speedup from the Type cell's code(s), when every part is a legend code."""
    code = re.sub(r"[`*\s]", "", cell)
    parts = _split_code(code)
    if not parts:
        return
    granularity = [GRANULARITY[p] for p in parts if p in GRANULARITY]
    speedup = [SPEEDUP[g] for g in granularity if g in SPEEDUP]
    note = f"type code {code}"
    for dimension, ids in (("granularity", granularity), ("speedup", speedup)):
        if ids:
            paper.labels[dimension] = list(dict.fromkeys(ids))
            paper.label_notes[dimension] = note


def _split_code(code: str) -> list[str]:
    """`WF` -> ["W", "F"]; [] when the code is empty or holds anything the legend does not define."""
    parts = []
    while code:
        head = next((c for c in LEGEND if code.startswith(c)), None)
        if head is None:
            return []
        parts.append(head)
        code = code[len(head) :]
    return parts


# --- generic Markdown table reading, shared with the other table readers -------------------------


def table_rows(text: str) -> Iterator[TableRow]:
    """The body rows of every table with a Title column, outside code fences, with their headings."""
    headings: list[tuple[int, str]] = []
    columns: list[str] | None = None  # the current table's columns, None outside a paper table
    in_fence = False
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        stripped = line.strip()
        if in_fence or not stripped.startswith("|"):
            columns = None
            if not in_fence and (m := _HEADING.match(stripped)):
                level = len(m.group(1))
                headings = [h for h in headings if h[0] < level] + [(level, clean_text(m.group(2)))]
            continue
        if _SEPARATOR.match(stripped):
            continue
        nxt = lines[number].strip() if number < len(lines) else ""
        if _SEPARATOR.match(nxt):  # a header row: the line under it is the |---| separator
            names = [clean_text(c).lower() for c in split_cells(stripped)]
            columns = names if "title" in names else None
            continue
        if columns is None:
            continue
        cells = split_cells(stripped)
        cells += [""] * (len(columns) - len(cells))  # a short row: the missing cells are empty
        yield TableRow(number, _section(headings), _year(headings), dict(zip(columns, cells)))


def _section(headings: list[tuple[int, str]]) -> str:
    # the level-1 heading is the list's own name, not a section of it
    return " > ".join(h for level, h in headings if level > 1 and h.lower() not in _NAVIGATION)


def _year(headings: list[tuple[int, str]]) -> int | None:
    return next((int(h) for _, h in reversed(headings) if _YEAR.match(h)), None)


def title_and_url(cell: str) -> tuple[str, str]:
    """The paper's title and link from a Title cell: the first link's text and target (later links
    are extensions or extra versions); the cell's text when it holds no link."""
    links = find_links(cell)
    if not links:
        return _fix_title(clean_text(cell).strip("-").strip()), ""
    text, target, _, _ = links[0]
    return _fix_title(clean_text(text)), fix_url(target)


def _fix_title(title: str) -> str:
    half = len(title) // 2
    if title and len(title) % 2 == 0 and title[:half] == title[half:]:
        title = title[:half]  # a title pasted twice in a row ("...PredictionFire Together...")
    if title.endswith(" github"):
        title = title[: -len(" github")]  # the word of a lost code link left in the title
    return title


def code_urls(cell: str) -> list[str]:
    """The code links of a Code cell (their targets only), skipping links marked as deleted."""
    urls = []
    for text, target, _, _ in find_links(cell):
        url = fix_url(target)
        if url and "deleted" not in text.lower() and url not in urls:
            urls.append(url)
    return urls


def clear_reused_urls(papers: list[ListPaper]) -> list[ListPaper]:
    """Clear a paper link that an earlier row of the list already gave to another title: one link
    is one paper, and the later row is the copy-paste slip (in he-y, an ICCV paper carries the
    NeurIPS link of the row 16 lines above)."""
    owner: dict[str, str] = {}
    for paper in papers:
        key = title_key(paper.title)
        if owner.setdefault(paper.url, key) != key and paper.url:
            paper.url = ""
    return papers


def fix_url(url: str) -> str:
    """A link target with obvious slips repaired, or "" when it is no web address."""
    url = url.strip()
    url = re.sub(r"^(https?://)+(https?://)", r"\2", url)  # "https://https://github.com/..."
    return "" if check_url(url) else url


def clean_text(markdown: str) -> str:
    """Text of a Markdown snippet: images dropped, links replaced by their text, emphasis, code
    marks and HTML tags removed, spaces collapsed."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("**", "").replace("__", "").replace("`", "").replace("\\|", "|")
    text = re.sub(r"(?<![\w*])\*(\S[^*]*?)\*(?![\w*])", r"\1", text)  # *italic*
    return " ".join(text.split())


def title_key(title: str) -> str:
    """A title reduced to lower-case letters and digits, to compare titles across spellings."""
    return re.sub(r"[^a-z0-9]", "", title.lower())
