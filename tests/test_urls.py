"""The URL scheme (prunecat.urls): every generated page's source path is served by MkDocs at the
URL the generators link to, and paper pages are recognised from their source path alone."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File

from prunecat import urls


@pytest.mark.parametrize(
    "source, url",
    [
        *[(src, page) for page, src in urls.SECTION_SOURCES.items()],
        (urls.axis_source("when"), urls.axis_url("when")),
        (urls.category_source("when", "run-time"), urls.category_url("when", "run-time")),
        (urls.paper_source("lee2019snip"), urls.paper_url("lee2019snip")),
    ],
)
def test_mkdocs_serves_each_source_at_the_url_the_generators_link_to(source, url):
    # the site builds with use_directory_urls (mkdocs.yml leaves MkDocs' default)
    assert File(source, "docs", "site", use_directory_urls=True).url == url


@pytest.mark.parametrize(
    "source, key",
    [
        ("papers/lee2019snip.md", "lee2019snip"),
        ("papers/index.md", None),
        ("papers/sub/x.md", None),
        ("taxonomy/when/run-time.md", None),
        ("papers/lee2019snip.html", None),
    ],
)
def test_paper_key_of_a_source_path(source, key):
    assert urls.key_of_source(source) == key


def test_relative_links_between_pages():
    assert urls.href(urls.paper_url("a"), urls.category_url("when", "run-time")) == "../../taxonomy/when/run-time/"
    assert urls.href(urls.TRENDS, urls.search_url(year="2020", when="run-time")) == "../search/?year=2020&when=run-time"
    assert urls.href(urls.PAPERS, urls.CATALOG_JSON) == "../catalog.json"
    assert urls.href("", urls.PAPERS) == "papers/"
