"""MkDocs hook: what Material's templates leave to the site: accessible names its search box
lacks, and site-level strings it prints without escaping.

axe-core reports a dialog without a name (aria-dialog-name) and two unnamed search landmarks on
the search page (landmark-unique). The theme offers no block for its search partial, and copying
the partial would fork theme code, so the two attributes are added to the rendered page. A test
checks that every page still carries both names, so a theme upgrade that changes the markup shows.
"""

from __future__ import annotations

import html
from typing import Any

from mkdocs.exceptions import PluginError

# (Material's markup, the same with a name)
NAMES = (
    (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
    ),
    (
        '<div class="md-search__inner" role="search">',
        '<div class="md-search__inner" role="search" aria-label="Search the site">',
    ),
)


# Material prints these config strings raw (e.g. `content="{{ config.site_description }}"`) and
# nowhere escaped, so they are escaped once here.
RAW_STRINGS = ("site_description", "site_author")
# site_name is printed both raw and with `| e`: escaping it would show `&amp;` in some places, so
# the characters that could end an attribute or open a tag are refused instead.
NAME_REFUSED = '<>"'


# ---------------------------------------------------------------------------------------------
# Events


def on_config(config: Any) -> Any:
    for name in RAW_STRINGS:
        if config.get(name):
            config[name] = html.escape(str(config[name]), quote=True)
    bad = sorted(set(NAME_REFUSED) & set(str(config.get("site_name") or "")))
    if bad:
        raise PluginError(
            f"mkdocs.yml: site_name contains {' '.join(bad)}, which the theme would print as markup; "
            "write the name as plain text without < > or double quotes"
        )
    return config


def on_post_page(output: str, page: Any, config: Any) -> str:
    for theirs, ours in NAMES:
        output = output.replace(theirs, ours, 1)
    return output


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages rendered from a template alone, such as 404.html."""
    return on_post_page(output_content, None, config)
