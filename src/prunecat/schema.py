"""The JSON Schema of entry files, generated from the taxonomy and load.py's field lists.

`catalog schema` writes it to `catalog/schema/entry.schema.json`; entry files point to it with the
modeline `# yaml-language-server: $schema=../schema/entry.schema.json`, so editors complete ids and
show the taxonomy's help while the entry is typed. load.py stays the one definition of a valid
entry: the schema mirrors what it accepts (ids, the facets' type codes as aliases in any letter
case, a single id instead of a list, numbers as text), so every entry `catalog check` accepts
validates against the schema; the schema is only a help for editors, never the check itself.

`validate` is a small validator for the subset of JSON Schema used here (the `jsonschema` package
is not a dependency); it raises on any keyword it does not implement, so the schema cannot grow
a rule that the tests silently ignore.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from .fields import BY_NAME, CODE_FIELDS, FIELDS, LIST_FACETS
from .taxonomy import AXIS_IDS, NONE_LABEL, PAPER_SOURCE, UNCLEAR_LABEL, Taxonomy

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# What load.check_url accepts: http(s), a host with a dot, no spaces.
_URL_PATTERN = r"^\s*https?://[^\s/?#]*\.[^\s/?#]*(?:[/?#]\S*)?\s*$"
# What load's text fields accept: one line once surrounding white space is stripped.
_ONE_LINE_PATTERN = r"^\s*[^\n]*\s*$"


def build_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an entry file, as a JSON-ready dict."""
    properties: dict[str, Any] = {}
    for field in FIELDS:
        name, kind, help_text = field.name, field.kind, field.help
        if kind == "bibtex":
            properties[name] = {"description": help_text, "type": "string", "pattern": r"\S"}
        elif kind == "text":
            properties[name] = {"description": help_text, "type": ["string", "null"],
                                "maxLength": 200, "pattern": _ONE_LINE_PATTERN}
        elif kind == "flag":
            properties[name] = {"description": help_text, "type": ["boolean", "null"]}
        elif kind in ("axis", "facet"):
            properties[name] = _id_list(taxonomy, name)
        elif kind == "code":
            properties[name] = {"description": help_text, "type": ["array", "null"], "items": {"$ref": "#/$defs/code"}}
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
    source = {"type": "string", "pattern": "^(" + "|".join(sources) + r")(\s.*)?$",
              "description": f"'{PAPER_SOURCE}' (read from the paper: `read` must be set) or a source list id "
                             f"({', '.join(sources[1:])}), optionally followed by its section or type code."}
    properties: dict[str, Any] = {
        "read": {"$ref": "#/$defs/url", "description": "The public page read: arXiv abstract, proceedings, OpenReview."},
        "checked": {**_DATE, "description": "When title, authors, year, venue and links were checked against `read`."},
        "corrections": {"type": "string", "description": "What was corrected against a source list, and why."},
    }
    for axis in AXIS_IDS:
        properties[axis] = {**source, "title": f"Where the '{axis}' label comes from"}
    return {"description": BY_NAME["evidence"].help, "type": ["object", "null"], "additionalProperties": False,
            "properties": properties}


def _id_list(taxonomy: Taxonomy, name: str) -> dict[str, Any]:
    if name in AXIS_IDS:
        axis = taxonomy.axis(name)
        title = axis.name
        about = f"{axis.question} {axis.about}".strip()
        how = (f"A list of category ids of this axis of the survey. Missing or [] means not yet examined; [{NONE_LABEL}] "
               f"means a maintainer checked and no category applies; [{UNCLEAR_LABEL}] means the paper's public text "
               "does not tell. A sub-category also counts for its parent; do not list both.")
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
        helps.append(f"examined by a maintainer: the paper's public text does not tell which category of '{axis.name}' applies")
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
    return {"title": title, "anyOf": [exact, {"type": "string", "pattern": any_case,
                                              "description": "a type code in any letter case"}]}


