"""Rows of one paper: grouping rows into papers, whose link and code each row carries, and merging
papers listed under differently written titles."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from ...model import normalize_title
from ..core import Report
from .authors import BibRecord
from .tables import Row
from .vocabulary import GENERIC, PREPRINTS


@dataclass
class ListPaper:
    norm: str  # normalised title of the first group
    rows: list[Row]
    bib: BibRecord | None = None
    via_arxiv: bool = False  # merged with another title by arXiv id

    @property
    def eprint(self) -> str:
        return self.bib.eprint if self.bib else ""

    def titles(self) -> list[str]:
        seen: list[str] = []
        for r in self.rows:
            if r.title not in seen:
                seen.append(r.title)
        return seen


def similar(a: str, b: str) -> bool:
    """Two normalised titles that clearly name the same paper."""
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 20 and short in long_:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def word_list(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", text)


def title_tokens(title: str) -> set[str]:
    return {w for w in word_list(title) if len(w) >= 3 and w not in GENERIC}


def url_key(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = re.sub(r"/tree/(?:main|master)$", "", parts.path.rstrip("/")).removesuffix(".git")
    return f"{host}{path}{'?' + parts.query if parts.query else ''}{'#' + parts.fragment if parts.fragment else ''}".lower()


def group(rows: list[Row], bibs: list[BibRecord]) -> dict[str, ListPaper]:
    papers: dict[str, ListPaper] = {}
    for row in rows:
        norm = normalize_title(row.title)
        papers.setdefault(norm, ListPaper(norm=norm, rows=[])).rows.append(row)
    by_title = {b.norm: b for b in bibs}
    claimed = set(papers)
    by_eprint = defaultdict(list)
    for b in bibs:
        if b.eprint and b.norm not in claimed:
            by_eprint[b.eprint].append(b)
    for paper in papers.values():
        paper.bib = by_title.get(paper.norm)
        if paper.bib is None:
            ids = {r.link_arxiv for r in paper.rows} - {""}
            found = [b for i in ids for b in by_eprint.get(i, [])]
            if len(found) == 1:
                paper.bib = found[0]
    return papers


def resolve_links(papers: dict[str, ListPaper], report: Report, *, quiet: bool = False) -> None:
    """Mark each row's link as belonging to its paper or to another one (`row.link_owner`)."""
    _arxiv_owners(papers)
    _shared_links(papers, report, quiet)
    _links_naming_others(papers)


def _arxiv_owners(papers: dict[str, ListPaper]) -> None:
    """A row's arXiv link that authors.bib gives to another paper."""
    owner_of_eprint = {p.eprint: p for p in papers.values() if p.eprint}
    for paper in papers.values():
        for row in paper.rows:
            row.link_ok, row.link_owner = True, ""
            a = row.link_arxiv
            if not a:
                continue
            owner = owner_of_eprint.get(a)
            if paper.eprint and paper.eprint != a and not (owner and similar(owner.norm, paper.norm)):
                row.link_ok, row.link_owner = False, owner.norm if owner else ""
            elif not paper.eprint and owner is not None and owner is not paper and not similar(owner.norm, paper.norm):
                row.link_ok, row.link_owner = False, owner.norm


def _shared_links(papers: dict[str, ListPaper], report: Report, quiet: bool) -> None:
    """The same link on papers with unrelated titles: it stays with the paper it fits best."""
    users: dict[str, list[tuple[ListPaper, Row]]] = defaultdict(list)
    for paper in papers.values():
        for row in paper.rows:
            if row.link and row.link_ok:
                users[row.link_arxiv or url_key(row.link)].append((paper, row))
    for link, used in users.items():
        distinct = []
        for paper, _ in used:
            if not any(p is paper or similar(p.norm, paper.norm) for p in distinct):
                distinct.append(paper)
        if len(distinct) < 2:
            continue
        owner, clear = _link_owner(link, distinct)
        for paper, row in used:
            if paper.norm != owner and not similar(paper.norm, owner):
                row.link_ok, row.link_owner = False, owner
        if not quiet and not clear:
            report.suspect(
                "link shared by different papers",
                f"`{link}` is the link of {', '.join(refs(p) for p in distinct)}; it could not be told whose it is, "
                f"so it is kept on the first listed only",
            )


