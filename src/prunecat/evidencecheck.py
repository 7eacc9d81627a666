"""The check of an entry's `evidence`: where each axis label comes from and against which page the
facts were checked. A label read from the paper needs the page (`read`) it was read on."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .fields import EVIDENCE_FIELDS
from .model import Evidence
from .links import check_url
from .problems import did_you_mean, show
from .taxonomy import AXIS_IDS, PAPER_SOURCE

if TYPE_CHECKING:
    from .entrycheck import EntryCheck

#: The oldest `checked` date the catalog accepts: before it no entry was checked.
FIRST_CHECK = dt.date(2024, 1, 1)


def check_evidence(check: EntryCheck, value: Any, labels: dict[str, tuple[str, ...]]) -> Evidence:
    """Where the labels come from (`paper` or a source list) and when the facts were checked."""
    if value is None:
        return Evidence()
    at = ("evidence",)
    if not isinstance(value, dict):
        check.error(
            at,
            "'evidence' is a mapping: `read:` (the page you read), `checked:` (a date), and for each "
            "labelled axis `paper` or the id of a source list, e.g. `speedup: paper`",
        )
        return Evidence()
    for name in value:
        if name not in EVIDENCE_FIELDS:
            check.error(at + (name,), f"unknown evidence field '{name}'; {did_you_mean(str(name), EVIDENCE_FIELDS)}")
    read = value.get("read") or ""
    if read:
        reason = check_url(read) if isinstance(read, str) else "write one link, as text"
        if reason:
            check.error(at + ("read",), f"evidence.read {show(read)}: {reason}")
            read = ""
    checked = check.date(value.get("checked"), at + ("checked",), "evidence.checked", FIRST_CHECK)
    if checked and not read:
        check.error(
            at + ("checked",),
            "evidence.checked says the facts were checked, but not against which page: "
            "add `read: https://...` (the arXiv abstract, proceedings or OpenReview page)",
        )
    sources: dict[str, str] = {}
    notes: dict[str, str] = {}
    allowed = (PAPER_SOURCE,) + tuple(s.id for s in check.taxonomy.sources)
    for axis in AXIS_IDS:
        raw = value.get(axis)
        if raw is None:
            continue
        if not isinstance(raw, str) or not raw.strip():
            check.error(
                at + (axis,),
                f"evidence.{axis} must be text: `paper` or a source list id ({', '.join(allowed[1:4])}, ...), "
                f"optionally followed by the list's section or type code; got {show(raw)}",
            )
            continue
        source, _, note = raw.strip().partition(" ")
        if source not in allowed:
            check.error(
                at + (axis,),
                f"evidence.{axis}: unknown source '{source}'; {did_you_mean(source, allowed)} "
                "(sources are listed under `sources:` in taxonomy.yml)",
            )
            continue
        if not labels.get(axis):
            check.warn(at + (axis,), f"evidence.{axis} names a source, but the entry has no '{axis}' label")
        if source == PAPER_SOURCE and not read:
            check.error(
                at + (axis,),
                f"the '{axis}' label was read from the paper, but the entry does not say where: "
                "add `read: https://...` to evidence (the page you read)",
            )
        sources[axis] = source
        notes[axis] = note.strip(" ()")
    corrections = value.get("corrections") or ""
    if not isinstance(corrections, str):
        check.error(at + ("corrections",), f"evidence.corrections must be text, got {show(corrections)}")
        corrections = ""
    listed = value.get("listed_as") or ""
    if not isinstance(listed, str):
        check.error(
            at + ("listed_as",), f"evidence.listed_as must be text (titles separated by ' | '), got {show(listed)}"
        )
        listed = ""
    return Evidence(
        listed_as=tuple(t for t in (" ".join(part.split()) for part in listed.split(" | ")) if t),
        read=read.strip() if isinstance(read, str) else "",
        checked=checked,
        sources=sources,
        notes=notes,
        corrections=" ".join(corrections.split()),
    )