def _code_schema() -> dict[str, Any]:
    props = {
        "url": {"$ref": "#/$defs/url", "description": CODE_FIELDS["url"]},
        "framework": {"description": CODE_FIELDS["framework"],
                      "anyOf": [{"$ref": "#/$defs/framework"}, {"type": "null"}, {"const": ""}]},
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


# ---------------------------------------------------------------------------------------------
# A small validator for the subset of JSON Schema that build_schema uses

_ANNOTATIONS = {"$schema", "$id", "$comment", "$defs", "title", "description", "markdownDescription",
                "enumDescriptions", "markdownEnumDescriptions", "default", "examples"}
_TYPES = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def validate(instance: Any, schema: dict[str, Any]) -> list[str]:
    """Errors of `instance` (JSON data) against `schema`, as 'where: what' strings; [] when valid."""
    return _Validator(schema).check(instance, schema, "")


class _Validator:
    def __init__(self, root: dict[str, Any]):
        self.root = root

    def resolve(self, ref: str) -> dict[str, Any]:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref are supported, not {ref}")
        node: Any = self.root
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def check(self, value: Any, schema: dict[str, Any], at: str) -> list[str]:
        where = at or "/"
        errors: list[str] = []
        for keyword, arg in schema.items():
            if keyword in _ANNOTATIONS or keyword in ("then", "else"):
                continue
            if keyword == "$ref":
                errors += self.check(value, self.resolve(arg), at)
            elif keyword == "type":
                names = arg if isinstance(arg, list) else [arg]
                if not any(_TYPES[n](value) for n in names):
                    errors.append(f"{where}: {value!r} is not of type {' or '.join(names)}")
            elif keyword == "enum":
                if not any(_same(value, v) for v in arg):
                    errors.append(f"{where}: {value!r} is not one of {arg}")
            elif keyword == "const":
                if not _same(value, arg):
                    errors.append(f"{where}: {value!r} is not {arg!r}")
            elif keyword == "anyOf":
                results = [self.check(value, sub, at) for sub in arg]
                if all(results):
                    errors.append(f"{where}: {value!r} matches none of the allowed forms ({'; '.join(r[0] for r in results)})")
            elif keyword == "allOf":
                for sub in arg:
                    errors += self.check(value, sub, at)
            elif keyword == "if":
                branch = "then" if not self.check(value, arg, at) else "else"
                if branch in schema:
                    errors += self.check(value, schema[branch], at)
            elif keyword == "properties":
                if isinstance(value, dict):
                    for name, sub in arg.items():
                        if name in value:
                            errors += self.check(value[name], sub, f"{at}/{name}")
            elif keyword == "required":
                if isinstance(value, dict):
                    errors += [f"{where}: missing required property '{name}'" for name in arg if name not in value]
            elif keyword == "additionalProperties":
                if isinstance(value, dict):
                    known = schema.get("properties", {})
                    for name in value:
                        if name not in known:
                            if arg is False:
                                errors.append(f"{where}: additional property '{name}' is not allowed")
                            else:
                                errors += self.check(value[name], arg, f"{at}/{name}")
            elif keyword == "items":
                if isinstance(value, list):
                    for i, item in enumerate(value):
                        errors += self.check(item, arg, f"{at}/{i}")
            elif keyword == "uniqueItems":
                if arg and isinstance(value, list):
                    for i, item in enumerate(value):
                        if any(_same(item, other) for other in value[:i]):
                            errors.append(f"{where}: {item!r} appears twice")
            elif keyword == "contains":
                if isinstance(value, list) and all(self.check(item, arg, at) for item in value):
                    errors.append(f"{where}: no item matches {arg}")
            elif keyword in ("minItems", "maxItems"):
                if isinstance(value, list) and (len(value) < arg if keyword == "minItems" else len(value) > arg):
                    errors.append(f"{where}: {len(value)} items, {keyword} is {arg}")
            elif keyword in ("minLength", "maxLength"):
                if isinstance(value, str) and (len(value) < arg if keyword == "minLength" else len(value) > arg):
                    errors.append(f"{where}: {len(value)} characters, {keyword} is {arg}")
            elif keyword == "pattern":
                if isinstance(value, str) and not re.search(arg, value):
                    errors.append(f"{where}: {value!r} does not match {arg}")
            elif keyword == "format":
                if isinstance(value, str) and arg == "date" and not _is_date(value):
                    errors.append(f"{where}: {value!r} is not a date YYYY-MM-DD")
            else:
                raise ValueError(f"the small validator does not implement the keyword '{keyword}'")
        return errors


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
