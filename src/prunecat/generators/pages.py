"""Pages generated from the catalog: the taxonomy, an axis, a category, a paper, all papers.

Catalog values are emitted as escaped HTML, so a title such as `<img src=x onerror=...>` is shown
as text and Markdown syntax in data is inert. The pages that grow with the catalog (a paper, a
category, all papers) are `PageText`s (see blocks.py), so their tables skip Markdown.
"""

from __future__ import annotations

from itertools import groupby

from ..model import Catalog, Paper
from ..taxonomy import AXIS_IDS, PAPER_SOURCE, Axis
from .blocks import PageText, PageWriter
from .curation import curation_page
from ..urls import (
    CATALOG_BIB, CATALOG_JSON, CURATION, MATRIX, PAPERS, RECENT, SECTION_SOURCES, TAXONOMY, TRENDS, axis_source,
    axis_url, category_source, category_url, href, paper_source, paper_url, search_url, taxonomy_url,
)
from .html import author_list, category_chips, code_links, esc, facet_labels, link, md_text
from .matrix import matrix_page
from .recent import recent_page
from .related import RelatedIndex
from .trends import trends_page

def generate_pages(catalog: Catalog, edit_base: str = "") -> dict[str, PageText]:
    """Every generated page, keyed by its path under docs/ (e.g. `taxonomy/when/run-time.md`)."""
    pages = section_pages(catalog, edit_base)
    papers = PaperPages(catalog, edit_base)
    for paper in catalog.papers:
        pages[papers.path(paper)] = papers.page(paper)
    return pages


def section_pages(catalog: Catalog, edit_base: str = "") -> dict[str, PageText]:
    """The generated pages other than the per-paper ones (plain Markdown ones as blockless PageText)."""
    pages: dict[str, str | PageText] = {
        SECTION_SOURCES[TAXONOMY]: taxonomy_page(catalog),
        SECTION_SOURCES[PAPERS]: papers_page(catalog),
        SECTION_SOURCES[TRENDS]: trends_page(catalog),
        SECTION_SOURCES[MATRIX]: matrix_page(catalog),
        SECTION_SOURCES[RECENT]: recent_page(catalog),
        SECTION_SOURCES[CURATION]: curation_page(catalog, edit_base),
    }
    for axis in catalog.taxonomy.axes:
        pages[axis_source(axis.id)] = PageText(axis_page(catalog, axis), title=axis.name)
        for category in axis.categories:
            pages[category_source(axis.id, category.id)] = category_page(catalog, axis, category.id)
    return {path: PageText(page) if isinstance(page, str) else page for path, page in pages.items()}


class PaperPages:
    """Per-paper pages, made one at a time on demand (a `serve` rebuild makes only changed ones)."""

    def __init__(self, catalog: Catalog, edit_base: str = "") -> None:
        self.catalog = catalog
        self.edit_base = edit_base
        self.related = RelatedIndex(catalog)

    @staticmethod
    def path(paper: Paper) -> str:
        return paper_source(paper.key)

    def page(self, paper: Paper) -> PageText:
        return paper_page(self.catalog, paper, self.related.of(paper), self.edit_base)


# ---------------------------------------------------------------------------------------------
# The taxonomy, an axis, a category


def taxonomy_page(catalog: Catalog) -> str:
    at = taxonomy_url()
    tax = catalog.taxonomy
    out = [
        "# The taxonomy",
        "",
        f"The survey sorts pruning methods along five independent axes. A paper has a place on each "
        f"axis, so the axes combine: a method can be structured, applied after training, driven by a "
        f"loss-change criterion and fused with quantization all at once. The catalog currently holds "
        f"**{len(catalog.papers)} papers**.",
        "",
        diagram_svg(catalog),
        "",
    ]
    for axis in tax.axes:
        labelled = len(catalog.papers) - len(catalog.unlabelled(axis.id))
        out += [
            f"## {md_text(axis.name)}",
            "",
            f"<p><em>{esc(axis.question)}</em> {esc(axis.about)}</p>",
            "",
            "<ul>" + "".join(
                f"<li>{link(href(at, category_url(axis.id, c.id)), c.name)} ({len(catalog.in_category(axis.id, c.id))})"
                + ("<ul>" + "".join(
                    f"<li>{link(href(at, category_url(axis.id, sub)), axis.category(sub).name)} "
                    f"({len(catalog.in_category(axis.id, sub))})</li>" for sub in c.children) + "</ul>" if c.children else "")
                + "</li>"
                for c in axis.top_level()
            ) + "</ul>",
            "",
            f"<p>{labelled} of {len(catalog.papers)} papers are labelled on this axis. "
            f"{link(href(at, axis_url(axis.id)), 'More about ' + axis.short.lower())}</p>",
            "",
        ]
    return "\n".join(out)


