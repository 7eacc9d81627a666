"""What's new: the /recent/ page and the Atom feed /feed.xml of the latest additions. (placeholder)"""

from __future__ import annotations

from ..model import Catalog


def recent_page(catalog: Catalog) -> str:
    return "# Recently added\n"


def atom_feed(catalog: Catalog, site_url: str) -> str:
    return '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>\n'
