"""Reader for "paradigm" tables: ishandutta2007/Awesome-Pruning-Algorithms's README.

Format (snapshot 55e31fffb690): numbered `##` sections, each with one Markdown table whose rows are
eras, variants, schedules or applications, not papers. A row names the paper that first used the
idea in a "First Used Paper" (or "First Used Paper / Source") column, as a link, with a "First Used
Year" column. A `## References` section ends the list with numbered APA-style citations
(`1. LeCun, Y., ... (1989). Optimal brain damage. *Advances in ... (NeurIPS)*, 2 [INDEX: 16].`).

How rows map:
- A table row with a link in its paper column is one ListPaper: link text -> `title`, link ->
  `url`, "First Used Year" -> `year`; `section` is the heading path then the row's name. The same
  paper is cited by several tables: it is returned once per row (the pipeline dedupes), each row
  with its own labels. Rows without a link in that column are not papers and are skipped.
- Only the "Variant" table ("Core Granularity & Structural Variants") says what its papers are:
  its Unstructured / Structured / Semi-Structured (N:M) rows map to `speedup` (N:M also to
  `granularity` n-m), noted "table <heading>, row <row name>". The era, schedule and application
  tables name the first paper to use an idea, not a property of that paper, so they map nothing.
- A reference is one ListPaper: `authors` only when the citation lists them all (no "et al."),
  `venue` the abbreviation in parentheses when given, else the italic text; `url` "".
- Links to code hosts (TensorRT-LLM's GitHub) are `out_of_scope` "not a paper"; papers that are
  not about pruning are out of scope by arXiv id (`_NOT_PRUNING`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from ..awesome_list.markdown import find_links, split_cells
from .dated_bullets import plain
from .record import ListPaper

_ATX = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})")
#: `1. Authors (Year). Title. *Venue*, ...`
_REFERENCE = re.compile(
    r"^\d+\.\s+(?P<authors>.+?)\s+\((?P<year>(?:19|20)\d\d)\)\.\s+(?P<title>.+?)\.\s+\*(?P<venue>[^*]+)\*"
)
#: Hosts of code, models and packages: a link there is a tool or a release, not a paper.
_NOT_PAPER_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "pypi.org")

#: Papers the tables cite as applications that do not prune or sparsify a network (by arXiv id).
_NOT_PRUNING = {
    "1602.01527": "sparse hardware accelerator (EIE inference engine), not a pruning method",
    "2007.10319": "architecture search and inference engine for microcontrollers, not pruning",
    "2402.14905": "architecture design of small language models, not pruning",
}


def read(path: Path) -> list[ListPaper]:
    """The linked papers of the list's tables and its references, in file order."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    headings: list[tuple[int, str]] = []
    papers: list[ListPaper] = []
    header: list[str] = []  # the current table's header cells; [] outside a table
    fenced = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if fenced or stripped.startswith("<"):  # the mermaid chart, HTML badges and meta tags
            continue
        heading = _ATX.match(stripped)
        if heading:
            level = len(heading.group("hashes"))
            headings = [h for h in headings if h[0] < level] + [(level, _text(heading.group("text")))]
            header = []
            continue
        if not stripped.startswith("|"):
            header = []
            if headings and "references" in headings[-1][1].lower():
                paper = _reference(number, stripped, [t for _, t in headings])
                if paper is not None:
                    papers.append(paper)
            continue
        if _SEPARATOR.match(stripped):
            continue
        cells = split_cells(stripped)
        if not header:
            header = [c.lower() for c in cells]
            continue
        paper = _table_row(number, cells, header, [t for _, t in headings])
        if paper is not None:
            papers.append(paper)
    return papers


def _text(markdown: str) -> str:
    """Plain text without emoji ("🧩 2. Core ..." -> "2. Core ...")."""
    kept = "".join(c for c in markdown if unicodedata.category(c) != "So" and c not in "\ufe0f\u200d")
    return plain(kept)


def _column(header: list[str], prefix: str) -> int | None:
    return next((i for i, name in enumerate(header) if name.startswith(prefix)), None)


def _table_row(number: int, cells: list[str], header: list[str], path: list[str]) -> ListPaper | None:
    paper_col, year_col = _column(header, "first used paper"), _column(header, "first used year")
    if paper_col is None or paper_col >= len(cells):
        return None
    links = find_links(cells[paper_col])
    if not links:
        return None  # a row naming no paper (none in this snapshot)
    text, url, _, _ = links[0]
    row_name = _text(cells[0])
    year = cells[year_col].strip() if year_col is not None and year_col < len(cells) else ""
    paper = ListPaper(
        line=number,
        title=plain(text),
        url=url.strip(),
        year=int(year) if re.fullmatch(r"(?:19|20)\d\d", year) else None,
        section=" > ".join([*path, row_name]),
        out_of_scope=_out_of_scope(url.strip()),
    )
    if header[0] == "variant" and not paper.out_of_scope:
        _variant_labels(paper, path[-1] if path else "", row_name)
    return paper


def _out_of_scope(url: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if parts.scheme not in ("http", "https") or host in _NOT_PAPER_HOSTS:
        return "not a paper"
    arxiv = _ARXIV.search(url)
    return _NOT_PRUNING.get(arxiv.group(1), "") if arxiv else ""


def _variant_labels(paper: ListPaper, table: str, row_name: str) -> None:
    """Speedup (and N:M granularity) from a row of the Variant table; checked most specific first."""
    name = row_name.lower()
    note = f"table {table}, row {row_name}"
    if "semi-structured" in name:
        paper.labels["speedup"], paper.label_notes["speedup"] = ["semi-structured"], note
        if "n:m" in name:
            paper.labels["granularity"], paper.label_notes["granularity"] = ["n-m"], note
    elif "unstructured" in name:
        paper.labels["speedup"], paper.label_notes["speedup"] = ["unstructured"], note
    elif "structured" in name:
        paper.labels["speedup"], paper.label_notes["speedup"] = ["structured"], note


def _reference(number: int, line: str, path: list[str]) -> ListPaper | None:
    match = _REFERENCE.match(re.sub(r"\s*\[INDEX:[^\]]*\]", "", line))
    if match is None:
        return None  # not a numbered citation
    return ListPaper(
        line=number,
        title=plain(match.group("title")),
        authors=_authors(match.group("authors")),
        venue=_venue(match.group("venue")),
        year=int(match.group("year")),
        section=" > ".join(path),
    )


def _authors(text: str) -> list[str]:
    """["Y. LeCun", "J. Denker", "S. Solla"] from "LeCun, Y., Denker, J., & Solla, S."; [] when the
    list is cut short ("Hoefler, T., et al."), so that no partial author list passes for a whole one."""
    if re.search(r"\bet al\b", text):
        return []
    parts = [p.strip() for p in re.split(r",\s*", text.replace("&", "").strip().rstrip(",")) if p.strip()]
    if len(parts) % 2:
        return []
    return [f"{initials} {surname}" for surname, initials in zip(parts[::2], parts[1::2])]


def _venue(text: str) -> str:
    """ "NeurIPS" from "Advances in Neural Information Processing Systems (NeurIPS)"; the journal name
    otherwise; "" for a "whitepaper", which is not a venue."""
    text = " ".join(text.split())
    if "whitepaper" in text.lower():
        return ""
    short = re.search(r"\(([^()]+)\)\s*$", text)
    return short.group(1).strip() if short else text
