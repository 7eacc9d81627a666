"""Benchmark of the search page (issue 3) on a synthetic catalog: a script, not a test.

    .venv/bin/python bench/search_bench.py                 # 10,000 papers, 5 runs, print the figures
    .venv/bin/python bench/search_bench.py --write         # ... and update BENCHMARKS.md
    .venv/bin/python bench/search_bench.py --papers 2000 --runs 3

Measures, in Debian's Chromium driven by Playwright against a local server:

* the index (assets/search-index.json) and the text index (assets/search-text.json): bytes raw
  and gzipped (level 6, what web servers use);
* time from navigation start to the first rendered results (cold cache, new browser context);
* keystroke-to-updated-count latency while typing in the search box (no debounce): from the
  input event's timestamp to the end of the update (count, facet counts and result list in the
  DOM), reported by the page's `pc:updated` event; and to the next animation frame;
* facet click latency, the same way;
* the page's own timing of what the first results wait for (docs/assets/search-load.js: User
  Timing marks, also in `window.searchTiming`): index request, bytes received, parse, controls
  built, first results, and the text index's download and parse; medians of the runs.

The site is built once from the small fixture catalog and its search data (search-index.json,
search-text.json and catalog.bib) are replaced by the synthetic catalog's: the search page reads nothing else, and
building 10,000 paper pages takes minutes. `--full-build` also measures a full build of every page
from the synthetic catalog, where the page also loads Material's own search index of all pages. Budgets (issue 3): index <= 600 KB gzipped, first results
<= 1 s, keystroke p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from prunecat.generators.dumps import catalog_bib  # noqa: E402
from prunecat.generators.search_index import search_index  # noqa: E402
from prunecat.generators.text_index import text_index  # noqa: E402
from prunecat.load import load_catalog  # noqa: E402
from prunecat.synth import synth_catalog  # noqa: E402
from search_phases import page_phases, phase_report  # noqa: E402

CHROMIUM = "/usr/lib/chromium/chromium"
OUT = ROOT / "bench" / "out"
FIXTURE = ROOT / "tests" / "fixtures" / "search-catalog"
BUDGET = {"gzip_kb": 600, "first_ms": 1000, "key_p95_ms": 50}
# what a reader types: words, prefixes, a typo, an author, then clearing the box
TYPED = ["pruning", "sparse llm", "lotery tickets", "structured channel", "frantar", "vision transformer"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--full-build",
        action="store_true",
        help="also measure a full build of every page from the synthetic catalog (minutes)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        action="append",
        help="measure this already built site (e.g. a full build kept from an earlier run) instead of "
        "building; repeat to measure several, alternating run by run",
    )
    parser.add_argument("--write", action="store_true", help="write the figures into BENCHMARKS.md")
    parser.add_argument(
        "--catalog",
        type=Path,
        help="measure this catalog folder (e.g. catalog, the real one) instead of a synthetic one",
    )
    args = parser.parse_args()
    if args.site:
        return measure_sites(args.site, args.runs, args.papers)

    OUT.mkdir(parents=True, exist_ok=True)
    cat_dir = args.catalog.resolve() if args.catalog else OUT / f"synth-{args.papers}-{args.seed}"
    if args.catalog:
        pass  # a real catalog is measured as it is
    elif not (cat_dir / "papers").is_dir() or len(list((cat_dir / "papers").glob("*.yml"))) != args.papers:
        print(f"writing a synthetic catalog of {args.papers} papers to {cat_dir} ...", flush=True)
        synth_catalog(args.papers, cat_dir, seed=args.seed)
    started = time.perf_counter()
    catalog = load_catalog(cat_dir)
    print(f"loaded {len(catalog.papers)} papers in {time.perf_counter() - started:.1f}s", flush=True)

    index = search_index(catalog).encode("utf-8")
    text = text_index(catalog).encode("utf-8")
    sizes = {
        "raw": len(index),
        "gzip": len(gzip.compress(index, 6)),
        "gzip9": len(gzip.compress(index, 9)),
        "text_raw": len(text),
        "text_gzip": len(gzip.compress(text, 6)),
        "papers": len(catalog.papers),
    }

    modes = {}
    site = build(OUT / "site", FIXTURE)
    (site / "assets" / "search-index.json").write_bytes(index)
    (site / "assets" / "search-text.json").write_bytes(text)
    (site / "catalog.bib").write_text(catalog_bib(catalog), encoding="utf-8")
    modes["swap"] = measure(site, args.runs, len(catalog.papers))
    if args.full_build:
        site = build(OUT / "site-full", cat_dir)
        assert (site / "assets" / "search-index.json").read_bytes() == index
        assert (site / "assets" / "search-text.json").read_bytes() == text
        modes["full"] = measure(site, args.runs, len(catalog.papers))
        modes["full"]["material_index"] = (site / "search" / "search_index.json").stat().st_size

    report = format_report(args, sizes, modes)
    print(report)
    if args.write:
        write_section(ROOT / "BENCHMARKS.md", report)
        print("BENCHMARKS.md updated")
    ok = sizes["gzip"] <= BUDGET["gzip_kb"] * 1024 and all(
        r["first_ms"] <= BUDGET["first_ms"] and r["key_p95_ms"] <= BUDGET["key_p95_ms"] for r in modes.values()
    )
    return 0 if ok else 1


def build(dest: Path, catalog_dir: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    print(f"building the site from {catalog_dir} ...", flush=True)
    started = time.perf_counter()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CATALOG_DIR=str(catalog_dir))
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"built in {time.perf_counter() - started:.0f}s", flush=True)
    return dest


# ---------------------------------------------------------------------------------------------
# In the browser

INIT = """
window.__pc = {updates: [], frames: []};
document.addEventListener('pc:updated', e => {
  const d = e.detail;
  window.__pc.updates.push(d);
  requestAnimationFrame(() => window.__pc.frames.push({reason: d.reason, ms: performance.now() - d.start}));
});
"""


def measure_sites(sites: list[Path], runs: int, n: int) -> int:
    """Measure built sites, alternating: run 1 of each, then run 2 of each, ...; print the medians."""
    results: dict[Path, list[dict]] = {site: [] for site in sites}
    for run in range(runs):
        for site in sites:
            print(f"run {run + 1}/{runs}: {site} (load average {os.getloadavg()[0]:.2f})", flush=True)
            results[site].append(measure(site, 1, n))
    for site, got in results.items():
        firsts = [x for r in got for x in r["first_all"]]
        print(f"\n{site}: {len(got)} runs, nproc {_nproc()}")
        print(
            f"  navigation start -> first results: {statistics.median(firsts):.0f} ms ({', '.join(f'{x:.0f}' for x in firsts)})"
        )
        print(f"  text index ready by: {statistics.median(r['text_ready_ms'] for r in got):.0f} ms")
        print(
            f"  keystroke p50 / p95: {statistics.median(r['key_p50_ms'] for r in got):.1f} / "
            f"{statistics.median(r['key_p95_ms'] for r in got):.1f} ms"
        )
        print(f"  facet click (slowest of 4): {statistics.median(r['facet_ms'] for r in got):.1f} ms")
        print("  " + phase_report(got[0] | {"phases_all": [p for r in got for p in r["phases_all"]]}))
    return 0


def measure(site: Path, runs: int, n: int) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/search/"
    firsts, text_ready, key_p50, key_p95, frame_p95, facet_ms, all_keys = [], [], [], [], [], [], []
    phases = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
            )
            version = browser.version
            for run in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.add_init_script(INIT)
                page.goto(url, wait_until="domcontentloaded")
                page.wait_for_selector("#pc-search[data-ready]", timeout=30_000)
                first = page.evaluate("window.__pc.updates.find(u => u.reason === 'load').at")
                count = int(page.get_attribute("#result-count", "data-count"))
                assert count == n, (count, n)
                page.wait_for_selector("#pc-search[data-text=ready]", timeout=30_000)
                text_ready.append(page.evaluate("performance.now()"))  # upper bound: when we saw it
                firsts.append(first)
                phases.append(page_phases(page))

                box = page.locator("#pc-q")
                box.focus()
                page.evaluate("window.__pc.updates = []; window.__pc.frames = []")
                for words in TYPED:
                    page.keyboard.type(words, delay=25)
                    page.keyboard.press("Control+A")
                    page.keyboard.press("Backspace")
                page.wait_for_timeout(100)
                keys = page.evaluate("window.__pc.updates.filter(u => u.reason === 'input').map(u => u.ms)")
                frames = page.evaluate("window.__pc.frames.filter(u => u.reason === 'input').map(u => u.ms)")
                expected_keys = sum(len(w) for w in TYPED) + len(TYPED)
                assert len(keys) == expected_keys, (len(keys), expected_keys)
                all_keys.extend(keys)
                key_p50.append(percentile(keys, 50))
                key_p95.append(percentile(keys, 95))
                frame_p95.append(percentile(frames, 95))

                page.evaluate("window.__pc.updates = []")
                for facet, value in (
                    ("when", "after-training"),
                    ("speedup", "structured"),
                    ("model", "llm"),
                    ("code", "yes"),
                ):
                    page.locator(f'details[data-facet="{facet}"] li[data-value="{value}"] > label').click()
                facet_ms.append(
                    max(page.evaluate("window.__pc.updates.filter(u => u.reason === 'facet').map(u => u.ms)"))
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {
        "runs": runs,
        "chromium": version,
        "first_ms": statistics.median(firsts),
        "first_all": firsts,
        "text_ready_ms": statistics.median(text_ready),
        "key_p50_ms": statistics.median(key_p50),
        "key_p95_ms": statistics.median(key_p95),
        "key_max_ms": max(all_keys),
        "keys": len(all_keys) // runs,
        "frame_p95_ms": statistics.median(frame_p95),
        "facet_ms": statistics.median(facet_ms),
        "phases_all": phases,
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# ---------------------------------------------------------------------------------------------
# The report


def machine() -> str:
    cpu = ""
    try:
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (`nproc`: {_nproc()}), {platform.machine()}, {cpu or 'unknown CPU'}"


def _nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def format_report(args, sizes: dict, modes: dict) -> str:
    def mark(ok: bool) -> str:
        return "within budget" if ok else "**over budget**"

    kb = lambda b: f"{b / 1024:,.0f} KB"  # noqa: E731
    names = {"swap": "search data in the small site", "full": "full build of every page"}
    cols = list(modes)
    any_run = modes[cols[0]]

    def row(label: str, fmt, budget: str = "") -> str:
        return f"| {label} | " + " | ".join(fmt(modes[c]) for c in cols) + f" | {budget} |"

    firsts = lambda r: f"{r['first_ms']:.0f} ms ({', '.join(f'{x:.0f}' for x in r['first_all'])})"  # noqa: E731
    lines = [
        "## Search (issue 3)",
        "",
        f"Measured {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} on {machine()}; "
        f"Chromium {any_run['chromium']} (headless, Playwright), site served by Python's http.server on 127.0.0.1 "
        f"(no compression, no HTTP cache between runs). The machine is shared with other work, so expect noise.",
        (
            f"Catalog: `{args.catalog}`, {sizes['papers']:,} papers. "
            if args.catalog
            else f"Synthetic catalog: {args.papers:,} papers (`prunecat.synth.synth_catalog`, seed {args.seed}). "
        )
        + f"Median of {args.runs} runs, each in a fresh browser context.",
        "",
        f"The index `assets/search-index.json`: **{kb(sizes['raw'])} raw, {kb(sizes['gzip'])} gzipped** "
        f"(level 6; {kb(sizes['gzip9'])} at level 9); budget ≤ 600 KB gzipped: {mark(sizes['gzip'] <= BUDGET['gzip_kb'] * 1024)}. "
        f"The text index `assets/search-text.json` (built by `prunecat.generators.text_index`, fetched in parallel): "
        f"**{kb(sizes['text_raw'])} raw, {kb(sizes['text_gzip'])} gzipped**; both together "
        f"{kb(sizes['gzip'] + sizes['text_gzip'])} gzipped.",
        "",
        "| measure | " + " | ".join(names[c] for c in cols) + " | budget |",
        "| --- | " + " | ".join("---" for _ in cols) + " | --- |",
        row(
            "navigation start → first results rendered (runs)",
            firsts,
            "≤ 1 s: " + mark(all(modes[c]["first_ms"] <= BUDGET["first_ms"] for c in cols)),
        ),
        row("text index (search-text.json) fetched and ready by", lambda r: f"{r['text_ready_ms']:.0f} ms"),
        row("keystroke → updated count, facet counts and results, p50", lambda r: f"{r['key_p50_ms']:.1f} ms"),
        row(
            "keystroke → updated …, p95 (no debounce)",
            lambda r: f"**{r['key_p95_ms']:.1f} ms** (max {r['key_max_ms']:.1f})",
            "≤ 50 ms: " + mark(all(modes[c]["key_p95_ms"] <= BUDGET["key_p95_ms"] for c in cols)),
        ),
        row("keystroke → next animation frame, p95", lambda r: f"{r['frame_p95_ms']:.1f} ms"),
        row("facet click → updated (slowest of 4 clicks)", lambda r: f"{r['facet_ms']:.1f} ms"),
        "",
        *(f"*{names[c]}*, {phase_report(modes[c])}." for c in cols),
        "",
        "*Search data in the small site*: the site built from the test fixture catalog, with its "
        "search-index.json, search-text.json and catalog.bib replaced by the synthetic catalog's (the search page reads nothing else)."
        + (
            f" *Full build*: every page built from the synthetic catalog; the search page then also "
            f"loads Material's own search index of all pages ({modes['full']['material_index'] / 1e6:.1f} MB), "
            f"which competes for the main thread."
            if "full" in modes
            else ""
        ),
        f"Keystrokes: typing {', '.join(f'“{w}”' for w in TYPED)} one key at a time (25 ms apart, "
        f"{any_run['keys']} keystrokes a run), clearing the box after each; latency from the input event's "
        "timestamp to the end of the page's update, as its `pc:updated` event reports it.",
        "",
        "Reproduce (after `make setup-test`, which installs the venv with the test packages; needs Debian's chromium):",
        "",
        "```sh",
        f".venv/bin/python bench/search_bench.py --papers {args.papers} --runs {args.runs}"
        + (" --full-build" if args.full_build else "")
        + " --write",
        "```",
        "",
    ]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Add or replace the section "## Search (issue 3)" of BENCHMARKS.md, leaving the rest alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(r"^## Search \(issue 3\)\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda m: section.rstrip("\n") + "\n\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
