"""Paper keys: the entry file's name, e.g. `lee2019snip` for papers/lee2019snip.yml.

A key is the family name of the first author, the year and the first significant word of the
title, folded to ASCII and restricted to `[a-z0-9-]`; a key already taken gets `-b`, `-c`, ...
(`lee2019snip`, `lee2019snip-b`). Used by `catalog add` and `catalog import`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Iterable

from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from . import bibtex

#: Title words skipped when looking for the first significant one.
STOPWORDS = frozenset(
    """a an the on of towards toward to for in into with via and or is are do does how what
whats why when where which can we our your all from by at as be it its this that there no not one more than""".split()
)
MAX_FAMILY = 30
MAX_WORD = 24
_LETTERS = "bcdefghijklmnopqrstuvwxyz"

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
#: Keys whose page would take the place of a generated one: papers/index.md is the "All papers"
#: page /papers/, and MkDocs serves a README.md (any case) as its folder's index too.
RESERVED_KEYS = frozenset({"index", "readme"})


def key_problem(key: str) -> str:
    """'' for a usable paper key, else why it is not (to follow the key), with a suggestion."""
    if not KEY_PATTERN.match(key):
        return "is not a valid key: use lower-case letters, digits and dashes (at most 80), e.g. lee2019snip"
    if key in RESERVED_KEYS:
        return (
            f"is a reserved key: its page would replace the site's /papers/{key} page; use the first "
            "author's family name, the year and a title word, e.g. lee2019snip"
        )
    return ""


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Müller-Lüdenscheid' -> 'mullerludenscheid'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
    text = text.replace("æ", "ae").replace("Æ", "ae").replace("đ", "d").replace("Đ", "d")
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def family_name(author_field: str) -> str:
    """The family name (von part included) of the first person of a BibTeX author field, as a slug."""
    if not author_field or not author_field.strip():
        return ""
    persons = split_multiple_persons_names(author_field)
    if not persons or persons[0].strip().lower() == "others":
        return ""
    parts = parse_single_name_into_parts(persons[0], strict=False)
    words = list(parts.von) + list(parts.last) or list(parts.first)
    return ascii_slug(bibtex.decode(" ".join(words)))[:MAX_FAMILY]


def significant_words(title: str) -> list[str]:
    """The title's words as slugs, without stop words and single letters ('Single-shot' -> 'singleshot')."""
    words = []
    for w in bibtex.decode(title or "").split():
        parts = [ascii_slug(p) for p in re.split(r"[-‐–]", w)]
        joined = "".join(parts)
        # a hyphenated word stays whole while short (llmpruner), else its first part (smaller-norm-...)
        words.append(joined if len(joined) <= 16 else next((p for p in parts if p), ""))
    return [w[:MAX_WORD] for w in words if w and w not in STOPWORDS and not (len(w) == 1 and w.isalpha())]


def title_word(title: str) -> str:
    """The first significant word of a (BibTeX or plain) title, as a slug."""
    words = significant_words(title)
    return words[0] if words else "paper"


def base_key(author_field: str, year: int | str, title: str) -> str:
    """`lee2019snip` from 'Namhoon Lee and ...', 2019, '{SNIP}: Single-shot ...'.

    Without authors: the first two significant title words around the year (`snip2019singleshot`).
    """
    year_text = str(year).strip() if re.fullmatch(r"\d{4}", str(year).strip()) else ""
    words = significant_words(title) or ["paper"]
    family = family_name(author_field)
    if family:
        return f"{family}{year_text}{words[0]}"[:76]
    return f"{words[0]}{year_text}{words[1] if len(words) > 1 else ''}"[:76]


def unique_key(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-b`, `base-c`, ... whichever is not in `taken`."""
    taken = set(taken) | RESERVED_KEYS
    if base not in taken:
        return base
    for suffix in itertools.chain(_LETTERS, (str(n) for n in itertools.count(2))):
        candidate = f"{base}-{suffix}"
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: the suffixes never end")


def make_key(author_field: str, year: int | str, title: str, taken: Iterable[str] = ()) -> str:
    """A new, unused paper key for a paper (see the module docstring)."""
    return unique_key(base_key(author_field, year, title), taken)
