"""The /matrix/ page: two axes or facets crossed, each cell linking to the search. (placeholder)"""

from __future__ import annotations

from ..model import Catalog


def matrix_page(catalog: Catalog) -> str:
    return "# Axis matrix\n"
