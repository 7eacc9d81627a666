"""The JSON Schema of entry files, generated from the taxonomy and the field registry (fields.py).

`catalog schema` writes it to `catalog/schema/entry.schema.json`; entry files point to it with the
modeline `# yaml-language-server: $schema=../schema/entry.schema.json`, so editors complete ids and
show the taxonomy's help while the entry is typed. load.py stays the one definition of a valid
entry: the schema mirrors what it accepts (ids, the facets' type codes as aliases in any letter
case, a single id instead of a list), so every entry `catalog check` accepts validates against
the schema; the schema is only a help for editors, never the check itself. The tests check both
directions with `jsonschema` (a test dependency), the validator editors' language servers follow.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .fields import BY_NAME, CODE_FIELDS, RESULT_FIELDS, FIELDS, LIST_FACETS
from .taxonomy import AXIS_IDS, NONE_LABEL, PAPER_SOURCE, UNCLEAR_LABEL, Taxonomy

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# What links.check_url accepts: http(s), a host with a dot, no spaces.
_URL_PATTERN = r"^\s*https?://[^\s/?#]*\.[^\s/?#]*(?:[/?#]\S*)?\s*$"
# What entrycheck's text fields accept: one line once surrounding white space is stripped.
_ONE_LINE_PATTERN = r"^\s*[^\n]*\s*$"


def build_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an entry file, as a JSON-ready dict."""
    properties: dict[str, Any] = {}
    for field in FIELDS:
        name, kind, help_text = field.name, field.kind, field.help
        if kind == "bibtex":
            properties[name] = {"description": help_text, "type": "string", "pattern": r"\S"}
        elif kind == "text":
            properties[name] = {
                "description": help_text,
                "type": ["string", "null"],
                "maxLength": 200,
                "pattern": _ONE_LINE_PATTERN,
            }
        elif kind == "flag":
            properties[name] = {"description": help_text, "type": ["boolean", "null"]}
        elif kind in ("axis", "facet"):
            properties[name] = _id_list(taxonomy, name)
        elif kind == "code":
            properties[name] = {"description": help_text, "type": ["array", "null"], "items": {"$ref": "#/$defs/code"}}
        elif kind == "results":
            properties[name] = {"description": help_text, "type": ["array", "null"], "items": _result_schema(taxonomy)}
        elif kind == "date":
            properties[name] = {"description": help_text, "anyOf": [_DATE, {"type": "null"}]}
        elif kind == "summary":
            properties[name] = {"description": help_text, "type": ["string", "null"]}
        elif kind == "evidence":
            properties[name] = _evidence_schema(taxonomy)
        else:  # a new kind of field in fields.py must get a schema here
            raise ValueError(f"no schema for entry field '{name}' of kind '{kind}'")
    defs: dict[str, Any] = {dim: _id_schema(taxonomy, dim) for dim in AXIS_IDS + LIST_FACETS + ("framework",)}
    defs["url"] = {"type": "string", "pattern": _URL_PATTERN, "description": "An http:// or https:// link."}
    defs["code"] = _code_schema()
    survey = taxonomy.survey.get("title", "the survey")
    return {
        "$schema": DRAFT,
        "title": "Catalog entry",
        "description": f"One paper of the catalog of '{survey}': its BibTeX and its labels on the survey's axes "
        "and facets. Generated from catalog/taxonomy.yml by `catalog schema`; do not edit by hand.",
        "type": "object",
        "required": ["bibtex"],
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs,
    }


def schema_text(taxonomy: Taxonomy) -> str:
    """The schema as written to catalog/schema/entry.schema.json (stable, diff-friendly)."""
    return json.dumps(build_schema(taxonomy), indent=2, ensure_ascii=False) + "\n"


def to_json_value(value: Any) -> Any:
    """YAML data as an editor's YAML language server sees it: dates become YYYY-MM-DD strings."""
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# ---------------------------------------------------------------------------------------------
# Pieces of the schema


_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _evidence_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    sources = [PAPER_SOURCE] + [s.id for s in taxonomy.sources]
    source = {
        "type": "string",
        "pattern": "^(" + "|".join(sources) + r")(\s.*)?$",
        "description": f"'{PAPER_SOURCE}' (read from the paper: `read` must be set) or a source list id "
        f"({', '.join(sources[1:])}), optionally followed by its section or type code.",
    }
    properties: dict[str, Any] = {
        "read": {
            "$ref": "#/$defs/url",
            "description": "The public page read: arXiv abstract, proceedings, OpenReview.",
        },
        "checked": {**_DATE, "description": "When title, authors, year, venue and links were checked against `read`."},
        "corrections": {"type": "string", "description": "What was corrected against a source list, and why."},
        "listed_as": {
            "type": "string",
            "description": "Titles source lists give the paper where they differ from the published one, "
            "separated by ' | ': imports match them, so the paper is not queued again.",
        },
    }
    for axis in AXIS_IDS:
        properties[axis] = {**source, "title": f"Where the '{axis}' label comes from"}
    return {
        "description": BY_NAME["evidence"].help,
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": properties,
    }


