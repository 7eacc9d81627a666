"""MkDocs hook: accessible names that Material's search box lacks.

axe-core reports a dialog without a name (aria-dialog-name) and two unnamed search landmarks on
the search page (landmark-unique). The theme offers no block for its search partial, and copying
the partial would fork theme code, so the two attributes are added to the rendered page. A test
checks that every page still carries both names, so a theme upgrade that changes the markup shows.
"""

from __future__ import annotations

from typing import Any

# (Material's markup, the same with a name)
NAMES = (
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'),
    ('<div class="md-search__inner" role="search">',
     '<div class="md-search__inner" role="search" aria-label="Search the site">'),
)


# ---------------------------------------------------------------------------------------------
# Events


def on_post_page(output: str, page: Any, config: Any) -> str:
    for theirs, ours in NAMES:
        output = output.replace(theirs, ours, 1)
    return output


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages rendered from a template alone, such as 404.html."""
    return on_post_page(output_content, None, config)
