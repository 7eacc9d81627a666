"""Which links the catalog accepts: http(s) only, to a host with a dot, no spaces."""

from __future__ import annotations

from urllib.parse import urlsplit


def check_url(url: str) -> str:
    """'' when `url` is an acceptable link, else the reason it is not."""
    if not isinstance(url, str) or not url.strip():
        return "an empty link"
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return "not a valid web address"
    if parts.scheme not in ("http", "https"):
        return "links must start with https:// or http://" + (
            " (is the scheme missing?)" if not parts.scheme else f", not {parts.scheme}:"
        )
    if not parts.netloc or " " in url.strip() or "." not in parts.netloc:
        return "not a valid web address"
    return ""
