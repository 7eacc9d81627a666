"""Build benchmark (issue 5): full `mkdocs build` of synthetic catalogs against plain MkDocs.

For each size: synthesise a catalog once (`prunecat.synth.synth_catalog`, seed 0), then per run
  (a) our build: wall time, peak RSS of the build process (/usr/bin/time -v), the stage times from
      the `profile:` log line of hooks/build_profile.py, output size (du of the site dir);
  (b) the baseline in the same run: the same generated pages written as plain Markdown files into
      a copy of docs/, built by MkDocs with the same theme and settings and no hooks (paper pages
      `not_in_nav`, the same expanded taxonomy nav, the same data and asset files present);
then (c) `mkdocs serve` rebuild time after appending a comment to one entry file.
Also the real catalog's strict build (median of the runs).

    .venv/bin/python bench/build_bench.py --sizes 1000,10000 --runs 3 [--no-serve] [--write]
"""

from __future__ import annotations

import argparse
import os
import platform
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
MKDOCS = str(ROOT / ".venv" / "bin" / "mkdocs")
TIME = "/usr/bin/time"
SECTION = "## Build at scale (issue 5)"
NOTE = "Reading the figures: since paper pages are stamped from one shell per layout (hooks/paper_pages.py), MkDocs' own stages (`markdown`, `render`, `write`) are under a tenth of the build at 10,000 papers (~4 s of ~46 s); the rest is ours: the catalog load (`catalog`), the catalog-wide pages and data files (`generate`: category tables, the all-papers page, curation, matrix, trends, search index, feeds) and the paper pages' content (`papers`, half of it the related-papers similarity). So the ratio to the plain-MkDocs baseline fell to ~0.2-0.4, and the share of `catalog`+`generate` rose because the MkDocs part shrank, not because those stages grew. The `serve --dirty` rebuild makes again only the edited entry's paper page, but every catalog-wide page and data file (`generate`), which is most of its time at 10,000 papers. What would cut further: rendering the category tables' rows outside Jinja's per-cell macro calls (~50,000 rows at 10,000 papers), making paper pages on both cores, and a `serve` rebuild that regenerates only the catalog-wide pages an edit touches."
STAGES = ("catalog", "generate", "papers", "markdown", "render", "write", "post", "total")


# ---------------------------------------------------------------------------------------------
# Measuring one build


