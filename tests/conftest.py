"""Shared fixtures: the real catalog, one strict build of the site per test session, a local server."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from prunecat.load import load_catalog
from prunecat.model import Catalog

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/lib/chromium/chromium"


#: Fixtures that start Chromium or build a whole site: a test using one (directly or through another
#: fixture) is marked `browser` by pytest_collection_modifyitems, so `pytest -m "not browser"` is the
#: fast subset. Tests that run a build themselves carry `@pytest.mark.browser`.
BROWSER_FIXTURES = frozenset({"browser", "page", "built_site", "site_url", "fixture_url", "hostile_site"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def build_site(
    dest: Path, catalog_dir: Path | None = None, config: Path | None = None, quiet: bool = False
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of this repository into `dest`, optionally with another catalog, or
    of another config file (a copy of the site with edited docs).

    Not quiet by default: `-q` drops WARNING records before --strict counts them, so a quiet build
    would fail only on errors and a warning would pass unnoticed."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if catalog_dir is not None:
        env["CATALOG_DIR"] = str(catalog_dir)
    else:
        env.pop("CATALOG_DIR", None)
    config = config or ROOT / "mkdocs.yml"
    quiet_flag = ["-q"] if quiet else []
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *quiet_flag, "-f", str(config), "-d", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the real catalog, once per session."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path):
    """Serve `directory` on a free loopback port; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    base, server = serve(built_site)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download: it cannot work offline)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on any request leaving the loopback interface."""
    context = browser.new_context()
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            return route.continue_()
        outside.append(url)
        return route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    yield pg
    context.close()
    assert not outside, f"the page tried to fetch from the network: {outside}"


def empty_catalog(root: Path) -> Path:
    """Make `root` an empty catalog folder (papers/ and the real taxonomy); returns it."""
    (root / "papers").mkdir(parents=True)
    shutil.copy(CATALOG / "taxonomy.yml", root / "taxonomy.yml")
    return root


@pytest.fixture
def tmp_catalog(tmp_path: Path) -> Path:
    """An empty catalog folder with the real taxonomy, for tests that write entries."""
    return empty_catalog(tmp_path / "catalog")


# ---------------------------------------------------------------------------------------------
# The small fixture catalog of the browser tests, built and served once per session

SEARCH_FIXTURE = FIXTURES / "search-catalog"


@pytest.fixture(scope="session")
def fixture_catalog() -> Catalog:
    return load_catalog(SEARCH_FIXTURE)


@pytest.fixture(scope="session")
def fixture_url(tmp_path_factory: pytest.TempPathFactory):
    """The site built from the fixture catalog, served on loopback."""
    dest = tmp_path_factory.mktemp("search-site")
    result = build_site(dest, SEARCH_FIXTURE)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    base, server = serve(dest)
    point_sitemap_at(dest, base)
    yield base
    server.shutdown()


def point_sitemap_at(site: Path, base: str) -> None:
    """Material's instant navigation only follows links listed in sitemap.xml, which names the
    deployed URLs (site_url); point them at the local server, as they are on the deployed site."""
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", text)
    deployed = os.path.commonprefix(locs).rpartition("/")[0] + "/"
    sitemap.write_text(text.replace(deployed, base), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Helpers shared by the test modules: running the command, writing entries, checking entry text


def run_catalog(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """`catalog ARGS` in a new process (no CATALOG_DIR from the environment)."""
    env = {k: v for k, v in os.environ.items() if k != "CATALOG_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "prunecat.cli", *args], capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd
    )


def run_cli(capsys: pytest.CaptureFixture, root: Path, *args: str) -> tuple[int, str, str]:
    """`catalog --root ROOT ARGS` in this process: (exit code, stdout, stderr)."""
    from prunecat.cli import main

    code = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def paper_files(root: Path) -> dict[str, bytes]:
    """The entry files of a catalog, name -> bytes: to prove a command changed nothing."""
    return {p.name: p.read_bytes() for p in sorted((root / "papers").iterdir())}


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every name under `folder`: (kind, bytes or link text, mode, inode) - to prove nothing changed."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            out[str(path.relative_to(folder))] = ("link", os.readlink(path))
        elif stat.S_ISREG(st.st_mode):
            out[str(path.relative_to(folder))] = ("file", path.read_bytes(), stat.S_IMODE(st.st_mode), st.st_ino)
        else:
            out[str(path.relative_to(folder))] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_ino)
    return out


def write_entry(root: Path, key: str, data: dict | str) -> Path:
    """Write papers/KEY.yml: `data` as `catalog fmt` writes it, or a text as it is."""
    from prunecat.entryfile import dump_entry

    path = root / "papers" / f"{key}.yml"
    path.write_text(data if isinstance(data, str) else dump_entry(data), encoding="utf-8")
    return path


def bib(
    key: str,
    title: str,
    year: int,
    *,
    kind: str = "inproceedings",
    authors: str = "Ann Author and Bob Builder",
    venue: str = "booktitle = {International Conference on Learning Representations}",
    url: str | bool | None = None,
) -> str:
    """A BibTeX entry; `authors` or `venue` empty leaves the field out, `url=False` too (None: a default link)."""
    lines = [f"@{kind}{{{key},", f"  title = {{{title}}},"]
    if authors:
        lines.append(f"  author = {{{authors}}},")
    if venue:
        lines.append(f"  {venue},")
    if url is not False:
        lines.append(f"  url = {{{url or f'https://openreview.net/forum?id={key}'}}},")
    lines.append(f"  year = {{{year}}}")
    return "\n".join(lines) + "\n}"


def complete_entry(
    root: Path, key: str, bibtex: str, *, read: str, added: dt.date | None = dt.date(2024, 8, 20), **fields
) -> None:
    """An entry `catalog todo` has nothing to ask about (a summary, the facts checked against `read`,
    a source for every label given) unless a field says otherwise; fields set to None are left out."""
    from prunecat.taxonomy import AXIS_IDS

    evidence = {
        "read": read,
        "checked": dt.date(2025, 1, 2),
        **{axis: "paper" for axis in AXIS_IDS if fields.get(axis)},
    }
    data = {"bibtex": bibtex, "added": added, "summary": "Prunes a network.", "evidence": evidence, **fields}
    write_entry(root, key, {k: v for k, v in data.items() if v is not None})


@functools.cache
def _taxonomy():
    from prunecat.taxonomy import load_taxonomy

    return load_taxonomy(CATALOG / "taxonomy.yml")


def validate(text: str, key: str = "author2020paper") -> tuple:
    """Check an entry's text as `catalog check` does: (paper or None, [problems])."""
    from prunecat.load import validate_entry_text

    paper, found = validate_entry_text(text, f"papers/{key}.yml", key, _taxonomy())
    return paper, list(found)


def problems(text: str, key: str = "author2020paper") -> list:
    return validate(text, key)[1]


def one_error(text: str, key: str = "author2020paper"):
    """The one error of an entry's text (the test fails, listing them all, if there are more or none)."""
    found = [p for p in problems(text, key) if p.severity == "error"]
    assert len(found) == 1, "\n".join(map(str, problems(text, key)))
    return found[0]


# ---------------------------------------------------------------------------------------------
# arXiv and Crossref: never reached; recorded answers instead


@functools.cache
def recorded_remote():
    """tests/fixtures/remote/recorded.py: a fake `prunecat.remote.opener` answering from recordings."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("recorded_remote", FIXTURES / "remote" / "recorded.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def no_network(monkeypatch):
    """Any lookup on arXiv or Crossref fails the test."""
    from prunecat import remote

    def refuse(url, timeout):
        raise AssertionError(f"a test tried to reach the network: {url}")

    monkeypatch.setattr(remote, "opener", refuse)
