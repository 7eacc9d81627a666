"""Import an awesome-list README (Markdown tables of papers) as new catalog entries.

Made for the list of the survey's companion repository (hrcheng1066/awesome-pruning) and meant to be
re-run on newer copies of it; lists written by `catalog export --format markdown` read back too.

A paper's labels come from where its rows sit: the section headings give the axis categories, model
families and learning settings; the columns give granularity (type codes), code releases, tasks,
venue and year. Rows of one paper in several sections become one entry with the union of their
labels. Nothing is silently changed: every repair, merge and doubt goes into the Markdown report,
with the list's line numbers. Papers already in the catalog are skipped, never overwritten. What a
valid entry is stays defined by `prunecat.load`; produced entries are checked with it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import bibtexparser

from .. import bibtex, keys
from ..entryfile import dump_entry
from ..load import check_url, find_duplicates, validate_entry_text
from ..model import Catalog, normalize_title
from ..taxonomy import Taxonomy


@dataclass
class ImportResult:
    entries: list[tuple[str, dict]]  # (paper key, fields for entryfile.dump_entry), sorted by key
    skipped: list[str]  # titles skipped because the catalog already has them
    report: str  # Markdown import report
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, why) of rows and tables that became no entry


# ---------------------------------------------------------------------------------------------
# What the list's words mean. Ids come from the taxonomy; these tables only hold the list's own
# phrasing of headings, venues and tasks.

#: Headings of the list (numbering stripped, lower case) -> (dimension, id). Taxonomy category and
#: setting names are recognised too (see `_heading_map`).
LIST_HEADINGS = {
    "pruning before training": ("when", "before-training"),
    "pruning during training": ("when", "during-training"),
    "pruning after training": ("when", "after-training"),
    "post training": ("when", "post-training"),
    "pruning in early training": ("when", "early-training"),
    "dynamic pruning": ("when", "run-time"),
    "pruning cnns": ("model", "cnn"),
    "pruning vits": ("model", "vit"),
    "pruning berts": ("model", "bert"),
    "pruning llms": ("model", "llm"),
    "pruning diffusion models": ("model", "diffusion"),
    "pruning vision-and-languages": ("model", "vision-language"),
    "pruning other models": ("model", "other"),
    "survey of pruning": ("survey", "true"),
}

#: Venues written as journals (BibTeX @article); conference venues get @inproceedings.
JOURNALS = {
    "tpami", "tnnls", "jmlr", "tacl", "nature communication", "nature communications", "neurocomputing",
    "acm computing surveys", "electronics", "artificial intelligence review", "applied intelligence", "ieee",
}
#: Venues that are not a publication: the paper is a preprint (BibTeX @misc).
PREPRINTS = {"arxiv", "openreview", "corr", ""}
VENUE_FIXES = {"NIPS": "NeurIPS"}
VENUE_NOTES = {"best": "Best Paper", "spotlight": "Spotlight", "oral": "Oral"}

#: Task phrases of the APP column (lower case) -> task ids. Taxonomy task names and ids are
#: recognised too. Phrases not here become `other` and are reported.
TASK_PHRASES = {
    "image classification": ("image-classification",),
    "object detection": ("object-detection",),
    "detection": ("object-detection",),
    "segmentation": ("segmentation",),
    "semantic segmentation": ("segmentation",),
    "image segmentation": ("segmentation",),
    "image segmentation and detection": ("segmentation", "object-detection"),
    "human pose estimation": ("pose-estimation",),
    "pose estimation": ("pose-estimation",),
    "image style translation": ("image-generation",),
    "image synthesis": ("image-generation",),
    "image-image translation": ("image-generation",),
    "image-to-image translation": ("image-generation",),
    "domain translation": ("image-generation",),
    "style transfer": ("image-generation",),
    "image generation": ("image-generation",),
    "image generative": ("image-generation",),
    "super-resolution": ("super-resolution",),
    "super resolution": ("super-resolution",),
    "denoising": ("denoising",),
    "deraining": ("denoising",),
    "image deraining": ("denoising",),
    "image restoration": ("denoising",),
    "language modeling": ("language-modeling",),
    "causal language modeling": ("language-modeling",),
    "lanugage modeling": ("language-modeling",),
    "natural language understanding": ("language-understanding",),
    "language understanding": ("language-understanding",),
    "nlp classification": ("language-understanding",),
    "sentiment classification": ("language-understanding",),
    "natural language inference": ("language-understanding",),
    "recognizing textual entailment": ("language-understanding",),
    "pairwise semantic equivalence": ("language-understanding",),
    "question answering": ("question-answering",),
    "language translation": ("machine-translation",),
    "machine translation": ("machine-translation",),
    "speech recognition": ("speech",),
    "speach recognition": ("speech",),
    "audio": ("speech",),
    "continuous control": ("control",),
    "classic control": ("control",),
    "atari game": ("control",),
    "adversarial robustness": ("adversarial-robustness",),
    "vqa": ("vision-language",),
    "image captioning": ("vision-language",),
    "image caption": ("vision-language",),
    "image retrieval": ("vision-language",),
    "image-text retrieval": ("vision-language",),
    "vision-and-language": ("vision-language",),
    "3d image classification and object detection": ("3d", "object-detection"),
}
#: Phrases naming a whole field rather than a task: skipped (no task) and reported.
VAGUE_TASKS = {"cv", "nlp", "vision", "language", "computer vision", "natural language processing"}

#: Misspellings seen in the list, reported (never corrected: a title is the list's fact).
KNOWN_TYPOS = {
    "prunining": "Pruning", "nueral": "Neural", "reinitializating": "Reinitializing", "convets": "ConvNets",
    "statics": "Statistics?", "andarchitecture": "and Architecture", "lanugage": "Language",
    "speach": "Speech", "anthor": "Author",
}
#: Misspellings that only differ in case from a word.
KNOWN_CASE_TYPOS = {"SPecialized": "Specialized"}

_STOP = set("""a an the on of towards toward to for in into with via and or is are do does how what whats
why when where which can we our your all from by at as be it its this that there no not one more
than""".split())
#: Words too common in this field to tell two titles apart when matching links to titles.
_GENERIC = _STOP | set("""pruning prune pruned neural network networks deep learning model models sparse
sparsity convolutional efficient training paper papers pdf html abs file files content openaccess cvf
proceedings conference com org www https http arxiv github tree master main blob forum""".split())

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_YEAR_HEADING = re.compile(r"(?:^|\s)(?:19|20)\d\d(?:\s+and\s+(?:earlier|before|later))?$", re.I)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_COLUMNS = {
    "no.": "no", "no": "no", "#": "no", "title": "title", "venue": "venue", "type": "type",
    "algorithm name": "algorithm", "algorithm": "algorithm", "code": "code", "app": "app",
    "application": "app", "task": "app", "tasks": "app", "year": "year",
}


# ---------------------------------------------------------------------------------------------
# The report


@dataclass
class _Report:
    fixes: list[tuple[str, int, str, str]] = field(default_factory=list)  # kind, line, title, message
    suspicions: list[tuple[str, str]] = field(default_factory=list)  # kind, message
    odd: list[tuple[int, str]] = field(default_factory=list)  # line, message
    dropped: list[tuple[int, str]] = field(default_factory=list)  # line, why: rows and tables that became no entry
    notes: list[str] = field(default_factory=list)
    unmapped: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    vague: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def fix(self, kind: str, row: "_Row", message: str) -> None:
        self.fixes.append((kind, row.line, row.title, message))

    def suspect(self, kind: str, message: str) -> None:
        self.suspicions.append((kind, message))

    def drop(self, line: int, message: str) -> None:
        """A row that becomes no entry: an odd row of the report, and one line of `import`'s output."""
        self.odd.append((line, message))
        self.dropped.append((line, message))


