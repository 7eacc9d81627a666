"""The /trends/ page: papers per year on each axis, and the share with code. (placeholder)"""

from __future__ import annotations

from ..model import Catalog


def trends_page(catalog: Catalog) -> str:
    return "# Trends\n"
