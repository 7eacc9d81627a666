"""The merged facts of one paper: scalars from its most specific row, labels, tasks and code from
all its rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ...model import normalize_title
from ...taxonomy import Taxonomy
from ..core import Report, in_order, merge_code
from .merge import ListPaper, primary_row, url_key
from .tables import Row


def paper_data(paper: ListPaper, taxonomy: Taxonomy, report: Report, titles: dict[str, str]) -> dict | None:
    """The merged facts of one paper, or None (reported) when it cannot become an entry."""
    primary = primary_row(paper)
    rows = sorted(paper.rows, key=lambda r: r.line)
    scalars = _scalars(paper, primary, rows, report)
    if scalars is None:
        return None
    arxiv, url = _identifiers(paper, primary, rows, titles, report)
    labels = _labels(primary.title, rows, taxonomy, report)
    return {
        "title": primary.title,
        "authors": paper.bib.author if paper.bib else "",
        **scalars,
        "arxiv": arxiv,
        "doi": paper.bib.doi if paper.bib else "",
        "url": url,
        "labels": {k: in_order(taxonomy, k, v) for k, v in labels.axes.items()},
        "granularity": in_order(taxonomy, "granularity", labels.granularity),
        "task": in_order(taxonomy, "task", labels.tasks),
        "pioneer": labels.pioneer,
        "survey": labels.survey,
        "code": list(labels.codes.values()),
        "paper": paper,
        "primary": primary,
    }


def _scalars(paper: ListPaper, primary: Row, rows: list[Row], report: Report) -> dict | None:
    """Year, venue, venue note and algorithm: the primary row's, others only fill gaps;
    disagreements are reported. None (reported) without a year."""
    title = primary.title
    year = primary.year or next((r.year for r in rows if r.year), None)
    if year is None and paper.bib and paper.bib.year:
        year = paper.bib.year
        report.fix("year from authors.bib", primary, f"no year in the list; {year} from authors.bib")
    if year is None:
        report.drop(primary.line, f"“{title}” not imported: no year in any of its rows")
        return None
    venue = primary.venue or next((r.venue for r in rows if r.venue), "")
    chosen = {
        "year": year,
        "venue": venue,
        "venue_note": primary.venue_note or next((r.venue_note for r in rows if r.venue_note and r.venue == venue), ""),
        "algorithm": primary.algorithm or next((r.algorithm for r in rows if r.algorithm), ""),
    }
    if len(rows) > 1:
        _disagreements(title, primary, rows, chosen, report)
    return chosen


def _disagreements(title: str, primary: Row, rows: list[Row], chosen: dict, report: Report) -> None:
    for what in ("venue", "year", "algorithm"):
        if len({getattr(r, what) for r in rows if getattr(r, what)}) > 1:
            report.suspect(
                "merged rows disagree",
                f"“{title}”: {what} "
                + ", ".join(f"{getattr(r, what)} (line {r.line})" for r in rows if getattr(r, what))
                + f"; {chosen[what]} is used (line {primary.line}, the most specific row)",
            )
    years = [r.year for r in rows if r.year]
    algs = {normalize_title(r.algorithm) for r in rows if r.algorithm}
    if years and max(years) - min(years) > 1 and len(algs) > 1:
        report.suspect(
            "rows may be different papers",
            f"“{title}”: rows "
            + ", ".join(f"{r.line} ({r.year}, {r.algorithm or 'no algorithm'}, {r.link or 'no link'})" for r in rows)
            + " differ in year by more than one and name different algorithms; check that they are one paper",
        )


def _identifiers(
    paper: ListPaper, primary: Row, rows: list[Row], titles: dict[str, str], report: Report
) -> tuple[str, str]:
    """(arXiv id, link): the primary row's link when it is this paper's, else another row's, else the
    arXiv page; links of other papers are reported and replaced."""
    arxiv = paper.eprint or next((r.link_arxiv for r in [primary] + rows if r.link_ok and r.link_arxiv), "")
    url = next((r.link for r in [primary] + rows if r.link and r.link_ok), "")
    for r in rows:
        if r.link and not r.link_ok:
            owner = f" but “{titles[r.link_owner]}”'s" if r.link_owner in titles else ""
            replacement = url or (f"https://arxiv.org/abs/{arxiv}" if arxiv else "")
            report.suspect(
                "link belongs to another paper",
                f"{r.ref()}: `{r.link}` is not this paper's{owner}"
                + (
                    f"; authors.bib gives arXiv {paper.eprint}" if paper.eprint and paper.eprint != r.link_arxiv else ""
                ),
            )
            report.fix("wrong link replaced", r, f"`{r.link}` → " + (f"`{replacement}`" if replacement else "no link"))
    if not url and arxiv:
        url = f"https://arxiv.org/abs/{arxiv}"
    return arxiv, url


@dataclass
class _Labels:
    axes: dict[str, set[str]]
    granularity: list[str]
    tasks: list[str]
    codes: dict[str, dict]
    pioneer: bool = False
    survey: bool = False


def _labels(title: str, rows: list[Row], taxonomy: Taxonomy, report: Report) -> _Labels:
    """The union over all rows of labels (from the headings), type codes, tasks and code links."""
    out = _Labels(defaultdict(set), [], [], {})
    for r in rows:
        for dim, value in r.context:
            if dim == "survey":
                out.survey = True
            else:
                out.axes[dim].add(value)
        out.granularity += [g for g in r.granularity if g not in out.granularity]
        out.tasks += [t for t in r.tasks if t not in out.tasks]
        out.pioneer = out.pioneer or r.pioneer
        for item in r.code:
            merge_code(out.codes, url_key(item["url"]), item, (title, r.line), report)
    for gid in out.granularity:
        speed = taxonomy.facet("granularity").value(gid).speedup
        if speed:
            out.axes["speedup"].add(speed)
    return out
