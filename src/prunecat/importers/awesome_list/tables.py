"""Reading the list: headings, tables, rows, cells and links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import bibtex
from ...taxonomy import Taxonomy
from ..core import Report
from .fixes import (
    check_title,
    code_cell,
    fix_url,
    task_cell,
    type_codes,
    venue_cell,
    year_cell,
)
from .markdown import find_links, split_cells
from .sections import LIST_HEADINGS

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_YEAR_HEADING = re.compile(r"(?:^|\s)(?:19|20)\d\d(?:\s+and\s+(?:earlier|before|later))?$", re.I)
_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_COLUMNS = {
    "no.": "no",
    "no": "no",
    "#": "no",
    "title": "title",
    "venue": "venue",
    "type": "type",
    "algorithm name": "algorithm",
    "algorithm": "algorithm",
    "code": "code",
    "app": "app",
    "application": "app",
    "task": "app",
    "tasks": "app",
    "year": "year",
}


@dataclass
class Row:
    line: int
    section: str  # heading path, for the report
    table: int  # line of the table's header row
    context: frozenset  # (dimension, id) labels from the headings
    title: str = ""
    link: str = ""  # fixed link, '' when none
    venue: str = ""
    venue_note: str = ""
    year: int | None = None
    granularity: list[str] = field(default_factory=list)
    pioneer: bool = False
    algorithm: str = ""
    code: list[dict] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    filled: int = 0
    link_ok: bool = True
    link_owner: str = ""  # normalised title of the paper the link belongs to, when not this one

    @property
    def link_arxiv(self) -> str:
        return bibtex.arxiv_id({"url": self.link}) if self.link else ""

    def ref(self) -> str:
        return f"line {self.line} “{self.title}”"


def parse_rows(text: str, taxonomy: Taxonomy, report: Report) -> list[Row]:
    """The rows of every table of papers, outside code fences and HTML comments, each with the
    labels of the headings above it."""
    headings = heading_map(taxonomy)
    stack: list[tuple[int, str, tuple | None]] = []  # (level, text, label)
    rows: list[Row] = []
    lines = text.splitlines()
    hidden = _hidden_lines(lines)
    i = 0
    while i < len(lines):
        line, stripped = lines[i], lines[i].strip()
        m = None if i in hidden else _HEADING.match(line)
        if m:
            level, heading = len(m.group(1)), m.group(2).strip()
            stack = [s for s in stack if s[0] < level]
            name = _NUMBERING.sub("", heading).strip()
            label = None if _YEAR_HEADING.search(name) else headings.get(" ".join(name.lower().split()))
            stack.append((level, heading, label))
        elif (
            i not in hidden
            and stripped.startswith("|")
            and i + 1 < len(lines)
            and _SEPARATOR.match(lines[i + 1].strip())
        ):
            end = i + 2
            while end < len(lines) and lines[end].strip().startswith("|"):
                end += 1
            rows += _table(lines, i, end, stack, taxonomy, report)
            i = end
            continue
        i += 1
    return rows


def _hidden_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside code fences and HTML comments (fence and comment lines included)."""
    hidden: set[int] = set()
    in_fence = in_comment = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("```") or stripped.startswith("~~~"):
            in_fence = not in_fence
            hidden.add(i)
        elif in_fence:
            hidden.add(i)
        elif in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            hidden.add(i)
    return hidden


def _table(lines: list[str], start: int, end: int, stack: list, taxonomy: Taxonomy, report: Report) -> list[Row]:
    """The rows of the table whose header is line `start` and whose rows end before line `end`."""
    stripped = lines[start].strip()
    header = [c.strip().lower() for c in split_cells(stripped)]
    columns = [_COLUMNS.get(" ".join(h.split()), "") for h in header]
    if "title" not in columns:
        report.drop_table(start + 1, f"a table without a Title column ({stripped[:60]}…) was not read as papers.")
        return []
    unknown = [h for h, c in zip(header, columns) if not c and h]
    if unknown:
        report.notes.append(f"line {start + 1}: columns not read: {', '.join(unknown)}.")
    section = " › ".join(h for _, h, _ in stack)
    context = frozenset(s[2] for s in stack if s[2])
    rows = (
        parse_row(j + 1, lines[j].strip(), columns, section, start + 1, context, taxonomy, report)
        for j in range(start + 2, end)
    )
    return [row for row in rows if row is not None]


def heading_map(taxonomy: Taxonomy) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for axis in taxonomy.axes:
        for c in axis.categories:
            out[" ".join(c.name.lower().split())] = (axis.id, c.id)
    for v in taxonomy.facet("setting").values:
        out[v.name.lower()] = ("setting", v.id)
    for v in taxonomy.facet("model").values:
        if v.code:
            out[f"pruning {v.code.lower()}s"] = ("model", v.id)
    out.update(LIST_HEADINGS)
    return out


def parse_row(
    line: int,
    text: str,
    columns: list[str],
    section: str,
    table: int,
    context: frozenset,
    taxonomy: Taxonomy,
    report: Report,
) -> Row | None:
    cells = split_cells(text)
    if len(cells) != len(columns):
        report.odd.append(
            (
                line,
                f"{len(cells)} cells where the header has {len(columns)}; "
                + ("missing cells are read as empty" if len(cells) < len(columns) else "extra cells are ignored"),
            )
        )
    raw = {c: (cells[n] if n < len(cells) else "") for n, c in enumerate(columns) if c}
    row = Row(line=line, section=section, table=table, context=context)
    # title and link
    title_cell = raw.get("title", "")
    unclosed: list[str] = []
    links = find_links(title_cell, unclosed)
    if unclosed:
        report.odd.append(
            (line, f"the title link `{unclosed[0]}` is not closed with `)`; read up to the end of the cell")
        )
    if links:
        text_, target, start, end = links[0]
        row.title = " ".join(text_.split())
        rest = title_cell[end:].strip()
        if rest.startswith(")"):
            report.fix("doubled ))", row, f"a stray `{rest}` after the link was dropped")
            rest = rest.lstrip(")").strip()
        if rest or title_cell[:start].strip():
            report.odd.append(
                (line, f"text outside the title link ignored: `{(title_cell[:start] + ' ' + rest).strip()}`")
            )
        row.link = fix_url(target, row, "paper link", report)
    else:
        row.title = " ".join(title_cell.split())
    if row.title != row.title.strip() or not row.title or row.title == "-":
        report.drop(line, f"no title in `{text[:80]}`; row skipped")
        return None
    check_title(row, report)
    row.venue, row.venue_note = venue_cell(raw.get("venue", ""), row, report)
    row.year = year_cell(raw.get("year", ""), row, report)
    row.granularity, row.pioneer = type_codes(raw.get("type", ""), row, taxonomy, report)
    algorithm = " ".join(raw.get("algorithm", "").split())
    row.algorithm = "" if algorithm in ("-", "") else algorithm
    row.code = code_cell(raw.get("code", ""), row, taxonomy, report)
    row.tasks = task_cell(raw.get("app", ""), row, taxonomy, report)
    row.filled = sum(
        bool(x) for x in (row.link, row.venue, row.year, row.granularity, row.algorithm, row.code, row.tasks)
    )
    return row
