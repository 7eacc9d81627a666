"""Safe YAML loading that remembers the line of every key and item, for precise error messages."""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Problem

# The C loader parses several times faster; fall back to the pure-Python one where it is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Lines = dict[tuple, int]  # path of keys/indexes -> 1-based line


def load_yaml_text(text: str, path: str) -> tuple[Any, Lines, list[Problem]]:
    """Parse YAML safely. Returns (data, line of each key path, problems); data is None on failure."""
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is harmless; `catalog fmt` removes it
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, [Problem(path, 1, "the file is empty; an entry needs at least `bibtex:`")]
        lines: Lines = {}
        problems: list[Problem] = []
        _walk(node, (), lines, problems, path)
        if problems:
            return None, lines, problems
        data = loader.construct_document(node)
        return data, lines, []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        return None, {}, [Problem(path, line, f"YAML syntax error: {what}; check indentation and quote values containing ':' or '#'")]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(path, 0, f"YAML error: {exc}")]
    finally:
        loader.dispose()


def _walk(node: yaml.Node, at: tuple, lines: Lines, problems: list[Problem], path: str) -> None:
    """Record the line of every mapping key and sequence item; report duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(path, line, f"duplicate key '{key}' (first on line {seen[key]}); keep one", field=str(key)))
            seen[key] = line
            lines[at + (key,)] = line
            _walk(value_node, at + (key,), lines, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[at + (i,)] = item.start_mark.line + 1
            _walk(item, at + (i,), lines, problems, path)
