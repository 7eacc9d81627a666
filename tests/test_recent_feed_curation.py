"""/recent/, /feed.xml and /curation/: order and limits, a valid Atom feed, the worklist on a page.

The expected values are computed here from the catalog (and from `worklist` for the curation
page), never taken from the generators, so a wrong order or a missing paper fails.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from prunecat.curation import worklist
from prunecat.generators.curation import curation_page
from prunecat.generators.recent import atom_feed, recent_page
from prunecat.load import load_catalog
from prunecat.model import Catalog

from conftest import bib, complete_entry, write_entry

A = "{http://www.w3.org/2005/Atom}"
SITE = "https://hrcheng1066.github.io/awesome-pruning/"
EDIT = "https://github.com/hrcheng1066/awesome-pruning/edit/main/catalog/"
HOSTILE = "<img src=x onerror=alert(1)> & ]]> \"q\" 'a'"
LABELS = {
    "speedup": ["unstructured"],
    "when": ["before-training"],
    "criteria": ["sensitivity-saliency"],
    "learn": ["none"],
    "fusion": ["none"],
}


# ---------------------------------------------------------------------------------------------
# Helpers


def expected_order(catalog: Catalog) -> list[str]:
    """Keys of the dated papers, newest first; of one day, the newest publications first, then by
    case-insensitive title, then key."""
    dated = [p for p in catalog.papers if p.added is not None]
    by_title = sorted(dated, key=lambda p: (p.title.casefold(), p.key))
    by_year = sorted(by_title, key=lambda p: p.year, reverse=True)  # stable sorts: keep the title order
    return [p.key for p in sorted(by_year, key=lambda p: p.added, reverse=True)]


def headings(md: str) -> list[str]:
    """The `##` headings of a page's Markdown, without their { #id }."""
    return re.findall(r"^## (.+?)(?: \{ #[\w-]+ \})?$", md, re.M)


def write(
    root: Path,
    key: str,
    title: str,
    year: int,
    added: dt.date | None,
    *,
    authors: str = "Ann Author",
    journal: str = "Neural Networks",
    **fields,
) -> None:
    bibtex = bib(
        key,
        title,
        year,
        kind="article",
        authors=authors,
        venue=f"journal = {{{journal}}}" if journal else "",
        url=f"https://example.org/{key}",
    )
    complete_entry(root, key, bibtex, read=f"https://example.org/{key}", added=added, **fields)


