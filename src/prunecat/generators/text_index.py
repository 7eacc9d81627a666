"""The text index of the search page (`assets/search-text.json`), built here at build time.

The search page's text box matches words of a paper's title, algorithm (method) name, summary,
venue note, authors' names, venue, and the taxonomy's own terms (the names and codes of the
categories and facet values the paper carries). The browser code (docs/assets/search-text.js)
only looks words up in this index and ranks; it tokenises and folds the query exactly as
`terms()` does here.

Words: runs of letters and digits, folded (lower case, no accents). Two kinds of compounds stay one
word, because splitting them changes their meaning: short parts joined by colons ("N:M", "2:4" ->
"n:m", "2:4"), and a negating or qualifying prefix joined by a hyphen ("semi-structured",
"non-uniform" -> "semistructured", "nonuniform"), so "structured" is not a word of
"semi-structured" (and a typo match never turns "structured" into "unstructured": search-text.js).

Layout (version 2). Every position refers to `assets/search-index.json` of the same build
(its paper order, its `authors` dictionary, its `facets` and their value order), so the words
shared by many papers (an author's name, "structured", "LLM") are stored once per author or facet
value, not once per paper:

    {
      "version": 2,
      "count": N,                       # papers, as in search-index.json (a consistency check)
      "fields": ["title", "note", "algorithm", "summary", "named"],  # bit 0 ... 4 of a paper posting
      "terms": ["a", "abc", ...],       # folded words, sorted by UTF-16 code units (JS string order)
      "papers": [[...], ...],           # per term: paper postings, delta-coded: (gap << 5) | field bits
      "authors": [[...], ...],          # per term: indexes into search-index.json's "authors", delta-coded
      "values": [[...], ...],           # per term: the labels it names, facet * 1024 + value, facet and
                                        #   value as positioned in search-index.json ("venue" included)
      "phrases": [["post training", [code, ...]], ...],  # labels named by several words (sorted)
      "names": [n, ...]                 # per paper: the words of its algorithm name + (the title's
    }                                   #   words that name its method << 4), both at most 15

A paper's method is named by its algorithm name and by title words: a short title head, and the
words its acronym stands for (`name_words`). Those title words carry the `named` bit.

A gap is the distance to the previous posting's paper (the first is the paper itself). The per-term
lists are parallel to `terms` and mostly empty (`[]`), which gzip makes nearly free.

Which words name a label: its id, its code and its name when they are one word ("structured",
"LLM", "N:M", "PyTorch"), the plural of those ("LLMs"), the words of its name that no other label's
name uses ("large" names LLMs, "pruning" names nothing: every category is some pruning), and the
synonyms in ALIASES ("2:4" is N:M sparsity). Names of several words ("post-training pruning",
"large language models") are phrases: the browser matches them as a whole. One-letter codes
("W", "F") are list shorthands, not words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict

from ..fields import SEARCHED
from ..model import Catalog
from .search_index import index_data

VERSION = 2
FIELDS = SEARCHED  # index columns, in the bit order of a paper posting (fields.py says which)
NAMED = "named"  # the bit after the columns': a title word that names the paper's method (name_words)
FIELD_BITS = 5
VALUE_STRIDE = 1024  # facet * VALUE_STRIDE + value in "values"

#: Prefixes that stay joined to the word after their hyphen (as JOIN in search-text.js).
JOIN_PREFIXES = frozenset({"semi", "non", "un", "anti"})
#: Parts of a colon compound ("n:m", "2:4", "v:n:m") have at most this many characters.
COLON_PART = 3

#: Synonyms of labels: (facet, value id) -> words or phrases that name it too.
ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("granularity", "n-m"): ("2:4", "4:8", "1:2", "1:4", "2:8", "nm sparsity", "fine-grained structured sparsity"),
    ("speedup", "semi-structured"): ("semi structured",),
    ("when", "before-training"): ("pruning at initialization", "at initialization", "foresight pruning"),
    ("when", "run-time"): ("runtime", "dynamic pruning"),
    ("when", "post-training"): ("one-shot pruning", "post training"),
    ("model", "llm"): ("large language model",),
    ("model", "vit"): ("vision transformer",),
    ("fusion", "nas"): ("architecture search",),
}
#: A title head (before its colon) of at most this many words names the paper's method.
HEAD_WORDS = 3
NAME_SHIFT = 4  # "names": own words + (named words << NAME_SHIFT)
#: Small words: no part of a method's name, skipped inside an acronym's expansion.
SMALL = frozenset("a an and the of for in on to by with via from is are".split())
#: Words that name no label on their own.
_NO_LABEL = SMALL | {"other", "others", "etc"}

_COMBINING = re.compile("[\u0300-\u036f]")
# runs of letters and digits (what /[\p{L}\p{N}]+/u finds in JS), with their inner ":" and "-"
_COMPOUND = re.compile(r"[^\W_]+(?:[:-][^\W_]+)*")
_SEP = re.compile(r"([:-])")
_HEAD = re.compile(r":\s")


def fold(text: str) -> str:
    """Lower case without accents ("Müller" -> "muller"), as `fold` in search-text.js."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower()


