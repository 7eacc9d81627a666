"""Problems found in catalog data, reported as `path:line: message` and never as a traceback."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, located precisely enough to fix it."""

    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str
    field: str = ""
    severity: str = "error"  # "error" fails check and build; "warning" is only shown

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.severity}: {self.message}"


class CatalogError(Exception):
    """Raised when catalog data is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(errors)} error(s) in the catalog.")
        return "\n".join(lines)


def did_you_mean(value: str, allowed: Iterable[str]) -> str:
    """A hint naming the closest allowed value, or all allowed values when none is close."""
    allowed = list(allowed)
    close = difflib.get_close_matches(str(value).lower(), allowed, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'? (allowed: {', '.join(allowed)})"
    return f"allowed: {', '.join(allowed)}"


class UserError(Exception):
    """A mistake in how a command was called (missing file, bad flag value), reported as one line."""


def show(value: Any) -> str:
    """A bad value as an error message quotes it: its repr, cut to 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
