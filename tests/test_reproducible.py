"""Reproducible builds: two builds of the same sources give the same bytes.

The second build differs from the session's build in everything that should not matter: the
output folder, Python's hash seed (set and dict-of-set orderings), the time zone and the wall
clock, which is moved years ahead. SOURCE_DATE_EPOCH is set to the first build's date, as a
packager rebuilding an old commit would. Only sitemap.xml and sitemap.xml.gz may differ (MkDocs
writes the build date into them); with SOURCE_DATE_EPOCH they must carry that date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gzip
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, build_site

ALLOWED_TO_DIFFER = {"sitemap.xml", "sitemap.xml.gz"}
CLOCK_SHIFT_DAYS = 4 * 365 + 1  # always lands in another year
SOURCES = ("docs", "src", "hooks", "overrides", "catalog", "mkdocs.yml", "package-lock.json")

# Loaded at start-up of the second build (PYTHONPATH), before MkDocs: every way Python code reads
# the wall clock answers CLOCK_SHIFT_DAYS later. A page that depends on "today" then differs.
FAKE_CLOCK = """
import datetime as _dt, os as _os, time as _time
_SHIFT = float(_os.environ["PRUNECAT_CLOCK_SHIFT"])
_real_time, _real_time_ns = _time.time, _time.time_ns
_real_localtime, _real_gmtime, _real_ctime, _real_strftime = _time.localtime, _time.gmtime, _time.ctime, _time.strftime
_time.time = lambda: _real_time() + _SHIFT
_time.time_ns = lambda: _real_time_ns() + int(_SHIFT * 1e9)
_time.localtime = lambda secs=None: _real_localtime(_time.time() if secs is None else secs)
_time.gmtime = lambda secs=None: _real_gmtime(_time.time() if secs is None else secs)
_time.ctime = lambda secs=None: _real_ctime(_time.time() if secs is None else secs)
_time.strftime = lambda fmt, t=None: _real_strftime(fmt, _time.localtime() if t is None else t)

class _Date(_dt.date):
    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

class _DateTime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)
    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())
    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(_time.time(), _dt.timezone.utc).replace(tzinfo=None)

