"""MkDocs hook: a page per paper, stamped from one shell page per layout.

Paper pages are nine in ten of the site's pages. Rendering each through MkDocs' Markdown and
Material's templates was most of the build, though they differ only in their title, content and a
few per-page strings. So MkDocs renders one *shell* per layout (the sections a paper page has),
with placeholders for those values, and after the build every paper's page is its layout's shell
with its own values put in (prunecat/generators/paper_shell.py), written where MkDocs would have
written it; as with MkDocs' own pages, `serve --dirty` makes only the pages of edited entries.
The paper pages stay in MkDocs' file list as excluded pages, so Markdown links to them
(`[SNIP](../papers/lee2019snip.md)`) are still checked and resolved; they are added to
sitemap.xml, which Material's instant navigation follows.

PAPER_PAGES=mkdocs renders every paper page through MkDocs instead: the reference the stamped
pages are tested against (tests/test_paper_shells.py), and a way out if a theme change breaks a
shell.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import hook_state
from hook_state import catalog_build, edit_base
from prunecat import urls
from prunecat.generators.blocks import PageText
from prunecat.generators.meta import citation_meta
from prunecat.generators.pages import PaperPages
from prunecat.generators.paper_shell import (
    CITATION,
    ENTRY,
    TITLE,
    Layout,
    PaperValues,
    Shell,
    ShellError,
    shell_source,
    sitemap_with_papers,
)
from prunecat.model import Paper

log = logging.getLogger("mkdocs.hooks.papers")

REFERENCE = "mkdocs"  # PAPER_PAGES=mkdocs: every paper page rendered by MkDocs
STAMPED = ("", "stamp")  # PAPER_PAGES unset or "stamp": the default


@dataclass
class PaperBuild:
    """What one build keeps about paper pages; renewed by on_files on every build and rebuild."""

    stamped: bool = True
    maker: PaperPages | None = None
    papers: dict[str, Paper] = field(default_factory=dict)  # source path -> paper
    files: dict[str, File] = field(default_factory=dict)  # source path -> the paper page's file
    pages: dict[str, PageText] = field(default_factory=dict)  # source path -> its page, until written
    layouts: dict[str, Layout] = field(default_factory=dict)  # source path -> its layout (stamped mode)
    shell_of: dict[str, str] = field(default_factory=dict)  # source path -> its layout's shell's source path
    shells: dict[str, str] = field(default_factory=dict)  # shell source path -> its layout's Markdown
    rendered: dict[str, Shell] = field(default_factory=dict)  # shell source path -> the rendered shell
    made: float = 0.0  # seconds spent making the paper pages' content


state = PaperBuild()


# ---------------------------------------------------------------------------------------------
# Events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # links from the guide pages to paper pages resolve to excluded files: MkDocs logs each at INFO
    pages_log = logging.getLogger("mkdocs.structure.pages")
    if _QUIET not in pages_log.filters:
        pages_log.addFilter(_QUIET)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """After the catalog hook's on_files: a file per paper, and in stamped mode a shell per layout."""
    global state
    build = catalog_build(config)
    catalog = build.catalog
    state = PaperBuild(stamped=stamped_mode(os.environ.get("PAPER_PAGES", "")))
    root = catalog.root.resolve()
    level = InclusionLevel.EXCLUDED if state.stamped else InclusionLevel.NOT_IN_NAV
    for paper in catalog.papers:
        # backed by the entry file: `serve --dirty` compares its mtime with the written page's
        file = File.generated(
            config, urls.paper_source(paper.key), abs_src_path=str(root / paper.path), inclusion=level
        )
        files.append(file)
        state.papers[file.src_uri] = paper
        state.files[file.src_uri] = file
    started = time.perf_counter()
    state.maker = PaperPages(catalog, edit_base=edit_base(config), custom_dir=config.theme.custom_dir)
    if state.stamped:
        shell_of_layout: dict[str, str] = {}  # a layout's Markdown -> its shell's source path
        for src in _to_write():
            page = state.pages[src] = state.maker.page(state.papers[src])
            layout = state.layouts[src] = Layout.of(page)
            shell = shell_of_layout.setdefault(layout.markdown, shell_source(len(shell_of_layout)))
            state.shell_of[src], state.shells[shell] = shell, layout.markdown
    state.made = hook_state.paper_seconds["generate"] = time.perf_counter() - started
    if state.stamped:
        for src, markdown in state.shells.items():
            files.append(File.generated(config, src, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        log.info(f"papers: made {len(state.pages)} paper pages in {state.made:.2f}s; {len(state.shells)} layouts")
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """The reference mode: a paper page's Markdown, made when MkDocs reads the page."""
    paper = state.papers.get(page.file.src_uri)
    if paper is None or state.stamped:
        return None
    started = time.perf_counter()
    assert state.maker is not None
    text = state.pages[page.file.src_uri] = state.maker.page(paper)
    spent = time.perf_counter() - started
    state.made += spent
    hook_state.paper_seconds["markdown"] = hook_state.paper_seconds.get("markdown", 0.0) + spent
    return text.markdown


def on_env(env: object, config: MkDocsConfig, files: Files) -> object:
    if not state.stamped and state.papers:
        log.info(f"papers: made {len(state.papers)} paper pages in {state.made:.2f}s (part of the markdown stage)")
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A paper page's or a shell's title, template, Google Scholar tags and edit link."""
    src = page.file.src_uri
    if src in state.papers:  # the reference mode
        values = _values(src, config)
        _set_meta(page, config, values.title, values.citation, values.entry)
    elif src in state.shells:
        _set_meta(page, config, TITLE, CITATION, ENTRY)
    return markdown


@event_priority(-100)  # after every other hook's changes to the page (compaction, theme fixes)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    src = page.file.src_uri
    if src in state.papers:  # the reference mode: the page's HTML blocks go into their slots
        return state.pages.pop(src).splice(output)
    if src in state.shells:
        try:
            state.rendered[src] = Shell(output, page.file.url, slots=state.shells[src].count("<!--pc-block-"))
        except ShellError as exc:
            raise PluginError(f"{exc} (or build with PAPER_PAGES=mkdocs)") from None
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """Stamped mode: write every paper's page, drop the shells, list the papers in the sitemap."""
    if not state.stamped:
        return
    started = time.perf_counter()
    site = Path(config.site_dir)
    written = len(state.pages)
    for src in list(state.pages):
        html = state.rendered[state.shell_of[src]].fill(_values(src, config))
        state.pages.pop(src)
        utils.write_file(html.encode("utf-8", errors="xmlcharrefreplace"), state.files[src].abs_dest_path)
    shell_urls = [shell.url for shell in state.rendered.values()]
    for src in state.shells:
        _remove_output(site, src, config)
    _add_to_sitemap(site, shell_urls, [f.url for f in state.files.values()])
    spent = time.perf_counter() - started
    hook_state.paper_seconds["post"] = spent
    log.info(f"papers: stamped and wrote {written} paper pages in {spent:.2f}s")


# ---------------------------------------------------------------------------------------------
# Helpers


def stamped_mode(setting: str) -> bool:
    """PAPER_PAGES: unset or "stamp" stamps paper pages from shells, "mkdocs" renders each."""
    if setting not in STAMPED + (REFERENCE,):
        raise PluginError(
            f"PAPER_PAGES is '{setting}': unset it (paper pages stamped from shells, the default) "
            f"or set it to {REFERENCE} (every paper page rendered by MkDocs, the reference)"
        )
    return setting != REFERENCE


def _values(src: str, config: MkDocsConfig) -> PaperValues:
    """A paper page's own values: what its shell's placeholders become, and in the reference mode
    what its page's meta carries."""
    page = state.pages[src]
    layout = state.layouts.get(src) or Layout.of(page)
    citation = citation_meta(state.papers[src], config.site_url or "")
    return PaperValues.of(state.papers[src], page, layout, state.files[src].url, citation)


class _ExcludedPaperLinks(logging.Filter):
    """Drops MkDocs' INFO line for each link to a paper page ('... which is excluded from the built
    site'): paper pages are excluded only from MkDocs' rendering, and are written by this hook."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (f"'{urls.PAPERS}" in message and message.endswith("which is excluded from the built site."))


_QUIET = _ExcludedPaperLinks()


def _set_meta(page: Page, config: MkDocsConfig, title: str, citation: str, entry: str) -> None:
    # Material prints page.meta.title unescaped in <title> and the header: `title` is escaped
    page.meta["title"] = title
    page.meta["template"] = "paper.html"  # a lighter sidebar: one of thousands of pages
    # papers are found through the faceted search; kept out of Material's lunr index, which
    # would otherwise grow with every paper and load on every page
    page.meta["search"] = {"exclude": True}
    page.meta["citation_tags"] = citation
    base = edit_base(config)
    page.edit_url = base + entry if base else None


def _to_write() -> list[str]:
    """The paper pages to make: those whose page is missing or older than their entry. In a full
    build the site folder was just emptied, so all of them; in `serve --dirty` the edited ones, as
    MkDocs does for its own pages (related lists on other pages catch up on a full build). At
    least one, so a shell gives the sitemap entries their form."""
    todo = [src for src, file in state.files.items() if file.is_modified()]
    return todo or list(state.files)[:1]


def _remove_output(site: Path, src: str, config: MkDocsConfig) -> None:
    """A shell's page, which MkDocs wrote like any page: not part of the site."""
    dest = site / File(src, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri
    if config.use_directory_urls:
        shutil.rmtree(dest.parent, ignore_errors=True)
    else:
        dest.unlink(missing_ok=True)


def _add_to_sitemap(site: Path, shell_urls: list[str], paper_urls: list[str]) -> None:
    """sitemap.xml (and its gzipped copy, with its date kept) lists the stamped pages."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap_with_papers(sitemap.read_text(encoding="utf-8"), shell_urls, paper_urls)
    sitemap.write_text(text, encoding="utf-8")
    packed = sitemap.with_name("sitemap.xml.gz")
    if packed.exists():
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")  # the gzip header's date
        with open(packed, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(packed), mode="wb", mtime=mtime) as gz:
            gz.write(text.encode("utf-8"))
