"""The canonical text of an entry file, written by `catalog add`, `catalog import` and `catalog fmt`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .fields import CODE_FIELDS, EVIDENCE_FIELDS, FIELDS, RESULT_FIELDS
from .taxonomy import STATE_LABELS, Taxonomy

SCHEMA_MODELINE = "# yaml-language-server: $schema=../schema/entry.schema.json"


def dump_entry(data: dict[str, Any]) -> str:
    """Entry fields in canonical order and style; empty fields are left out.

    `data` uses the entry-file field names; `code` is a list of dicts (url, framework, official, note).
    """
    out = [SCHEMA_MODELINE]
    for name, kind in ((f.name, f.kind) for f in FIELDS):
        value = data.get(name)
        if value in (None, "", [], ()) or (kind == "flag" and value is False):
            continue
        if kind == "bibtex":
            out.append("bibtex: |")
            out.extend(("  " + line).rstrip() for line in str(value).strip().splitlines())
        elif kind == "code":
            out.append("code:")
            for link in value:
                first = True
                for key in CODE_FIELDS:
                    if link.get(key) in (None, ""):
                        continue
                    out.append(f"  {'- ' if first else '  '}{key}: {_scalar(link[key])}")
                    first = False
        elif kind == "results":
            out.append("results:")
            for result in value:
                out.extend(_result_lines(result))
        elif kind == "evidence":
            out.append("evidence:")
            out.extend(f"  {key}: {_scalar(value[key])}" for key in EVIDENCE_FIELDS if value.get(key) not in (None, ""))
        elif kind in ("text", "summary", "flag", "date"):
            out.append(f"{name}: {_scalar(value)}")
        else:
            out.append(f"{name}: [{', '.join(_scalar(v) for v in value)}]")
    return "\n".join(out) + "\n"


def _result_lines(result: dict[str, Any]) -> list[str]:
    """One result as a block list item, its fields in RESULT_FIELDS order, the source nested."""
    lines = []
    for key in RESULT_FIELDS:
        value = result.get(key)
        if value in (None, ""):
            continue
        prefix = "  - " if not lines else "    "
        if key == "source" and isinstance(value, dict):
            lines.append(f"{prefix}source:")
            lines.extend(f"      {k}: {_scalar(value[k])}" for k in ("url", "where") if value.get(k))
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")
    return lines


def _scalar(value: Any) -> str:
    """One YAML scalar, quoted only where plain style would change its meaning."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def canonical_fields(data: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    """Entry data (as parsed from a valid entry) in the form dump_entry writes: ids, lists, dates."""
    out: dict[str, Any] = {}
    for name, kind in ((f.name, f.kind) for f in FIELDS):
        value = data.get(name)
        if value is None:
            continue
        if kind in ("bibtex", "flag"):
            out[name] = value
        elif kind == "text":
            out[name] = str(value).strip()
        elif kind == "summary":
            out[name] = " ".join(str(value).split())
        elif kind == "evidence":
            out[name] = {
                key: _as_date(value[key]) if key == "checked" else " ".join(str(value[key]).split())
                for key in EVIDENCE_FIELDS
                if value.get(key) not in (None, "")
            }
        elif kind in ("axis", "facet"):
            items = [value] if isinstance(value, str) else value
            out[name] = [
                item if kind == "axis" and item in STATE_LABELS else taxonomy.resolve(name, str(item)) for item in items
            ]
        elif kind == "code":
            out[name] = [_canonical_code(item, taxonomy) for item in value]
        elif kind == "results":
            out[name] = [_canonical_result(item) for item in value]
        elif kind == "date":
            out[name] = _as_date(value)
    return out


def _canonical_code(item: Any, taxonomy: Taxonomy) -> dict[str, Any]:
    item = {"url": item} if isinstance(item, str) else dict(item)
    link = {"url": item["url"].strip()}
    if item.get("framework"):
        link["framework"] = taxonomy.resolve("framework", str(item["framework"]))
    if item.get("official") is not None:
        link["official"] = item["official"]
    if item.get("note"):
        link["note"] = item["note"]
    return link


def _canonical_result(item: dict[str, Any]) -> dict[str, Any]:
    out = {key: item[key] for key in RESULT_FIELDS if item.get(key) not in (None, "")}
    if isinstance(out.get("source"), str):
        out["source"] = {"url": out["source"]}
    for key in ("pattern", "note", "reproduced_by"):
        if key in out:
            out[key] = str(out[key]).strip()
    return out


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
