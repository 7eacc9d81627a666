"""What's new: the /recent/ page and the Atom feed /feed.xml of the latest additions.

Both are ordered by the entries' `added` date, newest first, ties by title then key, and both take
"now" from the catalog (its newest `added` date), never from the clock: two builds of the same
catalog give byte-identical files, and a rebuild does not make every feed reader see a change.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from itertools import groupby

from ..model import Catalog, Paper
from ..urls import href, paper_url
from .html import author_list, category_chips, esc, link

RECENT_URL = "recent/"
FEED_PATH = "feed.xml"
ATOM_NS = "http://www.w3.org/2005/Atom"
#: How many additions /recent/ lists; the rest are on /papers/.
RECENT_LIMIT = 100
#: How many additions the feed carries; readers only need the latest ones.
FEED_LIMIT = 50
#: The window of "added in the last N days", counted back from the newest `added` date.
WINDOW_DAYS = 30
FEED_TITLE = "Deep Neural Network Pruning: latest catalog additions"
FEED_AUTHOR = "awesome-pruning catalog maintainers"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
# Characters XML 1.0 forbids even when escaped; one in a title would make the whole feed unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# ---------------------------------------------------------------------------------------------
# Ordering shared by the page, the feed and the tests


def latest_additions(catalog: Catalog, limit: int | None = None) -> list[Paper]:
    """Papers with an `added` date, newest first; ties by title (case-folded), then key."""
    dated = [p for p in catalog.papers if p.added is not None]
    # one sort on a composite key: the date descending via its ordinal, then title and key ascending
    dated.sort(key=lambda p: (-p.added.toordinal(), p.title.casefold(), p.key))  # type: ignore[union-attr]
    return dated if limit is None else dated[:limit]


def added_within(catalog: Catalog, days: int = WINDOW_DAYS) -> tuple[int, dt.date | None, dt.date | None]:
    """(count, first day, newest day) of the additions in the `days` days up to the newest one."""
    newest = catalog.newest_added()
    if newest is None:
        return 0, None, None
    start = newest - dt.timedelta(days=days - 1)
    return sum(1 for p in catalog.papers if p.added is not None and p.added >= start), start, newest


def long_date(day: dt.date) -> str:
    """'20 August 2024', independent of the locale (strftime's %B is not)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# ---------------------------------------------------------------------------------------------
# The /recent/ page


def recent_page(catalog: Catalog, limit: int = RECENT_LIMIT) -> str:
    at = RECENT_URL
    total = len(catalog.papers)
    shown = latest_additions(catalog, limit)
    dated = sum(1 for p in catalog.papers if p.added is not None)
    feed = link(href(at, FEED_PATH), "Atom feed")
    all_papers = link(href(at, "papers/"), "all papers")
    out = ["# Recently added", ""]
    if not shown:
        out += [f"<p>No entry of the catalog has an <code>added</code> date yet, so there is nothing to list here. "
                f"See {all_papers}. The {feed} will list additions once entries carry a date.</p>", ""]
        return "\n".join(out)
    count, start, newest = added_within(catalog)
    assert start is not None and newest is not None
    out += [
        f"<p class=\"pc-recent-summary\"><strong>{count} of {total} papers</strong> were added in the "
        f"{WINDOW_DAYS} days from {long_date(start)} to {long_date(newest)}, the date of the newest addition. "
        f"The window is counted from the catalog's own dates, not from today, so the page only changes when "
        f"the catalog does.</p>",
        f"<p>Follow new papers with the {feed} (<code>{FEED_PATH}</code>, the {min(FEED_LIMIT, dated)} newest).</p>",
    ]
    if dated > len(shown):
        out.append(f"<p>Showing the {len(shown)} newest of {dated} dated papers; papers added on the same day are "
                   f"in title order. The full list is under {all_papers}.</p>")
    if dated < total:
        undated = total - dated
        out.append(f"<p>{_count(undated, 'paper')} {'has' if undated == 1 else 'have'} no <code>added</code> date "
                   f"and {'is' if undated == 1 else 'are'} not listed here; the "
                   f"{link(href(at, 'curation/'), 'curation page')} lists them.</p>")
    out.append("")
    for day, group in groupby(shown, key=lambda p: p.added):
        papers = list(group)
        on_day = sum(1 for p in catalog.papers if p.added == day)
        more = f" <small>({len(papers)} of {on_day} shown)</small>" if on_day > len(papers) else ""
        out += [
            f"## {long_date(day)}",  # type: ignore[arg-type]
            "",
            f"<p>{_count(on_day, 'paper')} added on this day.{more}</p>",
            "<ul class=\"pc-recent\">" + "".join(_recent_item(catalog, p, at) for p in papers) + "</ul>",
            "",
        ]
    return "\n".join(out)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _recent_item(catalog: Catalog, paper: Paper, at: str) -> str:
    venue = " ".join(x for x in (esc(paper.venue), f"({esc(paper.venue_note)})" if paper.venue_note else "", str(paper.year)) if x)
    # only the axes a maintainer labelled: "not yet labelled" on each of five axes would drown the list
    chips = " ".join(category_chips(catalog, paper, a.id, at) for a in catalog.taxonomy.axes
                     if paper.state(a.id) == "labelled")
    return (f"<li data-key=\"{esc(paper.key)}\">{link(href(at, paper_url(paper.key)), paper.title)}"
            f"<br><small>{esc(author_list(paper, 3))} · {venue}</small>"
            + (f"<br>{chips}" if chips else "") + "</li>")


# ---------------------------------------------------------------------------------------------
# The Atom feed (RFC 4287)


def atom_feed(catalog: Catalog, site_url: str, limit: int = FEED_LIMIT) -> str:
    """The latest additions as an Atom 1.0 document, written with `xml.etree.ElementTree` (it escapes
    text and attributes; the order of elements and attributes is the order they are added in, so
    two builds give the same bytes).

    With a `site_url`, ids and links are absolute URLs of the site. Without one, links are relative
    to the feed (which sits at the site root, so `papers/<key>/` resolves) and ids are `urn:uuid:`
    names derived from the keys, which are still valid, stable IRIs.
    """
    base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    # A feed must have an `updated`; without dated entries fall back to the epoch (still reproducible).
    updated = _timestamp(catalog.newest_added() or dt.date(1970, 1, 1))
    # Atom as the default namespace of the document: ElementTree's `default_namespace` refuses the
    # plain attribute names Atom uses (rel, href), so the root declares it as an attribute.
    feed = ET.Element("feed", {"xmlns": ATOM_NS, _XML_LANG: "en"})
    _sub(feed, "id", base + FEED_PATH if base else _urn("feed"))
    _sub(feed, "title", FEED_TITLE)
    _sub(feed, "subtitle", "Papers newly added to the catalog of the survey on deep neural network pruning.")
    _sub(feed, "updated", updated)
    author = _sub(feed, "author")
    _sub(author, "name", FEED_AUTHOR)
    if base:
        _sub(author, "uri", base)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    _sub(feed, "link", rel="alternate", type="text/html", href=base + RECENT_URL)
    _sub(feed, "generator", "prunecat")
    for paper in latest_additions(catalog, limit):
        _feed_entry(feed, catalog, paper, base)
    ET.indent(feed, "  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _feed_entry(feed: ET.Element, catalog: Catalog, paper: Paper, base: str) -> None:
    page = base + paper_url(paper.key)
    when = _timestamp(paper.added)  # type: ignore[arg-type]
    entry = _sub(feed, "entry")
    _sub(entry, "id", page if base else _urn("paper:" + paper.key))
    _sub(entry, "title", paper.title, type="text")
    _sub(entry, "published", when)
    _sub(entry, "updated", when)
    _sub(entry, "link", rel="alternate", type="text/html", href=page)
    if paper.url.startswith(("https://", "http://")):
        _sub(entry, "link", rel="related", href=paper.url)
    # "et al." is a placeholder of the source list, not a person
    names = [a for a in paper.authors if a.strip() and a != "et al."] or ["authors not yet recorded"]
    for name in names:
        _sub(_sub(entry, "author"), "name", name)
    _sub(entry, "summary", _summary(catalog, paper), type="text")
    for axis in catalog.taxonomy.axes:
        for cid in paper.categories.get(axis.id, ()):
            scheme = {"scheme": base + "taxonomy/" + axis.id + "/"} if base else {}
            _sub(entry, "category", term=axis.id + "/" + cid, **scheme, label=axis.category(cid).name)


def _summary(catalog: Catalog, paper: Paper) -> str:
    venue = " ".join(x for x in (paper.venue, f"({paper.venue_note})" if paper.venue_note else "", str(paper.year)) if x)
    parts = ([paper.summary] if paper.summary else []) + [venue, author_list(paper, 3)]
    labels = []
    for axis in catalog.taxonomy.axes:
        ids = paper.labels.get(axis.id, ())
        if paper.state(axis.id) == "labelled":
            labels.append(f"{axis.short}: " + ", ".join(axis.category(c).name for c in ids))
    parts.append("; ".join(labels) if labels else "not yet labelled")
    return " · ".join(parts)


def _timestamp(day: dt.date) -> str:
    """An RFC 3339 timestamp at midnight UTC: entries only know the day they were added."""
    return f"{day.isoformat()}T00:00:00Z"


def _urn(name: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "prunecat:" + name))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element (in the document's default namespace, Atom); text and attribute values without the characters XML
    1.0 cannot carry even escaped (one in a title would make the whole feed unreadable)."""
    element = ET.SubElement(parent, tag, {k: _XML_INVALID.sub("", str(v)) for k, v in attributes.items()})
    if text is not None:
        element.text = _XML_INVALID.sub("", str(text))
    return element
