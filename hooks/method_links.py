"""MkDocs hook: the guide pages link the methods they name to their paper pages.

On the guide pages (GUIDE_PAGES: the home page and survey/), the first mention of a method that
has a catalog entry must link to its paper page; each one that does not is a WARNING, so
`mkdocs build --strict` fails (the rules: prunecat/generators/method_links.py). A page exempts a
deliberate plain mention with `<!-- no-link: NAME -->`.

The prose links papers of the site's own catalog (catalog/). A build of another catalog
(CATALOG_DIR: tests, benchmarks) lacks those pages, so there a link to a missing paper page becomes
plain text (logged at INFO) instead of a broken link; with the site's own catalog it is left for
MkDocs' link check to report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hook_state import catalog_build
from prunecat.generators.method_links import method_names, paper_link, unlink_missing_papers, unlinked_mentions

log = logging.getLogger("mkdocs.hooks.method_links")

#: The pages checked for unlinked method names: a source path, or a folder ending in "/".
GUIDE_PAGES = ("index.md", "survey/")


@dataclass
class LinkState:
    """What one build keeps: the catalog's method names and keys, and whether it is the site's own."""

    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    keys: frozenset[str] = frozenset()
    own_catalog: bool = True


state = LinkState()  # renewed by on_files on every build


# ---------------------------------------------------------------------------------------------
# Events


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """After the catalog hook's on_config: read the names off the catalog it loaded."""
    global state
    catalog = catalog_build(config).catalog
    own = (Path(config.config_file_path).parent / "catalog").resolve()
    state = LinkState(
        names=method_names(catalog.papers),
        keys=frozenset(p.key for p in catalog.papers),
        own_catalog=catalog.root.resolve() == own,
    )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by:  # generated pages name methods in tables and titles, by design
        return markdown
    src = page.file.src_uri
    if _is_guide(src):  # before links to missing papers are undone: those count as links
        for found in unlinked_mentions(markdown, src, state.names, state.keys):
            log.warning(
                f"{src}:{found.line}: '{found.name}' has a catalog page but its first mention is not a link to it; "
                f"write [{found.name}]({paper_link(src, found.keys[0])})"
                + (f" (or another of {', '.join(found.keys[1:])})" if len(found.keys) > 1 else "")
                + f", or add <!-- no-link: {found.name} --> to the page for a deliberate plain mention"
            )
    if not state.own_catalog:
        markdown, gone = unlink_missing_papers(markdown, src, state.keys)
        if gone:
            log.info(f"{src}: {len(gone)} links to papers this catalog lacks shown as plain text ({', '.join(gone)})")
    return markdown


# ---------------------------------------------------------------------------------------------
# Helpers


def _is_guide(src_uri: str) -> bool:
    return any(src_uri == p or (p.endswith("/") and src_uri.startswith(p)) for p in GUIDE_PAGES)