# ---------------------------------------------------------------------------------------------
# Rows


@dataclass
class _Row:
    line: int
    section: str  # heading path, for the report
    table: int  # line of the table's header row
    context: frozenset  # (dimension, id) labels from the headings
    title: str = ""
    link: str = ""  # fixed link, '' when none
    venue: str = ""
    venue_note: str = ""
    year: int | None = None
    granularity: list[str] = field(default_factory=list)
    pioneer: bool = False
    algorithm: str = ""
    code: list[dict] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    filled: int = 0
    link_ok: bool = True
    link_owner: str = ""  # normalised title of the paper the link belongs to, when not this one

    @property
    def link_arxiv(self) -> str:
        return bibtex.arxiv_id({"url": self.link}) if self.link else ""

    def ref(self) -> str:
        return f"line {self.line} “{self.title}”"


def _parse_rows(text: str, taxonomy: Taxonomy, report: _Report) -> list[_Row]:
    headings = _heading_map(taxonomy)
    stack: list[tuple[int, str, tuple | None]] = []  # (level, text, label)
    rows: list[_Row] = []
    lines = text.splitlines()
    in_fence = in_comment = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```") or stripped.startswith("~~~"):
            in_fence = not in_fence
            i += 1
            continue
        if in_fence:
            i += 1
            continue
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            i += 1
            continue
        m = _HEADING.match(line)
        if m:
            level, heading = len(m.group(1)), m.group(2).strip()
            stack = [s for s in stack if s[0] < level]
            name = _NUMBERING.sub("", heading).strip()
            label = None if _YEAR_HEADING.search(name) else headings.get(" ".join(name.lower().split()))
            stack.append((level, heading, label))
            i += 1
            continue
        if stripped.startswith("|") and i + 1 < len(lines) and _SEPARATOR.match(lines[i + 1].strip()):
            header = [c.strip().lower() for c in _cells(stripped)]
            columns = [_COLUMNS.get(" ".join(h.split()), "") for h in header]
            j = i + 2
            body = []
            while j < len(lines) and lines[j].strip().startswith("|"):
                body.append((j + 1, lines[j].strip()))
                j += 1
            if "title" not in columns:
                report.notes.append(f"line {i + 1}: a table without a Title column ({stripped[:60]}…) was not read as papers.")
                report.dropped.append((i + 1, f"a table without a Title column ({stripped[:60]}…) was not read as papers."))
            else:
                unknown = [h for h, c in zip(header, columns) if not c and h]
                if unknown:
                    report.notes.append(f"line {i + 1}: columns not read: {', '.join(unknown)}.")
                section = " › ".join(h for _, h, _ in stack)
                context = frozenset(s[2] for s in stack if s[2])
                for number, row_text in body:
                    row = _parse_row(number, row_text, columns, section, i + 1, context, taxonomy, report)
                    if row is not None:
                        rows.append(row)
            i = j
            continue
        i += 1
    return rows


def _heading_map(taxonomy: Taxonomy) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for axis in taxonomy.axes:
        for c in axis.categories:
            out[" ".join(c.name.lower().split())] = (axis.id, c.id)
    for v in taxonomy.facet("setting").values:
        out[v.name.lower()] = ("setting", v.id)
    for v in taxonomy.facet("model").values:
        if v.code:
            out[f"pruning {v.code.lower()}s"] = ("model", v.id)
    out.update(LIST_HEADINGS)
    return out


def _cells(line: str) -> list[str]:
    """The cells of a table row: split on unescaped pipes outside link targets."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells, current, depth = [], [], 0
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "\\" and k + 1 < len(text) and text[k + 1] == "|":
            current.append("|")
            k += 2
            continue
        if ch == "(" and k > 0 and (text[k - 1] == "]" or depth):
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        if ch == "|" and not depth:
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        k += 1
    cells.append("".join(current))
    if depth:  # an unclosed link target: split on every unescaped pipe instead
        cells = re.split(r"(?<!\\)\|", text)
        cells = [c.replace("\\|", "|") for c in cells]
    return [c.strip() for c in cells]


def _links(cell: str, unclosed: list[str] | None = None) -> list[tuple[str, str, int, int]]:
    """Markdown links in a cell: (text, target, start, end); targets may hold balanced parentheses.
    Links whose target is not closed run to the end of the cell and are added to `unclosed`."""
    unclosed = [] if unclosed is None else unclosed
    out = []
    i = 0
    while True:
        a = cell.find("[", i)
        if a < 0:
            return out
        depth, j = 0, a
        while j < len(cell):
            depth += {"[": 1, "]": -1}.get(cell[j], 0)
            if depth == 0:
                break
            j += 1
        if j + 1 >= len(cell) or cell[j + 1] != "(":
            i = a + 1
            if j >= len(cell):
                return out
            continue
        depth, k = 0, j + 1
        while k < len(cell):
            depth += {"(": 1, ")": -1}.get(cell[k], 0)
            if depth == 0:
                break
            k += 1
        if k >= len(cell):
            unclosed.append(cell[a:])
        out.append((cell[a + 1:j], cell[j + 2:k], a, min(k + 1, len(cell))))
        i = k + 1


def _parse_row(line: int, text: str, columns: list[str], section: str, table: int, context: frozenset,
               taxonomy: Taxonomy, report: _Report) -> _Row | None:
    cells = _cells(text)
    if len(cells) != len(columns):
        report.odd.append((line, f"{len(cells)} cells where the header has {len(columns)}; "
                                 + ("missing cells are read as empty" if len(cells) < len(columns) else "extra cells are ignored")))
    raw = {c: (cells[n] if n < len(cells) else "") for n, c in enumerate(columns) if c}
    row = _Row(line=line, section=section, table=table, context=context)
    # title and link
    title_cell = raw.get("title", "")
    unclosed: list[str] = []
    links = _links(title_cell, unclosed)
    if unclosed:
        report.odd.append((line, f"the title link `{unclosed[0]}` is not closed with `)`; read up to the end of the cell"))
    if links:
        text_, target, start, end = links[0]
        row.title = " ".join(text_.split())
        rest = title_cell[end:].strip()
        if rest.startswith(")"):
            report.fix("doubled ))", row, f"a stray `{rest}` after the link was dropped")
            rest = rest.lstrip(")").strip()
        if rest or title_cell[:start].strip():
            report.odd.append((line, f"text outside the title link ignored: `{(title_cell[:start] + ' ' + rest).strip()}`"))
        row.link = _fix_url(target, row, "paper link", report)
    else:
        row.title = " ".join(title_cell.split())
    if row.title != row.title.strip() or not row.title or row.title == "-":
        report.drop(line, f"no title in `{text[:80]}`; row skipped")
        return None
    _check_title(row, report)
    row.venue, row.venue_note = _venue(raw.get("venue", ""), row, report)
    row.year = _year(raw.get("year", ""), row, report)
    row.granularity, row.pioneer = _type_codes(raw.get("type", ""), row, taxonomy, report)
    algorithm = " ".join(raw.get("algorithm", "").split())
    row.algorithm = "" if algorithm in ("-", "") else algorithm
    row.code = _code(raw.get("code", ""), row, taxonomy, report)
    row.tasks = _tasks(raw.get("app", ""), row, taxonomy, report)
    row.filled = sum(bool(x) for x in (row.link, row.venue, row.year, row.granularity, row.algorithm, row.code, row.tasks))
    return row


def _fix_url(url: str, row: _Row, what: str, report: _Report) -> str:
    fixed = url
    if fixed != fixed.strip():
        fixed = fixed.strip()
        report.fix("space in link", row, f"{what}: spaces around `{fixed}` removed")
    if fixed in ("", "-"):
        return ""
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", fixed) and re.match(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/|$)", fixed, re.I):
        report.fix("missing scheme", row, f"{what}: `{fixed}` → `https://{fixed}`")
        fixed = "https://" + fixed
    if "&referrer=" in fixed:
        cut = fixed.split("&referrer=")[0]
        report.fix("tracking parameter", row, f"{what}: the `&referrer=…` part of `{fixed}` was removed")
        fixed = cut
    reason = check_url(fixed)
    if reason:
        report.odd.append((row.line, f"{what} `{url}` dropped: {reason}"))
        return ""
    return fixed


