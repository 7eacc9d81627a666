"""The /curation/ page: the maintainers' worklist (the data of `catalog todo`). (placeholder)"""

from __future__ import annotations

from ..model import Catalog


def curation_page(catalog: Catalog, edit_base: str = "") -> str:
    return "# Curation\n"
