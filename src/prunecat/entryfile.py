"""The canonical text of an entry file, written by `catalog add`, `catalog import` and `catalog fmt`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .load import BOOL_FIELDS, EVIDENCE_FIELDS, FIELDS, TEXT_FIELDS

SCHEMA_MODELINE = "# yaml-language-server: $schema=../schema/entry.schema.json"


def dump_entry(data: dict[str, Any]) -> str:
    """Entry fields in canonical order and style; empty fields are left out.

    `data` uses the entry-file field names; `code` is a list of dicts (url, framework, official, note).
    """
    out = [SCHEMA_MODELINE]
    for name in FIELDS:
        value = data.get(name)
        if value in (None, "", [], ()) or (name in BOOL_FIELDS and value is False):
            continue
        if name == "bibtex":
            out.append("bibtex: |")
            out.extend(("  " + line).rstrip() for line in str(value).strip().splitlines())
        elif name == "code":
            out.append("code:")
            for link in value:
                first = True
                for key in ("url", "framework", "official", "note"):
                    if link.get(key) in (None, ""):
                        continue
                    out.append(f"  {'- ' if first else '  '}{key}: {_scalar(link[key])}")
                    first = False
        elif name == "evidence":
            out.append("evidence:")
            out.extend(f"  {key}: {_scalar(value[key])}" for key in EVIDENCE_FIELDS if value.get(key) not in (None, ""))
        elif name in TEXT_FIELDS or name in BOOL_FIELDS or name in ("added", "summary"):
            out.append(f"{name}: {_scalar(value)}")
        else:
            out.append(f"{name}: [{', '.join(_scalar(v) for v in value)}]")
    return "\n".join(out) + "\n"


def _scalar(value: Any) -> str:
    """One YAML scalar, quoted only where plain style would change its meaning."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()
