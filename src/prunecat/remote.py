"""Paper metadata from the arXiv API and Crossref, for `catalog add --arxiv/--doi` and `catalog enrich`.

Every request goes through the module-level `opener(url, timeout) -> bytes`; tests replace it with
one that serves recorded responses (tests/fixtures/remote/), so no test touches the network.
Failures come back as `Offline` (no connection, timeout) or `RemoteError` (an unusable answer),
never as a traceback; a 404 means "no such record" and returns None.
"""

from __future__ import annotations

import html
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.client import HTTPException
from typing import Callable

from .bibtex import write_entry
from .model import normalize_title

ARXIV_API = "http://export.arxiv.org/api/query"
CROSSREF_API = "https://api.crossref.org/works"
ARXIV = "arxiv.org"
CROSSREF = "api.crossref.org"
TIMEOUT = 10.0  # seconds per request
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = "prunecat/0.1 (catalog of the survey 'A Survey on Deep Neural Network Pruning'; https://github.com/hrcheng1066/awesome-pruning)"
#: Seconds between two requests to the same host (arXiv asks for 3).
POLITE_DELAY = {"export.arxiv.org": 3.0}

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV_NS = "{http://arxiv.org/schemas/atom}"
_ARXIV_ID = re.compile(r"^(?:arxiv:)?([0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$", re.I)
_ARXIV_ABS = re.compile(
    r"arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?", re.I
)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_TAG = re.compile(r"<[^>]+>")


class RemoteFailure(Exception):
    """A metadata service could not give an answer; `service` names it for the user."""

    def __init__(self, service: str, message: str):
        super().__init__(message)
        self.service = service


class Offline(RemoteFailure):
    def __init__(self, service: str):
        super().__init__(service, f"could not reach {service} (offline?)")


class RemoteError(RemoteFailure):
    pass


# ---------------------------------------------------------------------------------------------
# Fetching


_last_request: dict[str, float] = {}


def urlopen(url: str, timeout: float) -> bytes:
    """The real opener: one GET with a short timeout, spaced politely per host."""
    host = urllib.parse.urlsplit(url).netloc
    wait = POLITE_DELAY.get(host, 0.0) - (time.monotonic() - _last_request.get(host, -1e9))
    if wait > 0:
        time.sleep(wait)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(MAX_BYTES)
    finally:
        _last_request[host] = time.monotonic()


#: Replaced by tests with a function serving recorded responses.
opener: Callable[[str, float], bytes] = urlopen


def get(url: str, service: str) -> bytes | None:
    """The body at `url`; None for 404; raises Offline or RemoteError."""
    try:
        return opener(url, TIMEOUT)
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return None
        raise RemoteError(service, f"{service} answered HTTP {exc.code} {exc.reason}; try again later")
    except (urllib.error.URLError, TimeoutError, socket.timeout, ConnectionError, HTTPException, OSError):
        raise Offline(service) from None


# ---------------------------------------------------------------------------------------------
# Records


