"""The search page's own timing, as bench/search_bench.py reads and reports it.

docs/assets/search-load.js records the phases the first results wait for (User Timing marks and
measures named "pc:<phase>", also in `window.searchTiming`); this module reads them from a page
and prints their medians over runs.
"""

from __future__ import annotations

import statistics

# the page's own phases (docs/assets/search-load.js), in the order they happen
PHASES = (
    "index-request",
    "index-received",
    "index-parse-start",
    "index-parsed",
    "ui-built",
    "first-results",
    "text-request",
    "text-received",
    "text-parse-start",
    "text-ready",
)
MEASURES = ("index-download", "index-wait", "index-parse", "ui-build", "first-render", "text-download", "text-parse")


def phase_report(result: dict) -> str:
    """The page's own timing, medians of the runs: when each phase ended and how long each took."""
    runs = [p for p in result["phases_all"] if p]
    if not runs:
        return "the page's own timing: none (a page from before search-load.js)"

    def med(name: str, kind: str) -> str:
        values = [r[kind][name] for r in runs if name in r[kind]]
        return f"{statistics.median(values):.0f}" if values else "–"

    at = ", ".join(f"{name} {med(name, 'at')}" for name in PHASES)
    took = ", ".join(f"{name} {med(name, 'took')}" for name in MEASURES)
    return f"the page's own timing (ms, medians of {len(runs)} runs): at {at}; took {took}"


def page_phases(page) -> dict:
    """window.searchTiming and the pc: measures of the page (empty on a page without them)."""
    return page.evaluate(
        """() => window.searchTiming ? {
          at: Object.assign({}, window.searchTiming),
          took: Object.fromEntries(performance.getEntriesByType('measure')
            .filter(m => m.name.startsWith('pc:')).map(m => [m.name.slice(3), m.duration])),
        } : null"""
    )
