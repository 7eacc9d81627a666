"""Text helpers shared by the page generators and the templates' filters.

The pages' markup lives in the Jinja templates (prunecat/templates/, see prunecat/templating.py),
which escape catalog data themselves; what is left here is plain text: `md_text` (the `md` filter)
and `author_list` (the `authors` filter, and the Atom feed's summaries).
"""

from __future__ import annotations

import re

from ..model import Paper

# Every ASCII mark that Markdown, its extensions (snippets `--8<--`, attribute lists, tables) or a
# template engine could read as syntax.
_MARKUP = re.compile(r"[!-/:-@\[-`{-~]")


def md_text(value: object) -> str:
    """Catalog text for a line of Markdown (a heading): each ASCII punctuation mark becomes a
    numeric character reference, so Markdown shows it and never reads it as syntax."""
    return _MARKUP.sub(lambda m: f"&#{ord(m.group())};", str(value))


def author_list(paper: Paper, limit: int = 0) -> str:
    names = list(paper.authors)
    if not names:
        return "authors not yet recorded"
    if limit and len(names) > limit:
        return ", ".join(names[:limit]) + " et al."
    return ", ".join(names)
