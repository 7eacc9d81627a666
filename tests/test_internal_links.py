"""No broken internal links: every link, script, stylesheet and image reference of every built HTML
page that points into the site resolves to a file of the build, and its #fragment to an element.

Links are resolved as a browser resolves them against the page's deployed address (directory
URLs, ../, <base href>), query strings are ignored (search/?when=... needs only search/), and
a directory is served as its index.html. External links are not fetched: no network in tests.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

SITE_URL = "https://hrcheng1066.github.io/awesome-pruning/"  # site_url of mkdocs.yml

# (tag, attribute) pairs holding one URL; srcset/imagesrcset hold a list of them
URL_ATTRS = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("a", "xlink:href"),  # <a> inside inline SVG
}
SRCSET_ATTRS = {("img", "srcset"), ("source", "srcset"), ("link", "imagesrcset")}
# links of these kinds name things that are not fetched from the site
NOT_FETCHED_REL = {"preconnect", "dns-prefetch"}


@dataclass
class PageLinks:
    urls: list[tuple[str, str]] = field(default_factory=list)  # (what: 'a href', url)
    anchors: set[str] = field(default_factory=set)  # id and <a name> values
    base: str | None = None
    svg_hrefs: list[str] = field(default_factory=list)  # plain href attributes inside inline <svg>


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = PageLinks()
        self.svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool = False) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if tag == "svg" and not closed:
            self.svg_depth += 1
        if self.svg_depth and "href" in a:
            self.out.svg_hrefs.append(f"<{tag} href={a['href']!r}>")
        if "id" in a:
            self.out.anchors.add(a["id"])
        if tag == "a" and "name" in a:
            self.out.anchors.add(a["name"])
        if tag == "base" and "href" in a and self.out.base is None:
            self.out.base = a["href"]
        if tag == "link" and set(a.get("rel", "").lower().split()) & NOT_FETCHED_REL:
            return
        for name, value in a.items():
            if (tag, name) in URL_ATTRS:
                self.out.urls.append((f"<{tag} {name}>", value.strip()))
            elif (tag, name) in SRCSET_ATTRS:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.out.urls.append((f"<{tag} {name}>", candidate.split()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self.svg_depth:
            self.svg_depth -= 1


def parse_page(path: Path) -> PageLinks:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.out


@functools.lru_cache(maxsize=4)
def parse_site(site: Path) -> dict[Path, PageLinks]:
    """Every HTML page of a built site, parsed once per test session."""
    return {p: parse_page(p) for p in sorted(site.rglob("*.html"))}


def page_url(site: Path, path: Path, site_url: str = SITE_URL) -> str:
    """The deployed address of a built file: a/index.html is served as a/."""
    rel = path.relative_to(site).as_posix()
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return site_url + rel


class OutsideSite(Exception):
    """A relative link that climbs above the site's root: on the deployed site it leaves the site."""


def target_of(url: str, base: str, site: Path, site_url: str = SITE_URL) -> tuple[Path, str] | None:
    """The file (and fragment) an internal `url` resolves to, or None for an external one."""
    parts = urlsplit(urljoin(base, url))
    root = urlsplit(site_url)
    if (parts.scheme, parts.netloc) != (root.scheme, root.netloc) or not (parts.path + "/").startswith(root.path):
        if (
            not urlsplit(url).scheme
            and not url.startswith("//")
            and (parts.scheme, parts.netloc) == (root.scheme, root.netloc)
        ):
            raise OutsideSite(parts.path)
        return None  # another site, mailto:, javascript:, data:, ...
    rel = unquote(parts.path[len(root.path) :])
    norm = posixpath.normpath("/" + rel).lstrip("/")
    target = site / norm if norm not in ("", ".") else site
    if rel.endswith("/") or rel == "" or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


@dataclass
class Broken:
    page: str
    what: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.what} {self.url!r} -> {self.reason}"


def broken_links(
    site: Path, site_url: str = SITE_URL, pages: dict[Path, PageLinks] | None = None
) -> tuple[list[Broken], int]:
    """Every broken internal reference of every HTML page under `site`, and how many were checked."""
    if pages is None:
        pages = {p: parse_page(p) for p in sorted(site.rglob("*.html"))}
    broken: list[Broken] = []
    checked = 0
    exists: dict[Path, bool] = {}
    for path, links in pages.items():
        here = page_url(site, path, site_url)
        base = urljoin(here, links.base) if links.base else here
        name = path.relative_to(site).as_posix()
        for what, url in links.urls:
            if url in ("", "#"):
                continue
            try:
                resolved = target_of(url, base, site, site_url)
            except OutsideSite as exc:
                checked += 1
                broken.append(Broken(name, what, url, f"climbs above the site's root to {exc}"))
                continue
            if resolved is None:
                continue
            checked += 1
            target, fragment = resolved
            if target not in exists:
                exists[target] = target in pages or target.is_file()
            if not exists[target]:
                broken.append(Broken(name, what, url, f"no file {target.relative_to(site).as_posix()}"))
            elif fragment and target.suffix == ".html":
                anchors = pages[target].anchors if target in pages else parse_page(target).anchors
                if fragment not in anchors:
                    broken.append(
                        Broken(name, what, url, f"no id or name {fragment!r} in {target.relative_to(site).as_posix()}")
                    )
    return broken, checked


# ---------------------------------------------------------------------------------------------
# Tests