class Tags(HTMLParser):
    """Start tags of a page, each with its attributes and the ids of the elements around it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []  # (tag, id) of open elements
        self.tags: list[tuple[str, dict, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a, tuple(i for _, i in self.stack if i)))
        if tag not in ("br", "img", "meta", "link", "input", "hr", "wbr", "source"):
            self.stack.append((tag, a.get("id", "")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def keys_in(self, element_id: str, tag: str = "li", attr: str = "data-key") -> list[str]:
        return [a[attr] for t, a, around in self.tags if t == tag and attr in a and element_id in around]

    def links_in(self, element_id: str) -> list[str]:
        return [a["href"] for t, a, around in self.tags if t == "a" and "href" in a and element_id in around]


def tags(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    return parser


@pytest.fixture
def edge_catalog(tmp_catalog: Path) -> Catalog:
    """Ties, several dates, an undated paper and a hostile title."""
    write(tmp_catalog, "zeta2020pruning", "alpha pruning of networks", 2020, dt.date(2024, 3, 1), **LABELS)
    write(tmp_catalog, "alpha2020pruning", "Beta Pruning of Networks", 2020, dt.date(2024, 3, 1))
    write(tmp_catalog, "beta2021gamma", "Gamma Sparsity for Transformers", 2021, dt.date(2024, 3, 1))
    write(tmp_catalog, "old2019lottery", "Lottery Tickets in Old Models", 2019, dt.date(2024, 1, 15))
    write(
        tmp_catalog, "older2018filters", "Filters Removed Long Ago", 2018, dt.date(2023, 5, 5), journal="arXiv preprint"
    )
    write(tmp_catalog, "undated2022heads", "Heads That Were Never Dated", 2022, None)
    write(
        tmp_catalog,
        "evil2023img",
        HOSTILE,
        2023,
        dt.date(2024, 2, 10),
        authors="Bob <b>Bold</b> and Carol & Co",
        venue="<script>alert(2)</script>",
        algorithm="A&B",
    )
    return load_catalog(tmp_catalog, strict=False)  # the hostile title is a warning, not an error


# ---------------------------------------------------------------------------------------------
# /recent/


def test_recent_page_lists_the_newest_additions_in_order(built_site: Path, catalog: Catalog):
    html = (built_site / "recent" / "index.html").read_text(encoding="utf-8")
    page = tags(html)
    keys = [a["data-key"] for t, a, _ in page.tags if t == "li" and "data-key" in a]
    order = expected_order(catalog)
    assert keys == order[:100]
    for key in keys:  # each item links to an existing paper page
        assert f'href="../papers/{key}/"' in html
        assert (built_site / "papers" / key / "index.html").is_file()
    newest = max(p.added for p in catalog.papers if p.added)
    recent = sum(1 for p in catalog.papers if p.added and p.added > newest - dt.timedelta(days=30))
    assert f"{recent} of {len(catalog.papers)} papers</strong> were added in the 30 days" in html
    assert 'href="../feed.xml"' in html and 'href="../papers/"' in html


def test_recent_page_groups_by_date_and_breaks_ties_by_title(edge_catalog: Catalog):
    md = recent_page(edge_catalog)
    keys = re.findall(r'<li data-key="([^"]+)"', md)
    assert keys == [
        "beta2021gamma",  # 1 March: 2021 before 2020, then alpha < Beta
        "zeta2020pruning",
        "alpha2020pruning",
        "evil2023img",
        "old2019lottery",
        "older2018filters",
    ]
    assert keys == expected_order(edge_catalog)
    assert headings(md) == [
        "1 March 2024: 3 papers",
        "10 February 2024: 1 paper",
        "15 January 2024: 1 paper",
        "5 May 2023: 1 paper",
    ]
    # the window is counted back from the newest `added` date (1 March 2024), not from today
    assert "<strong>4 of 7 papers</strong> were added in the 30 days from 1 February 2024 to 1 March 2024" in md
    assert "1 paper has no <code>added</code> date" in md
    assert "undated2022heads" not in md
    limited = recent_page(edge_catalog, limit=2)
    assert re.findall(r'<li data-key="([^"]+)"', limited) == ["beta2021gamma", "zeta2020pruning"]
    assert "Showing the 2 newest of 6 dated papers" in limited and "(2 of 3 shown)" in limited
    # the order does not depend on the order papers come in
    shuffled = dataclasses.replace(edge_catalog, papers=tuple(reversed(edge_catalog.papers)))
    assert recent_page(shuffled) == md


def test_recent_page_of_a_catalog_without_dates(tmp_catalog: Path):
    write(tmp_catalog, "undated2022heads", "Heads That Were Never Dated", 2022, None)
    md = recent_page(load_catalog(tmp_catalog))
    assert "<li" not in md and "nothing to list" in md


SOURCES = """sources:
  - {id: list-a, name: owner/list-a, url: "https://github.com/owner/list-a", snapshot: abc123, date: 2024-08-20}
  - {id: list-b, name: "owner/list-b <b>", url: "https://github.com/owner/list-b", snapshot: def456, date: 2023-01-01}