def _check_title(row: _Row, report: _Report) -> None:
    words = re.findall(r"[A-Za-z]+", row.title)
    for w in words:
        better = KNOWN_CASE_TYPOS.get(w) or KNOWN_TYPOS.get(w.lower())
        if better:
            report.suspect("possible typo in a title", f"{row.ref()}: “{w}” (→ {better}?)")
    for glued in re.findall(r"\b[a-z]{3,}[A-Z][a-z]{3,}\b", row.title):
        if glued.lower() not in KNOWN_TYPOS:
            report.suspect("possible typo in a title", f"{row.ref()}: “{glued}” (missing space?)")
    if re.search(r"\b[Aa]n\s+(?![A-Z]{2}|[Hh]o[un])[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]", row.title):
        report.suspect("possible typo in a title", f"{row.ref()}: “An” before a consonant (→ A?)")
    last = row.title.split()[-1].lower()
    if last in ("github", "pdf", "arxiv"):
        report.suspect("possible typo in a title", f"{row.ref()}: ends with “{row.title.split()[-1]}” (a stray word?)")
    if row.title.endswith(".") and not row.title.endswith("..."):
        report.suspect("possible typo in a title", f"{row.ref()}: ends with a full stop")


def _venue(cell: str, row: _Row, report: _Report) -> tuple[str, str]:
    text = " ".join(cell.replace("**", "").replace("__", "").split())
    if text in ("-", ""):
        return "", ""
    note = ""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", text)
    if m:
        text, raw_note = m.group(1).strip(), m.group(2).strip()
        top = re.fullmatch(r"top[-\s]*(\d+(?:\.\d+)?)\s*%", raw_note, re.I)
        note = f"Top {top.group(1)}%" if top else VENUE_NOTES.get(raw_note.lower(), raw_note)
        report.fix("venue markup", row, f"venue `{cell}` → venue {text}, venue_note {note}")
    if "&" in text:
        parts = [p.strip() for p in text.split("&") if p.strip()]
        report.fix("two venues in one cell", row, f"venue `{cell}`: the first, {parts[0]}, is used; also {', '.join(parts[1:])}")
        text = parts[0]
    for wrong, right in VENUE_FIXES.items():
        if re.search(rf"\b{wrong}\b", text):
            new = re.sub(rf"\b{wrong}\b", right, text)
            report.fix("NIPS → NeurIPS", row, f"venue `{text}` → `{new}`")
            text = new
    return text, note


def _year(cell: str, row: _Row, report: _Report) -> int | None:
    years = _YEAR.findall(cell)
    if not years:
        report.odd.append((row.line, f"no year in the Year cell `{cell}`" if cell.strip() else "the Year cell is empty"))
        return None
    if len(years) > 1:
        report.fix("two years in one cell", row, f"year `{cell}`: the first, {years[0]}, is used")
    return int(years[0])


