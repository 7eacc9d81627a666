"""Reader for labelled bullet lists: pprp/Awesome-LLM-Prune's README (snapshot ecfd1a498762).

Format: under the list's title (`# Awesome-LLM-Prune`, no other headings), one top-level bullet per
paper, followed by indented sub-bullets `Key: value` (2 or 4 spaces, sometimes after a blank line):

    - SparseGPT: Massive Language Models Can be Accurately Pruned in One-shot
        - Label: <img src=https://img.shields.io/badge/unstructured-turquoise.svg ><img src=...>
        - Author: Elias Frantar, Dan Alistarh            ("Authors:", often ending "etc." / "et al.")
        - Link: https://arxiv.org/pdf/2301.00774.pdf      (or a Markdown link)
        - Code: https://github.com/IST-DASLab/sparsegpt  ("Not available"; may appear twice)
        - Pub: ICML 2023                                  ("ICML24", "AAAI 24", "Arxiv", "Under Review", "None")
        - Summary: / 摘要: / Comment: / Note: ...        (the list's prose: never copied)

How rows map: the bullet text without Markdown is the `title` (as written, including the list's
nickname prefixes such as "Wanda: " or "RIA: "); `Author` gives `authors` (only the named ones),
`Link` the `url`, `Code` the `code` links, `Pub` the `venue` (year removed; "Arxiv"/"CoRR" ->
"arXiv"; "Under Review"/"None" -> ""). `year` comes from `Pub` when it carries one ("ICML24" ->
2024), otherwise from the arXiv id of `Link` (YYMM.xxxxx -> 20YY), the year the preprint appeared.
The `section` is "": the only heading is the list's name. Lines that are not top-level bullets (the
badge legend table, hashtag lines, prose) are skipped.

Labels: the `Label` badges, by `_BADGES` below; all the list's badge kinds are listed there. The
list says it is "dedicated to the pruning of large language models (LLMs)", so in-scope rows get
model `llm` ("list of LLM pruning papers"), except a row whose own `Note` says it works on BERT.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from ..awesome_list.markdown import find_links
from .record import ListPaper

_HEADING = re.compile(r"^#{1,6}\s")
_BULLET = re.compile(r"^[-*+]\s+(?P<text>\S.*?)\s*$")  # top level: a paper
_FIELD = re.compile(r"^\s+[-*+]\s+(?P<key>[A-Za-z]+)\s*[:：]\s*(?P<value>.*?)\s*$")  # indented: its facts
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_BADGE = re.compile(r"img\.shields\.io/badge/(?P<name>[^\s>\"']+?)-[A-Za-z0-9]+\.svg")
_ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{2})(\d{2})\.\d{4,5}", re.IGNORECASE)
#: A year in a venue: "2024", "24" glued to a name ("ICML24") or alone ("AAAI 24"), "'24".
_VENUE_YEAR = re.compile(r"(?<!\d)'?(?P<year>(?:19|20)\d\d|\d\d)(?!\d)'?")
_DISTINCTION = re.compile(r"\b(?:Oral|Spotlight|Poster)\b", re.IGNORECASE)
_TRAILING_ETAL = re.compile(r"\s*(?:,\s*)?\b(?:etc|et\s+al)\b\.?\s*$", re.IGNORECASE)

#: Badge name (shields.io text, lower case, "_" and "__" as written) -> (dimension, id) or None.
#: None: the badge says nothing a taxonomy dimension holds.
_BADGES: dict[str, tuple[str, str] | None] = {
    "unstructured": ("speedup", "unstructured"),
    "structured": ("speedup", "structured"),
    "semi_structured": ("speedup", "semi-structured"),  # shields.io renders "_" as a space
    "semi__structured": ("speedup", "semi-structured"),  # and "__" as "_": the same badge
    "benchmark": None,  # an evaluation study: a kind of paper, not a category
    "token": None,  # token pruning/merging (both rows are out of scope)
    "pruning": None,  # the bulk-added 2025 rows: "about pruning", no shape said
}

LLM_NOTE = "list of LLM pruning papers"

#: Rows outside the catalog (pruning or sparsifying a network), by title start (lower case): the
#: 2025 rows with the generic "pruning" badge were collected by keyword and include off-topic work.
_OUT_OF_SCOPE: dict[str, str] = {
    # the list's own summary calls it low-rank decomposition, "not related to Pruning"
    "the truth is in there": "low-rank rank reduction, not pruning",
    "token fusion": "token pruning/merging of the input, not of the network",
    "cam: cache merging": "KV-cache compression",
    "retrospective sparse attention": "KV-cache attention revision, not network pruning",
    "classifier language models": "sparse fine-tuning of a parameter subset, not pruning",
    "speed always wins": "survey of efficient architectures, not about pruning",
    "moiie": "mixture-of-experts architecture, not pruning",
    "hiermoe": "MoE training system, not pruning",
    "neurontune": "neuron modulation for safety alignment, not pruning",
    "communication efficient llm pre-training with sparseloco": "gradient sparsification for communication",
    "flash sparse attention": "sparse-attention kernel, not network pruning",
    "pagedeviction": "KV-cache eviction",
}


def read(path: Path) -> list[ListPaper]:
    """The paper bullets of pprp/Awesome-LLM-Prune's README, in file order."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    papers: list[ListPaper] = []
    current: ListPaper | None = None
    fields: dict[str, list[str]] = {}
    for number, line in enumerate(lines, start=1):
        bullet = _BULLET.match(line)
        if bullet or _HEADING.match(line):
            if current is not None:
                papers.append(_finish(current, fields))
            current, fields = None, {}
            if bullet:
                title = plain(bullet.group("text"))
                current = ListPaper(line=number, title=title) if title else None
            continue
        field = _FIELD.match(line)
        if current is not None and field:
            key = field.group("key").lower().removesuffix("s")  # Label(s), Author(s), Comment(s)
            fields.setdefault(key, []).append(field.group("value"))
    if current is not None:
        papers.append(_finish(current, fields))
    return papers