def axis_page(catalog: Catalog, axis: Axis) -> str:
    at = axis_url(axis.id)
    unlabelled = catalog.unlabelled(axis.id)
    out = [
        f"# {md_text(axis.name)}",
        "",
        f"<p class=\"pc-question\"><strong>{esc(axis.question)}</strong></p>",
        f"<p>{esc(axis.about)}</p>",
        "",
        "## Categories",
        "",
    ]
    rows = []
    for c in axis.categories:
        count = len(catalog.in_category(axis.id, c.id))
        indent = ' class="pc-sub"' if c.parent else ""
        rows.append(
            f"<tr{indent}><td>{link(href(at, category_url(axis.id, c.id)), c.name)}</td>"
            f"<td><code>{esc(c.id)}</code></td><td>{count}</td><td>{esc(c.about)}</td></tr>"
        )
    out += [
        "<table><thead><tr><th>Category</th><th>Id</th><th>Papers</th><th>What it means</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>",
        "",
        "## Not yet labelled",
        "",
        f"<p>{len(unlabelled)} of {len(catalog.papers)} papers have no label on this axis yet. "
        f"{link(href(at, search_url(unlabelled=axis.id)), 'List them in the search')}, or label one by "
        f"editing its entry.</p>",
        "",
    ]
    return "\n".join(out)


def category_page(catalog: Catalog, axis: Axis, category_id: str) -> PageText:
    at = category_url(axis.id, category_id)
    category = axis.category(category_id)
    papers = catalog.in_category(axis.id, category_id)
    out = PageWriter(title=category.name)
    out.md(f"# {md_text(category.name)}", "")
    crumbs = [link(href(at, axis_url(axis.id)), axis.name)]
    if category.parent:
        crumbs.append(link(href(at, category_url(axis.id, category.parent)), axis.category(category.parent).name))
    out.md(
        f"<p class=\"pc-crumbs\">{' › '.join(crumbs)} · id <code>{esc(category.id)}</code></p>",
        f"<p>{esc(category.about)}</p>",
    )
    if category.children:
        subs = ", ".join(link(href(at, category_url(axis.id, c)), axis.category(c).name) for c in category.children)
        out.md(f"<p>Sub-categories: {subs}. Their papers are included below.</p>")
    out.md(
        f"<p><strong>{len(papers)} papers.</strong> "
        f"{link(href(at, search_url(**{axis.id: category_id})), 'Filter these papers in the search')}</p>",
        "",
    )
    paper_tables(out, catalog, papers, at, skip_axis=axis.id)
    return out.page()


def papers_page(catalog: Catalog) -> PageText:
    at = PAPERS
    out = PageWriter()
    out.md(
        "# All papers",
        "",
        f"<p>{len(catalog.papers)} papers, newest first. {link(href(at, search_url()), 'Search and filter them')}, "
        f"or download the whole catalog as {link(href(at, CATALOG_JSON), 'JSON')} or "
        f"{link(href(at, CATALOG_BIB), 'BibTeX')}.</p>",
        "",
    )
    paper_tables(out, catalog, list(catalog.papers), at, skip_axis="")
    return out.page()


