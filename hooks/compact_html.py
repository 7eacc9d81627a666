"""MkDocs hook: drop the indentation and blank lines the theme's templates leave in every page.

A third of a paper page was template whitespace; at 10,000 papers that is ~60 MB of output.
Newlines are kept and <pre>/<textarea> contents are left alone, so the rendered page is the same:
HTML folds any run of whitespace outside them into one space.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import event_priority

_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)*")


# ---------------------------------------------------------------------------------------------
# Events


@event_priority(50)  # before the catalog hook splices its (already compact) HTML blocks in
def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact(output)


# ---------------------------------------------------------------------------------------------
# Helpers


def compact(html: str) -> str:
    """`html` with each line's leading whitespace and every blank line removed, outside <pre>."""
    parts = _VERBATIM.split(html)
    for i in range(0, len(parts), 2):  # even parts are outside <pre>/<textarea>
        parts[i] = _INDENT.sub("\n", parts[i])
    return "".join(parts)
