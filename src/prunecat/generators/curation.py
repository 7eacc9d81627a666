"""The /curation/ page: the maintainers' worklist, rendered from `prunecat.curation.worklist`.

The page never decides itself what needs work: it shows the worklist's data, so it cannot drift
from `catalog todo`. The worklist judges "an old preprint" against a date taken from the catalog
(`reference_date`), not the clock, so builds are reproducible and the command agrees.
"""

from __future__ import annotations

from jinja2 import Environment

from ..curation import MISSING, PREPRINT_YEARS, Worklist, reference_date, worklist
from ..model import Catalog
from ..templating import environment, page_text
from ..urls import CURATION as CURATION_URL  # the page's own URL, for relative links
from .blocks import PageText
from .recent import long_date


def page_worklist(catalog: Catalog) -> Worklist:
    """Exactly the worklist the page shows (tests compare the page with it)."""
    return worklist(catalog)


def curation_page(catalog: Catalog, edit_base: str = "", env: Environment | None = None) -> PageText:
    """The page, from templates/curation.html."""
    # the hook builds edit_base from mkdocs.yml; still, only ever link to http(s)
    edit_base = edit_base if edit_base.startswith(("https://", "http://")) else ""
    today = reference_date(catalog)
    text = (
        (env or environment())
        .get_template("curation.html")
        .render(
            work=page_worklist(catalog),
            by_key=catalog.by_key(),
            at=CURATION_URL,
            edit_base=edit_base,
            today=long_date(today),
            today_year=today.year,
            missing=list(MISSING.values()),
            preprint_years=PREPRINT_YEARS,
        )
    )
    return page_text(text)