def _type_codes(cell: str, row: _Row, taxonomy: Taxonomy, report: _Report) -> tuple[list[str], bool]:
    text = re.sub(r"[`\s&,+/]", "", cell)
    if text in ("", "-"):
        return [], False
    facet = taxonomy.facet("granularity")
    codes = {v.code: v.id for v in facet.values if v.code}
    long_codes = sorted((c for c in codes if len(c) > 1), key=len, reverse=True)
    token = re.compile("|".join(re.escape(c) for c in long_codes) + "|.", re.I)
    out: list[str] = []
    pioneer = False
    for tok in token.findall(text):
        if tok.upper() == "P":
            pioneer = True
            continue
        gid = codes.get(tok)
        if gid is None:
            match = [c for c in codes if c.lower() == tok.lower()]
            if match:
                gid = codes[match[0]]
                report.fix("type code spelling", row, f"type `{tok}` read as `{match[0]}`")
            else:
                report.odd.append((row.line, f"unknown type code `{tok}` in `{cell}` ignored"))
                continue
        if gid not in out:
            out.append(gid)
    return out, pioneer


def _code(cell: str, row: _Row, taxonomy: Taxonomy, report: _Report) -> list[dict]:
    if cell.strip() in ("", "-"):
        return []
    out = []
    links = _links(cell)
    leftover = cell
    for text, target, start, end in links:
        leftover = leftover.replace(cell[start:end], " ", 1)
    for n, (text, target, start, end) in enumerate(links):
        url = _fix_url(target, row, "code link", report)
        if not url:
            continue
        m = re.match(r"^\s*([^()]*?)\s*(?:\(([^()]*)\))?\s*$", text)
        name, who = (m.group(1), (m.group(2) or "").strip()) if m else (text, "")
        item: dict = {"url": url}
        framework = taxonomy.resolve("framework", name.strip()) if name.strip() else None
        if framework:
            item["framework"] = framework
            canonical = taxonomy.facet("framework").value(framework).code
            if name.strip() != canonical:
                report.fix("framework spelling", row, f"`{name.strip()}` → {canonical}")
        elif name.strip().lower() not in ("code", ""):
            report.odd.append((row.line, f"unknown framework `{name}` in the code link; left out"))
        low = who.lower()
        if low in ("author", "authors", "official"):
            item["official"] = True
        elif low in ("anthor", "anthors"):
            item["official"] = True
            report.fix("(Anthor) → author", row, f"`{text}` read as the authors' code")
        elif low in ("3rd", "third party", "3rd party", "unofficial"):
            item["official"] = False
        elif low == "not available":
            item["note"] = "not available"
        elif who:
            item["note"] = who
            report.odd.append((row.line, f"code link note `({who})` kept as a note"))
        # text right after this link in parentheses, e.g. `(Releasing)`
        after = cell[end:links[n + 1][2]] if n + 1 < len(links) else cell[end:]
        extra = re.match(r"^\s*\(([^()]*)\)", after)
        if extra:
            item["note"] = extra.group(1).strip().lower()
            report.fix("code note", row, f"`({extra.group(1)})` after the code link kept as its note")
            leftover = leftover.replace(extra.group(0).strip(), " ", 1)
        out.append(item)
    rest = leftover.replace(",", " ").strip()
    if rest:
        report.odd.append((row.line, f"text in the Code cell outside links ignored: `{rest}`"))
    return out


def _tasks(cell: str, row: _Row, taxonomy: Taxonomy, report: _Report) -> list[str]:
    text = cell.strip()
    if text in ("", "-"):
        return []
    known = dict(TASK_PHRASES)
    for v in taxonomy.facet("task").values:
        known.setdefault(v.name.lower(), (v.id,))
        known.setdefault(v.id, (v.id,))
    # "NLP(Sentiment Classification,Natural Language Inference)": the parenthesis lists the tasks
    text = re.sub(r"([^&,/()]*)\(([^()]*)\)", lambda m: m.group(1) + "&" + m.group(2), text)
    out: list[str] = []
    for phrase in re.split(r"[&,/;]", text):
        phrase = " ".join(phrase.split())
        key = phrase.lower()
        if not phrase or key == "-":
            continue
        if key in VAGUE_TASKS:
            report.vague[phrase].append(row.line)
            continue
        ids = known.get(key)
        if ids is None:
            report.unmapped[phrase].append(row.line)
            ids = ("other",)
        out.extend(i for i in ids if i not in out)
    return out


# ---------------------------------------------------------------------------------------------
# authors.bib


@dataclass(frozen=True)
class _Bib:
    title: str
    norm: str
    author: str  # as in the file: First Last and First Last
    eprint: str
    doi: str
    year: int | None


def _load_authors(path: Path | None, report: _Report) -> list[_Bib]:
    if path is None:
        return []
    try:
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        report.notes.append(f"authors file {path} could not be read ({exc}); no authors were added.")
        return []
    for block in library.failed_blocks:
        report.notes.append(f"{path.name} line {block.start_line + 1}: a BibTeX block does not parse and was ignored.")
    out = []
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        title = bibtex.decode(fields.get("title", ""))
        if not title:
            continue
        # only `eprint` names the paper: in this file `url` is the list's link, which may be wrong
        eprint = bibtex.arxiv_id({k: v for k, v in fields.items() if k in ("eprint", "archiveprefix", "eprinttype")})
        year = fields.get("year", "").strip()
        out.append(_Bib(title=title, norm=normalize_title(title), author=" ".join(fields.get("author", "").split()),
                        eprint=eprint, doi=fields.get("doi", "").strip(), year=int(year) if year.isdigit() else None))
    return out


# ---------------------------------------------------------------------------------------------
# Grouping rows into papers


@dataclass
class _Paper:
    norm: str  # normalised title of the first group
    rows: list[_Row]
    bib: _Bib | None = None
    via_arxiv: bool = False  # merged with another title by arXiv id

    @property
    def eprint(self) -> str:
        return self.bib.eprint if self.bib else ""

    def titles(self) -> list[str]:
        seen: list[str] = []
        for r in self.rows:
            if r.title not in seen:
                seen.append(r.title)
        return seen


def _similar(a: str, b: str) -> bool:
    """Two normalised titles that clearly name the same paper."""
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 20 and short in long_:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", text)


def _title_tokens(title: str) -> set[str]:
    return {w for w in _words(title) if len(w) >= 3 and w not in _GENERIC}