_dt.date, _dt.datetime = _Date, _DateTime
"""


# ---------------------------------------------------------------------------------------------
# Comparing two site folders


def files_of(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes, name: str) -> str:
    """Where two versions of a file part: the line for text, the byte offset otherwise."""
    if name.endswith(".gz"):
        try:
            ua, ub = gzip.decompress(a), gzip.decompress(b)
        except OSError:
            pass
        else:
            if ua == ub:
                return "same content once decompressed: the gzip header differs (its mtime field?)"
            return "decompressed: " + first_difference(ua, ub, name[:-3])
    try:
        ta, tb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"bytes differ from offset {at}: {a[at : at + 40]!r} vs {b[at : at + 40]!r} (sizes {len(a)}, {len(b)})"
    for i, (x, y) in enumerate(zip(ta, tb)):
        if x != y:
            col = next((j for j, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
            lo = max(0, col - 60)
            return f"line {i + 1}, column {col + 1}:\n      first:  …{x[lo : col + 100]}…\n      second: …{y[lo : col + 100]}…"
    return f"one is a prefix of the other: {len(ta)} vs {len(tb)} lines"


def compare_sites(first: Path, second: Path, ignore: set[str] = frozenset()) -> list[str]:
    """Every difference between two built sites, one message each; empty when byte-identical."""
    fa, fb = files_of(first), files_of(second)
    problems = [f"only in the first build: {n}" for n in sorted(fa.keys() - fb.keys())]
    problems += [f"only in the second build: {n}" for n in sorted(fb.keys() - fa.keys())]
    for name in sorted(fa.keys() & fb.keys()):
        if name in ignore:
            continue
        a, b = fa[name].read_bytes(), fb[name].read_bytes()
        if a != b:
            problems.append(f"{name}: {first_difference(a, b, name)}")
    return problems


def changed_since(t: float) -> list[str]:
    """Source files modified after time `t` (the other build then saw other sources)."""
    out = []
    for name in SOURCES:
        base = ROOT / name
        for p in [base] if base.is_file() else base.rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts and p.stat().st_mtime > t:
                out.append(p.relative_to(ROOT).as_posix())
    return sorted(out)


def shift_clock(tmp_path: Path, monkeypatch) -> None:
    """Python processes started from now on see a wall clock CLOCK_SHIFT_DAYS ahead."""
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(FAKE_CLOCK, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(clock), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("PRUNECAT_CLOCK_SHIFT", str(CLOCK_SHIFT_DAYS * 86400))


# ---------------------------------------------------------------------------------------------
# Tests


def test_two_builds_of_the_same_sources_are_byte_identical(built_site: Path, tmp_path: Path, monkeypatch):
    first_built = min(p.stat().st_mtime for p in built_site.rglob("*.html"))  # pages are written, not copied
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>(\d{4}-\d\d-\d\d)</lastmod>", sitemap))
    assert len(dates) == 1, f"the sitemap should carry one build date: {sorted(dates)}"
    (day,) = dates
    epoch = calendar.timegm(time.strptime(day + " 12:00", "%Y-%m-%d %H:%M"))

    shift_clock(tmp_path, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    monkeypatch.setenv("PYTHONHASHSEED", "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2")
    monkeypatch.setenv("TZ", "Etc/GMT-14")  # UTC+14: another date than UTC for half of each day

    second = tmp_path / "site"
    result = build_site(second)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"

    problems = compare_sites(built_site, second, ignore=ALLOWED_TO_DIFFER)
    if problems:
        changed = changed_since(first_built)
        note = (
            (
                f"\n\nNote: {len(changed)} source file(s) changed after the first build, so the builds "
                f"did not see the same sources: {changed[:10]}"
            )
            if changed
            else ""
        )
        raise AssertionError(
            f"{len(problems)} file(s) differ between two builds of the same sources "
            f"(second build: other folder, hash seed and time zone, clock +{CLOCK_SHIFT_DAYS} days, "
            f"SOURCE_DATE_EPOCH={epoch}):\n"
            + "\n".join(f"  - {p}" for p in problems[:30])
            + (f"\n  ... and {len(problems) - 30} more" if len(problems) > 30 else "")
            + note
        )

    # the sitemap's dates follow SOURCE_DATE_EPOCH rather than the (shifted) clock
    again = (second / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", again)) == {day}
    assert gzip.decompress((second / "sitemap.xml.gz").read_bytes()).decode("utf-8") == again
    assert again == sitemap, "with SOURCE_DATE_EPOCH at the first build's date, the sitemap is identical too"


def test_the_shifted_clock_reaches_every_clock_of_the_build(tmp_path: Path, monkeypatch):
    """The check itself: in a process started like the second build, each clock is years ahead."""
    shift_clock(tmp_path, monkeypatch)
    code = (
        "import datetime as dt, time; from datetime import date, datetime; import mkdocs.utils as u; "
        "print(dt.date.today().year, date.today().year, datetime.now().year, datetime.utcnow().year, "
        "datetime.now(dt.timezone.utc).year, time.localtime().tm_year, time.gmtime().tm_year, "
        "time.strftime('%Y'), u.get_build_date()[:4])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ), check=True)
    years = {int(y) for y in out.stdout.split()}
    assert years == {dt.date.today().year + 4} or years == {dt.date.today().year + 5}, out.stdout


def test_the_comparison_finds_a_difference(tmp_path: Path):
    """The check itself: a changed byte, a missing file and a gzip header are all reported."""
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "p").mkdir(parents=True)
        (root / "same.html").write_text("<p>same</p>\n", encoding="utf-8")
    (a / "p" / "index.html").write_text("<p>one</p>\n<p>built 2024</p>\n", encoding="utf-8")
    (b / "p" / "index.html").write_text("<p>one</p>\n<p>built 2025</p>\n", encoding="utf-8")
    (a / "extra.json").write_text("{}", encoding="utf-8")
    (a / "x.gz").write_bytes(gzip.compress(b"data", mtime=1))
    (b / "x.gz").write_bytes(gzip.compress(b"data", mtime=2))
    problems = compare_sites(a, b)
    assert len(problems) == 3, problems
    assert problems[0] == "only in the first build: extra.json"
    assert problems[1].startswith("p/index.html: line 2, column 13") and "2024" in problems[1] and "2025" in problems[1]
    assert problems[2].startswith("x.gz: same content once decompressed")
    assert compare_sites(a, a) == []