@dataclass
class Record:
    """Bibliographic data of one paper as a service gives it (plain text, not BibTeX)."""

    source: str  # ARXIV or CROSSREF
    title: str
    authors: list[str] = field(default_factory=list)  # BibTeX person strings ("First Last" or "Last, First")
    year: int = 0
    entry_type: str = "misc"  # BibTeX entry type
    venue: str = ""  # journal or proceedings title
    venue_field: str = ""  # "journal" or "booktitle" (empty: not a venue, e.g. a preprint)
    doi: str = ""
    arxiv: str = ""
    primary_class: str = ""
    url: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""

    def bib_fields(self) -> dict[str, str]:
        """BibTeX fields this record can fill, with values escaped for BibTeX."""
        out: dict[str, str] = {}
        if self.authors:
            out["author"] = " and ".join(bib_escape(a) for a in self.authors)
        if self.venue and self.venue_field:
            out[self.venue_field] = bib_escape(self.venue)
        if self.doi:
            out["doi"] = self.doi
        if self.arxiv:
            out["eprint"] = self.arxiv
            out["archiveprefix"] = "arXiv"
        return out

    def to_bibtex(self, key: str) -> str:
        """A BibTeX entry for the record, like the one arXiv or the publisher would export."""
        fields = [("title", bib_escape(self.title))]
        if self.authors:
            fields.append(("author", " and ".join(bib_escape(a) for a in self.authors)))
        if self.venue and self.venue_field:
            fields.append((self.venue_field, bib_escape(self.venue)))
        if self.year:
            fields.append(("year", str(self.year)))
        for name in ("volume", "number", "pages", "publisher"):
            value = getattr(self, name)
            if value:
                fields.append(
                    (name, bib_escape(value.replace("-", "--") if name == "pages" and "--" not in value else value))
                )
        if self.doi:
            fields.append(("doi", self.doi))
        if self.arxiv:
            fields += [("eprint", self.arxiv), ("archiveprefix", "arXiv")]
            if self.primary_class:
                fields.append(("primaryclass", self.primary_class))
        if self.url:
            fields.append(("url", self.url))
        return write_entry(self.entry_type, key, fields) + "\n"


def bib_escape(text: str) -> str:
    """Plain text made safe inside a braced BibTeX value: special characters escaped, braces balanced."""
    text = re.sub(r"(?<!\\)([&%#])", r"\\\1", " ".join(text.split()))
    depth, out = 0, []
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                continue
            depth -= 1
        out.append(char)
    return "".join(out) + "}" * depth


def clean_arxiv_id(text: str) -> str:
    """'1810.02340' from '1810.02340v2', 'arXiv:1810.02340' or an arxiv.org link; '' if none."""
    text = text.strip()
    m = _ARXIV_ABS.search(text) or _ARXIV_ID.match(text)
    return m.group(1) if m else ""


def clean_doi(text: str) -> str:
    """'10.1109/x' from 'https://doi.org/10.1109/x' or 'doi:10.1109/x'; '' if not a DOI."""
    text = urllib.parse.unquote(text.strip())
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.I)
    return text if _DOI.match(text) else ""


def same_title(a: str, b: str) -> bool:
    return bool(normalize_title(a)) and normalize_title(a) == normalize_title(b)


# ---------------------------------------------------------------------------------------------
# arXiv


def arxiv_by_id(arxiv_id: str) -> Record | None:
    body = get(f"{ARXIV_API}?{urllib.parse.urlencode({'id_list': arxiv_id, 'max_results': 1})}", ARXIV)
    if body is None:
        return None
    records = [r for r in parse_arxiv_feed(body) if r.arxiv == arxiv_id]
    return records[0] if records else None


def arxiv_search_title(title: str, max_results: int = 5) -> list[Record]:
    words = " ".join(re.findall(r"\w+", title))
    if not words:
        return []
    query = urllib.parse.urlencode({"search_query": f'ti:"{words}"', "max_results": max_results})
    body = get(f"{ARXIV_API}?{query}", ARXIV)
    return parse_arxiv_feed(body) if body else []