def _url_key(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = re.sub(r"/tree/(?:main|master)$", "", parts.path.rstrip("/")).removesuffix(".git")
    return f"{host}{path}{'?' + parts.query if parts.query else ''}{'#' + parts.fragment if parts.fragment else ''}".lower()


def _group(rows: list[_Row], bibs: list[_Bib]) -> dict[str, _Paper]:
    papers: dict[str, _Paper] = {}
    for row in rows:
        norm = normalize_title(row.title)
        papers.setdefault(norm, _Paper(norm=norm, rows=[])).rows.append(row)
    by_title = {b.norm: b for b in bibs}
    claimed = set(papers)
    by_eprint = defaultdict(list)
    for b in bibs:
        if b.eprint and b.norm not in claimed:
            by_eprint[b.eprint].append(b)
    for paper in papers.values():
        paper.bib = by_title.get(paper.norm)
        if paper.bib is None:
            ids = {r.link_arxiv for r in paper.rows} - {""}
            found = [b for i in ids for b in by_eprint.get(i, [])]
            if len(found) == 1:
                paper.bib = found[0]
    return papers


def _resolve_links(papers: dict[str, _Paper], report: _Report, *, quiet: bool = False) -> None:
    """Mark each row's link as belonging to its paper or to another one (`row.link_owner`)."""
    owner_of_eprint = {p.eprint: p for p in papers.values() if p.eprint}
    for paper in papers.values():
        for row in paper.rows:
            row.link_ok, row.link_owner = True, ""
            a = row.link_arxiv
            if not a:
                continue
            owner = owner_of_eprint.get(a)
            if paper.eprint and paper.eprint != a and not (owner and _similar(owner.norm, paper.norm)):
                row.link_ok, row.link_owner = False, owner.norm if owner else ""
            elif not paper.eprint and owner is not None and owner is not paper and not _similar(owner.norm, paper.norm):
                row.link_ok, row.link_owner = False, owner.norm
    # the same link on papers with unrelated titles
    users: dict[str, list[tuple[_Paper, _Row]]] = defaultdict(list)
    for paper in papers.values():
        for row in paper.rows:
            if row.link and row.link_ok:
                users[row.link_arxiv or _url_key(row.link)].append((paper, row))
    for link, used in users.items():
        distinct = []
        for paper, _ in used:
            if not any(p is paper or _similar(p.norm, paper.norm) for p in distinct):
                distinct.append(paper)
        if len(distinct) < 2:
            continue
        scores = {p.norm: _link_score(link, p) for p in distinct}
        best = max(scores.values())
        winners = [n for n, s in scores.items() if s == best]
        owner = winners[0] if len(winners) == 1 and best > 0 else sorted(distinct, key=lambda p: min(r.line for r in p.rows))[0].norm
        for paper, row in used:
            if paper.norm != owner and not _similar(paper.norm, owner):
                row.link_ok, row.link_owner = False, owner
        if not quiet and not (len(winners) == 1 and best > 0):
            report.suspect("link shared by different papers",
                           f"`{link}` is the link of {', '.join(_refs(p) for p in distinct)}; it could not be told whose it is, "
                           f"so it is kept on the first listed only")
    # a single-use link whose words name another paper (e.g. a CVF PDF file name)
    index: dict[str, set[str]] = {p.norm: _title_tokens(p.rows[0].title) for p in papers.values()}
    for paper in papers.values():
        for row in paper.rows:
            if not row.link or not row.link_ok or row.link_arxiv:
                continue
            tokens = {w for w in _words(urlsplit(row.link).path) if len(w) >= 3 and w not in _GENERIC}
            if len(tokens) < 3:
                continue
            own = len(tokens & index[paper.norm])
            best_norm, best = "", 0
            for norm, words in index.items():
                if norm != paper.norm and len(tokens & words) > best:
                    best_norm, best = norm, len(tokens & words)
            if best >= 3 and best >= own + 2 and not _similar(best_norm, paper.norm):
                row.link_ok, row.link_owner = False, best_norm


def _link_score(link: str, paper: _Paper) -> int:
    """How well a (non-arXiv) link fits a paper: title words, venue and year in it, its DOI."""
    if re.fullmatch(r"[0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7}", link, re.I):
        return 1 if paper.eprint == link else 0
    words = set(_words(link))
    score = len({w for w in words if len(w) >= 3 and w not in _GENERIC} & _title_tokens(paper.rows[0].title))
    for row in paper.rows:
        if row.venue and row.venue.lower() in words:
            score += 2
            break
    if any(row.year and str(row.year) in words for row in paper.rows):
        score += 1
    if paper.bib and paper.bib.doi:
        tail = re.findall(r"\d{3,}", paper.bib.doi.split("/")[-1])
        if tail and tail[-1] in words:
            score += 3
    for row in paper.rows:
        if row.algorithm and normalize_title(row.algorithm) in {normalize_title(w) for w in re.split(r"[/?#=&]", link)}:
            score += 3
            break
    return score


def _refs(paper: _Paper) -> str:
    return " and ".join(f"line {r.line} “{r.title}”" for r in paper.rows)


def _swap_titles(papers: dict[str, _Paper], report: _Report) -> bool:
    """Two rows of one table whose links belong to each other's titles: the title cells are swapped."""
    rows = [(p, r) for p in papers.values() for r in p.rows if r.link_owner]
    swapped = False
    for n, (p1, r1) in enumerate(rows):
        for p2, r2 in rows[n + 1:]:
            if r1.table == r2.table and r1.link_owner == p2.norm and r2.link_owner == p1.norm:
                report.fix("swapped titles", r1, f"the links, venues, codes and tasks of line {r1.line} (“{r1.title}”) and line "
                           f"{r2.line} (“{r2.title}”) belong to each other's titles: the two titles were swapped")
                r1.title, r2.title = r2.title, r1.title
                swapped = True
    return swapped


def _merge_by_arxiv(papers: dict[str, _Paper]) -> list[_Paper]:
    """Papers under differently written titles with the same arXiv id and clearly the same title."""
    out: list[_Paper] = []
    by_id: dict[str, _Paper] = {}
    for paper in sorted(papers.values(), key=lambda p: min(r.line for r in p.rows)):
        ids = ({paper.eprint} | {r.link_arxiv for r in paper.rows if r.link_ok}) - {""}
        target = next((by_id[i] for i in sorted(ids) if i in by_id and _similar(by_id[i].norm, paper.norm)), None)
        if target is not None:
            target.rows.extend(paper.rows)
            target.via_arxiv = True
            if target.bib is None:
                target.bib = paper.bib
            ids |= {i for i, p in by_id.items() if p is target}
            for i in ids:
                by_id.setdefault(i, target)
            continue
        out.append(paper)
        for i in ids:
            by_id.setdefault(i, paper)
    return out


def _primary(paper: _Paper) -> _Row:
    """The row whose venue, year and link the entry takes: the most specific one."""
    bib_year = paper.bib.year if paper.bib else None

    def rank(r: _Row) -> tuple:
        return (r.venue.lower() not in PREPRINTS, r.link_ok and bool(r.link), r.year is not None and r.year == bib_year,
                r.filled, -r.line)

    return max(paper.rows, key=rank)


def _resolve_code(papers: list[_Paper], report: _Report) -> None:
    """A code release listed for unrelated papers stays with the paper it belongs to."""
    users: dict[str, list[tuple[_Paper, _Row, dict]]] = defaultdict(list)
    for paper in papers:
        for row in paper.rows:
            for item in row.code:
                users[_url_key(item["url"])].append((paper, row, item))
    algorithms = {normalize_title(r.algorithm): p for p in papers for r in p.rows if len(normalize_title(r.algorithm)) >= 3}

    def score(paper: _Paper, url: str) -> int:
        segments = {normalize_title(s) for s in urlsplit(url).path.split("/") if s}
        words = {w for w in _words(urlsplit(url).path) if len(w) >= 3 and w not in _GENERIC}
        s = len(words & _title_tokens(paper.rows[0].title))
        if any(normalize_title(r.algorithm) in segments for r in paper.rows if r.algorithm):
            s += 3
        return s

    for key, used in users.items():
        distinct: list[_Paper] = []
        for paper, _, _ in used:
            if paper not in distinct:
                distinct.append(paper)
        url = used[0][2]["url"]
        if len(distinct) > 1:
            scores = [(score(p, url), p) for p in distinct]
            best = max(s for s, _ in scores)
            winners = [p for s, p in scores if s == best]
            if len(winners) == 1 and best > 0:
                owner = winners[0]
                for paper, row, item in used:
                    if paper is not owner:
                        row.code.remove(item)
                        report.fix("code link of another paper", row,
                                   f"code `{url}` removed: it is the code of “{_primary(owner).title}”, which lists it too")
            else:
                report.suspect("code shared by different papers",
                               f"`{url}` is given as the code of {', '.join(_refs(p) for p in distinct)}; kept on all")
            continue
        paper = distinct[0]
        name = _repo_name(url)
        other = algorithms.get(name)
        if other is not None and other is not paper and score(paper, url) == 0:
            for _, row, item in used:
                row.code.remove(item)
                report.fix("code link of another paper", row,
                           f"code `{url}` removed: its name is the algorithm of “{_primary(other).title}”, not of this paper")


def _repo_name(url: str) -> str:
    """The name a code link goes by: the repository's, or the last folder of a link into one."""
    segments = [seg for seg in urlsplit(url).path.split("/") if seg]
    return normalize_title(segments[-1]) if len(segments) >= 2 else ""


# ---------------------------------------------------------------------------------------------
# Entries


def import_awesome_list(markdown_path: Path, catalog: Catalog, *, authors_bib: Path | None, added: dt.date) -> ImportResult:
    """New entries for the papers of an awesome-list README that `catalog` does not have yet."""
    taxonomy = catalog.taxonomy
    report = _Report()
    raw = Path(markdown_path).read_bytes()
    text = raw.decode("utf-8", errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in raw:
        report.notes.append("the list is not valid UTF-8; undecodable bytes were replaced.")
    rows = _parse_rows(text, taxonomy, report)
    bibs = _load_authors(authors_bib, report)

    papers = _group(rows, bibs)
    _resolve_links(papers, report, quiet=True)
    if _swap_titles(papers, report):
        papers = _group(rows, bibs)
    _resolve_links(papers, report)
    merged = _merge_by_arxiv(papers)
    _resolve_code(merged, report)

    existing_keys = {p.key for p in catalog.papers}
    have_arxiv = {p.arxiv: p for p in catalog.papers if p.arxiv}
    have_doi = {p.doi.lower(): p for p in catalog.papers if p.doi}
    have_title = {normalize_title(p.title): p for p in catalog.papers}

    built: list[tuple[_Paper, dict]] = []
    skipped: list[str] = []
    titles = {normalize_title(r.title): r.title for r in rows}
    for paper in merged:
        data = _paper_data(paper, taxonomy, report, titles)
        if data is None:
            continue
        hit = (have_arxiv.get(data["arxiv"]) if data["arxiv"] else None) or \
              (have_doi.get(data["doi"].lower()) if data["doi"] else None) or \
              next((have_title[n] for n in {normalize_title(t) for t in paper.titles()} if n in have_title), None)
        if hit is not None:
            skipped.append(f"{data['title']} (as {hit.key})")
            continue
        built.append((paper, data))

    keys = _assign_keys([d for _, d in built], existing_keys)
    entries: list[tuple[str, dict]] = []
    new_papers = []
    warnings: list[str] = []
    for (paper, data), key in zip(built, keys):
        fields = _entry_fields(key, data, taxonomy, added)
        entry_text = dump_entry(fields)
        parsed, problems = validate_entry_text(entry_text, f"papers/{key}.yml", key, taxonomy)
        errors = [p for p in problems if p.severity == "error"]
        if errors or parsed is None:
            report.drop(_primary(paper).line, f"“{data['title']}” not imported: " + "; ".join(p.message for p in errors))
            continue
        if parsed.title != " ".join(data["title"].split()):
            report.suspect("title changed by BibTeX", f"`{key}`: the list writes “{data['title']}”, the BibTeX reads back as “{parsed.title}”")
        warnings.extend(f"`{key}`: {p.message}" for p in problems)
        entries.append((key, fields))
        new_papers.append(parsed)
        data["key"] = key
    for problem in find_duplicates(list(catalog.papers) + new_papers):
        report.suspect("duplicate after import", f"{problem.path}: {problem.message}")

    entries.sort(key=lambda e: e[0])
    result_report = _render_report(markdown_path, authors_bib, added, rows, merged, built, entries, skipped, warnings, report)
    return ImportResult(entries=entries, skipped=skipped, report=result_report, dropped=sorted(report.dropped))


def _paper_data(paper: _Paper, taxonomy: Taxonomy, report: _Report, titles: dict[str, str]) -> dict | None:
    """The merged facts of one paper, or None (reported) when it cannot become an entry."""
    primary = _primary(paper)
    rows = sorted(paper.rows, key=lambda r: r.line)
    title = primary.title
    # scalar facts: the primary row's, others only fill gaps; disagreements are reported
    year = primary.year or next((r.year for r in rows if r.year), None)
    if year is None and paper.bib and paper.bib.year:
        year = paper.bib.year
        report.fix("year from authors.bib", primary, f"no year in the list; {year} from authors.bib")
    if year is None:
        report.drop(primary.line, f"“{title}” not imported: no year in any of its rows")
        return None
    venue = primary.venue or next((r.venue for r in rows if r.venue), "")
    venue_note = primary.venue_note or next((r.venue_note for r in rows if r.venue_note and r.venue == venue), "")
    algorithm = primary.algorithm or next((r.algorithm for r in rows if r.algorithm), "")
    if len(rows) > 1:
        for what, values in (("venue", {r.venue for r in rows if r.venue}), ("year", {r.year for r in rows if r.year}),
                             ("algorithm", {r.algorithm for r in rows if r.algorithm})):
            if len(values) > 1:
                chosen = {"venue": venue, "year": year, "algorithm": algorithm}[what]
                report.suspect("merged rows disagree", f"“{title}”: {what} "
                               + ", ".join(f"{getattr(r, what)} (line {r.line})" for r in rows if getattr(r, what))
                               + f"; {chosen} is used (line {primary.line}, the most specific row)")
        years = [r.year for r in rows if r.year]
        algs = {normalize_title(r.algorithm) for r in rows if r.algorithm}
        if years and max(years) - min(years) > 1 and len(algs) > 1:
            report.suspect("rows may be different papers", f"“{title}”: rows "
                           + ", ".join(f"{r.line} ({r.year}, {r.algorithm or 'no algorithm'}, {r.link or 'no link'})" for r in rows)
                           + " differ in year by more than one and name different algorithms; check that they are one paper")
    # identifiers
    arxiv = paper.eprint or next((r.link_arxiv for r in [primary] + rows if r.link_ok and r.link_arxiv), "")
    doi = paper.bib.doi if paper.bib else ""
    # the link: the primary row's when it is this paper's, else another row's, else the arXiv page
    url = next((r.link for r in [primary] + rows if r.link and r.link_ok), "")
    for r in rows:
        if r.link and not r.link_ok:
            owner = f" but “{titles[r.link_owner]}”'s" if r.link_owner in titles else ""
            replacement = url or (f"https://arxiv.org/abs/{arxiv}" if arxiv else "")
            report.suspect("link belongs to another paper", f"{r.ref()}: `{r.link}` is not this paper's{owner}"
                           + (f"; authors.bib gives arXiv {paper.eprint}" if paper.eprint and paper.eprint != r.link_arxiv else ""))
            report.fix("wrong link replaced", r, f"`{r.link}` → " + (f"`{replacement}`" if replacement else "no link"))
    if not url and arxiv:
        url = f"https://arxiv.org/abs/{arxiv}"
    # labels: the union over all rows
    labels: dict[str, set[str]] = defaultdict(set)
    granularity: list[str] = []
    tasks: list[str] = []
    codes: dict[str, dict] = {}
    pioneer = survey = False
    for r in rows:
        for dim, value in r.context:
            if dim == "survey":
                survey = True
            else:
                labels[dim].add(value)
        granularity += [g for g in r.granularity if g not in granularity]
        tasks += [t for t in r.tasks if t not in tasks]
        pioneer = pioneer or r.pioneer
        for item in r.code:
            k = _url_key(item["url"])
            if k not in codes:
                codes[k] = dict(item)
                continue
            have = codes[k]
            if len(item["url"]) < len(have["url"]):
                have["url"] = item["url"]  # the repository itself rather than a link to its default branch
            for name in ("framework", "official", "note"):
                if name in item and name not in have:
                    have[name] = item[name]
                elif name in item and have[name] != item[name]:
                    report.suspect("merged rows disagree", f"“{title}”: code `{item['url']}` {name} {have[name]} vs {item[name]} (line {r.line}); the first is kept")
    for gid in granularity:
        speed = taxonomy.facet("granularity").value(gid).speedup
        if speed:
            labels["speedup"].add(speed)
    return {
        "title": title, "authors": paper.bib.author if paper.bib else "", "year": year, "venue": venue,
        "venue_note": venue_note, "algorithm": algorithm, "arxiv": arxiv, "doi": doi, "url": url,
        "labels": {k: _in_order(taxonomy, k, v) for k, v in labels.items()},
        "granularity": _in_order(taxonomy, "granularity", granularity), "task": _in_order(taxonomy, "task", tasks),
        "pioneer": pioneer, "survey": survey, "code": list(codes.values()), "paper": paper, "primary": primary,
    }


def _in_order(taxonomy: Taxonomy, dimension: str, ids) -> list[str]:
    ids = set(ids)
    if dimension in ("speedup", "when", "criteria", "learn", "fusion"):
        axis = taxonomy.axis(dimension)
        # a sub-category counts for its parent: list only the sub-category
        ids -= {axis.category(i).parent for i in ids if axis.category(i).parent}
    order = taxonomy.allowed(dimension)
    return [i for i in order if i in ids]


def _assign_keys(datas: list[dict], existing: set[str]) -> list[str]:
    """Keys for new papers; papers with the same base key get -b, -c, … in title order."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for n, d in enumerate(datas):
        buckets[keys.base_key(d["authors"], d["year"], d["title"])].append(n)
    out = [""] * len(datas)
    taken = set(existing)
    for base in sorted(buckets):
        for n in sorted(buckets[base], key=lambda n: (datas[n]["title"].casefold(), datas[n]["title"])):
            out[n] = keys.unique_key(base, taken)
            taken.add(out[n])
    return out


def _entry_fields(key: str, data: dict, taxonomy: Taxonomy, added: dt.date) -> dict:
    labels = data["labels"]
    fields = {
        "bibtex": _bibtex(key, data),
        "venue": data["venue"] or ("arXiv" if data["arxiv"] else ""),
        "venue_note": data["venue_note"],
        "algorithm": data["algorithm"],
        "speedup": labels.get("speedup", []),
        "when": labels.get("when", []),
        "fusion": labels.get("fusion", []),
        "granularity": data["granularity"],
        "model": labels.get("model", []),
        "task": data["task"],
        "setting": labels.get("setting", []),
        "pioneer": data["pioneer"],
        "survey": data["survey"],
        "code": data["code"],
        "added": added,
    }
    return {k: v for k, v in fields.items() if v not in (None, "", [], False)}


def _bibtex(key: str, data: dict) -> str:
    venue = data["venue"]
    low = venue.lower()
    if low in PREPRINTS:
        entry_type, place = "misc", ("howpublished", venue) if venue and low != "arxiv" else None
    elif low in JOURNALS or low.startswith("ieee transactions") or low.startswith("transactions"):
        entry_type, place = "article", ("journal", venue)
    else:
        entry_type, place = "inproceedings", ("booktitle", venue)
    fields = [("title", tex_title(data["title"]))]
    if data["authors"]:
        fields.append(("author", _tex_escape(data["authors"])))
    if place:
        fields.append(place)
    fields.append(("year", str(data["year"])))
    if data["arxiv"]:
        fields += [("eprint", data["arxiv"]), ("archiveprefix", "arXiv")]
    if data["doi"]:
        fields.append(("doi", data["doi"]))
    if data["url"]:
        fields.append(("url", data["url"]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


_TEX_SPECIAL = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$", "{": r"\{", "}": r"\}",
                "~": r"\textasciitilde{}", "^": r"\^{}", "\\": r"\textbackslash{}"}


def _tex_escape(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(c, c) for c in text)


def tex_title(title: str) -> str:
    """A title as BibTeX text: special characters escaped, `$...$` math kept, and words whose
    capitals a bibliography style must not lower-case (SNIP, ConvNets, 1xN, N:M) protected in braces."""
    out = []
    for n, part in enumerate(re.split(r"(\$[^$]+\$)", title)):
        if n % 2:
            out.append(part)  # LaTeX math, e.g. $L_0$
            continue
        escaped = _tex_escape(part)
        out.append(re.sub(r"[A-Za-z0-9](?:[A-Za-z0-9:\-]*[A-Za-z0-9])?", _protect, escaped))
    return "".join(out)


def _protect(m: re.Match) -> str:
    word = m.group(0)
    parts = re.split(r"[:\-]", word)
    if any(re.search(r"[A-Z]", p[1:]) for p in parts) or re.search(r"[A-Z]:[A-Z]", word):
        return "{" + word + "}"
    return word


# ---------------------------------------------------------------------------------------------
# The Markdown report


def _render_report(markdown_path, authors_bib, added, rows, merged, built, entries, skipped, warnings, report: _Report) -> str:
    md = lambda s: str(s).replace("|", "\\|")  # noqa: E731
    key_of = {id(d["paper"]): d.get("key", "") for _, d in built}
    merges = [p for p in merged if len(p.rows) > 1]
    no_authors = [d for _, d in built if not d["authors"] and d.get("key")]
    fix_kinds: dict[str, list] = defaultdict(list)
    for kind, line, title, message in report.fixes:
        fix_kinds[kind].append((line, title, message))
    sus_kinds: dict[str, list] = defaultdict(list)
    for kind, message in report.suspicions:
        if message not in sus_kinds[kind]:
            sus_kinds[kind].append(message)
    out = [
        f"# Import report: {Path(markdown_path).name}", "",
        f"- list: `{markdown_path}`",
        f"- authors: `{authors_bib}`" if authors_bib else "- authors: none given",
        f"- added: {added.isoformat()}", "",
        "## Summary", "",
        "| what | count |", "| --- | ---: |",
        f"| table rows read | {len(rows)} |",
        f"| distinct papers | {len(merged)} |",
        f"| new entries written | {len(entries)} |",
        f"| skipped, already in the catalog | {len(skipped)} |",
        f"| merges (papers listed in more than one row) | {len(merges)} |",
        f"| rows merged into another row's paper | {sum(len(p.rows) - 1 for p in merges)} |",
        f"| fixes | {len(report.fixes)} |",
    ]
    out += [f"| fixes: {md(kind)} | {len(items)} |" for kind, items in sorted(fix_kinds.items())]
    out += [
        f"| suspicions | {sum(len(v) for v in sus_kinds.values())} |",
        f"| new papers without authors | {len(no_authors)} |",
        f"| task phrases not mapped (→ `other`) | {len(report.unmapped)} |",
        f"| task phrases too vague (skipped) | {len(report.vague)} |",
        f"| odd rows and cells | {len(report.odd)} |",
        f"| validation warnings on new entries | {len(warnings)} |", "",
    ]
    out += ["## Fixes", "", "Safe repairs made while reading the list.", ""]
    for kind, items in sorted(fix_kinds.items()):
        out += [f"### {kind} ({len(items)})", ""]
        out += [f"- line {line} “{md(title)}”: {md(message)}" for line, title, message in sorted(items)]
        out.append("")
    out += ["## Merges", "", "Rows of one paper (same normalised title, or same arXiv id and clearly the same title) "
            "became one entry carrying the union of their labels, codes and tasks.", ""]
    for p in sorted(merges, key=lambda p: min(r.line for r in p.rows)):
        how = "same arXiv id" if p.via_arxiv else "same title"
        sections = [r.section for r in p.rows]
        if len(set(sections)) < len(sections):
            how += "; duplicate rows within one section"
        out.append(f"- **{md(_primary(p).title)}** → `{key_of.get(id(p)) or 'not written'}` ({how}):")
        out += [f"  - line {r.line} “{md(r.title)}” — {md(r.section)}" for r in sorted(p.rows, key=lambda r: r.line)]
    out.append("")
    out += ["## Suspicions", "", "Things that look wrong in the list and need a maintainer's eye.", ""]
    for kind, items in sorted(sus_kinds.items()):
        out += [f"### {kind} ({len(items)})", ""] + [f"- {md(m)}" for m in items] + [""]
    out += ["## Papers without authors", "", "Not found in the authors file; the entries have no `author` field "
            "(`catalog check` warns) until someone adds it.", ""]
    out += [f"- `{d['key']}`: “{md(d['title'])}” (line {d['primary'].line})" for d in no_authors] or ["- none"]
    out.append("")
    out += ["## Task phrases", "", "### Not mapped: became `other`", ""]
    out += [f"- “{md(k)}”: lines {', '.join(map(str, v))}" for k, v in sorted(report.unmapped.items())] or ["- none"]
    out += ["", "### Too vague: skipped", ""]
    out += [f"- “{md(k)}”: lines {', '.join(map(str, v))}" for k, v in sorted(report.vague.items())] or ["- none"]
    out.append("")
    out += ["## Odd rows and cells", ""]
    out += [f"- line {line}: {md(message)}" for line, message in sorted(report.odd)] or ["- none"]
    out.append("")
    if report.notes:
        out += ["## Notes", ""] + [f"- {md(n)}" for n in report.notes] + [""]
    out += ["## Skipped: already in the catalog", ""]
    out += [f"- {md(s)}" for s in skipped] or ["- none"]
    out.append("")
    out += ["## Validation warnings on new entries", ""]
    out += [f"- {md(w)}" for w in warnings] or ["- none"]
    return "\n".join(out) + "\n"
