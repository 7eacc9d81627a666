"""The strict build of the real catalog: every generated page exists and agrees with the data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from prunecat.bibtex import parse_entry
from prunecat.model import Catalog


class _Collect(HTMLParser):
    """Collects row keys, links and meta tags of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.row_keys: list[str] = []
        self.links: list[str] = []
        self.meta: list[tuple[str, str]] = []
        self.h1 = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-key" in a:
            self.row_keys.append(a["data-key"])
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "meta" and a.get("name", "").startswith("citation_"):
            self.meta.append((a["name"], a.get("content", "")))
        elif tag == "h1":
            self.h1 += 1


def parse(path: Path) -> _Collect:
    c = _Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def test_every_category_page_lists_exactly_its_papers(built_site: Path, catalog: Catalog):
    for axis in catalog.taxonomy.axes:
        assert (built_site / "taxonomy" / axis.id / "index.html").is_file()
        for category in axis.categories:
            page = parse(built_site / "taxonomy" / axis.id / category.id / "index.html")
            expected = sorted(p.key for p in catalog.in_category(axis.id, category.id))
            assert sorted(page.row_keys) == expected, f"{axis.id}/{category.id}"


def test_the_taxonomy_page_has_a_generated_diagram(built_site: Path, catalog: Catalog):
    html = (built_site / "taxonomy" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"pc-diagram\".*?</svg>", html, re.S).group(0)
    # no links inside the SVG (instant navigation cannot rewrite them); the page links each category
    assert "<a " not in svg
    for axis in catalog.taxonomy.axes:
        assert f">{axis.short}</text>" in svg
        for category in axis.categories:
            assert f"({len(catalog.in_category(axis.id, category.id))})</text>" in svg
            assert f'href="{axis.id}/{category.id}/"' in html


def test_every_paper_has_a_page_with_its_facts(built_site: Path, catalog: Catalog):
    for paper in catalog.papers:
        path = built_site / "papers" / paper.key / "index.html"
        page = parse(path)
        assert page.h1 == 1, paper.key
        assert ("citation_title", paper.title) in page.meta
        assert ("citation_publication_date", str(paper.year)) in page.meta
        assert [v for n, v in page.meta if n == "citation_author"] == [a for a in paper.authors if a != "et al."]
        for axis, ids in paper.labels.items():
            for cid in ids:
                if cid not in ("none", "unclear"):
                    assert f"../../taxonomy/{axis}/{cid}/" in page.links, (paper.key, axis, cid)
        for code in paper.code:
            assert code.url in page.links
        assert any(link.endswith(f"catalog/{paper.path}") for link in page.links), "edit link"


def test_paper_pages_stay_out_of_the_navigation(built_site: Path, catalog: Catalog):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    some = catalog.papers[0].key
    assert f"papers/{some}/" not in home
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"papers/{some}/" in sitemap


def test_data_dumps_agree_with_the_catalog(built_site: Path, catalog: Catalog):
    data = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))
    assert data["count"] == len(catalog.papers)
    by_key = catalog.by_key()
    for record in data["papers"]:
        paper = by_key[record["key"]]
        assert record["title"] == paper.title and record["year"] == paper.year
        assert record["axes"] == {a: list(ids) for a, ids in paper.categories.items()}
    bib = (built_site / "catalog.bib").read_text(encoding="utf-8")
    entries = [e for e in bib.split("\n\n") if e.strip()]
    assert len(entries) == len(catalog.papers)
    assert [parse_entry(e).key for e in entries] == [p.key for p in catalog.papers]


def test_snip_spot_check(catalog: Catalog, built_site: Path):
    (snip,) = [p for p in catalog.papers if p.title.startswith("SNIP: Single-shot Network Pruning")]
    assert (snip.venue, snip.year) == ("ICLR", 2019)
    assert snip.categories["when"] == ("before-training",)
    assert snip.categories["speedup"] == ("unstructured",)
    assert snip.pioneer
    (code,) = snip.code
    assert (code.url, code.framework, code.official) == (
        "https://github.com/namhoonlee/snip-public",
        "tensorflow",
        True,
    )
    html = (built_site / "papers" / snip.key / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/namhoonlee/snip-public" in html
