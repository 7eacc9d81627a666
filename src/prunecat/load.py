"""Load and validate the catalog: the one place that defines what a valid entry is (the checks of
each field are in entrycheck.py).

Both the MkDocs hooks and the `catalog` command call `load_catalog`; every problem comes back as a
`Problem` with file, line, field and a fix, never as a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .entrycheck import EntryCheck
from .keys import key_problem
from .model import Catalog, Paper, normalize_title
from .problems import CatalogError, Problem
from .reading import Refused, read_bytes
from .taxonomy import Taxonomy, load_taxonomy
from .yamlio import load_yaml_text

MAX_ENTRY_BYTES = 256 * 1024

# Parsed entries by file, reused while the file's modification time and size are unchanged, so a
# `mkdocs serve` rebuild after editing one entry re-parses one file.
_cache: dict[str, tuple[int, int, Paper | None, tuple[Problem, ...]]] = {}


PAPERS = "papers"  # the catalog's entries
INCOMING = "incoming"  # imported papers awaiting curation (see load_incoming)


def catalog_dir(default: Path) -> Path:
    """The catalog folder: $CATALOG_DIR when set (benchmarks, tests), else `default`."""
    return Path(os.environ.get("CATALOG_DIR") or default)


def load_catalog(root: Path, *, strict: bool = True) -> Catalog:
    """Load taxonomy.yml and papers/*.yml under `root`. Raises CatalogError on any error."""
    root = Path(root)
    taxonomy = load_taxonomy(root / "taxonomy.yml")
    resolved = root.resolve()  # entry paths below it are absolute: the cache keys by path
    papers, problems = load_folder(resolved, PAPERS, taxonomy)
    problems.extend(find_duplicates(papers))
    errors = [p for p in problems if p.severity == "error"]
    if errors and strict:
        raise CatalogError(problems)
    return Catalog(
        root=root,
        taxonomy=taxonomy,
        papers=tuple(sorted(papers, key=lambda p: p.key)),
        warnings=tuple(sorted(problems)),
    )


def load_folder(resolved: Path, name: str, taxonomy: Taxonomy) -> tuple[list[Paper], list[Problem]]:
    """The entries of one folder of the catalog (`papers`, or the `incoming` queue of imported
    papers awaiting curation), checked alike, and their problems."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    folder = resolved / name
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    for extra in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        problems.append(Problem(_rel(resolved, extra), 0, "entry files end in .yml; rename it"))
    _preload(files, resolved, taxonomy)
    for path in files:
        paper, found = load_entry(path, resolved, taxonomy)
        problems.extend(found)
        if paper is not None:
            papers.append(paper)
    return papers, problems


def load_incoming(root: Path, taxonomy: Taxonomy) -> tuple[list[Paper], list[Problem]]:
    """The queue `incoming/`: papers an import added that no one has curated yet. They are not
    part of the catalog (no page, not in the dumps) until `catalog promote` moves them to papers/."""
    return load_folder(Path(root).resolve(), INCOMING, taxonomy)


#: Below this many entries to parse, the catalog is parsed in this process alone (measured on 2
#: cores: 1,021 entries load in 1.1 s in parallel, 1.35-1.9 s in one process).
PARALLEL_FROM = 800


def _preload(files: list[Path], root: Path, taxonomy: Taxonomy) -> None:
    """Parse entries not yet cached on the other cores too: a cold load of 10,000 entries is
    mostly YAML and BibTeX parsing, which splits cleanly by file. The results only fill the cache;
    `load_entry` then finds every file there. $CATALOG_JOBS=1 turns this off."""
    setting = os.environ.get("CATALOG_JOBS") or str(os.cpu_count() or 1)
    if not setting.isdigit():
        raise CatalogError(
            [
                Problem(
                    "$CATALOG_JOBS",
                    0,
                    f"'{setting}' is not a number of processes; set it to 1 "
                    "(parse in this process only) or more, or unset it",
                )
            ]
        )
    jobs = int(setting)
    if jobs < 2 or len(files) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return
    todo = [path for path in files if _hit(path, taxonomy) is None]
    if len(todo) < PARALLEL_FROM:
        return
    chunks = [todo[i::jobs] for i in range(jobs)]
    try:
        with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            others = [pool.submit(_parse_chunk, chunk, root, taxonomy) for chunk in chunks[1:]]
            for path in chunks[0]:  # this process takes a share too
                load_entry(path, root, taxonomy)
            for future in others:
                for path, value in future.result():
                    _cache[_key(path, taxonomy)] = value
    except (OSError, RuntimeError, BrokenProcessPool):  # no processes to be had: the rest is parsed later
        return


def _parse_chunk(paths: list[Path], root: Path, taxonomy: Taxonomy) -> list[tuple[Path, tuple]]:
    """In a worker: parse these entries; returns their cache values (the parent's taxonomy object,
    and so its cache key, differs from the worker's copy)."""
    for path in paths:
        load_entry(path, root, taxonomy)
    return [(path, _cache[_key(path, taxonomy)]) for path in paths]


def _key(path: Path, taxonomy: Taxonomy) -> str:
    return f"{path}|{id(taxonomy)}"  # paths come from the resolved catalog folder


def _hit(path: Path, taxonomy: Taxonomy, stat: os.stat_result | None = None) -> tuple | None:
    """The cached (mtime, size, paper, problems) of an entry file that has not changed since."""
    hit = _cache.get(_key(path, taxonomy))
    if hit is None:
        return None
    try:
        stat = stat or path.stat()
    except OSError:
        return None
    return hit if hit[0] == stat.st_mtime_ns and hit[1] == stat.st_size else None


def load_entry(path: Path, root: Path, taxonomy: Taxonomy) -> tuple[Paper | None, tuple[Problem, ...]]:
    """Parse and validate one entry file, using the cache when the file is unchanged."""
    try:
        stat = path.stat()
    except OSError as exc:
        return None, (Problem(_rel(root, path), 0, f"cannot read: {exc.strerror}"),)
    hit = _hit(path, taxonomy, stat)
    if hit is not None:
        return hit[2], hit[3]
    rel = _rel(root, path)
    try:
        raw = read_bytes(path, MAX_ENTRY_BYTES, inside=root)
        text = raw.decode("utf-8")
    except Refused as exc:
        result: tuple[Paper | None, tuple[Problem, ...]] = (None, (Problem(rel, 0, str(exc)),))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        result = (
            None,
            (Problem(rel, line, f"the file is not UTF-8 (byte {exc.object[exc.start]:#x}); save it as UTF-8"),),
        )
    else:
        result = validate_entry_text(text, rel, path.stem, taxonomy)
    _cache[_key(path, taxonomy)] = (stat.st_mtime_ns, stat.st_size, result[0], result[1])
    return result


def validate_entry_text(text: str, rel: str, key: str, taxonomy: Taxonomy) -> tuple[Paper | None, tuple[Problem, ...]]:
    """Validate the text of one entry whose file is `rel` and whose key is `key`."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_ENTRY_BYTES:  # what `check` refuses to read, `add` and `fmt` must not write
        return None, (Problem(rel, 0, f"the entry would be {size} bytes; an entry is at most {MAX_ENTRY_BYTES} bytes"),)
    data, lines, problems = load_yaml_text(text, rel)
    if problems:
        return None, tuple(problems)
    check = EntryCheck(rel, lines, taxonomy)
    if key_problem(key):
        check.problems.append(
            Problem(rel, check.line(()), f"the file name '{key}.yml' {key_problem(key)}", field="key")
        )
    if not isinstance(data, dict):
        check.error((), "an entry is a YAML mapping of fields (bibtex:, when:, ...), not a list or a single value")
        return None, tuple(check.problems)
    paper = check.paper(data, key)
    errors = [p for p in check.problems if p.severity == "error"]
    return (None if errors else paper), tuple(check.problems)


def find_duplicates(papers: list[Paper]) -> list[Problem]:
    """The same paper twice: same arXiv id, DOI or normalised title."""
    problems = []
    for what, value_of in (
        ("arXiv id", lambda p: p.arxiv),
        ("DOI", lambda p: p.doi.lower()),
        ("title", lambda p: normalize_title(p.title)),
    ):
        first: dict[str, Paper] = {}
        for paper in papers:
            value = value_of(paper)
            if not value:
                continue
            if value in first:
                other = first[value]
                problems.append(
                    Problem(
                        paper.path,
                        paper.lines.get(("bibtex",), 1),
                        f"same {what} as {other.path} ({other.key}): one paper, one entry; "
                        f"merge the labels into {other.path} and delete this file",
                        field="bibtex",
                    )
                )
            else:
                first[value] = paper
    return problems


# ---------------------------------------------------------------------------------------------
# Helpers


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
