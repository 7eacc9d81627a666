"""Repairs of one row's cells: links, titles, venues, years, type codes, code links and tasks; each
repair and doubt goes into the report."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...links import check_url
from ...taxonomy import Taxonomy
from ..core import Report
from .markdown import find_links
from .vocabulary import (
    KNOWN_CASE_TYPOS,
    KNOWN_TYPOS,
    TASK_PHRASES,
    VAGUE_TASKS,
    VENUE_FIXES,
    VENUE_NOTES,
)

if TYPE_CHECKING:
    from .tables import Row

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def fix_url(url: str, row: Row, what: str, report: Report) -> str:
    fixed = url
    if fixed != fixed.strip():
        fixed = fixed.strip()
        report.fix("space in link", row, f"{what}: spaces around `{fixed}` removed")
    if fixed in ("", "-"):
        return ""
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", fixed) and re.match(
        r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/|$)", fixed, re.I
    ):
        report.fix("missing scheme", row, f"{what}: `{fixed}` → `https://{fixed}`")
        fixed = "https://" + fixed
    if "&referrer=" in fixed:
        cut = fixed.split("&referrer=")[0]
        report.fix("tracking parameter", row, f"{what}: the `&referrer=…` part of `{fixed}` was removed")
        fixed = cut
    reason = check_url(fixed)
    if reason:
        report.odd.append((row.line, f"{what} `{url}` dropped: {reason}"))
        return ""
    return fixed


def check_title(row: Row, report: Report) -> None:
    words = re.findall(r"[A-Za-z]+", row.title)
    for w in words:
        better = KNOWN_CASE_TYPOS.get(w) or KNOWN_TYPOS.get(w.lower())
        if better:
            report.suspect("possible typo in a title", f"{row.ref()}: “{w}” (→ {better}?)")
    for glued in re.findall(r"\b[a-z]{3,}[A-Z][a-z]{3,}\b", row.title):
        if glued.lower() not in KNOWN_TYPOS:
            report.suspect("possible typo in a title", f"{row.ref()}: “{glued}” (missing space?)")
    if re.search(r"\b[Aa]n\s+(?![A-Z]{2}|[Hh]o[un])[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]", row.title):
        report.suspect("possible typo in a title", f"{row.ref()}: “An” before a consonant (→ A?)")
    last = row.title.split()[-1].lower()
    if last in ("github", "pdf", "arxiv"):
        report.suspect("possible typo in a title", f"{row.ref()}: ends with “{row.title.split()[-1]}” (a stray word?)")
    if row.title.endswith(".") and not row.title.endswith("..."):
        report.suspect("possible typo in a title", f"{row.ref()}: ends with a full stop")


def venue_cell(cell: str, row: Row, report: Report) -> tuple[str, str]:
    text = " ".join(cell.replace("**", "").replace("__", "").split())
    if text in ("-", ""):
        return "", ""
    note = ""
    m = re.match(r"^(.*?)\s*\(((?:[^()]|\([^()]*\))*)\)\s*$", text)  # a note may hold one (...) itself
    if m:
        text, raw_note = m.group(1).strip(), m.group(2).strip()
        top = re.fullmatch(r"top[-\s]*(\d+(?:\.\d+)?)\s*%", raw_note, re.I)
        note = f"Top {top.group(1)}%" if top else VENUE_NOTES.get(raw_note.lower(), raw_note)
        report.fix("venue markup", row, f"venue `{cell}` → venue {text}, venue_note {note}")
    if "&" in text:
        parts = [p.strip() for p in text.split("&") if p.strip()]
        report.fix(
            "two venues in one cell",
            row,
            f"venue `{cell}`: the first, {parts[0]}, is used; also {', '.join(parts[1:])}",
        )
        text = parts[0]
    for wrong, right in VENUE_FIXES.items():
        if re.search(rf"\b{wrong}\b", text):
            new = re.sub(rf"\b{wrong}\b", right, text)
            report.fix("NIPS → NeurIPS", row, f"venue `{text}` → `{new}`")
            text = new
    return text, note


def year_cell(cell: str, row: Row, report: Report) -> int | None:
    years = _YEAR.findall(cell)
    if not years:
        report.odd.append(
            (row.line, f"no year in the Year cell `{cell}`" if cell.strip() else "the Year cell is empty")
        )
        return None
    if len(years) > 1:
        report.fix("two years in one cell", row, f"year `{cell}`: the first, {years[0]}, is used")
    return int(years[0])


def type_codes(cell: str, row: Row, taxonomy: Taxonomy, report: Report) -> tuple[list[str], bool]:
    text = re.sub(r"[`\s&,+/]", "", cell)
    if text in ("", "-"):
        return [], False
    facet = taxonomy.facet("granularity")
    codes = {v.code: v.id for v in facet.values if v.code}
    long_codes = sorted((c for c in codes if len(c) > 1), key=len, reverse=True)
    token = re.compile("|".join(re.escape(c) for c in long_codes) + "|.", re.I)
    out: list[str] = []
    pioneer = False
    for tok in token.findall(text):
        if tok.upper() == "P":
            pioneer = True
            continue
        gid = codes.get(tok)
        if gid is None:
            match = [c for c in codes if c.lower() == tok.lower()]
            if match:
                gid = codes[match[0]]
                report.fix("type code spelling", row, f"type `{tok}` read as `{match[0]}`")
            else:
                report.odd.append((row.line, f"unknown type code `{tok}` in `{cell}` ignored"))
                continue
        if gid not in out:
            out.append(gid)
    return out, pioneer


def code_cell(cell: str, row: Row, taxonomy: Taxonomy, report: Report) -> list[dict]:
    if cell.strip() in ("", "-"):
        return []
    out = []
    links = find_links(cell)
    leftover = cell
    for text, target, start, end in links:
        leftover = leftover.replace(cell[start:end], " ", 1)
    for n, (text, target, start, end) in enumerate(links):
        url = fix_url(target, row, "code link", report)
        if not url:
            continue
        item = _code_item(text, url, row, taxonomy, report)
        # text right after this link in parentheses, e.g. `(Releasing)`
        after = cell[end : links[n + 1][2]] if n + 1 < len(links) else cell[end:]
        extra = re.match(r"^\s*\(([^()]*)\)", after)
        if extra:
            item["note"] = extra.group(1).strip().lower()
            report.fix("code note", row, f"`({extra.group(1)})` after the code link kept as its note")
            leftover = leftover.replace(extra.group(0).strip(), " ", 1)
        out.append(item)
    rest = leftover.replace(",", " ").strip()
    if rest:
        report.odd.append((row.line, f"text in the Code cell outside links ignored: `{rest}`"))
    return out


def _code_item(text: str, url: str, row: Row, taxonomy: Taxonomy, report: Report) -> dict:
    """A code link from its text, e.g. `PyTorch(Author)`: the framework, and who wrote the code."""
    m = re.match(r"^\s*([^()]*?)\s*(?:\(([^()]*)\))?\s*$", text)
    name, who = (m.group(1).strip(), (m.group(2) or "").strip()) if m else (text.strip(), "")
    item: dict = {"url": url}
    framework = taxonomy.resolve("framework", name) if name else None
    if framework:
        item["framework"] = framework
        canonical = taxonomy.facet("framework").value(framework).code
        if name != canonical:
            report.fix("framework spelling", row, f"`{name}` → {canonical}")
    elif name.lower() not in ("code", ""):
        report.odd.append((row.line, f"unknown framework `{m.group(1) if m else text}` in the code link; left out"))
    low = who.lower()
    if low in ("author", "authors", "official", "anthor", "anthors"):
        item["official"] = True
        if low.startswith("anthor"):
            report.fix("(Anthor) → author", row, f"`{text}` read as the authors' code")
    elif low in ("3rd", "third party", "3rd party", "unofficial"):
        item["official"] = False
    elif low == "not available":
        item["note"] = "not available"
    elif who:
        item["note"] = who
        report.odd.append((row.line, f"code link note `({who})` kept as a note"))
    return item


def task_cell(cell: str, row: Row, taxonomy: Taxonomy, report: Report) -> list[str]:
    text = cell.strip()
    if text in ("", "-"):
        return []
    known = dict(TASK_PHRASES)
    for v in taxonomy.facet("task").values:
        known.setdefault(v.name.lower(), (v.id,))
        known.setdefault(v.id, (v.id,))
    # "NLP(Sentiment Classification,Natural Language Inference)": the parenthesis lists the tasks
    text = re.sub(r"([^&,/()]*)\(([^()]*)\)", lambda m: m.group(1) + "&" + m.group(2), text)
    out: list[str] = []
    for phrase in re.split(r"[&,/;]", text):
        phrase = " ".join(phrase.split())
        key = phrase.lower()
        if not phrase or key == "-":
            continue
        if key in VAGUE_TASKS:
            report.vague[phrase].append(row.line)
            continue
        ids = known.get(key)
        if ids is None:
            report.unmapped[phrase].append(row.line)
            ids = ("other",)
        out.extend(i for i in ids if i not in out)
    return out
