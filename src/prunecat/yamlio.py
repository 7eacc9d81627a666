"""Safe YAML loading that remembers the line of every key and item, for precise error messages."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .problems import Problem

# The C loader parses several times faster; fall back to the pure-Python one where it is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Lines = dict[tuple, int]  # path of keys/indexes -> 1-based line
MAX_DEPTH = 16  # deeper values are refused: no catalog file needs them, and printing them would recurse


def load_yaml_text(text: str, path: str) -> tuple[Any, Lines, list[Problem]]:
    """Parse YAML safely. Returns (data, line of each key path, problems); data is None on failure."""
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is harmless; `catalog fmt` removes it
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return (
                None,
                {},
                [
                    Problem(
                        path,
                        1,
                        "the file holds no entry (it is empty or only comments); an entry needs at least `bibtex:`",
                    )
                ],
            )
        lines: Lines = {}
        problems: list[Problem] = []
        _walk(node, lines, problems, path, text)
        if problems:
            return None, lines, problems
        try:
            data = loader.construct_document(node)
        except (ValueError, TypeError, OverflowError):  # a resolved scalar that does not construct
            return None, lines, [_unreadable_value(node, path)]
        return data, lines, []
    except yaml.MarkedYAMLError as exc:
        # an unclosed quote or bracket is found lines later: point at where it was opened
        opened = (exc.context or "").startswith(
            ("while scanning a quoted", "while scanning a simple key", "while parsing a flow")
        )
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        return None, {}, [Problem(path, line, f"YAML syntax error: {what}; {_syntax_hint(exc)}")]
    except yaml.reader.ReaderError:  # a control character such as NUL
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line = text[: bad.start()].count("\n") + 1 if bad else 0
        char = f"U+{ord(bad.group()):04X}" if bad else "a control character"
        return (
            None,
            {},
            [Problem(path, line, f"the file contains {char}, a control character YAML does not allow; delete it")],
        )
    except yaml.YAMLError as exc:
        return None, {}, [Problem(path, 0, f"YAML error: {exc}")]
    except RecursionError:  # only the pure-Python parser recurses; libyaml limits the nesting itself
        return None, {}, [Problem(path, 0, "the YAML is nested too deeply to be an entry")]
    finally:
        loader.dispose()


def _walk(root: yaml.Node, lines: Lines, problems: list[Problem], path: str, text: str) -> None:
    """Record the line of every mapping key and sequence item; report duplicate keys and aliases.

    Iterative rather than recursive, so deeply nested input cannot exhaust the stack; a node seen
    twice is an alias, refused because aliases can expand exponentially ("billion laughs") or loop.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    lines[()] = root.start_mark.line + 1
    while stack:
        node, at = stack.pop()
        if id(node) in seen:
            line = next(
                (t.start_mark.line + 1 for t in yaml.scan(text, Loader=_Loader) if isinstance(t, yaml.AliasToken)), 0
            )
            problems.append(
                Problem(
                    path, line, "YAML aliases (*name) are not allowed in catalog files; write the value out in full"
                )
            )
            return
        seen.add(id(node))
        if len(at) > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            problems.append(
                Problem(
                    path,
                    node.start_mark.line + 1,
                    f"values nested more than {MAX_DEPTH} levels deep; "
                    "an entry holds text, lists of ids and a list of code releases",
                    field=str(at[0]),
                )
            )
            return
        if isinstance(node, yaml.MappingNode):
            keys: dict[Any, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(
                        Problem(path, line, "a field name must be a single word followed by ':', not a list or mapping")
                    )
                    continue
                key = _key(key_node)
                if key in keys:
                    problems.append(
                        Problem(
                            path, line, f"duplicate key '{key}' (first on line {keys[key]}); keep one", field=str(key)
                        )
                    )
                keys[key] = line
                lines[at + (key,)] = line
                stack.append((value_node, at + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[at + (i,)] = item.start_mark.line + 1
                stack.append((item, at + (i,)))


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    problem, context = exc.problem or "", exc.context or ""
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "quoted scalar" in context:
        return "close the quote opened on this line"
    if "flow" in context:
        return "close the bracket opened on this line: [...] or {...}"
    if "constructor for the tag" in problem:
        return "remove the tag: catalog files hold only text, numbers, true/false, lists and mappings"
    if "another document" in problem:
        return "a catalog file holds one YAML document: remove the '---' line and what follows, or merge it"
    return "check indentation and quote values containing ':' or '#'"


_STR_TAG = "tag:yaml.org,2002:str"


def _key(node: yaml.ScalarNode) -> Any:
    """A mapping key as the loaded data has it (`1:` is the number 1), so its line can be found."""
    if node.tag == _STR_TAG:
        return node.value
    try:
        return SafeConstructor().construct_object(node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return node.value


def _unreadable_value(root: yaml.Node, path: str) -> Problem:
    """The first scalar that YAML resolves to a type but cannot construct, e.g. `added: 2024-02-30`."""
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, at = stack.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                SafeConstructor().construct_object(node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
                kind = {"timestamp": "date"}.get(node.tag.rsplit(":", 1)[-1], node.tag.rsplit(":", 1)[-1])
                return Problem(
                    path,
                    node.start_mark.line + 1,
                    f"'{node.value}' is not a valid {kind} ({exc}); correct it, or quote it if it is meant as text",
                    field=".".join(str(a) for a in at),
                )
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, at), (value, at + (_key(key),))))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, at + (i,)) for i, item in enumerate(node.value))
    return Problem(path, 0, "YAML error: a value cannot be read; quote values that are meant as text")
