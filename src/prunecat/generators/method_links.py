"""Method names in the prose pages, and whether each is linked to its paper page.

The guide pages name methods that have catalog entries (SparseGPT, SNIP, ...). A method's name is
its entry's `algorithm` field; the first mention of a name on a page must be a link to its paper
page (`[SNIP](../papers/lee2019snip.md)`), later mentions may stay plain. `unlinked_mentions`
lists the names whose first mention is not such a link; the build hook (hooks/method_links.py)
turns each into a warning, so `mkdocs build --strict` fails.

The rules, chosen to stay quiet on ordinary words:

- A name is matched case-sensitively and as a whole word (no letter, digit or underscore on either
  side): "SNIP" is not in "SNIPPET", "SIMPLE" is not "simple", "FLOP" is not in "FLOPs". Where names
  overlap, the longest wins ("SNIP-it" is one mention, not "SNIP"). A name of several words may be
  broken over lines.
- Names shorter than MIN_LENGTH and the generic terms of COMMON_TERMS are not method names.
- A name shared by several papers (two "GDP"s) is satisfied by a link to any of them: the prose
  means one, and only its writer knows which. The build's hint proposes the earliest.
- Not counted as mentions: code (spans and fenced blocks), headings, front matter, HTML tags and
  comments, URLs, image alt text, and the text of links to pages other than papers (it cannot
  hold a second link). A mention in a link to another paper's page counts as not linked.
- A link to a paper page is a Markdown link to its source (`papers/<key>.md`, relative to the
  page, as MkDocs checks it), inline or by reference, or an HTML <a> to that or to its URL.
- A page opts out of one name with the comment `<!-- no-link: NAME -->` (a deliberate plain
  mention, or a word that happens to be a method's name).

Pages are built with other catalogs too (tests, benchmarks): `unlink_missing_papers` turns a link to
a paper that the catalog at hand lacks into plain text, which then counts as a linked mention.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..urls import PAPERS, key_of_source, paper_source

#: Names shorter than this are never looked for ("CP", "SP", "IP" are everywhere).
MIN_LENGTH = 3

#: Words the prose uses that some entry also has as its `algorithm` (FLOP) or that a synthetic
#: catalog's random acronyms can produce: generic terms, never method names.
COMMON_TERMS = frozenset(
    "API BERT CNN CPU CSV DBLP DNN DOI FLOP GPT GPU HTML ICLR ICML IEEE JSON LLM MLP NLP PDF PMLR RNN TPAMI TPU URL YAML".split()
)

NO_LINK = re.compile(r"<!--\s*no-link:\s*(.*?)\s*-->", re.S)

# Regions that hold no mention, masked (blanked, offsets kept) before names are looked for.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t>]*\1[`~]*[ \t]*$|\Z)", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t][^\n]*)?$", re.M)
_REF_DEF = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?[^\n]*$", re.M)
_URL = re.compile(r"\b(?:https?|ftp|mailto):[^\s<>()\]]+")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# links: [text](target "title"), [text][ref], [text][], [text]; ![alt](src) images; <a href>text</a>
_BRACKETS = r"\[((?:[^\[\]\n]|\n(?!\s*\n)|\[[^\[\]\n]*\])*)\]"
_INLINE = re.compile(
    r"(!?)" + _BRACKETS + r"\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_REFERENCE = re.compile(r"(!?)" + _BRACKETS + r"(?:\[([^\[\]\n]*)\])?")
_ANCHOR = re.compile(r"<a\s[^>]*?href=(\"[^\"]*\"|'[^']*')[^>]*>(.*?)</a\s*>", re.S | re.I)
_WORD = re.compile(r"(?<!\w)\w+")


@dataclass(frozen=True)
class Link:
    """A link of the page: where it is (its whole text and the span of its visible text) and the
    paper page it points to ("" when it points elsewhere)."""

    start: int
    end: int
    text_start: int
    text_end: int
    target: str
    key: str  # the paper of papers/<key>.md it points to, or ""
    image: bool = False


@dataclass(frozen=True)
class Unlinked:
    """A name whose first mention on the page is not a link to its paper page."""

    name: str
    line: int  # of the first mention, 1-based
    keys: tuple[str, ...]  # the papers of that name, earliest first: a link to any of them will do
    mentions: int  # plain mentions of the name on the page


# ---------------------------------------------------------------------------------------------
# The catalog's method names


def method_names(papers: Iterable) -> dict[str, tuple[str, ...]]:
    """Each method name of the catalog (the papers' `algorithm`) -> its papers' keys, earliest
    (year, then key) first. Names too short, generic, or not starting with a letter or digit are left out."""
    found: dict[str, list[tuple[int, str]]] = {}
    for paper in papers:
        name = " ".join((paper.algorithm or "").split())
        if len(name) < MIN_LENGTH or name in COMMON_TERMS or not _WORD.match(name):
            continue
        found.setdefault(name, []).append((paper.year or 0, paper.key))
    return {name: tuple(key for _, key in sorted(keys)) for name, keys in found.items()}


# ---------------------------------------------------------------------------------------------
# Reading a page


def links(markdown: str, src_uri: str) -> list[Link]:
    """The page's links (Markdown inline and reference links, images and HTML <a>), in order, outside code."""
    masked = _mask(markdown, (_FRONT_MATTER, _FENCE, _COMMENT, _CODE_SPAN))
    defs = {_label(m.group(1)): m.group(2) for m in _REF_DEF.finditer(masked)}
    masked = _mask(masked, (_REF_DEF,))
    found: list[Link] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, text_start: int, text_end: int, target: str, image: bool = False) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Link(start, end, text_start, text_end, target, _paper_key(src_uri, target), image))

    for m in _ANCHOR.finditer(masked):
        add(m.start(), m.end(), m.start(2), m.end(2), m.group(1)[1:-1])
    for m in _INLINE.finditer(masked):
        add(m.start(), m.end(), m.start(2), m.end(2), m.group(3), bool(m.group(1)))
    for m in _REFERENCE.finditer(masked):
        label = _label(m.group(3) or m.group(2))
        if label in defs:
            add(m.start(), m.end(), m.start(2), m.end(2), defs[label], bool(m.group(1)))
    return sorted(found, key=lambda link: link.start)


