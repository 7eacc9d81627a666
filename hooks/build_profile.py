"""MkDocs hook: one log line per build with the time each stage took.

Stages, in MkDocs 1.6's order of events:
  catalog   load and validate the catalog (the catalog hook's on_config)
  generate  generated pages and data files: catalog.json/.bib, search index, feed (on_files)
  papers    the paper pages (hooks/paper_pages.py): their content made, then stamped from their
            shells and written; taken out of the stages whose events did that work
  markdown  every page read and converted from Markdown (on_nav to on_env): the paper pages'
            shells, one per layout (with PAPER_PAGES=mkdocs every paper page)
  render    every page's context and template (on_page_context to on_post_page)
  write     writing every page to disk (from one page's on_post_page to the next page's context)
  post      end-of-build work after the last page, such as Material's search index
The benchmark reads this line, so a slowdown in any stage shows up in the next measurement.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from mkdocs.plugins import event_priority

import hook_state

log = logging.getLogger("mkdocs.hooks.profile")

_marks: dict[str, float] = {}
_spent: dict[str, float] = {}  # render and write, summed over pages


# ---------------------------------------------------------------------------------------------
# Events


@event_priority(100)  # before the catalog hook loads the catalog
def on_config(config: Any) -> None:
    _marks.clear()
    _spent.clear()
    hook_state.paper_seconds.clear()
    _marks["start"] = time.perf_counter()


def on_pre_build(config: Any) -> None:
    _mark("catalog")


@event_priority(-100)  # after the catalog hook's on_files
def on_files(files: Any, config: Any) -> None:
    _mark("generate")


@event_priority(-100)
def on_env(env: Any, config: Any, files: Any) -> None:
    _mark("markdown")


@event_priority(100)  # before any other page work
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> None:
    now = time.perf_counter()
    if "written" in _marks:  # the previous page was written since its on_post_page
        _add("write", now - _marks.pop("written"))
    _marks["page"] = now


@event_priority(-100)  # after every other on_post_page (splicing, compacting)
def on_post_page(output: str, page: Any, config: Any) -> None:
    now = time.perf_counter()
    _add("render", now - _marks.pop("page", now))
    _marks["written"] = now


@event_priority(-100)  # after every plugin's end-of-build work (e.g. the search index)
def on_post_build(config: Any) -> None:
    now = time.perf_counter()
    m = _marks
    if "start" not in m:
        return
    pages_end = m.get("markdown", now) + _spent.get("render", 0.0) + _spent.get("write", 0.0)
    stages = {
        "catalog": m.get("catalog", now) - m["start"],
        "generate": m.get("generate", now) - m.get("catalog", now),
        "papers": 0.0,
        "markdown": m.get("markdown", now) - m.get("generate", now),
        "render": _spent.get("render", 0.0),
        "write": _spent.get("write", 0.0),
        "post": max(0.0, now - pages_end),
    }
    for stage, seconds in hook_state.paper_seconds.items():  # moved out of the stage that did it
        stages[stage] -= seconds
        stages["papers"] += seconds
    log.info("profile: " + " ".join(f"{k}={v:.2f}s" for k, v in stages.items()) + f" total={now - m['start']:.2f}s")


def on_build_error(error: Exception) -> None:
    _marks.clear()
    _spent.clear()


# ---------------------------------------------------------------------------------------------
# Helpers


def _mark(name: str) -> None:
    _marks[name] = time.perf_counter()


def _add(stage: str, seconds: float) -> None:
    _spent[stage] = _spent.get(stage, 0.0) + seconds
