"""MkDocs hook: turns the catalog into pages and data files at build time.

The catalog is loaded in `on_config` (which runs on every build and `serve` rebuild, unlike the
module import), validated by the same code as `catalog check`, and its pages are added in
`on_files` without writing anything to docs/. Per-paper pages stay out of the navigation: a nav
entry per page makes MkDocs builds grow quadratically. They are backed by their entry files, so
`mkdocs serve --dirty` re-renders only the papers whose entries changed, and their Markdown is
made on demand in `on_page_read_source`. The large HTML blocks of generated pages skip Markdown
and are spliced into the rendered page in `on_post_page`.
"""

from __future__ import annotations

import html
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from prunecat import urls
from prunecat.generators.dumps import catalog_bib, catalog_json
from prunecat.generators.meta import citation_meta
from prunecat.generators.blocks import PageText
from prunecat.generators.home import HOME_SOURCE, home_block
from prunecat.generators.pages import PaperPages, section_pages
from prunecat.generators.recent import atom_feed
from prunecat.generators.search_index import search_index
from prunecat.generators.text_index import text_index
from prunecat.load import catalog_dir, load_catalog
from prunecat.model import Catalog, Paper
from prunecat.problems import CatalogError

log = logging.getLogger("mkdocs.hooks.catalog")


# What one build keeps between events (BuildState, below); MkDocs imports a hook module once per
# process and builds one site at a time.
state: BuildState | None = None


# ---------------------------------------------------------------------------------------------
# Events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global state
    root = catalog_dir(Path(config.config_file_path).parent / "catalog")
    started = time.perf_counter()
    try:
        catalog = load_catalog(root)
    except CatalogError as exc:
        raise PluginError(f"the catalog in {root} has errors (run `catalog check`):\n{exc.report()}")
    for warning in catalog.warnings:
        log.info(str(warning))
    log.info(f"catalog: loaded and validated {len(catalog.papers)} papers in {time.perf_counter() - started:.2f}s")
    state = BuildState(catalog, catalog.by_key())
    _expand_taxonomy_nav(config, catalog)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert state is not None
    catalog = state.catalog
    started = time.perf_counter()
    state.blocks.clear()
    state.made.clear()
    # templates in <theme.custom_dir>/prunecat/ override the package's (prunecat/templating.py)
    pages = section_pages(catalog, edit_base=_edit_base(config), custom_dir=config.theme.custom_dir)
    for path, page in pages.items():
        state.blocks[path] = page
        # a benchmark page is reached from /results/, not from the nav (one per dataset x model)
        level = InclusionLevel.NOT_IN_NAV if urls.is_benchmark_source(path) else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=page.markdown, inclusion=level))
    # the home page's catalog block (search box, axes, newest papers) fills the slot in docs/index.md
    state.blocks[HOME_SOURCE] = home_block(catalog, custom_dir=config.theme.custom_dir)
    state.papers = PaperPages(catalog, edit_base=_edit_base(config), custom_dir=config.theme.custom_dir)
    root = catalog.root.resolve()
    for paper in catalog.papers:
        # backed by the entry file: `serve --dirty` compares its mtime with the rendered page's;
        # paper pages are reachable from category pages and search, never from the nav
        entry = str(root / paper.path)
        files.append(
            File.generated(
                config, urls.paper_source(paper.key), abs_src_path=entry, inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
    files.append(File.generated(config, urls.CATALOG_JSON, content=catalog_json(catalog)))
    files.append(File.generated(config, urls.CATALOG_BIB, content=catalog_bib(catalog)))
    files.append(File.generated(config, urls.SEARCH_INDEX, content=search_index(catalog)))
    files.append(File.generated(config, urls.FEED, content=atom_feed(catalog, config.site_url or "")))
    files.append(File.generated(config, urls.SEARCH_TEXT, content=text_index(catalog)))
    log.info(f"catalog: generated {len(pages)} pages and data files in {time.perf_counter() - started:.2f}s")
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """A paper page's Markdown, made when MkDocs reads the page (not for pages `--dirty` skips)."""
    paper = state.paper_of(page) if state else None
    if paper is None or state is None or state.papers is None:
        return None
    started = time.perf_counter()
    text = state.papers.page(paper)
    state.blocks[page.file.src_uri] = text
    state.made.append(time.perf_counter() - started)
    return text.markdown


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    if state and state.made:  # paper pages are made while MkDocs reads pages, so report them apart
        log.info(f"catalog: made {len(state.made)} paper pages in {sum(state.made):.2f}s (part of the markdown stage)")
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Paper and taxonomy pages: title, Google Scholar meta tags, edit link to the source data."""
    assert state is not None
    text = state.blocks.get(page.file.src_uri)
    if text is not None and text.title:
        # Material prints page.meta.title unescaped in <title> and the header: escape it here, once
        page.meta["title"] = html.escape(text.title, quote=True)
    paper = state.paper_of(page)
    if paper is not None:
        page.meta["template"] = "paper.html"  # a lighter sidebar: one of thousands of pages
        # papers are found through the faceted search; kept out of Material's lunr index,
        # which would otherwise grow with every paper and load on every page
        page.meta["search"] = {"exclude": True}
        page.meta["citation"] = citation_meta(paper, config.site_url or "")
        page.edit_url = _edit_base(config) + paper.path if _edit_base(config) else None
    elif page.file.src_uri.startswith(urls.TAXONOMY) and _edit_base(config):
        page.edit_url = _edit_base(config) + "taxonomy.yml"
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put the generated HTML blocks into the rendered page, in place of their slots."""
    text = state.blocks.pop(page.file.src_uri, None) if state else None
    return text.splice(output) if text is not None else output


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
    """Rebuild when an entry or the taxonomy changes: the catalog folder is outside docs/."""
    server.watch(str(catalog_dir(Path(config.config_file_path).parent / "catalog")))
    return server


# ---------------------------------------------------------------------------------------------
# Helpers


@dataclass
class BuildState:
    """What one build keeps between events: the loaded catalog, its paper pages, and the pages
    whose HTML blocks are still to be spliced. Renewed by on_config on every build and rebuild."""

    catalog: Catalog
    by_key: dict[str, Paper]
    papers: PaperPages | None = None
    blocks: dict[str, PageText] = field(default_factory=dict)  # src_uri -> the page whose blocks go into its HTML
    made: list[float] = field(default_factory=list)  # seconds spent making each paper page (for the profile)

    def paper_of(self, page: Page) -> Paper | None:
        key = urls.key_of_source(page.file.src_uri)
        return self.by_key.get(key) if key else None


def _edit_base(config: MkDocsConfig) -> str:
    """Where catalog files are edited: the repository's edit URL with docs/ replaced by catalog/."""
    if not config.repo_url or not config.edit_uri:
        return ""
    return config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/").removesuffix("docs") + "catalog/"


def _expand_taxonomy_nav(config: MkDocsConfig, catalog: Catalog) -> None:
    """Replace the nav item 'taxonomy/index.md' by the taxonomy: axes with their categories."""
    if not config.nav:
        return
    top = urls.SECTION_SOURCES[urls.TAXONOMY]
    section = [top] + [
        {axis.short: [urls.axis_source(axis.id)] + [urls.category_source(axis.id, c.id) for c in axis.categories]}
        for axis in catalog.taxonomy.axes
    ]
    for i, item in enumerate(config.nav):
        if isinstance(item, dict) and list(item.values()) == [top]:
            config.nav[i] = {next(iter(item)): section}
