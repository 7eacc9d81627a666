"""MkDocs hook: turns the catalog into pages and data files at build time.

The catalog is loaded in `on_config` (which runs on every build and `serve` rebuild, unlike the
module import), validated by the same code as `catalog check`, and its pages (the taxonomy,
axes, categories, results, trends...) and data files are added in `on_files` without writing
anything to docs/. The large HTML blocks of generated pages skip Markdown and are spliced into the
rendered page in `on_post_page`. The per-paper pages are hooks/paper_pages.py's.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from hook_state import edit_base
from prunecat import urls
from prunecat.generators.dumps import catalog_bib, catalog_json
from prunecat.generators.blocks import PageText
from prunecat.generators.home import HOME_SOURCE, home_block
from prunecat.generators.pages import section_pages
from prunecat.generators.paper_shell import page_title
from prunecat.generators.recent import atom_feed
from prunecat.generators.search_index import search_index
from prunecat.generators.text_index import text_index
from prunecat.load import catalog_dir, load_catalog
from prunecat.model import Catalog
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
    state = BuildState(catalog)
    _expand_taxonomy_nav(config, catalog)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert state is not None
    catalog = state.catalog
    started = time.perf_counter()
    state.blocks.clear()
    # templates in <theme.custom_dir>/prunecat/ override the package's (prunecat/templating.py)
    pages = section_pages(catalog, edit_base=edit_base(config), custom_dir=config.theme.custom_dir)
    for path, page in pages.items():
        state.blocks[path] = page
        # a benchmark page is reached from /results/, not from the nav (one per dataset x model)
        level = InclusionLevel.NOT_IN_NAV if urls.is_benchmark_source(path) else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=page.markdown, inclusion=level))
    # the home page's catalog block (search box, axes, newest papers) fills the slot in docs/index.md
    state.blocks[HOME_SOURCE] = home_block(catalog, custom_dir=config.theme.custom_dir)
    files.append(File.generated(config, urls.CATALOG_JSON, content=catalog_json(catalog)))
    files.append(File.generated(config, urls.CATALOG_BIB, content=catalog_bib(catalog)))
    files.append(File.generated(config, urls.SEARCH_INDEX, content=search_index(catalog)))
    files.append(File.generated(config, urls.FEED, content=atom_feed(catalog, config.site_url or "")))
    files.append(File.generated(config, urls.SEARCH_TEXT, content=text_index(catalog)))
    log.info(f"catalog: generated {len(pages)} pages and data files in {time.perf_counter() - started:.2f}s")
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated pages: the title from catalog data; taxonomy pages: the edit link to taxonomy.yml."""
    assert state is not None
    text = state.blocks.get(page.file.src_uri)
    if text is not None and text.title:
        # Material prints page.meta.title unescaped in <title> and the header: escape it here, once
        page.meta["title"] = page_title(text.title)
    if page.file.src_uri.startswith(urls.TAXONOMY) and edit_base(config):
        page.edit_url = edit_base(config) + "taxonomy.yml"
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
    """What one build keeps between events: the loaded catalog, and the generated pages whose HTML
    blocks are still to be spliced. Renewed by on_config on every build and rebuild."""

    catalog: Catalog
    blocks: dict[str, PageText] = field(default_factory=dict)  # src_uri -> the page whose blocks go into its HTML


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