def _finish(paper: ListPaper, fields: dict[str, list[str]]) -> ListPaper:
    links = [u for value in fields.get("link", []) for u in urls(value)]
    paper.url = links[0] if links else ""
    paper.authors = authors(" ".join(fields.get("author", [])[:1]))
    # "Code: Not available" holds no URL; a row may give two Code lines (one "Not available")
    paper.code = list(dict.fromkeys(u for value in fields.get("code", []) for u in urls(value)))
    pub = fields.get("pub", [""])[0]
    paper.venue, paper.year = venue_year(pub)
    if paper.year is None:  # no year in Pub: the arXiv id's year (the preprint's), if Link is arXiv
        arxiv = _ARXIV_ID.search(paper.url)
        paper.year = 2000 + int(arxiv.group(1)) if arxiv else None
    low = paper.title.lower()
    paper.out_of_scope = next((why for start, why in _OUT_OF_SCOPE.items() if low.startswith(start)), "")
    if not paper.out_of_scope:
        _label(paper, " ".join(fields.get("label", [])), fields.get("note", []))
    return paper


def _label(paper: ListPaper, badges: str, notes: list[str]) -> None:
    for match in _BADGE.finditer(badges):
        name = unquote(match.group("name")).lower()
        found = _BADGES.get(name)
        if found is None:
            continue
        dimension, value = found
        values = paper.labels.setdefault(dimension, [])
        if value not in values:
            values.append(value)
            note = f"badge {name}"
            paper.label_notes[dimension] = (
                f"{paper.label_notes[dimension]}; {note}" if dimension in paper.label_notes else note
            )
    # the list's scope is LLMs, but one row's Note says its experiments are on BERT only
    if not any(re.search(r"\bon BERT\b", note) for note in notes):
        paper.labels["model"] = ["llm"]
        paper.label_notes["model"] = LLM_NOTE


# ---------------------------------------------------------------------------------------------
# Helpers (also used by the other LLM-list readers)


def plain(text: str) -> str:
    """Text without Markdown links, images, bold, code marks and HTML tags; spaces collapsed.
    A lone "*" stays: it can be part of a title ("Rodimus*: ...")."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    for label, _target, start, end in reversed(find_links(text)):
        text = text[:start] + label + text[end:]
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\*\*|`", "", text)
    return " ".join(text.split())


def urls(value: str) -> list[str]:
    """The http(s) URLs of a field: Markdown link targets, else bare URLs."""
    targets = [t for _text, t, _s, _e in find_links(value) if t.startswith(("http://", "https://"))]
    found = targets or _URL.findall(value)
    # "?tab=readme-ov-file" is GitHub's page state, not part of the repository's address
    return [u.removesuffix("?tab=readme-ov-file").rstrip(".,;") for u in found]


def authors(text: str) -> list[str]:
    """Named authors of a comma-separated list: "etc."/"et al." and markers ("*", "**") dropped."""
    text = _TRAILING_ETAL.sub("", plain(text)).strip(" ;")
    names = []
    for part in re.split(r",|;|\band\b", text):
        name = " ".join(part.replace("*", " ").split())
        if re.search(r"[a-z]{2}\.$", name):  # a sentence's full stop ("Ping Luo."), not an initial
            name = name[:-1]
        if name and not re.fullmatch(r"(?i)(anonymous authors?|etc\.?|et al\.?)", name):
            names.append(name)
    return names


def venue_year(text: str) -> tuple[str, int | None]:
    """("ICML", 2024) from "ICML24"; ("arXiv", None) from "Arxiv"; ("", None) from "Under Review"."""
    text = " ".join(text.split())
    if not text or re.fullmatch(r"(?i)none|n/?a|-", text) or re.search(r"(?i)under\s+review", text):
        return "", None
    match = _VENUE_YEAR.search(text)
    year = None
    if match:
        digits = match.group("year")
        year = int(digits) if len(digits) == 4 else 2000 + int(digits)
        text = text[: match.start()] + " " + text[match.end() :]
    text = _DISTINCTION.sub(" ", text)  # "ICML 2024 Oral": a distinction at the venue, not the venue
    venue = " ".join(text.split()).strip(" ,-")
    if venue.lower() in ("arxiv", "corr"):
        venue = "arXiv"
    return venue, year
