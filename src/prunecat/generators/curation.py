"""The /curation/ page: the maintainers' worklist, rendered from `prunecat.curation.worklist`.

The page never decides itself what needs work: it shows the worklist's data, so it cannot drift
from `catalog todo`. The worklist judges "an old preprint" against a date taken from the catalog
(`reference_date`), not the clock, so builds are reproducible and the command agrees.
"""

from __future__ import annotations

from ..curation import MISSING, PREPRINT_YEARS, Worklist, reference_date, worklist
from ..model import Catalog, Paper
from .blocks import PageText, PageWriter
from ..urls import CURATION as CURATION_URL  # the page's own URL, for relative links
from ..urls import href, paper_url
from .html import esc, link
from .recent import long_date



def page_worklist(catalog: Catalog) -> Worklist:
    """Exactly the worklist the page shows (tests compare the page with it)."""
    return worklist(catalog)


def curation_page(catalog: Catalog, edit_base: str = "") -> PageText:
    at = CURATION_URL
    # the hook builds edit_base from mkdocs.yml; still, only ever link to http(s)
    edit_base = edit_base if edit_base.startswith(("https://", "http://")) else ""
    today = reference_date(catalog)
    work = page_worklist(catalog)
    by_key = catalog.by_key()
    total = work.papers
    out = PageWriter()
    out.md(
        "# Curation",
        "",
        "<p>This page is for maintainers: what the catalog still needs. It lists, for each axis of the "
        "survey, the papers nobody has labelled yet, the entries whose bibliographic data is incomplete, "
        "and pairs of entries that may describe the same paper. "
        + ("Each paper links to its page and to its entry file, ready to edit." if edit_base else
           "Each paper links to its page; its entry file is <code>catalog/papers/&lt;key&gt;.yml</code>.")
        + "</p>",
        "<p>The command <code>catalog todo</code> prints the same lists in a terminal "
        "(<code>--format json</code> for scripts, <code>--axis when</code> for one axis with titles). "
        f"Both judge the age of a preprint against <strong>{long_date(today)}</strong>, the newest "
        f"<code>added</code> date in the catalog, rather than the clock, so that every build of the same "
        f"catalog gives the same page (<code>catalog todo --today YYYY-MM-DD</code> judges against another "
        f"date).</p>",
        "",
        # no class: Material styles only tables without one
        "<table class=\"pc-states\"><thead><tr><th>Axis</th><th>Labelled</th><th>[none]</th><th>[unclear]</th>"
        "<th>Not yet examined</th></tr></thead><tbody>"
        + "".join(f"<tr data-axis=\"{esc(g.axis)}\"><td><a href=\"#unlabelled-{esc(g.axis)}\">{esc(g.axis_name)}</a></td>"
                  f"<td>{g.labelled}</td><td>{g.none}</td><td>{len(g.unclear)}</td><td>{g.count}</td></tr>" for g in work.unlabelled)
        + "</tbody></table>",
        "",
        "<table><thead><tr><th>What</th><th>How many</th></tr></thead><tbody>"
        + f"<tr><td><a href=\"#incomplete-metadata\">Incomplete metadata</a></td><td>{len(work.incomplete)}</td></tr>"
        + f"<tr><td><a href=\"#suspected-duplicates\">Suspected duplicates</a></td><td>{len(work.duplicates)} pairs</td></tr>"
        + "</tbody></table>",
        "",
        "## Not yet labelled",
        "",
        "<p>A paper counts as examined on an axis once its entry lists at least one category there, "
        "<code>[none]</code> (a maintainer checked and no category applies) or <code>[unclear]</code> (a "
        "maintainer read the paper's public page and it does not tell). Surveys are examined only on the "
        "axes they are about, so they are not listed here. The lists are folded: open one to see its "
        "papers, in key order.</p>",
        "",
    )
    for group in work.unlabelled:
        if group.unclear:
            items = "".join(f"<li data-key=\"{esc(key)}\">{_paper_ref(by_key, key, at, edit_base)}</li>" for key in group.unclear)
            out.html(
                f"<details class=\"pc-curation\" id=\"unclear-{esc(group.axis)}\"><summary><strong>{esc(group.axis_name)}"
                f"</strong>: {len(group.unclear)} papers examined, unclear from their public text</summary><ul>{items}</ul></details>"
            )
        if not group.keys:
            out.md(f"<p id=\"unlabelled-{esc(group.axis)}\"><strong>{esc(group.axis_name)}</strong>: every paper is "
                   f"labelled.</p>", "")
            continue
        items = "".join(
            f"<li data-key=\"{esc(key)}\">{_paper_ref(by_key, key, at, edit_base)}</li>" for key in group.keys
        )
        out.html(
            f"<details class=\"pc-curation\" id=\"unlabelled-{esc(group.axis)}\"><summary><strong>{esc(group.axis_name)}"
            f"</strong> (<code>{esc(group.axis)}</code>): {group.count} of {total} papers not yet examined</summary>"
            f"<ul>{items}</ul></details>"
        )
    out.md(
        "## Incomplete metadata",
        "",
        "<p>What an entry can lack: " + "; ".join(esc(reason) for reason in MISSING.values())
        + f". A preprint counts as old when its year is more than {PREPRINT_YEARS} years before "
        f"{today.year}.</p>",
        "",
    )
    if work.incomplete:
        rows = "".join(
            f"<tr data-key=\"{esc(item.key)}\"><td>{_paper_ref(by_key, item.key, at, edit_base)}</td>"
            f"<td><ul>{''.join(f'<li>{esc(reason)}</li>' for reason in item.reasons)}</ul></td></tr>"
            for item in work.incomplete
        )
        out.html(
            f"<details class=\"pc-curation\" id=\"incomplete-list\"><summary>{len(work.incomplete)} papers with "
            f"incomplete metadata</summary><table><thead><tr><th>Paper</th><th>What is missing</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></details>"
        )
    else:
        out.md("<p id=\"incomplete-list\">No entry has incomplete metadata.</p>", "")
    out.md(
        "## Suspected duplicates",
        "",
        "<p>Pairs that may be one paper entered twice: titles that are nearly but not exactly the same, the "
        "same paper URL, or the same algorithm name in the same year. Often they are two different papers; "
        "if they are one, merge them into one entry and delete the other file.</p>",
        "",
    )
    if work.duplicates:
        rows = "".join(
            f"<tr data-pair=\"{esc(pair.first)} {esc(pair.second)}\">"
            f"<td>{_paper_ref(by_key, pair.first, at, edit_base)}</td>"
            f"<td>{_paper_ref(by_key, pair.second, at, edit_base)}</td>"
            f"<td><ul>{''.join(f'<li>{esc(reason)}</li>' for reason in pair.reasons)}</ul></td></tr>"
            for pair in work.duplicates
        )
        out.html(
            "<table id=\"duplicates-list\"><thead><tr><th>One entry</th>"
            "<th>The other</th><th>Why they look alike</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        out.md("<p id=\"duplicates-list\">No suspected duplicates.</p>", "")
    return out.page()


def _paper_ref(by_key: dict[str, Paper], key: str, at: str, edit_base: str) -> str:
    """Title linked to the paper page, its key, and an edit link to its entry file."""
    paper = by_key.get(key)
    if paper is None:  # the worklist only names loaded papers; kept safe anyway
        return f"<code>{esc(key)}</code>"
    # many links read "edit": the accessible name says which file (and still starts with the visible word)
    edit = (f" · <a href=\"{esc(edit_base + paper.path)}\" class=\"pc-edit-link\" "
            f"aria-label=\"edit {esc(paper.path)}\">edit</a>") if edit_base else ""
    # not in <small>: Material dims it with opacity, and a link there falls under 4.5:1 contrast
    return f"{link(href(at, paper_url(key)), paper.title)} <code>{esc(key)}</code>{edit}"