def _id_list(taxonomy: Taxonomy, name: str) -> dict[str, Any]:
    if name in AXIS_IDS:
        axis = taxonomy.axis(name)
        title = axis.name
        about = f"{axis.question} {axis.about}".strip()
        how = (
            f"A list of category ids of this axis of the survey. Missing or [] means not yet examined; [{NONE_LABEL}] "
            f"means a maintainer checked and no category applies; [{UNCLEAR_LABEL}] means the paper's public text "
            "does not tell. A sub-category also counts for its parent; do not list both."
        )
    else:
        facet = taxonomy.facet(name)
        title, about, how = facet.name, facet.about, "A list of ids of this facet."
    array: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{name}"}, "uniqueItems": True}
    if name in AXIS_IDS:
        array["if"] = {"contains": {"enum": [NONE_LABEL, UNCLEAR_LABEL]}}
        array["then"] = {"maxItems": 1}
    return {
        "title": title,
        "description": f"{about} {how}",
        "anyOf": [array, {"$ref": f"#/$defs/{name}"}, {"type": "null"}],
    }


def _id_schema(taxonomy: Taxonomy, dim: str) -> dict[str, Any]:
    """The allowed values of one axis or facet: ids (+ 'none' for axes) and the type codes."""
    values: list[str] = []
    helps: list[str] = []
    codes: list[str] = []
    if dim in AXIS_IDS:
        axis = taxonomy.axis(dim)
        for c in axis.categories:
            parent = f" (sub-category of '{c.parent}', counts for it too)" if c.parent else ""
            values.append(c.id)
            helps.append(f"{c.name}{parent}: {' '.join(c.about.split())}")
        values.append(NONE_LABEL)
        helps.append(f"checked by a maintainer: no category of '{axis.name}' applies")
        values.append(UNCLEAR_LABEL)
        helps.append(
            f"examined by a maintainer: the paper's public text does not tell which category of '{axis.name}' applies"
        )
        title = axis.name
    else:
        facet = taxonomy.facet(dim)
        title = facet.name
        for v in facet.values:
            values.append(v.id)
            helps.append(v.name)
        for v in facet.values:
            if v.code and v.code not in values:
                values.append(v.code)
                helps.append(f"type code of '{v.id}' ({v.name}); `catalog fmt` rewrites it to '{v.id}'")
        codes = sorted({alias.lower() for (d, alias) in taxonomy.aliases if d == dim})
    exact: dict[str, Any] = {"type": "string", "enum": values, "enumDescriptions": helps}
    if not codes:
        return {"title": title, **exact}
    # taxonomy.resolve also accepts a type code in any letter case (`pytorch`, `Cnn`).
    any_case = "^(?:" + "|".join(_any_case(code) for code in codes) + ")$"
    return {
        "title": title,
        "anyOf": [exact, {"type": "string", "pattern": any_case, "description": "a type code in any letter case"}],
    }


def _code_schema() -> dict[str, Any]:
    props = {
        "url": {"$ref": "#/$defs/url", "description": CODE_FIELDS["url"]},
        "framework": {
            "description": CODE_FIELDS["framework"],
            "anyOf": [{"$ref": "#/$defs/framework"}, {"type": "null"}, {"const": ""}],
        },
        "official": {"description": CODE_FIELDS["official"], "type": ["boolean", "null"]},
        "note": {"description": CODE_FIELDS["note"], "type": ["string", "null"]},
    }
    if tuple(props) != tuple(CODE_FIELDS):
        raise ValueError(f"the code fields of fields.py changed: {tuple(CODE_FIELDS)}")
    return {
        "description": "A code release.",
        "anyOf": [
            {"type": "object", "required": ["url"], "additionalProperties": False, "properties": props},
            {"$ref": "#/$defs/url"},
        ],
    }


def _result_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    vocabulary = taxonomy.results
    number = {"type": "number"}
    fraction = {"type": "number", "minimum": 0, "exclusiveMaximum": 1}
    text = {"type": "string", "maxLength": 200, "pattern": _ONE_LINE_PATTERN}
    kinds: dict[str, dict[str, Any]] = {
        "dataset": {"enum": list(vocabulary.datasets)},
        "model": {"enum": list(vocabulary.models)},
        "metric": {"enum": list(vocabulary.metrics)},
        "value": number,
        "baseline": number,
        "change": number,
        "sparsity": fraction,
        "flops_reduction": fraction,
        "params_reduction": fraction,
        "pattern": {"type": "string", "pattern": r"^\d+:\d+$"},
        "speedup": {"type": "number", "exclusiveMinimum": 0},
        "finetuned": {"type": "boolean"},
        "reproduced_by": text,
        "note": {"type": "string", "maxLength": 400, "pattern": _ONE_LINE_PATTERN},
        "source": {
            "type": "object",
            "required": ["url"],
            "additionalProperties": False,
            "properties": {"url": {"$ref": "#/$defs/url"}, "where": text},
        },
    }
    if tuple(kinds) != tuple(RESULT_FIELDS):
        raise ValueError(f"the result fields of fields.py changed: {tuple(RESULT_FIELDS)}")
    return {
        "description": "A reported result.",
        "type": "object",
        "required": ["dataset", "model", "metric", "source"],
        "additionalProperties": False,
        "properties": {name: {**kinds[name], "description": RESULT_FIELDS[name]} for name in RESULT_FIELDS},
    }


def _any_case(code: str) -> str:
    out = []
    for ch in code:
        if ch.isalpha() and ch.upper() != ch.lower():
            out.append(f"[{ch.upper()}{ch.lower()}]")
        elif ch.isalnum() or ch in ":-_ ":
            out.append(ch)
        else:
            out.append("\\" + ch)
    return "".join(out)