def paper_tables(out: PageWriter, catalog: Catalog, papers: list[Paper], at: str, skip_axis: str) -> None:
    """Papers grouped by year, newest first: one heading and one table per year."""
    if not papers:
        out.md("<p>No paper in the catalog carries this label yet.</p>", "")
        return
    other_axes = [a for a in AXIS_IDS if a != skip_axis]
    axes = {a.id: a for a in catalog.taxonomy.axes}
    head = "".join(f"<th>{esc(axes[a].short)}</th>" for a in other_axes)
    ordered = sorted(papers, key=lambda p: (-p.year, p.title.lower()))
    for year, group in groupby(ordered, key=lambda p: p.year):
        rows = []
        for p in group:
            labels = "".join(f"<td>{category_chips(catalog, p, a, at, compact=True)}</td>" for a in other_axes)
            venue = esc(p.venue) + (f" <small>({esc(p.venue_note)})</small>" if p.venue_note else "")
            rows.append(
                f"<tr data-key=\"{esc(p.key)}\"><td>{link(href(at, paper_url(p.key)), p.title)}"
                f"<br><small>{esc(author_list(p, 3))}</small></td><td>{venue}</td><td>{p.year}</td>"
                f"<td>{facet_labels(catalog.taxonomy, 'granularity', p.facets['granularity']) or '–'}</td>"
                f"<td>{code_links(p, catalog.taxonomy, short=True)}</td>{labels}</tr>"
            )
        out.md(f"## {year}")
        out.html(
            "<table class=\"pc-papers\"><thead><tr><th>Title</th><th>Venue</th><th>Year</th><th>Granularity</th>"
            f"<th>Code</th>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )


# ---------------------------------------------------------------------------------------------
# A paper


def paper_page(catalog: Catalog, paper: Paper, related: list[Paper], edit_base: str) -> PageText:
    at = paper_url(paper.key)
    tax = catalog.taxonomy
    venue = " ".join(x for x in (esc(paper.venue), f"({esc(paper.venue_note)})" if paper.venue_note else "", str(paper.year)) if x)
    links = [link(url, name if name != "arxiv" else "arXiv", cls="md-button", external=True)
             for name, url in (("Paper", paper.url), ("arxiv", paper.links.get("arxiv", "")), ("DOI", paper.links.get("doi", ""))) if url]
    out = PageWriter(title=paper.title)
    # the h1 stays in the Markdown: Material adds its own (unescaped) title when page content has none
    out.md(f"<h1 class=\"pc-title\">{esc(paper.title)}</h1>")
    out.html(
        f"<p class=\"pc-authors\">{esc(author_list(paper))}</p>"
        f"<p class=\"pc-venue\">{venue}"
        + (f" · {esc(paper.venue_full)}" if paper.venue_full and paper.venue_full != paper.venue else "")
        + (f" · algorithm <strong>{esc(paper.algorithm)}</strong>" if paper.algorithm else "")
        + ("  · <span class=\"pc-flag\">pioneer work</span>" if paper.pioneer else "")
        + (" · <span class=\"pc-flag\">survey</span>" if paper.survey else "")
        + "</p>"
        + (f"<p class=\"pc-links\">{' '.join(links)}</p>" if links else "")
        + (f"<p class=\"pc-summary\">{esc(paper.summary)}</p>" if paper.summary else "")
    )
    out.md("## Code")
    out.html(f"<p>{code_links(paper, tax)}</p>" if paper.code else "<p>No code release recorded.</p>")
    out.md("## Place in the taxonomy")
    out.html(
        "<table class=\"pc-labels\"><thead><tr><th scope=\"col\">Axis</th><th scope=\"col\">Labels</th>"
        "<th scope=\"col\">Why these labels</th></tr></thead><tbody>"
        + "".join(f"<tr><th scope=\"row\">{link(href(at, axis_url(a.id)), a.name)}</th><td>{category_chips(catalog, paper, a.id, at)}</td>"
                  f"<td class=\"pc-evidence\">{label_evidence(catalog, paper, a.id)}</td></tr>" for a in tax.axes)
        + "".join(
            f"<tr><th scope=\"row\">{esc(tax.facet(f).name)}</th><td colspan=\"2\">{facet_labels(tax, f, paper.facets[f])}</td></tr>"
            for f in ("granularity", "model", "task", "setting") if paper.facets[f]
        )
        + "</tbody></table>"
        + fact_check(paper)
    )
    out.md("## BibTeX")
    out.html(f"<pre class=\"pc-bibtex\"><code>{esc(paper_bibtex(paper))}</code></pre>")
    if related:
        out.md("## Related papers")
        out.html(
            "<p>Papers sharing the most labels with this one.</p>"
            "<ul class=\"pc-related\">" + "".join(
                f"<li>{link(href(at, paper_url(r.key)), r.title)} <small>({esc(r.venue)} {r.year})</small></li>" for r in related
            ) + "</ul>"
        )
    if edit_base:
        out.html(f"<p class=\"pc-edit\">{link(edit_base + paper.path, 'Edit this entry')} — "
                 f"<code>catalog/{esc(paper.path)}</code></p>")
    return out.page()


def label_evidence(catalog: Catalog, paper: Paper, axis: str) -> str:
    """Where the label of one axis comes from: the paper, read (with the page), or a source list."""
    if not paper.labels.get(axis):
        return '<span class="pc-unlabelled">not yet examined</span>'
    source = paper.evidence.sources.get(axis)
    note = paper.evidence.notes.get(axis, "")
    if source is None:
        return '<span class="pc-unlabelled">source not recorded</span>'
    if source == PAPER_SOURCE:
        return "read from the paper" + (f" ({link(paper.evidence.read, 'page read', external=True)})" if paper.evidence.read else "")
    listed = catalog.taxonomy.source(source)
    name = link(listed.url, listed.name, external=True) if listed else esc(source)
    return f"from the list {name}" + (f", {esc(note)}" if note else "")


def fact_check(paper: Paper) -> str:
    """When and against which page title, authors, year, venue and links were checked."""
    ev = paper.evidence
    if not ev.checked:
        return '<p class="pc-factcheck">The bibliographic facts of this entry have not been checked against the paper yet.</p>'
    text = (f'<p class="pc-factcheck">Title, authors, year, venue and links checked on {ev.checked.isoformat()} against '
            f'{link(ev.read, ev.read, external=True)}.')
    return text + (f" Corrected: {esc(ev.corrections)}" if ev.corrections else "") + "</p>"


def paper_bibtex(paper: Paper) -> str:
    from ..bibtex import with_key

    return with_key(paper.bibtex, paper.key)


# ---------------------------------------------------------------------------------------------
# The taxonomy diagram: inline SVG built from the taxonomy data (no image file)


def diagram_svg(catalog: Catalog) -> str:
    axes = catalog.taxonomy.axes
    col_w, box_h, gap, top = 190, 30, 8, 70
    width = col_w * len(axes) + 20
    rows = max(len(a.categories) for a in axes)
    height = top + 50 + rows * (box_h + gap) + 10
    parts = [
        f'<svg class="pc-diagram" viewBox="0 0 {width} {height}" role="img" aria-labelledby="pc-diagram-title pc-diagram-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        '<title id="pc-diagram-title">The five axes of the pruning taxonomy</title>',
        '<desc id="pc-diagram-desc">' + esc("; ".join(
            f"{a.name}: " + ", ".join(c.name for c in a.categories) for a in axes)) + "</desc>",
        f'<rect x="{width / 2 - 110}" y="6" width="220" height="34" rx="6" class="pc-d-root"/>',
        f'<text x="{width / 2}" y="28" text-anchor="middle" class="pc-d-root-text">Neural network pruning</text>',
    ]
    for i, axis in enumerate(axes):
        x = 10 + i * col_w
        cx = x + col_w / 2
        parts.append(f'<line x1="{width / 2}" y1="40" x2="{cx}" y2="{top}" class="pc-d-edge"/>')
        # no <a> inside the SVG: Material's instant navigation sets `.href` on every link, which an
        # SVG link does not allow; the lists below the diagram link every axis and category
        parts.append(f'<rect x="{x + 5}" y="{top}" width="{col_w - 10}" height="40" rx="6" class="pc-d-axis"/>'
                     f'<text x="{cx}" y="{top + 25}" text-anchor="middle" class="pc-d-axis-text">{esc(axis.short)}</text>')
        for j, c in enumerate(axis.categories):
            y = top + 50 + j * (box_h + gap)
            indent = 14 if c.parent else 0
            count = len(catalog.in_category(axis.id, c.id))
            parts.append(
                f'<rect x="{x + 5 + indent}" y="{y}" width="{col_w - 10 - indent}" '
                f'height="{box_h}" rx="4" class="pc-d-cat"/><text x="{x + 12 + indent}" y="{y + 19}" class="pc-d-cat-text">'
                f'{esc(_short(c.name, 22 - indent // 7))} ({count})</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _short(text: str, n: int) -> str:
    for prefix in ("Pruning and ", "Pruning "):
        if text.startswith(prefix) and len(text) > n:
            text = text[len(prefix):]
            text = text[0].upper() + text[1:]
    return text if len(text) <= n else text[: n - 1] + "…"

