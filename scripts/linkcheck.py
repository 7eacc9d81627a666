#!/usr/bin/env python3
"""Check every external link of the catalog and print a Markdown report on stdout.

    python scripts/linkcheck.py [--root catalog] [--repo-url https://github.com/OWNER/REPO]

The links are the paper links of every entry (the BibTeX `url`, the arXiv page, the DOI) and its
code links. Each distinct URL is fetched once: a HEAD request first, then a GET when HEAD is
refused or fails, with a timeout, a small thread pool, at most two requests at a time per host and
a pause between requests to the same host.

A link is
  - fine        when the final answer is 2xx or 3xx;
  - broken      when the server says the page is gone (404, 410, other 4xx) or the host cannot be
                reached at all (unknown host, refused connection, TLS error);
  - unverified  when the answer does not tell: 401/403 (sites that refuse robots), 429 (rate
                limit), 5xx, or a timeout. These are listed for a human to look at.

The first line of the report is an HTML comment for the workflow to read:
`<!-- link-check: status=S checked=N fine=N broken=N unverified=N -->`, where S is `ok` (nothing
broken), `broken`, or `inconclusive` (not one server answered: the network was down, so the run
says nothing about the links). The exit status is 0 whatever the links say (the workflow decides
what to do with the report); it is 2 only when the catalog itself cannot be loaded, and then
`catalog check` explains why.

The network function is a parameter (`fetch`), so tests run the whole check without a network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
USER_AGENT = "prunecat-linkcheck/1.0 (+https://github.com/hrcheng1066/awesome-pruning; weekly link check)"
#: GitHub refuses issue bodies above 65536 characters; stay well below.
MAX_REPORT_CHARS = 60_000
#: Status codes that do not say whether the page exists.
UNVERIFIED_STATUS = {401, 403, 408, 425, 429}


@dataclass(frozen=True)
class Response:
    """What a fetch found: an HTTP status, or an error message when there was no answer."""

    status: int | None = None
    error: str = ""
    timeout: bool = False


#: fetch(method, url, timeout, follow_redirects) -> Response; never raises for network trouble.
Fetcher = Callable[[str, str, float, bool], Response]


@dataclass(frozen=True)
class Use:
    """Where a URL occurs: entry key, entry file (relative to the repository) and which link."""

    key: str
    path: str
    what: str  # paper, arXiv, DOI, code


@dataclass
class Link:
    url: str
    uses: list[Use] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    link: Link
    verdict: str  # fine, broken, unverified
    detail: str  # e.g. "404", "HEAD 405, GET 200", "timeout"
    answered: bool = True  # some HTTP status came back (False: no connection at all)


# ---------------------------------------------------------------------------------------------
# Collecting the links


def collect_links(catalog, catalog_prefix: str = "catalog/") -> list[Link]:
    """Distinct external links of a loaded catalog, in the order of the entries."""
    links: dict[str, Link] = {}
    names = {"paper": "paper", "arxiv": "arXiv", "doi": "DOI"}
    for paper in catalog.papers:
        path = catalog_prefix + paper.path
        found = [(names.get(kind, kind), url) for kind, url in paper.links.items()]
        found += [("code", c.url) for c in paper.code]
        for what, url in found:
            url = url.strip()
            if not url.startswith(("http://", "https://")):
                continue  # `catalog check` rejects these; nothing to fetch
            links.setdefault(url, Link(url)).uses.append(Use(paper.key, path, what))
    return list(links.values())


# ---------------------------------------------------------------------------------------------
# Fetching


class _KeepMethodRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects without turning a HEAD into a GET (urllib's default)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx itself is the answer


_FOLLOW = urllib.request.build_opener(_KeepMethodRedirects)
_STAY = urllib.request.build_opener(_NoRedirects)


def urllib_fetch(method: str, url: str, timeout: float, follow_redirects: bool = True) -> Response:
    """One request with the standard library; the body is never read."""
    request = urllib.request.Request(url, method=method, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    opener = _FOLLOW if follow_redirects else _STAY
    try:
        with opener.open(request, timeout=timeout) as response:
            return Response(status=response.status)
    except urllib.error.HTTPError as exc:  # 4xx/5xx, or a 3xx when not following
        exc.close()
        return Response(status=exc.code)
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return Response(error="timeout", timeout=True)
        if isinstance(reason, ssl.SSLError):
            return Response(error=f"TLS error: {reason}")
        if isinstance(reason, socket.gaierror):
            return Response(error="unknown host")
        return Response(error=str(reason))
    except (socket.timeout, TimeoutError):
        return Response(error="timeout", timeout=True)
    except (OSError, ValueError) as exc:  # reset connections, malformed URLs, ...
        return Response(error=f"{type(exc).__name__}: {exc}")


def _call(fetch: Fetcher, method: str, url: str, timeout: float, follow: bool) -> Response:
    try:
        return fetch(method, url, timeout, follow)
    except Exception as exc:  # a fetcher bug must not stop the whole check
        return Response(error=f"{type(exc).__name__}: {exc}")


def _describe(response: Response) -> str:
    return str(response.status) if response.status is not None else response.error or "no answer"


def _verdict(response: Response) -> str:
    if response.status is not None:
        if 200 <= response.status < 400:
            return "fine"
        if response.status in UNVERIFIED_STATUS or response.status >= 500:
            return "unverified"
        return "broken"
    return "unverified" if response.timeout else "broken"


def check_link(link: Link, fetch: Fetcher, timeout: float) -> Result:
    """HEAD, then GET when HEAD gives no good answer; the better of the two decides."""
    # doi.org answers a known DOI with a redirect to the publisher, and many publishers refuse
    # robots: the redirect itself proves that the DOI exists.
    follow = urlsplit(link.url).netloc.lower() not in ("doi.org", "dx.doi.org")
    head = _call(fetch, "HEAD", link.url, timeout, follow)
    if _verdict(head) == "fine":
        return Result(link, "fine", _describe(head))
    get = _call(fetch, "GET", link.url, timeout, follow)
    verdict = _verdict(get)
    answered = head.status is not None or get.status is not None
    if verdict == "fine":
        return Result(link, "fine", f"GET {_describe(get)} (HEAD {_describe(head)})")
    if verdict == "broken" and get.status is None and head.status is not None:
        verdict = _verdict(head)  # HEAD was answered, only the GET failed to connect: HEAD decides
    return Result(link, verdict, f"HEAD {_describe(head)}, GET {_describe(get)}", answered)


def check_links(links: Iterable[Link], fetch: Fetcher = urllib_fetch, *, timeout: float = 20.0,
                workers: int = 8, per_host: int = 2, pause: float = 0.5) -> list[Result]:
    """Check links concurrently, politely: at most `per_host` requests at a time to one host and
    `pause` seconds between two requests of a slot. Results come back in input order."""
    links = list(links)
    slots: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    slots_lock = threading.Lock()

    def one(link: Link) -> Result:
        host = urlsplit(link.url).netloc.lower()
        with slots_lock:
            slot = slots[host]
        with slot:
            result = check_link(link, fetch, timeout)
            if pause:
                time.sleep(pause)
        return result

    # Interleave hosts so the pool is not filled with requests that wait for the same host.
    by_host: dict[str, list[int]] = defaultdict(list)
    for i, link in enumerate(links):
        by_host[urlsplit(link.url).netloc.lower()].append(i)
    order: list[int] = []
    queues = list(by_host.values())
    while any(queues):
        for queue in queues:
            if queue:
                order.append(queue.pop(0))
    results: list[Result | None] = [None] * len(links)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for i, result in zip(order, pool.map(lambda i: one(links[i]), order)):
            results[i] = result
    return [r for r in results if r is not None]


# ---------------------------------------------------------------------------------------------
# The report


def report(results: list[Result], *, entries: int, repo_url: str = "", checked_on: str = "",
           max_chars: int = MAX_REPORT_CHARS) -> str:
    """The Markdown report: counts, then a table of broken and one of unverified links."""
    counts = {v: sum(1 for r in results if r.verdict == v) for v in ("fine", "broken", "unverified")}
    status = "broken" if counts["broken"] else "ok"
    if results and not any(r.answered for r in results):
        status = "inconclusive"  # not a single server answered: the network is down, not the links
    checked_on = checked_on or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = [
        f"<!-- link-check: status={status} checked={len(results)} fine={counts['fine']} broken={counts['broken']} unverified={counts['unverified']} -->",
        "# Link check of the catalog",
        "",
        f"Checked {len(results)} distinct links (paper, arXiv, DOI and code links of {entries} entries) on {checked_on}: "
        + (f"**{counts['broken']} broken**, {counts['unverified']} could not be verified, {counts['fine']} fine."
           if status != "inconclusive" else "no server answered."),
        "",
    ]
    if status == "inconclusive":
        head += ["Not one request got an answer, so this run says nothing about the links: the machine "
                 "running the check was probably offline. Run it again later.", ""]
        return "\n".join(head)
    if not counts["broken"] and not counts["unverified"]:
        return "\n".join(head + ["All links answer. Nothing to do.", ""])
    sections = []
    if counts["broken"]:
        sections.append((
            "Broken links",
            "The server says these pages do not exist, or the host cannot be reached. Fix them in the "
            "entry file: a paper link comes from the BibTeX `url`, `eprint` or `doi`; a code "
            "repository that has moved gets its new address, one that is gone is removed from "
            "`code:`. Then run `catalog check`.",
            [r for r in results if r.verdict == "broken"],
        ))
    if counts["unverified"]:
        sections.append((
            "Could not verify",
            "These answered with 401/403 (many publishers refuse automated requests), 429 (rate "
            "limit), a server error or not at all. They are often fine in a browser: check them by "
            "hand. On their own they do not keep this issue open.",
            [r for r in results if r.verdict == "unverified"],
        ))
    body: list[str] = []
    budget = max_chars - sum(len(line) + 1 for line in head) - 400
    for title, advice, rows in sections:
        body += [f"## {title} ({len(rows)})", "", advice, "", "| entry | link | URL | answer |", "| --- | --- | --- | --- |"]
        for n, r in enumerate(rows):
            line = _row(r, repo_url)
            if budget - len(line) - 1 < 0:
                body.append(f"\n… and {len(rows) - n} more not shown (the report is too long for an issue).")
                break
            body.append(line)
            budget -= len(line) + 1
        body.append("")
    return "\n".join(head + body)


def _row(result: Result, repo_url: str) -> str:
    uses: dict[str, Use] = {}
    for use in result.link.uses:
        uses.setdefault(use.key, use)  # one paper may use the same URL twice (paper and arXiv link)
    entries = ", ".join(_entry(u, repo_url) for u in uses.values())
    whats = ", ".join(sorted({u.what for u in result.link.uses}))
    return f"| {entries} | {whats} | {_cell(result.link.url)} | {_cell(result.detail)} |"


def _entry(use: Use, repo_url: str) -> str:
    if repo_url:
        return f"[`{use.key}`]({repo_url.rstrip('/')}/blob/main/{use.path})"
    return f"`{use.key}`"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell and shown literally."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return "`" + text.replace("`", "'") + "`"


# ---------------------------------------------------------------------------------------------
# Command line


def main(argv: list[str] | None = None, fetch: Fetcher = urllib_fetch) -> int:
    parser = argparse.ArgumentParser(description="Check the catalog's external links; print a Markdown report.")
    parser.add_argument("--root", type=Path, default=ROOT / "catalog", help="the catalog folder (default: ./catalog)")
    parser.add_argument("--repo-url", default="", help="link entries to their files in this repository, e.g. https://github.com/OWNER/REPO")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default: 20)")
    parser.add_argument("--workers", type=int, default=8, help="requests in flight overall (default: 8)")
    parser.add_argument("--per-host", type=int, default=2, help="requests in flight per host (default: 2)")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between two requests of one slot (default: 0.5)")
    parser.add_argument("--limit", type=int, default=0, help="check only the first N links (for trying it out)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))  # also works without `pip install -e .`
    from prunecat.load import load_catalog
    from prunecat.problems import CatalogError

    try:
        catalog = load_catalog(args.root)
    except CatalogError as exc:
        print(f"linkcheck: the catalog in {args.root} has errors; run `catalog check`:\n{exc.report()}", file=sys.stderr)
        return 2
    try:
        prefix = args.root.resolve().relative_to(ROOT).as_posix() + "/"
    except ValueError:
        prefix = ""
    links = collect_links(catalog, catalog_prefix=prefix)
    if args.limit:
        links = links[: args.limit]
    results = check_links(links, fetch, timeout=args.timeout, workers=args.workers,
                          per_host=args.per_host, pause=args.pause)
    print(report(results, entries=len(catalog.papers), repo_url=args.repo_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