def terms(text: str) -> list[str]:
    """The folded words of `text`, in order (repeats kept), as `words` in search-text.js."""
    out: list[str] = []
    for run in _COMPOUND.findall(fold(text or "")):
        out.extend(_split(run))
    return out


def _split(run: str) -> list[str]:
    """The words of one run of letters and digits joined by ":" and "-" (see the module doc)."""
    pieces = _SEP.split(run)  # part, sep, part, sep, ...
    parts, seps = pieces[0::2], pieces[1::2]
    if len(parts) == 1:
        return parts
    if all(s == ":" for s in seps) and all(len(p) <= COLON_PART for p in parts):
        return [run]
    out = [parts[0]]
    for sep, part in zip(seps, parts[1:]):
        if sep == "-" and out[-1] in JOIN_PREFIXES:
            out[-1] += part
        else:
            out.append(part)
    return out


def text_index(catalog: Catalog, data: dict | None = None) -> str:
    """The text index of `catalog` as compact JSON text; `data` is its `index_data` if at hand."""
    return json.dumps(text_index_data(catalog, data), ensure_ascii=False, separators=(",", ":"))


def text_index_data(catalog: Catalog, data: dict | None = None) -> dict:
    data = data if data is not None else index_data(catalog)
    cols = data["papers"]
    n = data["count"]

    papers: dict[str, dict[int, int]] = defaultdict(dict)  # term -> paper -> field bits
    named_bit = 1 << len(FIELDS)
    names = []
    for p in range(n):
        for bit, text in enumerate(cols[column][p] for column in FIELDS):
            for t in terms(text):
                row = papers[t]
                row[p] = row.get(p, 0) | (1 << bit)
        own, named = name_words(cols["title"][p], cols["algorithm"][p])
        for t in named:
            papers[t][p] |= named_bit
        names.append(min(len(own), 15) + (min(len(named), 15) << NAME_SHIFT))

    authors: dict[str, set[int]] = defaultdict(set)
    for a, name in enumerate(data["authors"]):
        for t in terms(name):
            authors[t].add(a)

    values, phrases = label_terms(catalog, data)

    vocab = sorted(set(papers) | set(authors) | set(values), key=lambda t: t.encode("utf-16-be"))
    return {
        "version": VERSION,
        "count": n,
        "fields": [*FIELDS, NAMED],
        "terms": vocab,
        "papers": [_gaps(sorted(papers[t].items())) if t in papers else [] for t in vocab],
        "authors": [_gaps(((a, 0) for a in sorted(authors[t])), shift=0) if t in authors else [] for t in vocab],
        "values": [sorted(values[t]) if t in values else [] for t in vocab],
        "phrases": [[phrase, sorted(codes)] for phrase, codes in sorted(phrases.items())],
        "names": names,
    }


def name_words(title: str, algorithm: str) -> tuple[list[str], list[str]]:
    """The two namings of a paper's method, as words without small words: its algorithm name's, and
    the title words that name it too (a short title head, "Movement Pruning: ...", and the words
    its acronym stands for, "LTH" in "The Lottery Ticket Hypothesis: ..."). The search ranks a paper
    whose name the query covers first (search-text.js)."""
    own = [w for w in dict.fromkeys(terms(algorithm)) if w not in SMALL]
    in_title = set(terms(title))  # (an expansion's word the title splits otherwise is left out)
    head = _HEAD.split(title, maxsplit=1)  # "SNIP: Single-shot ...", not "Beyond 2:4"
    head_words = [w for w in terms(head[0]) if w not in SMALL] if len(head) > 1 else []
    words = (head_words if len(head_words) <= HEAD_WORDS else []) + expansion(title, algorithm)
    named = [w for w in dict.fromkeys(words) if w not in SMALL and w in in_title and w not in own]
    return own, named


