"""Generated pages as a little Markdown plus HTML blocks that skip Markdown.

The pages that grow with the catalog (a paper, a category, all papers, the curation lists) are
mostly HTML built here and already escaped. MkDocs converts only their Markdown (title, headings
for the table of contents, prose) and the blocks are spliced into the rendered page, so megabytes
of table HTML are not re-parsed by Markdown's HTML block parser on every build.

The page templates (prunecat/templates/) mark their HTML blocks with the `html` filter and
`prunecat.templating.page_text` turns the rendered template into a PageText.
"""

from __future__ import annotations

from dataclasses import dataclass

SLOT = "<!--pc-block-{}-->"  # cannot occur in escaped catalog text


@dataclass(frozen=True)
class PageText:
    """A page as Markdown with numbered slots, and the HTML block of each slot."""

    markdown: str
    blocks: tuple[str, ...] = ()
    title: str = ""  # plain text (not escaped) when the page's title comes from catalog data

    def splice(self, html: str) -> str:
        """Fill the slots of the rendered page (or of the Markdown itself) with their blocks."""
        for i, block in enumerate(self.blocks):
            html = html.replace(SLOT.format(i), block, 1)
        return html

    def inline(self) -> str:
        """The equivalent plain Markdown page, with the blocks in place (for the benchmark baseline)."""
        return self.splice(self.markdown)