def test_no_broken_internal_link(built_site: Path):
    broken, checked = broken_links(built_site, pages=parse_site(built_site))
    pages = len(parse_site(built_site))
    assert pages > 300 and checked > 50 * pages, (
        f"only {checked} internal references on {pages} pages: the crawler misses links"
    )
    if broken:
        by_target: dict[str, int] = {}
        for b in broken:
            by_target[b.reason] = by_target.get(b.reason, 0) + 1
        common = sorted(by_target.items(), key=lambda kv: -kv[1])[:10]
        raise AssertionError(
            f"{len(broken)} broken internal link(s) out of {checked} on {pages} pages:\n"
            + "\n".join(f"  - {b}" for b in broken[:60])
            + (f"\n  ... and {len(broken) - 60} more" if len(broken) > 60 else "")
            + "\nmost frequent targets:\n"
            + "\n".join(f"  {n} x {reason}" for reason, n in common)
        )


def test_inline_svg_links_do_not_break_instant_navigation(built_site: Path):
    """Material's instant navigation makes every `[href]` absolute by assigning `el.href = el.href`;
    on an SVG element `href` is a read-only SVGAnimatedString, the assignment throws, and the
    navigation pipeline dies: the address changes but the content stays (as it did on /taxonomy/,
    whose diagram had 26 such links).
    Links and references inside inline SVG must use `xlink:href`, which `[href]` does not match."""
    offending = {}
    for path, links in parse_site(built_site).items():
        hrefs = links.svg_hrefs
        if hrefs:
            offending[path.relative_to(built_site).as_posix()] = f"{len(hrefs)}, e.g. {hrefs[0]}"
    assert not offending, "inline SVG elements with a plain href attribute (write xlink:href):\n" + "\n".join(
        f"  - {page}: {what}" for page, what in offending.items()
    )


def test_every_sitemap_address_is_a_page(built_site: Path):
    """Material's instant navigation only follows links to addresses listed in sitemap.xml."""
    text = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", text)
    assert len(locs) > 300
    resolved = {loc: target_of(loc, SITE_URL, built_site) for loc in locs}
    outside = [loc for loc, t in resolved.items() if t is None]
    missing = [loc for loc, t in resolved.items() if t is not None and not t[0].is_file()]
    assert not outside and not missing, (
        f"sitemap addresses off the site: {outside[:10]}; without a page: {missing[:20]}"
    )


def test_the_crawler_finds_planted_broken_links(tmp_path: Path):
    """The check itself, on a tiny site with one of each kind of good and broken reference."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "img").mkdir()
    (site / "img" / "x.png").write_bytes(b"png")
    (site / "search" / "index.html").write_text("<h1 id=top>search</h1>", encoding="utf-8")
    (site / "a" / "index.html").write_text(
        '<h2 id="ok">ok</h2><a name="old"></a>'
        '<a href="../">up</a><a href="..">up, no slash</a><a href="../search/?when=after-training#top">query</a>'
        '<a href="../missing/">missing dir</a><a href="../../elsewhere/">above the root</a>',
        encoding="utf-8",
    )
    (site / "index.html").write_text(
        '<!doctype html><html><head><link rel="stylesheet" href="style.css">'
        '<link rel="preconnect" href="https://fonts.example/">'
        '<link rel="canonical" href="https://hrcheng1066.github.io/awesome-pruning/">'
        '<script src="app.js"></script></head><body>'
        '<a href="a/">fine</a><a href="a/#ok">fine anchor</a><a href="a/#old">fine name</a>'
        '<a href="a">fine, served after a redirect</a><a href="#">top</a>'
        '<a href="a/#nope">missing anchor</a>'
        '<a href="b/">missing page</a>'
        '<a href="https://hrcheng1066.github.io/awesome-pruning/gone/">missing, absolute</a>'
        '<a href="/awesome-pruning/search/">fine, root-relative</a>'
        '<a href="https://example.org/x">external</a><a href="mailto:a@b.c">mail</a>'
        '<a href="javascript:void(0)">js</a>'
        '<img src="img/x.png" srcset="img/x.png 1x, img/x%402x.png 2x" alt="">'
        '<svg><a href="taxonomy/when/"><text>svg link</text></a></svg>'
        '<svg><a xlink:href="search/"><text>svg link</text></a><use xlink:href="#nope"/></svg>'
        "</body></html>",
        encoding="utf-8",
    )
    broken, checked = broken_links(site)
    found = sorted((b.page, b.url) for b in broken)
    assert found == sorted(
        [
            ("a/index.html", "../missing/"),
            ("a/index.html", "../../elsewhere/"),
            ("index.html", "style.css"),
            ("index.html", "app.js"),
            ("index.html", "a/#nope"),
            ("index.html", "b/"),
            ("index.html", "https://hrcheng1066.github.io/awesome-pruning/gone/"),
            ("index.html", "img/x%402x.png"),
            ("index.html", "taxonomy/when/"),
            ("index.html", "#nope"),
        ]
    ), found
    assert checked == 17 + 5  # every internal reference was looked at (index.html: 17, a/: 5), none external
    assert parse_page(site / "index.html").svg_hrefs == ["<a href='taxonomy/when/'>"]
    (site / "style.css").write_text("", encoding="utf-8")
    assert ("index.html", "style.css") not in {(b.page, b.url) for b in broken_links(site)[0]}