def expansion(title: str, algorithm: str) -> list[str]:
    """The title words an acronym algorithm name is made of ("L-OBS": "Layer-wise Optimal Brain
    Surgeon"), or [] if the title has none: consecutive words whose initials (a hyphenated word's
    first part, or each of its parts) spell the acronym, small words skipped inside the run."""
    letters = "".join(terms(algorithm))
    if not (2 <= len(letters) <= 8 and letters.isalpha() and sum(c.isupper() for c in algorithm) >= 2):
        return []
    words = [w for w in (re.sub(r"[^\w-]", "", w).strip("-_") for w in fold(title).split()) if w]

    def run(i: int, k: int) -> int:  # where a run from word i spelling letters[k:] ends, or -1
        if k == len(letters):
            return i
        if i == len(words):
            return -1
        w, parts = words[i], [x for x in words[i].split("-") if x]
        options = ([1] if k or w not in SMALL else []) + ([len(parts)] if len(parts) > 1 else [])
        for n in options:
            if "".join(x[0] for x in parts[:n]) == letters[k : k + n] and (end := run(i + 1, k + n)) >= 0:
                return end
        if k and w in SMALL:
            return run(i + 1, k)
        return -1

    for start in range(len(words)):
        if (end := run(start, 0)) > 0:
            return [t for w in words[start:end] for t in terms(w)]
    return []


def label_terms(catalog: Catalog, data: dict) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """(word -> label codes, phrase -> label codes): the words and phrases that name each label of
    the taxonomy and each venue, a label's code being facet * VALUE_STRIDE + value."""
    tax = catalog.taxonomy
    tax_facets = {a.id for a in tax.axes} | {f.id for f in tax.facets}
    values: dict[str, set[int]] = defaultdict(set)
    phrases: dict[str, set[int]] = defaultdict(set)
    labels: list[tuple[int, list[list[str]], list[list[str]], bool]] = []  # (code, own words, aliases', named)
    venues: list[tuple[int, list[str]]] = []
    for fi, f in enumerate(data["facets"]):
        if f["id"] != "venue" and f["id"] not in tax_facets:
            continue  # code/survey/pioneer/unlabelled: yes/no switches, not words of a paper
        if len(f["values"]) > VALUE_STRIDE:
            raise ValueError(
                f"facet {f['id']} has {len(f['values'])} values; the text index addresses at most {VALUE_STRIDE}"
            )
        for vi, v in enumerate(f["values"]):
            code = fi * VALUE_STRIDE + vi
            if f["id"] == "venue":
                venues.append((code, terms(v["name"])))
                continue
            own = [t for t in (terms(x) for x in (v["name"], v.get("code", ""), v["id"])) if t]
            aliases = [terms(x) for x in ALIASES.get((f["id"], v["id"]), ())]
            labels.append((code, own, aliases, v["id"] != "other"))  # "Other tasks" is no task's name

    # a venue: its words, but those of several venues' names ("neural", "transactions")
    in_venues = Counter(w for _, words in venues for w in set(words))
    for code, words in venues:
        for w in words:
            if len(words) == 1 or (in_venues[w] == 1 and w not in _NO_LABEL):
                values[w].add(code)
    # a word in the names of several labels ("pruning", "training", "networks") names none of them
    shared = Counter(w for _, own, _, _ in labels for w in {_singular(w) for words in own for w in words})
    for code, own, aliases, named in labels:
        for words in (own if named else []) + aliases:
            if len(words) > 1:
                phrases[" ".join(words)].add(code)
            elif len(words[0]) > 1:  # one word, or a one-word alias: its label's word ("structured", "2:4")
                w = words[0]
                values[w].add(code)
                if len(w) >= 3 and w[-1].isalpha() and w[-1] not in "sxhy" and ":" not in w:
                    values[w + "s"].add(code)  # "llms", "cnns", "vits"
        for words in own if named else []:
            for w in words if len(words) > 1 else ():
                if len(w) >= 2 and w not in _NO_LABEL and shared[_singular(w)] == 1:
                    values[w].add(code)  # "large" names LLMs, "convolutional" CNNs
    return values, phrases


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def decode(text: str) -> dict[str, dict[str, object]]:
    """term -> {"papers": {paper: [field names]}, "authors": [ids], "values": [(facet, value)]}."""
    data = json.loads(text)
    out: dict[str, dict[str, object]] = {}
    for i, t in enumerate(data["terms"]):
        postings, p = {}, 0
        for k, code in enumerate(data["papers"][i]):
            p = (p if k else 0) + (code >> FIELD_BITS)
            postings[p] = [name for b, name in enumerate(data["fields"]) if code >> b & 1]
        ids, a = [], 0
        for k, code in enumerate(data["authors"][i]):
            a = (a if k else 0) + code
            ids.append(a)
        out[t] = {"papers": postings, "authors": ids, "values": [divmod(v, VALUE_STRIDE) for v in data["values"][i]]}
    return out


def _gaps(items, shift: int = FIELD_BITS) -> list[int]:
    """(position, bits) pairs in increasing position -> [(gap << shift) | bits, ...]."""
    out, last = [], 0
    for pos, bits in items:
        out.append(((pos - last) << shift) | bits)
        last = pos
    return out
