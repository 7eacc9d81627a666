"""The editor JSON Schema: committed file up to date, valid entries validate, bad entries do not."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from prunecat.cli import main
from prunecat.entryfile import dump_entry
from prunecat.load import validate_entry_text
from prunecat.model import LIST_FACETS
from prunecat.schema import build_schema, schema_text, to_json_value
from prunecat.taxonomy import AXIS_IDS, load_taxonomy
from prunecat.yamlio import load_yaml_text

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
TAXONOMY = load_taxonomy(CATALOG / "taxonomy.yml")
SCHEMA = build_schema(TAXONOMY)
BIB = "@article{x2020,\n  title = {A Title},\n  author = {Ann Author},\n  journal = {JMLR},\n  year = {2020}\n}"


def schema_errors(text: str) -> list[str]:
    """What a real JSON Schema validator (jsonschema, as editors use) says of an entry, dates checked."""
    data, _, problems = load_yaml_text(text, "x.yml")
    assert not problems, problems
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [e.message for e in validator.iter_errors(to_json_value(data))]


def load_errors(text: str) -> list:
    _, problems = validate_entry_text(text, "papers/x2020.yml", "x2020", TAXONOMY)
    return [p for p in problems if p.severity == "error"]


def test_committed_schema_is_up_to_date(capsys) -> None:
    path = CATALOG / "schema" / "entry.schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(TAXONOMY), "run `catalog schema` and commit the result"
    assert main(["--root", str(CATALOG), "schema", "--check"]) == 0


def test_schema_command_writes_the_schema(tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.json"
    assert main(["--root", str(CATALOG), "schema", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text(TAXONOMY)
    assert main(["--root", str(CATALOG), "schema", "-o", str(out), "--check"]) == 0
    out.write_text("{}", encoding="utf-8")
    assert main(["--root", str(CATALOG), "schema", "-o", str(out), "--check"]) == 1


def test_schema_shape() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["additionalProperties"] is False and SCHEMA["required"] == ["bibtex"]
    speedup = SCHEMA["$defs"]["speedup"]
    assert speedup["enum"] == ["unstructured", "structured", "semi-structured", "none", "unclear"]
    assert len(speedup["enumDescriptions"]) == len(speedup["enum"])
    granularity = SCHEMA["$defs"]["granularity"]["anyOf"][0]["enum"]
    assert "n-m" in granularity and "N:M" in granularity and "W" in granularity
    assert "Is pruning combined" in SCHEMA["properties"]["fusion"]["description"]
    assert SCHEMA["properties"]["added"]["anyOf"][0]["format"] == "date"
    # every $ref resolves
    for ref in re.findall(r'"\$ref": "#/\$defs/([^"]+)"', json.dumps(SCHEMA)):
        assert ref in SCHEMA["$defs"]


def test_real_entries_validate() -> None:
    """Every entry of the real catalog that `catalog check` accepts validates against the schema."""
    for path in sorted((CATALOG / "papers").glob("*.yml")):
        text = path.read_bytes().decode("utf-8", "replace")
        paper, _ = validate_entry_text(text, f"papers/{path.name}", path.stem, TAXONOMY)
        if paper is None:
            continue  # an invalid entry is check's business
        assert schema_errors(text) == [], path.name


def test_readme_example_validates() -> None:
    readme = (CATALOG / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.S).group(1)
    assert not load_errors(example)
    assert schema_errors(example) == []


def _every_accepted_value() -> list[tuple[str, str]]:
    values = []
    for dim in AXIS_IDS + LIST_FACETS:
        values += [(dim, v) for v in TAXONOMY.allowed(dim)]
    for dim, alias in TAXONOMY.aliases:
        if dim in LIST_FACETS:
            values += [(dim, alias), (dim, alias.upper()), (dim, alias.title())]
    return values + [(axis, "none") for axis in AXIS_IDS]


@pytest.mark.parametrize("dim, value", _every_accepted_value())
def test_every_id_and_alias_that_loads_validates(dim: str, value: str) -> None:
    for form in ([value], value):
        text = dump_entry({"bibtex": BIB}) + f"{dim}: {json.dumps(form)}\n"
        assert load_errors(text) == []
        assert schema_errors(text) == [], (dim, form)


GOOD = [
    dump_entry(
        {
            "bibtex": BIB,
            "venue": "ICLR",
            "venue_note": "Oral",
            "algorithm": "X",
            "when": ["post-training"],
            "granularity": ["n-m"],
            "pioneer": True,
            "survey": True,
            "added": dt.date(2024, 1, 2),
            "code": [{"url": "https://github.com/a/b", "framework": "pytorch", "official": False, "note": "n"}],
        }
    ),
    dump_entry({"bibtex": BIB})
    + "venue: '2019'\ncode:\n  - https://github.com/a/b\n  - url: https://gitlab.com/c/d\n    framework: PyTorch\n",
    dump_entry({"bibtex": BIB})
    + "when: []\npioneer: false\nadded:\ncode:\n  - url: https://github.com/a/b\n    framework:\n",
]

BAD = {
    "unknown field": "critera: [magnitude]\n",
    "unknown category": "when: [befor-training]\n",
    "unknown facet value": "model: [cnnn]\n",
    "id in the wrong case": "granularity: [Weight]\n",
    "none with a category": "when: [none, run-time]\n",
    "duplicate id": "when: [run-time, run-time]\n",
    "a mapping for a list": "when: {a: b}\n",
    "bool as text": "pioneer: 'yes'\n",
    "two-line text": 'venue: "a\\nb"\n',
    "text too long": f"algorithm: {'x' * 201}\n",
    "not a date": "added: '2024-13-45'\n",
    "javascript url": "code:\n  - url: javascript:alert(1)\n",
    "scheme-less url": "code:\n  - url: github.com/a/b\n",
    "unknown code field": "code:\n  - url: https://github.com/a/b\n    licence: MIT\n",
    "unknown framework": "code:\n  - url: https://github.com/a/b\n    framework: torch\n",
    "official as text": "code:\n  - url: https://github.com/a/b\n    official: 'yes'\n",
    "code as a mapping": "code: {url: https://github.com/a/b}\n",
}


@pytest.mark.parametrize("text", GOOD)
def test_good_entries_validate(text: str) -> None:
    assert load_errors(text) == []
    assert schema_errors(text) == []


@pytest.mark.parametrize("name", BAD)
def test_bad_entries_fail_both(name: str) -> None:
    text = dump_entry({"bibtex": BIB}) + BAD[name]
    assert load_errors(text), f"load.py accepts {name!r}; the test is wrong"
    assert schema_errors(text), f"the schema accepts {name!r}"


def test_missing_bibtex_fails() -> None:
    assert schema_errors("when: [run-time]\n") and schema_errors("bibtex: '  '\n")
