"""Paper pages stamped from shells: the theme renders a paper page once per layout, not once per paper.

Paper pages are nine in ten of the site's pages, and they differ from one another only in their
title, their content and three strings of the theme (canonical address, edit link, citation meta
tags). A *layout* is what is left of a paper page's Markdown once its title is taken out: the
sections it has (with or without results, related papers...), its slots for HTML blocks. The site
generator renders one *shell* per layout, a paper page whose per-paper values are placeholders
(`Placeholders`), and every paper's page is its layout's shell with the paper's values put in.
The output is the page the generator would have rendered for that paper (tests compare the two
for a whole catalog) at a fraction of the cost: Markdown and the theme's templates run once per
layout. Nothing here assumes what the template varies: a paper whose Markdown differs in
anything but its title gets a layout of its own.

Also here: the sitemap entries of the stamped pages, which the theme's instant navigation needs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markupsafe import escape

from ..model import Paper
from ..urls import PAPERS
from .blocks import SLOT, PageText

# The values a shell leaves open, as the shell page carries them. They are found only in the
# shell's own HTML (never in what is put in), so catalog text containing them is harmless.
TITLE = "pc-shell-title"  # the page title, where the theme prints it (<title>, the header)
HEADING = "pc-shell-heading"  # the text of the page's <h1>, where the paper template puts it
ENTRY = "pc-shell-entry"  # the entry file's path at the end of the edit link
CITATION = "pc-shell-citation"  # the citation meta tags in the head

_H1 = re.compile(r"(<h1\b[^>]*>)(.*?)(</h1>)", re.S)
_SLOT = re.compile(SLOT.format(r"(\d+)"))


def shell_source(layout: int) -> str:
    """The source path of a layout's shell page: `_` cannot start a paper key, so no paper has it."""
    return f"{PAPERS}_shell-{layout}.md"


def page_title(title: str) -> str:
    """A paper's title as the theme prints it (raw, in <title> and the header): escaped once here."""
    return html.escape(title, quote=True)


def citation_tags(pairs: list[tuple[str, str]]) -> str:
    """The head's `<meta name=... content=...>` tags, one per line."""
    return "\n".join(f'<meta name="{escape(name)}" content="{escape(content)}">' for name, content in pairs)


class ShellError(ValueError):
    """A shell page that cannot be stamped (a theme override left out its content)."""


@dataclass(frozen=True)
class Layout:
    """A paper page's Markdown with its heading's text taken out, and that text."""

    markdown: str  # the Markdown a shell is rendered from (the heading's text is HEADING)
    heading: str  # the HTML of the paper's <h1> text; "" when the page's Markdown has no <h1>

    @classmethod
    def of(cls, page: PageText) -> Layout:
        found = _H1.search(page.markdown)
        if found is None:  # the theme then adds an <h1> from the page title (TITLE)
            return cls(page.markdown, "")
        start, end = found.span(2)
        return cls(page.markdown[:start] + HEADING + page.markdown[end:], found.group(2))


@dataclass(frozen=True)
class PaperValues:
    """What a shell's placeholders become for one paper."""

    title: str  # as the theme prints it: page_title()
    heading: str  # Layout.heading
    url: str  # the page's address under the site (papers/<key>/), in place of the shell's
    entry: str  # the entry file under the catalog folder
    citation: str  # citation_tags()
    blocks: tuple[str, ...]

    @classmethod
    def of(cls, paper: Paper, page: PageText, layout: Layout, url: str, citation: list[tuple[str, str]]) -> PaperValues:
        return cls(
            page_title(page.title or paper.title),
            layout.heading,
            url,
            paper.path,
            citation_tags(citation),
            page.blocks,
        )


class Shell:
    """A rendered shell page cut at its placeholders: literal text and holes, alternately."""

    def __init__(self, rendered: str, url: str, slots: int) -> None:
        """`rendered`: the shell page as the generator wrote it; `url`: its address (papers/_shell-N/),
        which stands for the paper's; `slots`: the number of HTML blocks of its layout."""
        holes = re.compile("|".join(re.escape(p) for p in (TITLE, HEADING, ENTRY, CITATION, url)) + "|" + _SLOT.pattern)
        self.url = url
        self.parts: list[str] = []
        self.holes: list[str | int] = []  # a placeholder, or the number of an HTML-block slot
        at = 0
        for found in holes.finditer(rendered):
            self.parts.append(rendered[at : found.start()])
            slot = found.group(1)  # the slot pattern's group; the placeholders have none
            self.holes.append(int(slot) if slot is not None else found.group(0))
            at = found.end()
        self.parts.append(rendered[at:])
        filled = sorted(hole for hole in self.holes if isinstance(hole, int))
        if filled != list(range(slots)):
            raise ShellError(
                f"the paper page shell {url} has HTML-block slots {filled}, expected 0..{slots - 1} once each: "
                "a template override must keep the page's content (`{{ page.content }}`)"
            )

    def fill(self, values: PaperValues) -> str:
        """The paper's page: the shell with each hole replaced by the paper's value."""
        fixed = {TITLE: values.title, HEADING: values.heading, ENTRY: values.entry, CITATION: values.citation}
        fixed[self.url] = values.url
        out = [self.parts[0]]
        for hole, part in zip(self.holes, self.parts[1:]):
            out.append(values.blocks[hole] if isinstance(hole, int) else fixed[hole])
            out.append(part)
        return "".join(out)


# ---------------------------------------------------------------------------------------------
# The sitemap


_URL_ENTRY = re.compile(r"[ \t]*<url>\s*<loc>[^<]*</loc>.*?</url>\n?", re.S)


def sitemap_with_papers(sitemap: str, shell_urls: list[str], paper_urls: list[str]) -> str:
    """`sitemap` without the shells' entries and with one entry per paper page, each written like
    the first shell's entry (same address prefix, same date)."""
    entries = [m for m in _URL_ENTRY.finditer(sitemap) if any(f"{u}</loc>" in m.group(0) for u in shell_urls)]
    if not entries:
        return sitemap  # no entry for the shells: the theme writes no sitemap
    model = entries[0].group(0)
    for m in reversed(entries):
        sitemap = sitemap[: m.start()] + sitemap[m.end() :]
    added = "".join(model.replace(shell_urls[0], url) for url in paper_urls)
    end = sitemap.rindex("</urlset>")
    return sitemap[:end] + added + sitemap[end:]
