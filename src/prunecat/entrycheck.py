"""The checks of one entry's fields, building its Paper: what load.validate_entry_text runs for
every entry, and so what `catalog check`, the build, `add`, `fmt` and the importers all apply."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from . import bibtex
from .fields import BOOL_FIELDS, CODE_FIELDS, LIST_FACETS, NAMES, TEXT_FIELDS
from .model import CodeLink, Evidence, Paper
from .evidencecheck import check_evidence
from .resultcheck import check_results
from .links import check_url
from .problems import Problem, did_you_mean, show
from .venues import short_venue
from .taxonomy import AXIS_IDS, NONE_LABEL, STATE_LABELS, UNCLEAR_LABEL, Taxonomy

FIELDS = NAMES  # every field an entry may have (fields.py defines them)
SUMMARY_MAX_WORDS = 40
#: The oldest `added` date: the oldest snapshot of a source list the catalog was built from is of 2021.
FIRST_ADDED = dt.date(2015, 1, 1)
CODE_HOSTS = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "huggingface.co",
    "gitee.com",
    "codeberg.org",
    "sourceforge.net",
)
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


class EntryCheck:
    """Collects the problems of one entry while building its Paper."""

    def __init__(self, rel: str, lines: dict, taxonomy: Taxonomy):
        self.rel, self.lines, self.taxonomy = rel, lines, taxonomy
        self.problems: list[Problem] = []

    def line(self, at: tuple) -> int:
        while at and at not in self.lines:
            at = at[:-1]
        return self.lines.get(at, 1)

    def error(self, at: tuple, message: str, line: int | None = None, severity: str = "error") -> None:
        field = ".".join(str(a) for a in at)
        self.problems.append(Problem(self.rel, line or self.line(at), message, field=field, severity=severity))

    def warn(self, at: tuple, message: str, line: int | None = None) -> None:
        self.error(at, message, line, severity="warning")

    # -- the entry --------------------------------------------------------------------------

    def paper(self, data: dict, key: str) -> Paper | None:
        for name in data:
            if name not in FIELDS:
                self.error((name,), f"unknown field '{name}'; {did_you_mean(str(name), FIELDS)}")
        if "bibtex" not in data:
            self.error(
                (),
                "missing field 'bibtex': paste the paper's BibTeX entry as `bibtex: |` followed by the entry, indented",
            )
            return None
        bib = self.bib(data["bibtex"])
        texts = {name: self.text(data, name) for name in TEXT_FIELDS}
        labels = {axis: self.ids(data, axis) for axis in AXIS_IDS}
        facets = {name: self.ids(data, name) for name in LIST_FACETS}
        flags = {name: self.flag(data, name) for name in BOOL_FIELDS}
        code = self.code(data.get("code"))
        results = check_results(self, data.get("results"), self.taxonomy.results)
        added = self.added(data.get("added"))
        summary = self.summary(data.get("summary"))
        evidence = self.evidence(data.get("evidence"), labels)
        if bib is None:
            return None
        entry, title, year = bib
        venue_full = bibtex.decode(entry.get("booktitle") or entry.get("journal") or entry.get("publisher"))
        arxiv = bibtex.arxiv_id(entry.fields)
        venue = texts["venue"] or short_venue(venue_full, arxiv)
        url = entry.get("url").split()[0] if entry.get("url") else ""
        categories = {axis: self._expand(axis, ids) for axis, ids in labels.items()}
        return Paper(
            key=key,
            path=self.rel,
            title=title,
            authors=tuple(bibtex.authors(entry.get("author"))),
            year=year,
            venue=venue,
            venue_full=venue_full,
            venue_note=texts["venue_note"],
            url=url,
            arxiv=arxiv,
            doi=entry.get("doi"),
            bibtex=data["bibtex"].strip() + "\n",
            entry_type=entry.entry_type,
            algorithm=texts["algorithm"],
            labels=labels,
            categories=categories,
            facets=facets,
            pioneer=flags["pioneer"],
            survey=flags["survey"],
            analysis=flags["analysis"],
            code=code,
            added=added,
            summary=summary,
            evidence=evidence,
            results=results,
            lines=self.lines,
        )

    def _expand(self, axis: str, ids: tuple[str, ...]) -> tuple[str, ...]:
        return self.taxonomy.axis(axis).with_parents(ids)  # [none] and [unclear] name no category: ()

    # -- fields -----------------------------------------------------------------------------

    def bib(self, value: Any) -> tuple[bibtex.BibEntry, str, int] | None:
        at = ("bibtex",)
        first_line = self.line(at) + 1  # a block scalar starts on the line after `bibtex: |`
        if not isinstance(value, str) or not value.strip():
            self.error(
                at, "'bibtex' must hold a BibTeX entry as text: write `bibtex: |` and the entry indented below it"
            )
            return None
        try:
            entry = bibtex.parse_entry(value)
        except bibtex.BibTeXError as exc:
            self.error(at, str(exc), line=first_line + exc.line)
            return None

        def field_line(name: str) -> int:
            return first_line + entry.field_lines.get(name, 0)

        title = bibtex.decode(entry.get("title"))
        if not title:
            self.error(at, "the BibTeX entry has no title; add `title = {...}`", line=first_line)
        elif _HTML_TAG.search(title):
            self.warn(
                at,
                f"the title contains HTML-like markup ({_HTML_TAG.search(title).group(0)}); it is shown literally, as text",
                line=field_line("title"),
            )
        if not entry.get("author"):
            self.warn(
                at, "the BibTeX entry has no author list; add `author = {First Last and First Last}`", line=first_line
            )
        year_text = entry.get("year")
        year = int(year_text) if re.fullmatch(r"\d{4}", year_text) else 0
        this_year = dt.date.today().year
        if not year_text:
            self.error(at, "the BibTeX entry has no year; add `year = {2024}`", line=first_line)
        elif not 1940 <= year <= this_year + 1:
            self.error(
                at, f"year '{year_text}' is not a year between 1940 and {this_year + 1}", line=field_line("year")
            )
        url = entry.get("url")
        if url and check_url(url.split()[0]):
            self.error(at, f"url '{url}': {check_url(url.split()[0])}", line=field_line("url"))
        doi = entry.get("doi")
        if doi and not _DOI.match(doi):
            self.error(
                at,
                f"doi '{doi}' is not a DOI such as 10.1109/TPAMI.2024.3447085 (no https://doi.org/ prefix)",
                line=field_line("doi"),
            )
        if not title or not year or (url and check_url(url.split()[0])) or (doi and not _DOI.match(doi)):
            return None
        return entry, title, year

    def text(self, data: dict, name: str) -> str:
        value = data.get(name)
        if value is None:
            return ""
        if isinstance(value, (int, float, bool, dt.date)):
            # YAML reads 1:30 as 90, 2.10 as 2.1, 010 as 8 and yes as true: refuse rather than change it
            self.error(
                (name,),
                f"'{name}' must be text, but YAML read it as {type(value).__name__} {show(value)}; "
                f'put the value in quotes, e.g. {name}: "..."',
            )
            return ""
        if not isinstance(value, str) or "\n" in value.strip() or len(value) > 200:
            self.error((name,), f"'{name}' must be a single line of text (at most 200 characters), got {show(value)}")
            return ""
        return value.strip()

    def flag(self, data: dict, name: str) -> bool:
        value = data.get(name, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error((name,), f"'{name}' must be true or false, got {show(value)}")
            return False
        return value

    def ids(self, data: dict, name: str) -> tuple[str, ...]:
        value = data.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]  # a single id is accepted; `catalog fmt` writes a list
        if not isinstance(value, list):
            self.error(
                (name,),
                f"'{name}' must be a list of ids such as [{self.taxonomy.allowed(name)[0]}], got {show(value)}",
            )
            return ()
        allowed = self.taxonomy.allowed(name)
        out: list[str] = []
        for i, item in enumerate(value):
            resolved = self.taxonomy.resolve(name, str(item)) if isinstance(item, (str, int)) else None
            if name in AXIS_IDS and item in STATE_LABELS:
                resolved = item
            if resolved is None:
                extra = (
                    f", '{NONE_LABEL}' (no category applies) or '{UNCLEAR_LABEL}' (the paper does not tell)"
                    if name in AXIS_IDS
                    else ""
                )
                self.error((name, i), f"unknown {name} id {show(item)}; {did_you_mean(str(item), allowed)}{extra}")
            elif resolved in out:
                self.error((name, i), f"'{resolved}' is listed twice in '{name}'")
            else:
                out.append(resolved)
        for state in STATE_LABELS:
            if state in out and len(out) > 1:
                meaning = (
                    "no category of"
                    if state == NONE_LABEL
                    else "a reader could not tell from the paper which category of"
                )
                self.error(
                    (name,), f"'{state}' means {meaning} '{name}' applies; it cannot be combined with categories"
                )
        if name in AXIS_IDS:
            axis = self.taxonomy.axis(name)
            for cid in out:
                parent = axis.category(cid).parent if cid not in STATE_LABELS else None
                if parent and parent in out:
                    self.warn((name,), f"'{cid}' already counts for its parent '{parent}'; list only '{cid}'")
        return tuple(out)

    def code(self, value: Any) -> tuple[CodeLink, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(("code",), "'code' must be a list of releases, each with `- url: https://github.com/...`")
            return ()
        links = []
        for i, item in enumerate(value):
            at = ("code", i)
            if isinstance(item, str):
                item = {"url": item}
            if not isinstance(item, dict):
                self.error(at, f"a code release is a mapping with url, framework, official; got {show(item)}")
                continue
            for name in item:
                if name not in CODE_FIELDS:
                    self.error(at + (name,), f"unknown code field '{name}'; {did_you_mean(str(name), CODE_FIELDS)}")
            url = item.get("url")
            if url is None:
                self.error(at, "a code release needs a link: add `url: https://github.com/owner/repository`")
                continue
            reason = check_url(url) if isinstance(url, str) else "write one link, as text"
            if reason:
                self.error(at + ("url",), f"code url {show(url)}: {reason}")
                continue
            host = urlsplit(url).netloc.lower().removeprefix("www.")
            if not any(host == h or host.endswith("." + h) for h in CODE_HOSTS):
                self.warn(
                    at + ("url",),
                    f"code url '{url}' is not on a known code host ({', '.join(CODE_HOSTS)}); is it a repository?",
                )
            framework = item.get("framework") or ""
            resolved = self.taxonomy.resolve("framework", str(framework)) if framework else ""
            if resolved is None:
                self.error(
                    at + ("framework",),
                    f"unknown framework {show(framework)}; {did_you_mean(str(framework), self.taxonomy.allowed('framework'))}",
                )
                resolved = ""
            official = item.get("official")
            if official is not None and not isinstance(official, bool):
                self.error(
                    at + ("official",),
                    f"'official' must be true (the authors' code) or false (a third party's), got {show(official)}",
                )
                official = None
            note = item.get("note") or ""
            if not isinstance(note, str):
                self.error(at + ("note",), f"'note' must be text, got {show(note)}")
                note = ""
            links.append(CodeLink(url=url.strip(), framework=resolved, official=official, note=note))
        return tuple(links)

    def summary(self, value: Any) -> str:
        """One or two sentences in the catalog's own words: what the method does and how."""
        if value is None:
            return ""
        if not isinstance(value, str):
            self.error(
                ("summary",),
                f"'summary' must be text: one or two sentences in your own words; got {show(value)} "
                "(put the text in quotes if YAML reads it as something else)",
            )
            return ""
        text = " ".join(value.split())
        words = len(text.split())
        if words > SUMMARY_MAX_WORDS:
            self.error(
                ("summary",),
                f"the summary has {words} words; keep it to at most {SUMMARY_MAX_WORDS} "
                "(what the method does and how, in your own words)",
            )
        elif _HTML_TAG.search(text):
            self.warn(("summary",), "the summary contains HTML-like markup; it is shown literally, as text")
        return text

    def evidence(self, value: Any, labels: dict[str, tuple[str, ...]]) -> Evidence:
        """Where the labels come from (`paper` or a source list) and when the facts were checked."""
        return check_evidence(self, value, labels)

    def date(self, value: Any, at: tuple, what: str, earliest: dt.date) -> dt.date | None:
        """A date within [earliest, today + 1 day], or None with an error."""
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            try:
                value = dt.date.fromisoformat(str(value))
            except ValueError:
                self.error(at, f"'{what}' must be a date written YYYY-MM-DD, got {show(value)}")
                return None
        latest = dt.date.today() + dt.timedelta(days=1)
        if not earliest <= value <= latest:
            self.error(
                at,
                f"'{what}' {value.isoformat()} is not between {earliest.isoformat()} and today; "
                "write the day it happened, YYYY-MM-DD",
            )
            return None
        return value

    def added(self, value: Any) -> dt.date | None:
        return self.date(value, ("added",), "added", FIRST_ADDED)
