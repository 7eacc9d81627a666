"""Markdown table cells and links, as GitHub renders them."""

from __future__ import annotations

import re


def split_cells(line: str) -> list[str]:
    """The cells of a table row: split on unescaped pipes outside link targets."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells, current, depth = [], [], 0
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "\\" and k + 1 < len(text) and text[k + 1] == "|":
            current.append("|")
            k += 2
            continue
        if ch == "(" and k > 0 and (text[k - 1] == "]" or depth):
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        if ch == "|" and not depth:
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        k += 1
    cells.append("".join(current))
    if depth:  # an unclosed link target: split on every unescaped pipe instead
        cells = re.split(r"(?<!\\)\|", text)
        cells = [c.replace("\\|", "|") for c in cells]
    return [c.strip() for c in cells]


def find_links(cell: str, unclosed: list[str] | None = None) -> list[tuple[str, str, int, int]]:
    """Markdown links in a cell: (text, target, start, end); targets may hold balanced parentheses.
    Links whose target is not closed run to the end of the cell and are added to `unclosed`."""
    unclosed = [] if unclosed is None else unclosed
    out = []
    i = 0
    while True:
        a = cell.find("[", i)
        if a < 0:
            return out
        depth, j = 0, a
        while j < len(cell):
            depth += {"[": 1, "]": -1}.get(cell[j], 0)
            if depth == 0:
                break
            j += 1
        if j + 1 >= len(cell) or cell[j + 1] != "(":
            i = a + 1
            if j >= len(cell):
                return out
            continue
        depth, k = 0, j + 1
        while k < len(cell):
            depth += {"(": 1, ")": -1}.get(cell[k], 0)
            if depth == 0:
                break
            k += 1
        if k >= len(cell):
            unclosed.append(cell[a:])
        out.append((cell[a + 1 : j], cell[j + 2 : k], a, min(k + 1, len(cell))))
        i = k + 1