def opted_out(markdown: str) -> set[str]:
    """The names the page's `<!-- no-link: NAME -->` comments exempt."""
    return {" ".join(m.group(1).split()) for m in NO_LINK.finditer(markdown)}


def unlinked_mentions(
    markdown: str, src_uri: str, names: dict[str, tuple[str, ...]], keys: Collection[str] | None = None
) -> list[Unlinked]:
    """The names of `names` (from method_names) mentioned on the page at `src_uri` (its path under
    docs/) whose first mention is not a link to one of their paper pages, in order of that mention.

    With `keys` (every paper of the catalog), a link to a paper page outside them counts as a link
    for any name: the page was written for another catalog, which has that paper."""
    page_links = links(markdown, src_uri)
    masked = _mask(markdown, (_FRONT_MATTER, _FENCE, _COMMENT, _CODE_SPAN, _HEADING, _REF_DEF, _URL))
    masked = _mask_link_syntax(masked, page_links)
    masked = _mask(masked, (_TAG,))
    skip = opted_out(markdown)
    first: dict[str, Unlinked] = {}
    linked: set[str] = set()
    for name, start in _mentions(masked, names):
        if name in skip or name in linked:
            continue
        link = next((ln for ln in page_links if ln.text_start <= start < ln.text_end), None)
        if link is not None and not link.key:
            continue  # in the text of a link to another kind of page: no room for the paper's link
        if link is not None and (link.key in names[name] or (keys is not None and link.key not in keys)):
            if name not in first:
                linked.add(name)  # the first mention is the link: later ones may be plain
            continue
        # a plain mention, or one in a link to another paper of the catalog
        seen = first.get(name)
        line = markdown.count("\n", 0, start) + 1
        first[name] = Unlinked(name, seen.line if seen else line, names[name], seen.mentions + 1 if seen else 1)
    return [u for u in first.values()]


def unlink_missing_papers(markdown: str, src_uri: str, keys: set[str] | frozenset[str]) -> tuple[str, list[str]]:
    """The page with each link to a paper page that is not in `keys` replaced by its text (a page
    built with another catalog), and the keys of the links removed."""
    out: list[str] = []
    gone: list[str] = []
    at = 0
    for link in links(markdown, src_uri):
        if not link.key or link.key in keys or link.image:
            continue
        out.append(markdown[at : link.start])
        out.append(markdown[link.text_start : link.text_end])
        at = link.end
        gone.append(link.key)
    out.append(markdown[at:])
    return "".join(out), gone


def paper_link(src_uri: str, key: str) -> str:
    """The relative Markdown link target from the page at `src_uri` to the paper page of `key`."""
    return posixpath.relpath(paper_source(key), posixpath.dirname(src_uri) or ".")


# ---------------------------------------------------------------------------------------------
# Helpers


def _mask(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """`text` with every match of `patterns` blanked (line breaks kept, so offsets and lines stay)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: _blank(m.group(0)), text)
    return text


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_link_syntax(text: str, page_links: list[Link]) -> str:
    """Blank everything of each link but its visible text (images entirely: alt text is no mention)."""
    chars = list(text)
    for link in page_links:
        for i in range(link.start, link.end):
            if (link.image or not link.text_start <= i < link.text_end) and chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _paper_key(src_uri: str, target: str) -> str:
    """The key of the paper page `target` points to from the page at `src_uri`, or ""."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path or ":" in path or path.startswith("/"):
        return ""
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if not resolved.startswith(PAPERS):
        return ""
    if path.endswith("/"):  # the built page's URL, as an HTML link writes it
        resolved += ".md"
    return key_of_source(resolved) or ""


def _mentions(masked: str, names: dict[str, tuple[str, ...]]) -> Iterable[tuple[str, int]]:
    """(name, offset) of each mention in the masked text, longest name first where they overlap."""
    by_word: dict[str, list[str]] = {}
    for name in names:
        word = _WORD.match(name)
        if word:
            by_word.setdefault(word.group(0), []).append(name)
    for group in by_word.values():
        group.sort(key=len, reverse=True)
    pos = 0
    for word in _WORD.finditer(masked):
        if word.start() < pos:
            continue
        for name in by_word.get(word.group(0), ()):
            end = _match_at(masked, word.start(), name)
            if end:
                yield name, word.start()
                pos = end
                break


def _match_at(text: str, start: int, name: str) -> int:
    """The end of `name` in `text` at `start` (words of the name may be broken over lines), or 0."""
    parts = name.split(" ")
    at = start
    for i, part in enumerate(parts):
        if i:
            gap = re.match(r"[ \t]*\n?[ \t>]*", text[at:])
            if not gap or not gap.group(0) or gap.group(0).count("\n") > 1:
                return 0
            at += len(gap.group(0))
        if not text.startswith(part, at):
            return 0
        at += len(part)
    if at < len(text) and (text[at].isalnum() or text[at] == "_"):
        return 0
    return at