def parse_arxiv_feed(body: bytes) -> list[Record]:
    """Records of an arXiv API Atom feed; the API's error entries are skipped."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise RemoteError(ARXIV, f"{ARXIV} sent an answer that is not an Atom feed; try again later")
    records = []
    for entry in root.findall(f"{_ATOM}entry"):
        arxiv = clean_arxiv_id(_text(entry, f"{_ATOM}id"))
        title = _text(entry, f"{_ATOM}title")
        if not arxiv or not title or title == "Error":
            continue
        published = _text(entry, f"{_ATOM}published")
        primary = entry.find(f"{_ARXIV_NS}primary_category")
        records.append(
            Record(
                source=ARXIV,
                title=title,
                authors=[_text(a, f"{_ATOM}name") for a in entry.findall(f"{_ATOM}author") if _text(a, f"{_ATOM}name")],
                year=int(published[:4]) if published[:4].isdigit() else 0,
                entry_type="misc",
                doi=clean_doi(_text(entry, f"{_ARXIV_NS}doi")),
                arxiv=arxiv,
                primary_class=primary.get("term", "") if primary is not None else "",
                url=f"https://arxiv.org/abs/{arxiv}",
            )
        )
    return records


def _text(node: ET.Element, tag: str) -> str:
    found = node.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


# ---------------------------------------------------------------------------------------------
# Crossref

_CROSSREF_TYPES = {
    "journal-article": ("article", "journal"),
    "proceedings-article": ("inproceedings", "booktitle"),
    "book-chapter": ("incollection", "booktitle"),
    "book-part": ("incollection", "booktitle"),
}


def crossref_by_doi(doi: str) -> Record | None:
    body = get(f"{CROSSREF_API}/{urllib.parse.quote(doi, safe='/()')}", CROSSREF)
    if body is None:
        return None
    message = _crossref_message(body)
    return crossref_record(message) if isinstance(message, dict) else None


def crossref_search_title(title: str, rows: int = 5) -> list[Record]:
    query = urllib.parse.urlencode({"query.bibliographic": " ".join(title.split()), "rows": rows})
    body = get(f"{CROSSREF_API}?{query}", CROSSREF)
    if body is None:
        return []
    message = _crossref_message(body)
    items = message.get("items", []) if isinstance(message, dict) else []
    return [r for r in (crossref_record(i) for i in items if isinstance(i, dict)) if r is not None]


def _crossref_message(body: bytes):
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RemoteError(CROSSREF, f"{CROSSREF} sent an answer that is not JSON; try again later")
    if not isinstance(data, dict) or data.get("status") != "ok":
        raise RemoteError(CROSSREF, f"{CROSSREF} did not answer 'ok'; try again later")
    return data.get("message")


def crossref_record(item: dict) -> Record | None:
    """A Record from one Crossref work (the `message` of /works/DOI or an item of a search)."""
    title = _plain(_first(item.get("title")))
    subtitle = _plain(_first(item.get("subtitle")))
    if subtitle and not title.endswith(subtitle):
        title = f"{title}: {subtitle}"
    if not title:
        return None
    entry_type, venue_field = _CROSSREF_TYPES.get(item.get("type", ""), ("misc", ""))
    authors = []
    for person in item.get("author") or []:
        given, family = _plain(person.get("given", "")), _plain(person.get("family", ""))
        if family:
            suffix = _plain(person.get("suffix", ""))
            if suffix:
                authors.append(f"{family}, {suffix}, {given}" if given else f"{family}, {suffix}")
            elif " " in family:
                authors.append(f"{family}, {given}" if given else family)  # keeps "De Sa" one family name
            else:
                authors.append(f"{given} {family}".strip())
        elif person.get("name"):
            authors.append("{" + _plain(person["name"]) + "}")  # an organisation
    year = 0
    for key in ("issued", "published-print", "published-online", "published", "created"):
        parts = (item.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            year = parts[0][0]
            break
    doi = clean_doi(item.get("DOI", ""))
    return Record(
        source=CROSSREF,
        title=title,
        authors=authors,
        year=year,
        entry_type=entry_type,
        venue=_plain(_first(item.get("container-title"))) if venue_field else "",
        venue_field=venue_field,
        doi=doi,
        url=f"https://doi.org/{doi}" if doi else "",
        volume=str(item.get("volume", "") or ""),
        number=str(item.get("issue", "") or ""),
        pages=str(item.get("page", "") or ""),
        publisher=_plain(item.get("publisher", "") or ""),
    )


def _first(value) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def _plain(text: str) -> str:
    """Crossref text without JATS/HTML markup and entities."""
    return " ".join(html.unescape(_TAG.sub("", str(text))).split())
