"""The site's URL scheme: where each generated page and data file lives, in one place.

Pages are addressed by their site URL, directory style as MkDocs serves them with
`use_directory_urls` (`papers/lee2019snip/`), and made from a source path under docs/
(`papers/lee2019snip.md`) that no file on disk has: the hooks generate it. The generators link with
`href` (relative links, so the site works under any base URL), the hooks name the generated files
with the `*_source` functions, and the search page gets its addresses from the data attributes of
its page (`docs/search.md`) and from the search index.
"""

from __future__ import annotations

import functools
import posixpath

# Pages and files of the whole catalog: site URL, and the source path the hooks generate.
TAXONOMY = "taxonomy/"
PAPERS = "papers/"
SEARCH = "search/"
TRENDS = "trends/"
MATRIX = "matrix/"
RECENT = "recent/"
CURATION = "curation/"
RESULTS = "results/"  # reported results: the benchmarks, and a page per benchmark under it
FEED = "feed.xml"
CATALOG_JSON = "catalog.json"
CATALOG_BIB = "catalog.bib"
SEARCH_INDEX = "assets/search-index.json"
SEARCH_TEXT = "assets/search-text.json"  # the text search's index

#: Source paths of the generated pages that are not per axis, category or paper, by site URL.
SECTION_SOURCES = {
    TAXONOMY: "taxonomy/index.md",
    PAPERS: "papers/index.md",
    TRENDS: "trends.md",
    MATRIX: "matrix.md",
    RECENT: "recent.md",
    CURATION: "curation.md",
    RESULTS: "results/index.md",
}


def taxonomy_url() -> str:
    return TAXONOMY


def axis_url(axis: str) -> str:
    return f"{TAXONOMY}{axis}/"


def axis_source(axis: str) -> str:
    return f"{TAXONOMY}{axis}/index.md"


def category_url(axis: str, category: str) -> str:
    return f"{TAXONOMY}{axis}/{category}/"


def category_source(axis: str, category: str) -> str:
    return f"{TAXONOMY}{axis}/{category}.md"


def paper_url(key: str) -> str:
    return f"{PAPERS}{key}/"


def paper_source(key: str) -> str:
    return f"{PAPERS}{key}.md"


def benchmark_url(benchmark: str) -> str:
    """A benchmark's page (`Result.benchmark`: dataset-model)."""
    return f"{RESULTS}{benchmark}/"


def benchmark_source(benchmark: str) -> str:
    return f"{RESULTS}{benchmark}.md"


def is_benchmark_source(src_uri: str) -> bool:
    """A benchmark page's source path (results/<dataset>-<model>.md), not the results index."""
    return src_uri.startswith(RESULTS) and src_uri != SECTION_SOURCES[RESULTS] and src_uri.count("/") == 1


def key_of_source(src_uri: str) -> str | None:
    """The paper key of a paper page's source path, None for any other page."""
    if not src_uri.startswith(PAPERS) or not src_uri.endswith(".md") or src_uri == SECTION_SOURCES[PAPERS]:
        return None
    key = src_uri[len(PAPERS) : -len(".md")]
    return key if "/" not in key else None


def search_url(**params: str) -> str:
    query = "&".join(f"{name}={value}" for name, value in params.items() if value)
    return SEARCH + (f"?{query}" if query else "")


def href(from_url: str, to_url: str) -> str:
    """A relative link from the page at `from_url` to `to_url` (both site-relative)."""
    path, _, query = to_url.partition("?")
    rel = _relative(path.rstrip("/"), from_url.rstrip("/")) if from_url else path
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"?{query}" if query else "")


def _relative(target: str, start: str) -> str:
    """posixpath.relpath of two site paths; the folder part is cached, since a page of 10,000 rows
    links to 10,000 papers that all live in `papers/`."""
    head, _, tail = target.rpartition("/")
    if not tail or tail in (".", "..") or start == target or start.startswith(target + "/"):
        return _relative_dir(target, start)
    base = _relative_dir(head, start)
    return tail if base == "." else f"{base}/{tail}"


@functools.lru_cache(maxsize=4096)
def _relative_dir(target: str, start: str) -> str:
    return posixpath.relpath("/" + target, "/" + start)
