"""MkDocs hook: one log line per build with the time each stage took.

Stages: catalog (load and validate, in on_config), generate (pages and data files, on_files), nav,
markdown (every page's Markdown to HTML), render (templates and writing pages), post (what
plugins do at the end, such as Material's search index). The benchmark reads this line, so a
slowdown in any stage shows up in the next measurement.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.profile")

_marks: dict[str, float] = {}


# ---------------------------------------------------------------------------------------------
# Events


@event_priority(100)  # before the catalog hook loads the catalog
def on_config(config: Any) -> None:
    _marks.clear()
    _marks["start"] = time.perf_counter()


def on_pre_build(config: Any) -> None:
    _mark("catalog")


def on_nav(nav: Any, config: Any, files: Any) -> None:
    _mark("generate")


def on_env(env: Any, config: Any, files: Any) -> None:
    _mark("nav")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> None:
    _marks.setdefault("markdown_start", time.perf_counter())


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> None:
    _marks.setdefault("render_start", time.perf_counter())


def on_post_page(output: str, page: Any, config: Any) -> None:
    _marks["post_start"] = time.perf_counter()


@event_priority(-100)  # after every plugin's end-of-build work (e.g. the search index)
def on_post_build(config: Any) -> None:
    now = time.perf_counter()
    m = _marks
    if "start" not in m:
        return
    render_start = m.get("render_start", now)
    stages = {
        "catalog": m.get("catalog", now) - m["start"],
        "generate": m.get("generate", now) - m.get("catalog", now),
        "nav": m.get("nav", now) - m.get("generate", now),
        "markdown": render_start - m.get("nav", now),
        "render": m.get("post_start", now) - render_start,
        "post": now - m.get("post_start", now),
    }
    log.info("profile: " + " ".join(f"{k}={v:.2f}s" for k, v in stages.items()) + f" total={now - m['start']:.2f}s")


def on_build_error(error: Exception) -> None:
    _marks.clear()


# ---------------------------------------------------------------------------------------------
# Helpers


def _mark(name: str) -> None:
    _marks[name] = time.perf_counter()
