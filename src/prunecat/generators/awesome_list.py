"""The catalog as an awesome-list README (Markdown tables), so the GitHub README can be regenerated
from the data instead of edited by hand. `catalog import` reads this format back."""

from __future__ import annotations

from itertools import groupby

from ..importers.awesome_list.sections import SECTIONS, section
from ..model import Catalog, Paper

HEADER = "| No. | Title | Venue | Type | Algorithm Name | Code | APP | Year |"
RULE = "|:----:|:----- |:-----:|:----:|:----:|:----:|:----:|:----:|"
_WHO = {True: "Author", False: "3rd"}
# Headings the importer recognises: the list's own section titles, from the one table both use.
_WHEN_SECTIONS = {s.id: s.heading for s in SECTIONS if s.dimension == "when"}
_SETTING_SECTIONS = {s.id: s.heading for s in SECTIONS if s.dimension == "setting"}
_FUSION_HEADING = section("fusion", "quantization").heading
_SURVEY_HEADING = section("survey", "true").heading


def awesome_list(catalog: Catalog, papers: list[Paper] | None = None, title: str = "awesome-pruning") -> str:
    chosen = list(catalog.papers if papers is None else papers)
    out = [
        f"# {title}",
        "",
        f"{len(chosen)} papers, generated from the catalog. Do not edit by hand: "
        "edit the entries in `catalog/papers/` and run `catalog export --format markdown`.",
        "",
        "## 1. When to Prune",
        "",
        "### 1.1 Static Pruning",
        "",
    ]
    for cid, heading in _WHEN_SECTIONS.items():
        out += [heading, ""]
        # a paper listed under a sub-category is not repeated under its parent
        rows = [p for p in chosen if cid in p.labels["when"]]
        out += _tables(catalog, rows)
    out += ["## 2. Learning and Pruning", ""]
    for sid, heading in _SETTING_SECTIONS.items():
        out += [heading, ""] + _tables(catalog, [p for p in chosen if sid in p.facets["setting"]])
    out += ["## 4. Combination", "", _FUSION_HEADING, ""]
    out += _tables(catalog, [p for p in chosen if "quantization" in p.categories["fusion"]])
    out += [_SURVEY_HEADING, ""] + _tables(catalog, [p for p in chosen if p.survey])
    # papers in no "when" section: not yet examined, or checked as [none] or [unclear] on that axis
    rest = [
        p
        for p in chosen
        if not p.categories["when"]
        and not p.survey
        and not p.facets["setting"]
        and "quantization" not in p.categories["fusion"]
    ]
    out += ["## 6. Other Works", "", "### Papers", ""] + _tables(catalog, rest)
    return "\n".join(out).rstrip() + "\n"


def _tables(catalog: Catalog, papers: list[Paper]) -> list[str]:
    out: list[str] = []
    ordered = sorted(papers, key=lambda p: (-p.year, p.title.lower()))
    for year, group in groupby(ordered, key=lambda p: p.year):
        out += [f"###### {year}", HEADER, RULE]
        out += [_row(catalog, i, p) for i, p in enumerate(group, 1)]
        out.append("")
    return out


def _row(catalog: Catalog, number: int, p: Paper) -> str:
    tax = catalog.taxonomy
    codes = "".join(tax.facet("granularity").value(g).code for g in p.facets["granularity"])
    type_cell = f"`{codes}{'P' if p.pioneer else ''}`" if codes or p.pioneer else "-"
    code = (
        " ".join(
            f"[{tax.facet('framework').value(c.framework).code if c.framework else 'Code'}"
            f"{'(' + _WHO[c.official] + ')' if c.official is not None else ''}]({c.url})"
            for c in p.code
        )
        or "-"
    )
    tasks = "&".join(tax.facet("task").value(t).name for t in p.facets["task"]) or "-"
    venue = p.venue + (f" **({p.venue_note})**" if p.venue_note else "")
    cells = [
        f"{number:02d}",
        f"[{_cell(p.title)}]({p.url or p.links.get('arxiv', '')})",
        _cell(venue),
        type_cell,
        _cell(p.algorithm or "-"),
        code,
        _cell(tasks),
        str(p.year),
    ]
    return "| " + " | ".join(cells) + " |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