def _link_owner(link: str, papers: list[ListPaper]) -> tuple[str, bool]:
    """(normalised title of the paper a shared link belongs to, whether that is clear): the one it
    fits best, or else the first listed."""
    scores = {p.norm: link_score(link, p) for p in papers}
    best = max(scores.values())
    winners = [n for n, s in scores.items() if s == best]
    if len(winners) == 1 and best > 0:
        return winners[0], True
    return sorted(papers, key=lambda p: min(r.line for r in p.rows))[0].norm, False


def _links_naming_others(papers: dict[str, ListPaper]) -> None:
    """A single-use link whose words name another paper (e.g. a CVF PDF file name)."""
    index: dict[str, set[str]] = {p.norm: title_tokens(p.rows[0].title) for p in papers.values()}
    for paper in papers.values():
        for row in paper.rows:
            if not row.link or not row.link_ok or row.link_arxiv:
                continue
            tokens = {w for w in word_list(urlsplit(row.link).path) if len(w) >= 3 and w not in GENERIC}
            if len(tokens) < 3:
                continue
            own = len(tokens & index[paper.norm])
            best_norm, best = "", 0
            for norm, words in index.items():
                if norm != paper.norm and len(tokens & words) > best:
                    best_norm, best = norm, len(tokens & words)
            if best >= 3 and best >= own + 2 and not similar(best_norm, paper.norm):
                row.link_ok, row.link_owner = False, best_norm


def link_score(link: str, paper: ListPaper) -> int:
    """How well a (non-arXiv) link fits a paper: title words, venue and year in it, its DOI."""
    if re.fullmatch(r"[0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7}", link, re.I):
        return 1 if paper.eprint == link else 0
    words = set(word_list(link))
    score = len({w for w in words if len(w) >= 3 and w not in GENERIC} & title_tokens(paper.rows[0].title))
    for row in paper.rows:
        if row.venue and row.venue.lower() in words:
            score += 2
            break
    if any(row.year and str(row.year) in words for row in paper.rows):
        score += 1
    if paper.bib and paper.bib.doi:
        tail = re.findall(r"\d{3,}", paper.bib.doi.split("/")[-1])
        if tail and tail[-1] in words:
            score += 3
    for row in paper.rows:
        if row.algorithm and normalize_title(row.algorithm) in {normalize_title(w) for w in re.split(r"[/?#=&]", link)}:
            score += 3
            break
    return score


def refs(paper: ListPaper) -> str:
    return " and ".join(f"line {r.line} “{r.title}”" for r in paper.rows)


def swap_titles(papers: dict[str, ListPaper], report: Report) -> bool:
    """Two rows of one table whose links belong to each other's titles: the title cells are swapped."""
    rows = [(p, r) for p in papers.values() for r in p.rows if r.link_owner]
    swapped = False
    for n, (p1, r1) in enumerate(rows):
        for p2, r2 in rows[n + 1 :]:
            if r1.table == r2.table and r1.link_owner == p2.norm and r2.link_owner == p1.norm:
                report.fix(
                    "swapped titles",
                    r1,
                    f"the links, venues, codes and tasks of line {r1.line} (“{r1.title}”) and line "
                    f"{r2.line} (“{r2.title}”) belong to each other's titles: the two titles were swapped",
                )
                r1.title, r2.title = r2.title, r1.title
                swapped = True
    return swapped


