"""What's new: the /recent/ page and the Atom feed /feed.xml of the latest additions.

Both are ordered by the entries' `added` date (the day a paper joined the catalog: for an imported
paper, the snapshot date of the list it came from), newest first; papers of one day by publication
year, newest first, then title and key. Papers arrive in batches, so the page is grouped by day and
says when a day was an import, naming the list (a source of taxonomy.yml whose snapshot has that
date, or the source the papers' evidence names). Both take "now" from the catalog (its newest
`added` date), never from the clock: two builds of the same catalog give byte-identical files, and
a rebuild does not make every feed reader see a change.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from jinja2 import Environment

from ..model import Catalog, Paper
from ..taxonomy import Source
from ..templating import Chips, environment, page_text
from ..urls import paper_url
from .html import author_list

RECENT_URL = "recent/"
FEED_PATH = "feed.xml"
ATOM_NS = "http://www.w3.org/2005/Atom"
#: How many additions /recent/ lists; the rest are on /papers/.
RECENT_LIMIT = 100
#: How many additions the feed carries; readers only need the latest ones.
FEED_LIMIT = 50
#: The window of "added in the last N days", counted back from the newest `added` date.
WINDOW_DAYS = 30
#: A day with at least this many additions is a batch (an import): the page says so.
BATCH_MIN = 10
FEED_TITLE = "Deep Neural Network Pruning: latest catalog additions"
FEED_AUTHOR = "awesome-pruning catalog maintainers"

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Characters XML 1.0 forbids even when escaped; one in a title would make the whole feed unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# ---------------------------------------------------------------------------------------------
# Ordering shared by the page, the feed and the tests


def latest_additions(catalog: Catalog, limit: int | None = None) -> list[Paper]:
    """Papers with an `added` date, newest first; papers of one day by publication year (newest
    first), then title (case-folded), then key."""
    dated = [p for p in catalog.papers if p.added is not None]
    # one sort on a composite key: date and year descending (negated), then title and key ascending
    dated.sort(key=lambda p: (-p.added.toordinal(), -p.year, p.title.casefold(), p.key))  # type: ignore[union-attr]
    return dated if limit is None else dated[:limit]


@dataclass(frozen=True)
class Arrival:
    """One day on which papers joined the catalog."""

    day: dt.date
    count: int  # papers added that day
    sources: tuple[Source, ...]  # the lists imported that day, as far as the catalog tells

    @property
    def batch(self) -> bool:
        return self.count >= BATCH_MIN


def arrivals(catalog: Catalog) -> list[Arrival]:
    """Every day with additions, newest first, with the source lists imported that day: those of
    taxonomy.yml `sources:` whose snapshot date it is, else, for a batch, those the day's papers
    name as the evidence of a label (most named first)."""
    by_day: dict[dt.date, list[Paper]] = {}
    for p in catalog.papers:
        if p.added is not None:
            by_day.setdefault(p.added, []).append(p)
    known = {s.id: s for s in catalog.taxonomy.sources}
    out = []
    for day in sorted(by_day, reverse=True):
        dated = tuple(s for s in catalog.taxonomy.sources if s.date == day)
        if not dated and len(by_day[day]) >= BATCH_MIN:  # a few hand-added papers citing a list are no import
            named = Counter(sid for p in by_day[day] for sid in set(p.evidence.sources.values()) if sid in known)
            dated = tuple(known[sid] for sid, _n in sorted(named.items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(Arrival(day, len(by_day[day]), dated))
    return out


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


def recent_page(
    catalog: Catalog, limit: int = RECENT_LIMIT, env: Environment | None = None, chips: Chips | None = None
) -> str:
    """The page, from templates/recent.html: Markdown with its HTML inline (the page is short, so it
    goes through Markdown whole). `env` is the build's templates (a site's overrides first)."""
    env = env or environment()
    shown = latest_additions(catalog, limit)
    dated = sum(1 for p in catalog.papers if p.added is not None)
    count, start, newest = added_within(catalog)
    days = {a.day: a for a in arrivals(catalog)}
    listed = [(day, list(group)) for day, group in groupby(shown, key=lambda p: p.added)]
    on_page = {day for day, _group in listed}
    text = env.get_template("recent.html").render(
        at=RECENT_URL,
        total=len(catalog.papers),
        dated=dated,
        shown=len(shown),
        # every day with additions (the page's overview), then the listed ones with their papers
        arrivals=[_arrival(a, a.day in on_page) for a in days.values()],
        days=[{**_arrival(days[day], True), "papers": group} for day, group in listed],  # type: ignore[index]
        window_days=WINDOW_DAYS,
        recent=count,
        start=long_date(start) if start else "",
        newest=long_date(newest) if newest else "",
        feed_path=FEED_PATH,
        feed_count=min(FEED_LIMIT, dated),
        axes=catalog.taxonomy.axes,
        chips=chips or Chips(env),
    )
    # an override may still mark HTML with the `html` filter: put those parts back in place
    return page_text(text).inline()


def _arrival(a: Arrival, listed: bool) -> dict:
    """A day as the template needs it: its date as text and as an anchor, its count and sources."""
    return {
        "day": long_date(a.day),
        "anchor": f"added-{a.day.isoformat()}",
        "count": a.count,
        "batch": a.batch,
        "sources": [(s.name, s.url if s.url.startswith(("https://", "http://")) else "") for s in a.sources],
        "listed": listed,
    }


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
    venue = " ".join(
        x for x in (paper.venue, f"({paper.venue_note})" if paper.venue_note else "", str(paper.year)) if x
    )
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
