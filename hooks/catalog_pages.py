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
from pathlib import Path
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from prunecat.generators.dumps import catalog_bib, catalog_json
from prunecat.generators.meta import citation_meta
from prunecat.generators.blocks import PageText
from prunecat.generators.pages import PaperPages, section_pages
from prunecat.generators.recent import atom_feed
from prunecat.generators.search_index import search_index
from prunecat.generators.text_index import text_index
from prunecat.load import catalog_dir, load_catalog
from prunecat.model import Catalog, Paper
from prunecat.problems import CatalogError

log = logging.getLogger("mkdocs.hooks.catalog")

_catalog: Catalog | None = None
_papers: PaperPages | None = None
_blocks: dict[str, PageText] = {}  # src_uri -> the page whose blocks go into its rendered HTML
_made: list[float] = []  # seconds spent making each paper page this build (for the profile)


# ---------------------------------------------------------------------------------------------
# Events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _catalog
    root = catalog_dir(Path(config.config_file_path).parent / "catalog")
    started = time.perf_counter()
    try:
        _catalog = load_catalog(root)
    except CatalogError as exc:
        raise PluginError(f"the catalog in {root} has errors (run `catalog check`):\n{exc.report()}")
    for warning in _catalog.warnings:
        log.info(str(warning))
    log.info(f"catalog: loaded and validated {len(_catalog.papers)} papers in {time.perf_counter() - started:.2f}s")
    _expand_taxonomy_nav(config, _catalog)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _papers
    assert _catalog is not None
    started = time.perf_counter()
    _blocks.clear()
    _made.clear()
    # templates in <theme.custom_dir>/prunecat/ override the package's (prunecat/templating.py)
    pages = section_pages(_catalog, edit_base=_edit_base(config), custom_dir=config.theme.custom_dir)
    for path, page in pages.items():
        _blocks[path] = page
        files.append(File.generated(config, path, content=page.markdown))
    _papers = PaperPages(_catalog, edit_base=_edit_base(config), custom_dir=config.theme.custom_dir)
    root = _catalog.root.resolve()
    for paper in _catalog.papers:
        # backed by the entry file: `serve --dirty` compares its mtime with the rendered page's;
        # paper pages are reachable from category pages and search, never from the nav
        entry = str(root / paper.path)
        files.append(File.generated(config, _papers.path(paper), abs_src_path=entry, inclusion=InclusionLevel.NOT_IN_NAV))
    files.append(File.generated(config, "catalog.json", content=catalog_json(_catalog)))
    files.append(File.generated(config, "catalog.bib", content=catalog_bib(_catalog)))
    files.append(File.generated(config, "assets/search-index.json", content=search_index(_catalog)))
    files.append(File.generated(config, "feed.xml", content=atom_feed(_catalog, config.site_url or "")))
    files.append(File.generated(config, "assets/search-text.json", content=text_index(_catalog)))  # the text search's index
    log.info(f"catalog: generated {len(pages)} pages and data files in {time.perf_counter() - started:.2f}s")
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """A paper page's Markdown, made when MkDocs reads the page (not for pages `--dirty` skips)."""
    paper = _paper_of(page)
    if paper is None or _papers is None:
        return None
    started = time.perf_counter()
    text = _papers.page(paper)
    _blocks[page.file.src_uri] = text
    _made.append(time.perf_counter() - started)
    return text.markdown


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    if _made:  # paper pages are made while MkDocs reads pages, so report them apart
        log.info(f"catalog: made {len(_made)} paper pages in {sum(_made):.2f}s (part of the markdown stage)")
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Paper and taxonomy pages: title, Google Scholar meta tags, edit link to the source data."""
    assert _catalog is not None
    text = _blocks.get(page.file.src_uri)
    if text is not None and text.title:
        # Material prints page.meta.title unescaped in <title> and the header: escape it here, once
        page.meta["title"] = html.escape(text.title, quote=True)
    paper = _paper_of(page)
    if paper is not None:
        page.meta["template"] = "paper.html"  # a lighter sidebar: one of thousands of pages
        # papers are found through the faceted search; kept out of Material's lunr index,
        # which would otherwise grow with every paper and load on every page
        page.meta["search"] = {"exclude": True}
        page.meta["citation"] = citation_meta(paper, config.site_url or "")
        page.edit_url = _edit_base(config) + paper.path if _edit_base(config) else None
    elif page.file.src_uri.startswith("taxonomy/") and _edit_base(config):
        page.edit_url = _edit_base(config) + "taxonomy.yml"
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put the generated HTML blocks into the rendered page, in place of their slots."""
    text = _blocks.pop(page.file.src_uri, None)
    return text.splice(output) if text is not None else output


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
    """Rebuild when an entry or the taxonomy changes: the catalog folder is outside docs/."""
    server.watch(str(catalog_dir(Path(config.config_file_path).parent / "catalog")))
    return server


# ---------------------------------------------------------------------------------------------
# Helpers

_index: tuple[int, dict] = (0, {})


def _catalog_index() -> dict:
    """Papers by key, rebuilt once per loaded catalog rather than per page."""
    global _index
    if _index[0] != id(_catalog):
        _index = (id(_catalog), _catalog.by_key() if _catalog else {})
    return _index[1]


def _paper_of(page: Page) -> Paper | None:
    uri = page.file.src_uri
    if not uri.startswith("papers/") or uri == "papers/index.md":
        return None
    return _catalog_index().get(uri[len("papers/"):-len(".md")])


def _edit_base(config: MkDocsConfig) -> str:
    """Where catalog files are edited: the repository's edit URL with docs/ replaced by catalog/."""
    if not config.repo_url or not config.edit_uri:
        return ""
    return config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/").removesuffix("docs") + "catalog/"


def _expand_taxonomy_nav(config: MkDocsConfig, catalog: Catalog) -> None:
    """Replace the nav item 'taxonomy/index.md' by the taxonomy: axes with their categories."""
    if not config.nav:
        return
    section = ["taxonomy/index.md"] + [
        {axis.short: [f"taxonomy/{axis.id}/index.md"] + [f"taxonomy/{axis.id}/{c.id}.md" for c in axis.categories]}
        for axis in catalog.taxonomy.axes
    ]
    for i, item in enumerate(config.nav):
        if isinstance(item, dict) and list(item.values()) == ["taxonomy/index.md"]:
            config.nav[i] = {next(iter(item)): section}