"""
# day -> (papers, evidence source of their speedup label): an import by a source's date, an import
# known from the papers' evidence, a batch of unknown origin, a few papers, one paper on list-b's date
DAYS = {
    dt.date(2025, 6, 1): (2, None),
    dt.date(2025, 3, 3): (10, None),
    dt.date(2025, 1, 10): (11, "list-b (section Pruning)"),
    dt.date(2024, 8, 20): (12, None),
    dt.date(2023, 1, 1): (1, None),
}


@pytest.fixture
def dated_catalog(tmp_catalog: Path) -> Catalog:
    """Papers added on five days, with the taxonomy's source lists replaced by two of the test's own."""
    tax = tmp_catalog / "taxonomy.yml"
    text = tax.read_text(encoding="utf-8")
    text, n = re.subn(r"^sources:\n(?:[ #].*\n?)*", SOURCES, text, flags=re.M)
    assert n == 1
    tax.write_text(text, encoding="utf-8")
    titles = ["Zebra Pruning", "alpha Sparsity", "Beta Heads", "Gamma Channels"]
    for day, (count, source) in DAYS.items():
        for i in range(count):
            key = f"p{day:%Y%m%d}x{i:02d}"
            evidence = {
                "read": f"https://example.org/{key}",
                "checked": dt.date(2025, 1, 2),
                "speedup": source or "paper",
            }
            data = {
                "bibtex": bib(
                    key, f"{titles[i % 4]} {day:%Y%m%d} {i:02d}", 2018 + i % 5, url=f"https://example.org/{key}"
                ),
                "added": day,
                "summary": "Prunes a network.",
                "speedup": ["structured"],
                "evidence": evidence,
            }
            write_entry(tmp_catalog, key, data)
    return load_catalog(tmp_catalog)


def test_recent_page_groups_arrivals_by_day_and_names_imports(dated_catalog: Catalog):
    md = recent_page(dated_catalog)
    assert headings(md) == [
        "1 June 2025: 2 papers",
        "3 March 2025: 10 papers",
        "10 January 2025: 11 papers",
        "20 August 2024: 12 papers",
        "1 January 2023: 1 paper",
    ]
    for day in DAYS:
        assert f"{{ #added-{day.isoformat()} }}" in md
    keys = re.findall(r'<li data-key="([^"]+)"', md)
    assert keys == expected_order(dated_catalog) and len(keys) == 36
    # within a day: newest publication year first, then title
    by_key = dated_catalog.by_key()
    day = [by_key[k] for k in keys if by_key[k].added == dt.date(2024, 8, 20)]
    assert [p.year for p in day] == sorted((p.year for p in day), reverse=True)
    for year in {p.year for p in day}:
        titles = [p.title.casefold() for p in day if p.year == year]
        assert titles == sorted(titles)
    # what each day was, under its heading and in the overview at the top
    said = {
        "1 June 2025": "2 papers added on that day",
        "3 March 2025": "10 papers added together on that day",
        "10 January 2025": '11 papers imported from <a href="https://github.com/owner/list-b">owner/list-b &lt;b&gt;</a> on that day',
        "20 August 2024": '12 papers imported from <a href="https://github.com/owner/list-a">owner/list-a</a> on that day',
        "1 January 2023": '1 paper imported from <a href="https://github.com/owner/list-b">owner/list-b &lt;b&gt;</a> on that day',
    }
    for day, text in zip(DAYS, said.values()):
        section = md.split(f"{{ #added-{day.isoformat()} }}")[1].split("\n## ")[0]
        assert f"<p>{text}." in section, day
    overview = re.search(r'<ul class="pc-arrivals">(.*?)</ul>', md, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", overview)
    assert items == [
        f'<a href="#added-{d.isoformat()}">{name}</a>: {text}' for d, (name, text) in zip(DAYS, said.items())
    ]
    assert "<b>" not in md


def test_a_day_cut_by_the_limit_says_so_and_later_days_stay_in_the_overview(dated_catalog: Catalog):
    md = recent_page(dated_catalog, limit=20)
    assert headings(md) == ["1 June 2025: 2 papers", "3 March 2025: 10 papers", "10 January 2025: 11 papers"]
    assert "(8 of 11 shown)" in md and "Showing the 20 newest of 36 dated papers" in md
    overview = re.search(r'<ul class="pc-arrivals">(.*?)</ul>', md, re.S).group(1)
    assert "<li>20 August 2024: 12 papers imported from" in overview  # no section to link to
    assert 'href="#added-2024-08-20"' not in md


def test_the_feed_follows_the_page_order_with_each_entry_dated(dated_catalog: Catalog):
    feed = ET.fromstring(atom_feed(dated_catalog, SITE))
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [SITE + f"papers/{k}/" for k in expected_order(dated_catalog)]
    assert feed.findtext(f"{A}updated") == "2025-06-01T00:00:00Z"
    by_key = dated_catalog.by_key()
    for e in entries:
        paper = by_key[e.findtext(f"{A}id")[len(SITE + "papers/") :].rstrip("/")]
        assert e.findtext(f"{A}updated") == e.findtext(f"{A}published") == f"{paper.added.isoformat()}T00:00:00Z"
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == sorted(updated, reverse=True) and len(set(updated)) == len(DAYS)


# ---------------------------------------------------------------------------------------------
# /feed.xml


def test_the_feed_is_valid_atom_of_the_latest_additions(built_site: Path, catalog: Catalog):
    raw = (built_site / "feed.xml").read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    feed = ET.fromstring(raw)
    assert feed.tag == f"{A}feed"
    newest = max(p.added for p in catalog.papers if p.added)
    assert feed.findtext(f"{A}id") == SITE + "feed.xml"
    assert feed.findtext(f"{A}title")
    assert feed.findtext(f"{A}updated") == f"{newest.isoformat()}T00:00:00Z"
    assert feed.find(f"{A}author/{A}name").text
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links == {"self": SITE + "feed.xml", "alternate": SITE + "recent/"}
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [SITE + f"papers/{k}/" for k in expected_order(catalog)[:50]]
    assert len({e.findtext(f"{A}id") for e in entries}) == len(entries) == 50
    by_key = catalog.by_key()
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT00:00:00Z$")
    for entry in entries:
        (page,) = [li.get("href") for li in entry.findall(f"{A}link") if li.get("rel") == "alternate"]
        assert page.startswith(SITE + "papers/")
        key = page[len(SITE + "papers/") :].rstrip("/")
        assert (built_site / "papers" / key / "index.html").is_file(), page
        paper = by_key[key]
        assert entry.findtext(f"{A}title") == paper.title
        assert entry.findtext(f"{A}updated") == entry.findtext(f"{A}published") == f"{paper.added}T00:00:00Z"
        assert rfc3339.match(entry.findtext(f"{A}updated"))
        names = [a.findtext(f"{A}name") for a in entry.findall(f"{A}author")]
        assert names and all(names)
        assert f"{paper.venue}" in entry.findtext(f"{A}summary") and str(paper.year) in entry.findtext(f"{A}summary")
        terms = {c.get("term") for c in entry.findall(f"{A}category")}
        assert terms == {f"{axis}/{cid}" for axis, ids in paper.categories.items() for cid in ids}


def test_the_feed_escapes_hostile_data_and_is_deterministic(edge_catalog: Catalog):
    text = atom_feed(edge_catalog, SITE)
    assert "<img" not in text and "<script" not in text and "<b>" not in text
    assert "]]>" not in text  # '>' is escaped, so no stray CDATA end either
    feed = ET.fromstring(text)
    (evil,) = [e for e in feed.findall(f"{A}entry") if e.findtext(f"{A}id") == SITE + "papers/evil2023img/"]
    assert evil.findtext(f"{A}title") == HOSTILE
    assert [a.findtext(f"{A}name") for a in evil.findall(f"{A}author")] == ["Bob <b>Bold</b>", "Carol & Co"]
    assert "<script>alert(2)</script> 2023" in evil.findtext(f"{A}summary")
    assert feed.findtext(f"{A}updated") == "2024-03-01T00:00:00Z"
    assert len(feed.findall(f"{A}entry")) == 6  # the undated paper is not an addition with a date
    shuffled = dataclasses.replace(edge_catalog, papers=tuple(reversed(edge_catalog.papers)))
    assert atom_feed(shuffled, SITE) == text
    assert [
        e.findtext(f"{A}id") for e in ET.fromstring(atom_feed(edge_catalog, SITE, limit=2)).findall(f"{A}entry")
    ] == [SITE + "papers/beta2021gamma/", SITE + "papers/zeta2020pruning/"]
    # a site_url without its final slash gives the same URLs
    assert atom_feed(edge_catalog, SITE.rstrip("/")) == text


def test_the_feed_without_site_url_or_papers_is_still_valid(edge_catalog: Catalog, tmp_path: Path):
    feed = ET.fromstring(atom_feed(edge_catalog, ""))
    ids = [feed.findtext(f"{A}id")] + [e.findtext(f"{A}id") for e in feed.findall(f"{A}entry")]
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids) and len(set(ids)) == len(ids)
    # relative links resolve against the feed at the site root
    pages = [
        li.get("href")
        for e in feed.findall(f"{A}entry")
        for li in e.findall(f"{A}link")
        if li.get("rel") == "alternate"
    ]
    assert pages[0] == "papers/beta2021gamma/"
    assert {li.get("rel"): li.get("href") for li in feed.findall(f"{A}link")} == {
        "self": "feed.xml",
        "alternate": "recent/",
    }
    empty = tmp_path / "empty"
    (empty / "papers").mkdir(parents=True)
    (empty / "taxonomy.yml").write_text(
        edge_catalog.root.joinpath("taxonomy.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    nothing = ET.fromstring(atom_feed(load_catalog(empty), SITE))
    assert nothing.findtext(f"{A}updated") == "1970-01-01T00:00:00Z" and not nothing.findall(f"{A}entry")
    assert nothing.find(f"{A}author/{A}name").text


def test_every_built_page_announces_the_feed(built_site: Path, catalog: Catalog):
    key = catalog.papers[0].key
    for page in ("index.html", "recent/index.html", f"papers/{key}/index.html", "curation/index.html"):
        found = [
            a
            for t, a, _ in tags((built_site / page).read_text(encoding="utf-8")).tags
            if t == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml"
        ]
        assert len(found) == 1, page
        assert found[0]["title"]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), found[0]["href"]))
        assert target == "feed.xml" and (built_site / target).is_file(), page
    # the Scholar meta tags of the same head block are still there
    assert '<meta name="citation_title"' in (built_site / "papers" / key / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# /curation/


def test_the_curation_page_shows_exactly_the_worklist(built_site: Path, catalog: Catalog):
    html = (built_site / "curation" / "index.html").read_text(encoding="utf-8")
    page = tags(html)
    today = max(p.added for p in catalog.papers if p.added)  # the page's stated reference date
    work = worklist(catalog, today=today)
    paths = {p.key: p.path for p in catalog.papers}
    for group in work.unlabelled:
        assert page.keys_in(f"unlabelled-{group.axis}") == list(group.keys), group.axis
        links = page.links_in(f"unlabelled-{group.axis}")
        for key in group.keys:
            assert f"../papers/{key}/" in links and EDIT + paths[key] in links
        assert f"{group.count} of {work.papers} papers not yet examined" in html or not group.keys
    assert page.keys_in("incomplete-list", tag="tr") == [i.key for i in work.incomplete]
    for item in work.incomplete:
        assert EDIT + item.path in page.links_in("incomplete-list")
    pairs = [tuple(v.split()) for v in page.keys_in("duplicates-list", tag="tr", attr="data-pair")]
    assert pairs == [(d.first, d.second) for d in work.duplicates]
    assert "catalog todo" in html and f"{today.day} {today:%B} {today.year}" in html  # the reference date, stated
    for href in set(re.findall(r'href="\.\./papers/([^"/]+)/"', html)):
        assert (built_site / "papers" / href / "index.html").is_file()


def test_the_curation_page_on_edge_cases(edge_catalog: Catalog):
    md = curation_page(edge_catalog, EDIT).inline()
    page = tags(md)
    work = worklist(edge_catalog, today=dt.date(2024, 3, 1))  # the newest `added` date
    for group in work.unlabelled:
        assert page.keys_in(f"unlabelled-{group.axis}") == list(group.keys)
    # 2018 is more than two years before 2024 (the reference year); the clock would flag 2019 and 2020 too
    assert {i.key: i.missing for i in work.incomplete} == {
        "older2018filters": ("venue",),
        "undated2022heads": ("added",),
    }
    assert page.keys_in("incomplete-list", tag="tr") == ["older2018filters", "undated2022heads"]
    assert EDIT + "papers/older2018filters.yml" in page.links_in("incomplete-list")
    assert "<img" not in md and "<script" not in md and "&lt;img src=x onerror=alert(1)&gt; &amp; ]]&gt;" in md
    # without an edit base (or with one that is not http/https) there are no edit links
    for base in ("", "javascript:alert(1)//"):
        plain = curation_page(edge_catalog, base).inline()
        assert "pc-edit-link" not in plain and "javascript:" not in plain
        assert tags(plain).keys_in("unlabelled-criteria") == list(work.unlabelled[2].keys)
    assert "1 March 2024" in md  # the reference date is stated on the page


def test_the_curation_page_when_nothing_needs_work(tmp_catalog: Path):
    write(
        tmp_catalog,
        "lee2019snip",
        "SNIP: Single-shot Network Pruning",
        2019,
        dt.date(2024, 8, 20),
        journal="",
        venue="ICLR",
        **LABELS,
    )
    md = curation_page(load_catalog(tmp_catalog), EDIT).inline()
    assert "<details" not in md and "<li data-key" not in md
    assert "every paper is labelled" in md and "No entry has incomplete metadata" in md
    assert "No suspected duplicates" in md