def _site_bytes(path: Path) -> int:
    """What a deployment uploads: the sum of the files' sizes (`du -sb` would add 4 KB for each of
    the 10,000 paper folders, and block-rounded disk usage more)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def timed_build(cwd: Path, out: Path, env_extra: dict[str, str], strict: bool = False) -> dict:
    """One `mkdocs build`: wall seconds, peak RSS (MB), stage times, output bytes."""
    if out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env_extra)
    rusage = Path(tempfile.mktemp(suffix=".time"))
    # not -q: the profile line is logged at INFO
    cmd = [MKDOCS, "build", "-d", str(out)] + (["--strict"] if strict else [])
    if Path(TIME).exists():
        cmd = [TIME, "-v", "-o", str(rusage)] + cmd
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"build failed in {cwd}:\n{proc.stderr[-3000:]}")
    peak_mb = float("nan")
    if rusage.exists():
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", rusage.read_text())
        peak_mb = int(m.group(1)) / 1024 if m else peak_mb
        rusage.unlink()
    stages = {}
    m = re.search(r"profile: (.*)", proc.stderr)
    if m:
        stages = {k: float(v.rstrip("s")) for k, v in (kv.split("=") for kv in m.group(1).split())}
    return {"wall": wall, "peak_mb": peak_mb, "stages": stages, "bytes": _site_bytes(out)}


# ---------------------------------------------------------------------------------------------
# The baseline: the same pages as plain Markdown, no hooks


def make_baseline(catalog_root: Path, project: Path) -> None:
    from prunecat.generators.dumps import catalog_bib, catalog_json
    from prunecat.generators.meta import citation_meta
    from prunecat.generators.pages import generate_pages
    from prunecat.generators.paper_shell import citation_tags
    from prunecat.generators.search_index import search_index
    from prunecat.generators.text_index import text_index
    from prunecat.load import load_catalog

    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    catalog = load_catalog(catalog_root)
    edit_base = config["repo_url"].rstrip("/") + "/" + config["edit_uri"].strip("/").removesuffix("docs") + "catalog/"
    by_key = catalog.by_key()
    docs = project / "docs"
    for path, page in generate_pages(catalog, edit_base=edit_base).items():
        content = page.inline()  # blocks in place: plain Markdown
        if path.startswith("papers/") and path != "papers/index.md":
            # what the hook puts in page.meta, as front matter: same title, meta tags, search exclusion
            paper = by_key[path[len("papers/") : -len(".md")]]
            meta = {
                "title": paper.title,
                "template": "paper.html",
                "search": {"exclude": True},
                "citation_tags": citation_tags(citation_meta(paper, config.get("site_url") or "")),
            }
            content = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + content
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (docs / "catalog.json").write_text(catalog_json(catalog), encoding="utf-8")
    (docs / "catalog.bib").write_text(catalog_bib(catalog), encoding="utf-8")
    (docs / "assets" / "search-index.json").write_text(search_index(catalog), encoding="utf-8")
    (docs / "assets" / "search-text.json").write_text(text_index(catalog), encoding="utf-8")
    # same config, no hooks; the taxonomy nav expanded as the hook does; paper pages not in nav
    config.pop("hooks", None)
    config["not_in_nav"] = "papers/*\n!papers/index.md"
    section = ["taxonomy/index.md"] + [
        {axis.short: [f"taxonomy/{axis.id}/index.md"] + [f"taxonomy/{axis.id}/{c.id}.md" for c in axis.categories]}
        for axis in catalog.taxonomy.axes
    ]
    for i, item in enumerate(config["nav"]):
        if isinstance(item, dict) and list(item.values()) == ["taxonomy/index.md"]:
            config["nav"][i] = {next(iter(item)): section}
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(ROOT)]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# `mkdocs serve` rebuild after one entry changes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(catalog_root: Path, timeout: float = 900, dirty: bool = True) -> dict:
    """Seconds from appending a comment to one entry to the end of the rebuild it triggers.

    `dirty`: the development mode of `make serve` (`mkdocs serve --dirty`), which re-renders only
    pages whose source changed; the catalog hook watches the catalog folder itself (on_serve).
    """
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CATALOG_DIR=str(catalog_root))
    proc = subprocess.Popen(
        [MKDOCS, "serve", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else []),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    log: list[str] = []
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), out)) for out in proc.stdout], daemon=True).start()

    def wait_for(pattern: str, deadline: float) -> tuple[float, str]:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or proc.poll() is not None and lines.empty():
                raise TimeoutError(f"no {pattern!r} in serve log:\n" + "".join(log[-20:]))
            try:
                t, line = lines.get(timeout=min(left, 1))
            except queue.Empty:
                continue
            log.append(line)
            if re.search(pattern, line):
                return t, line

    try:
        started = time.perf_counter()
        t_first, _ = wait_for(r"Serving on", started + timeout)
        first = t_first - started
        time.sleep(2)  # let the watcher settle
        entry = sorted((catalog_root / "papers").glob("*.yml"))[len(list((catalog_root / "papers").glob("*.yml"))) // 2]
        original = entry.read_text(encoding="utf-8")
        edited = time.perf_counter()
        with entry.open("a", encoding="utf-8") as f:
            f.write("# benchmark edit\n")
        try:
            t_done, _ = wait_for(r"Reloading browsers|Documentation built", edited + timeout)
        finally:
            entry.write_text(original, encoding="utf-8")
        profile = next((entry for entry in reversed(log) if "profile:" in entry), "")
        return {"first": first, "rebuild": t_done - edited, "profile": profile.strip()}
    finally:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)


# ---------------------------------------------------------------------------------------------
# Report


def med(xs):
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else float("nan")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(row.split(":", 1)[1].strip() for row in open("/proc/cpuinfo") if row.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} CPUs (`nproc`: {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()}), {platform.machine()}, {cpu}"


def report(results: dict, real: list[float], args, skipped_note: str) -> str:
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    sizes = sorted(results)
    out = [
        SECTION,
        "",
        f"Measured {date} on {machine()}; Python {platform.python_version()}. The machine is shared with other work, so expect noise.",
        f"Synthetic catalogs (`prunecat.synth.synth_catalog`, seed 0), built with `CATALOG_DIR`; medians of {args.runs} runs "
        f"at each size unless fewer are listed in parentheses (the individual runs). Ours and the baseline are built alternately in the same run.{skipped_note}",
        "",
        "| papers | our build | baseline (plain MkDocs) | ratio ours/baseline | peak RSS ours / baseline | output ours / baseline | catalog+generate | `serve --dirty` rebuild after one entry |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for n in sizes:
        r = results[n]
        ours = [x["wall"] for x in r["ours"]]
        base = [x["wall"] for x in r["base"]]
        ratio = med([a / b for a, b in zip(ours, base)])
        cat = med([(x["stages"].get("catalog", 0) + x["stages"].get("generate", 0)) for x in r["ours"]])
        share = cat / med(ours) * 100
        serve = (
            f"{r['serve']['rebuild']:.1f} s (first build {r['serve']['first']:.1f} s)"
            if r.get("serve")
            else "not measured"
        )
        out.append(
            f"| {n:,} | {med(ours):.1f} s ({', '.join(f'{x:.1f}' for x in ours)}) | {med(base):.1f} s ({', '.join(f'{x:.1f}' for x in base)}) "
            f"| {ratio:.2f} | {med([x['peak_mb'] for x in r['ours']]):.0f} MB / {med([x['peak_mb'] for x in r['base']]):.0f} MB "
            f"| {med([x['bytes'] for x in r['ours']]) / 1e6:.0f} MB / {med([x['bytes'] for x in r['base']]) / 1e6:.0f} MB "
            f"| {cat:.1f} s ({share:.0f}%) | {serve} |"
        )
    out += [
        "",
        "Stage times of our build (medians, from the `profile:` line of `hooks/build_profile.py`; "
        "catalog = load and validate; generate = generated pages other than papers' and the data files (catalog.json/.bib, search index, feed); "
        "markdown = every page read and converted, paper pages made on demand included; render = page context (Material's search "
        "indexing of each page included) and templates; write = writing pages; post = end-of-build work such as Material's search index):",
        "",
        "| papers | " + " | ".join(STAGES) + " |",
        "| --- |" + " --- |" * len(STAGES),
    ]
    for n in sizes:
        out.append(
            f"| {n:,} | "
            + " | ".join(f"{med([x['stages'].get(s, float('nan')) for x in results[n]['ours']]):.2f} s" for s in STAGES)
            + " |"
        )
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        f = b / a

        def g(key: str, who: str) -> float:
            return med([x[key] for x in results[b][who]]) / med([x[key] for x in results[a][who]])

        out += [
            "",
            f"Growth from {a:,} to {b:,} papers ({f:g}x the papers): our build time x{g('wall', 'ours'):.1f}, "
            f"baseline x{g('wall', 'base'):.1f}; our peak memory x{g('peak_mb', 'ours'):.1f}, output x{g('bytes', 'ours'):.1f}. "
            f"Exponent (time ∝ n^k): build k = {__import__('math').log(g('wall', 'ours')) / __import__('math').log(f):.2f}, "
            f"memory k = {__import__('math').log(g('peak_mb', 'ours')) / __import__('math').log(f):.2f} (1.00 = linear).",
        ]
    out += ["", NOTE]  # interpretation as of the last recorded run; revise when the numbers change

    # budgets
    def mark(ok):
        return "met" if ok else "**not met**"

    out += ["", "Budgets (issue 5, this 2-core machine):", ""]
    real_med = med(real)
    out.append(
        f"- real catalog (`catalog/`), full strict build ≤ 5 s: {real_med:.2f} s ({', '.join(f'{x:.2f}' for x in real)}) — {mark(real_med <= 5)}"
    )
    if 10000 in results:
        r = results[10000]
        ours = med([x["wall"] for x in r["ours"]])
        ratio = med([a["wall"] / b["wall"] for a, b in zip(r["ours"], r["base"])])
        peak = med([x["peak_mb"] for x in r["ours"]])
        size = med([x["bytes"] for x in r["ours"]]) / 1e6
        share = med([(x["stages"].get("catalog", 0) + x["stages"].get("generate", 0)) for x in r["ours"]]) / ours * 100
        out += [
            f"- 10,000 papers, full build ≤ 60 s: {ours:.1f} s — {mark(ours <= 60)}",
            f"- 10,000 papers, peak memory ≤ 1.5 GB: {peak:.0f} MB — {mark(peak <= 1536)}",
            f"- 10,000 papers, output ≤ 300 MB: {size:.0f} MB — {mark(size <= 300)}",
            f"- 10,000 papers, ratio to the plain-MkDocs baseline ≤ 1.3: {ratio:.2f} — {mark(ratio <= 1.3)}",
            f"- 10,000 papers, catalog stage (catalog + generate) ≤ 15% of the build: {share:.1f}% — {mark(share <= 15)}",
        ]
        if r.get("serve"):
            out.append(
                f"- 10,000 papers, `mkdocs serve` rebuild after editing one entry ≤ 15 s: {r['serve']['rebuild']:.1f} s — {mark(r['serve']['rebuild'] <= 15)}"
            )
        else:
            out.append("- 10,000 papers, `mkdocs serve` rebuild ≤ 15 s: not measured")
    else:
        out.append("- 10,000-paper budgets: not measured in this run")
    out += [
        "",
        "*Baseline*: the pages `generate_pages` produces for the same catalog, written as plain Markdown files into a copy of docs/ "
        "(HTML blocks in place, so MkDocs converts the whole page; paper pages with the title, template, citation meta tags and search exclusion the "
        "hook sets, as front matter), the same data files (catalog.json, catalog.bib, search-index.json, search-text.json) and assets, built "
        "with a copy of mkdocs.yml without `hooks:` (same theme, features such as `navigation.prune`, and extensions), with the same "
        "expanded taxonomy nav and `not_in_nav: papers/*` (the hook's NOT_IN_NAV). So the ratio measures what the hooks cost or save "
        "on top of MkDocs rendering the same pages. Peak memory is the build process's maximum RSS (`/usr/bin/time -v`); output is "
        "the sum of the site's file sizes. *Serve rebuild*: the development mode of `make serve` (`mkdocs serve --dirty`; the hook watches the "
        'catalog folder), from appending a comment to one entry file to the "Reloading browsers" log line; a rebuild without '
        "`--dirty` costs a full build (first column).",
        "",
        "Reproduce (after `make setup`):",
        "",
        "```sh",
        f".venv/bin/python bench/build_bench.py --sizes {args.sizes} --runs {args.runs} --write",
        "```",
        "",
    ]
    return "\n".join(out)


def write_section(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    doc = path.read_text(encoding="utf-8")
    start = doc.find(SECTION)
    if start == -1:
        doc = doc.rstrip("\n") + "\n\n" + text
    else:
        nxt = doc.find("\n## ", start + len(SECTION))
        doc = doc[:start] + text + ("\n" + doc[nxt + 1 :] if nxt != -1 else "")
    path.write_text(doc, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated sizes, each optionally N:RUNS")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` rebuild measurement")
    ap.add_argument("--write", action="store_true", help="write the section into BENCHMARKS.md")
    ap.add_argument("--note", default="", help="extra sentence for the report (e.g. sizes skipped)")
    args = ap.parse_args()
    from prunecat.synth import synth_catalog

    work = Path(tempfile.mkdtemp(prefix="build-bench-"))
    results: dict[int, dict] = {}
    try:
        real = []
        for i in range(args.runs):
            real.append(
                timed_build(ROOT, work / "real-site", {"CATALOG_DIR": str(ROOT / "catalog")}, strict=True)["wall"]
            )
            print(f"real catalog strict build run {i + 1}: {real[-1]:.2f}s", flush=True)
        for spec in args.sizes.split(","):
            n, _, runs = spec.partition(":")
            n, runs = int(n), int(runs or args.runs)
            cat = work / f"catalog-{n}"
            t = time.perf_counter()
            synth_catalog(n, cat, seed=0)
            base_project = work / f"baseline-{n}"
            make_baseline(cat, base_project)
            print(f"[{n}] synth + baseline project in {time.perf_counter() - t:.1f}s", flush=True)
            r = results[n] = {"ours": [], "base": []}
            for i in range(runs):
                r["ours"].append(timed_build(ROOT, work / "site", {"CATALOG_DIR": str(cat)}))
                r["base"].append(timed_build(base_project, work / "base-site", {}))
                o, b = r["ours"][-1], r["base"][-1]
                print(
                    f"[{n}] run {i + 1}: ours {o['wall']:.1f}s {o['peak_mb']:.0f}MB {o['bytes'] / 1e6:.0f}MB {o['stages']} | "
                    f"baseline {b['wall']:.1f}s {b['peak_mb']:.0f}MB {b['bytes'] / 1e6:.0f}MB",
                    flush=True,
                )
            shutil.rmtree(base_project, ignore_errors=True)
            if not args.no_serve:
                try:
                    r["serve"] = serve_rebuild(cat)
                    print(f"[{n}] serve: {r['serve']}", flush=True)
                except Exception as exc:  # recorded as not measured, with the reason printed
                    print(f"[{n}] serve rebuild not measured: {exc}", flush=True)
            if args.write:  # after every size, so a cut-short run still leaves its numbers
                write_section(report(results, real, args, (" " + args.note) if args.note else ""))
        text = report(results, real, args, (" " + args.note) if args.note else "")
        print("\n" + text)
        if args.write:
            write_section(text)
            print("written to BENCHMARKS.md")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