def merge_by_arxiv(papers: dict[str, ListPaper]) -> list[ListPaper]:
    """Papers under differently written titles with the same arXiv id and clearly the same title."""
    out: list[ListPaper] = []
    by_id: dict[str, ListPaper] = {}
    for paper in sorted(papers.values(), key=lambda p: min(r.line for r in p.rows)):
        ids = ({paper.eprint} | {r.link_arxiv for r in paper.rows if r.link_ok}) - {""}
        target = next((by_id[i] for i in sorted(ids) if i in by_id and similar(by_id[i].norm, paper.norm)), None)
        if target is not None:
            target.rows.extend(paper.rows)
            target.via_arxiv = True
            if target.bib is None:
                target.bib = paper.bib
            ids |= {i for i, p in by_id.items() if p is target}
            for i in ids:
                by_id.setdefault(i, target)
            continue
        out.append(paper)
        for i in ids:
            by_id.setdefault(i, paper)
    return out


def primary_row(paper: ListPaper) -> Row:
    """The row whose venue, year and link the entry takes: the most specific one."""
    bib_year = paper.bib.year if paper.bib else None

    def rank(r: Row) -> tuple:
        return (
            r.venue.lower() not in PREPRINTS,
            r.link_ok and bool(r.link),
            r.year is not None and r.year == bib_year,
            r.filled,
            -r.line,
        )

    return max(paper.rows, key=rank)


def resolve_code(papers: list[ListPaper], report: Report) -> None:
    """A code release listed for unrelated papers stays with the paper it belongs to."""
    users: dict[str, list[tuple[ListPaper, Row, dict]]] = defaultdict(list)
    for paper in papers:
        for row in paper.rows:
            for item in row.code:
                users[url_key(item["url"])].append((paper, row, item))
    algorithms = {
        normalize_title(r.algorithm): p for p in papers for r in p.rows if len(normalize_title(r.algorithm)) >= 3
    }
    for used in users.values():
        distinct: list[ListPaper] = []
        for paper, _, _ in used:
            if paper not in distinct:
                distinct.append(paper)
        if len(distinct) > 1:
            _shared_code(used, distinct, report)
        else:
            _code_named_after_another(used, distinct[0], algorithms, report)


def _code_score(paper: ListPaper, url: str) -> int:
    """How well a code link fits a paper: its title words in the link, and its algorithm as a folder."""
    segments = {normalize_title(s) for s in urlsplit(url).path.split("/") if s}
    words = {w for w in word_list(urlsplit(url).path) if len(w) >= 3 and w not in GENERIC}
    s = len(words & title_tokens(paper.rows[0].title))
    if any(normalize_title(r.algorithm) in segments for r in paper.rows if r.algorithm):
        s += 3
    return s


def _shared_code(used: list[tuple[ListPaper, Row, dict]], distinct: list[ListPaper], report: Report) -> None:
    """A code link of several papers stays with the one it fits clearly best; else it is kept on all."""
    url = used[0][2]["url"]
    scores = [(_code_score(p, url), p) for p in distinct]
    best = max(s for s, _ in scores)
    winners = [p for s, p in scores if s == best]
    if len(winners) != 1 or best <= 0:
        report.suspect(
            "code shared by different papers",
            f"`{url}` is given as the code of {', '.join(refs(p) for p in distinct)}; kept on all",
        )
        return
    owner = winners[0]
    for paper, row, item in used:
        if paper is not owner:
            row.code.remove(item)
            report.fix(
                "code link of another paper",
                row,
                f"code `{url}` removed: it is the code of “{primary_row(owner).title}”, which lists it too",
            )


def _code_named_after_another(
    used: list[tuple[ListPaper, Row, dict]], paper: ListPaper, algorithms: dict[str, ListPaper], report: Report
) -> None:
    """A code link of one paper named after another paper's algorithm, with nothing of this one in it."""
    url = used[0][2]["url"]
    other = algorithms.get(repo_name(url))
    if other is not None and other is not paper and _code_score(paper, url) == 0:
        for _, row, item in used:
            row.code.remove(item)
            report.fix(
                "code link of another paper",
                row,
                f"code `{url}` removed: its name is the algorithm of “{primary_row(other).title}”, not of this paper",
            )


def repo_name(url: str) -> str:
    """The name a code link goes by: the repository's, or the last folder of a link into one."""
    segments = [seg for seg in urlsplit(url).path.split("/") if seg]
    return normalize_title(segments[-1]) if len(segments) >= 2 else ""
