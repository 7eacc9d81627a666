"""Shared fixtures: the real catalog, one strict build of the site per test session, a local server."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
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


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def build_site(dest: Path, catalog_dir: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of this repository into `dest`, optionally with another catalog."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if catalog_dir is not None:
        env["CATALOG_DIR"] = str(catalog_dir)
    else:
        env.pop("CATALOG_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
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
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
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


@pytest.fixture
def tmp_catalog(tmp_path: Path) -> Path:
    """An empty catalog folder with the real taxonomy, for tests that write entries."""
    root = tmp_path / "catalog"
    (root / "papers").mkdir(parents=True)
    shutil.copy(CATALOG / "taxonomy.yml", root / "taxonomy.yml")
    return root


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
