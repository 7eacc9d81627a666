"""Read the bibliography of the survey "Sparsity in Deep Learning" (Hoefler et al., JMLR 2021),
`spcl/sparsity-in-deep-learning`'s `sparsity.bib`, into `ListPaper` records.

The file is read as `catalog import FILE.bib` reads a .bib (`prunecat.bibtex`): one record per
entry, at the line of its `@`, with the title, authors and venue decoded for display, the entry's
own text as `bibtex`, and the paper link from `url`, else the arXiv id (`eprint`, or an arXiv
`journal`), else the DOI. The list has no sections or badges, so no labels.

Scope. The survey covers sparsity in deep learning at large; the catalog takes only papers that
prune or sparsify a neural network (weights, structures, or activations at run time), including
lottery tickets, sparse and dynamic sparse training, pruning theory and analysis, and surveys of
compression. Every entry is decided from its citation key, title, venue and entry type, in order:

1. `spcl_scope.yml` (next to this module): per-key decisions where the title misleads the rules
   below, or cannot tell: `key: in-scope` or `key: <reason out of scope>`.
2. Books are out ("book/software").
3. `RULES`, keyword patterns on the title (one on the venue), the first match wins: first the
   distributed-training words (gradient sparsification is not network sparsification), then the
   words only pruning papers use (prune, lottery ticket, brain damage, sparsify ...), then what
   marks other topics (hardware, neuroscience, kernels, attention, quantization, dropout,
   architecture design, general deep learning; a computer-architecture venue), and last the
   weaker in-scope words (sparse, sparsity, compress), which those topics use as well.
4. Otherwise in scope: each such entry of the file is in `DOUBTFUL` (the tests check it).

`DOUBTFUL` lists the keys kept in scope although the title alone does not tell whether the paper
prunes or sparsifies a network (feature selection, structure adaptation, conditional computation,
hardware-algorithm co-design ...): curators read those papers before importing them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ... import bibtex
from ..bibfile import _DOI_PREFIX
from .record import ListPaper

SCOPE_FILE = Path(__file__).with_name("spcl_scope.yml")
IN_SCOPE = "in-scope"  # the value of a per-key decision that keeps the entry

GRADIENTS = "gradient compression for distributed training"
HARDWARE = "hardware/accelerator"
NEURO = "neuroscience"
KERNELS = "sparse linear algebra/kernels"
SYSTEMS = "systems/performance (no pruning)"
NOT_NN = "not about neural networks"
QUANT = "quantization only"
DISTILL = "distillation only"
LOW_RANK = "low-rank/tensor factorization only"
GENERAL = "general deep learning (no pruning)"
ARCH = "architecture design/NAS (no pruning)"
DROPOUT = "dropout-like regularization (no sparse network)"
ATTENTION = "sparse attention (no pruning)"
EXPERTS = "mixture of experts/routing (no pruning)"
DATA = "dataset/benchmark"
BOOK = "book/software"
REASONS = (GRADIENTS, HARDWARE, NEURO, KERNELS, SYSTEMS, NOT_NN, QUANT, DISTILL, LOW_RANK, GENERAL, ARCH)
REASONS += (DROPOUT, ATTENTION, EXPERTS, DATA, BOOK)


def _rule(field: str, pattern: str, reason: str) -> tuple[str, re.Pattern, str]:
    return field, re.compile(pattern, re.I), reason


#: (field, pattern, reason): the first rule whose pattern is found in the entry's title or venue
#: decides; reason "" keeps the entry in scope.
RULES = [
    _rule(
        "title",
        r"communication|distributed|data-parallel|gradient (compression|sparsification|quantization)"
        r"|sparsified (sgd|gradient)|signsgd|doublesqueeze|traffic compression|sparcml|mean estimation",
        GRADIENTS,
    ),
    _rule(
        "title",
        r"prun|lotter|tickets?\b|brain damage|brain surgeon|skeletoniz|sparsif|supermask|slimming|trimming"
        r"|rewiring|network surgery|dense-sparse|sparse training|always sparse|learnable sparsity"
        r"|sparse (structure|weight|connectivity|regulari[sz]ation)|structured sparsity|regularity of sparse"
        r"|hard thresholding|hidden (units|nodes)|minimal network|reduced-size|network size",
        "",
    ),
    _rule(
        "title",
        r"accelerator|acceleration of sparse|fpga|systolic|hardware|processor|engine\b|dataflow"
        r"|\bdma\b|on-chip|gpu architecture|tensor core",
        HARDWARE,
    ),
    _rule("title", r"\bbrain\b|neocort|synap|cortex|sleep|cognitive|receptive field", NEURO),
    _rule("title", r"\bmpi\b|message-passing|locality abstractions|parallel computing systems", NOT_NN),
    _rule("title", r"gpu kernels|sparse matri|tensor algebra|linear algebra|\bgemm\b|input sparsity", KERNELS),
    _rule("title", r"experts|routing networks|product keys|switch transformers|gshard", EXPERTS),
    _rule("title", r"benchmark|corpus|corpora|evaluation campaign|treebank|acceptability|in the wild", DATA),
    _rule("title", r"attention|transformer", ATTENTION),
    _rule("title", r"quantiz|binari[sz]ed|reduced-precision", QUANT),
    _rule("title", r"distill", DISTILL),
    _rule("title", r"low.rank|tensor representations|linear structure|approximations of nonlinear", LOW_RANK),
    _rule("title", r"dropout|dropconnect|dropblock|zoneout|co-adaptation|stochastic depth", DROPOUT),
    _rule(
        "title",
        r"lasso|shrinkage|\bregression\b|sparse bayesian|matrix factorization|description length principle"
        r"|fisher information",
        NOT_NN,
    ),
    _rule("title", r"architecture search|mobilenets|efficientnet|mnasnet", ARCH),
    _rule(
        "title",
        r"over-?param|generali[sz]ation|initiali[sz]ation|batch|normali[sz]ation|kronecker|rectifier|natural gradient",
        GENERAL,
    ),
    _rule(
        "venue",
        r"computer architecture|microarchitecture|\bvlsi\b|solid-state circuits|design test|transactions on computers"
        r"|field-programmable|design automation",
        HARDWARE,
    ),
    _rule("title", r"sparse|sparsity|compress|relevance determination", ""),
]


@lru_cache(maxsize=1)
def overrides() -> dict[str, str]:
    """The per-key decisions of `spcl_scope.yml`: citation key -> reason out of scope, or `IN_SCOPE`."""
    data = yaml.load(SCOPE_FILE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    return {str(key): str(value) for key, value in data.items()}


#: Kept in scope, but the title does not tell whether the paper prunes or sparsifies a network.
DOUBTFUL = frozenset(
    {
        # early structure adaptation: growing, merging, input (feature) selection, penalties
        "1988-chauvin",
        "1991-kameyama",
        "1991-moody",
        "1991-sietsma",
        "1992-finnoff",
        "1992-nowlan",
        "1993-hinton",
        "1994-hansen",
        "1995-engelbrecht",
        "1995-ghosh",
        "1996-cibas",
        "1998-fletcher",
        "2000-castellano",
        "2012-han",
        "10.5555/646365.691221",
        # compact or sparse networks, not said how
        "2014-collins",
        "2015-srinivas-relu",
        "2016-cohen",
        "2016-zhou",
        "2017-alvarez",
        "2018-suau",
        "2018-yu-epsresnets",
        "2019-jin",
        "2020-afghan",
        "2020-frankle-early",
        "2020-neyshabur",
        "kalchbrenner2018efficient",
        # conditional computation, activation or backprop sparsity
        "2017-sun",
        "almahairi2016dynamic",
        "bengio2016conditional",
        "liu2018dynamic",
        "makhzani2015winnertakeall",
        "wei2017minimal",
        # systems and hardware with their own sparsification
        "2017-hill",
        "2018-zhou",
        "2020-elsen",
    }
)


def decision(key: str, title: str, venue: str, entry_type: str) -> tuple[str, str]:
    """(reason out of scope or "", what decided it: "override", "book", "rule N" or "default")."""
    decided = overrides().get(key)
    if decided is not None:
        return ("" if decided == IN_SCOPE else decided), "override"
    if entry_type.lower() == "book":
        return BOOK, "book"
    for n, (field, pattern, reason) in enumerate(RULES):
        if pattern.search(title if field == "title" else venue):
            return reason, f"rule {n}"
    return "", "default"


def out_of_scope(key: str, title: str, venue: str, entry_type: str) -> str:
    """Why the entry is outside the catalog's scope, "" when it is in scope (see the module docstring)."""
    return decision(key, title, venue, entry_type)[0]


def read(path: Path) -> list[ListPaper]:
    """The entries of the .bib file at `path`, in file order; a block that does not parse is an error."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    parsed = bibtex.parse_text(text)
    if parsed.errors:
        error = min(parsed.errors, key=lambda e: e.line)
        raise ValueError(f"{path}:{error.line + 1}: {error}")
    return [_paper(entry, path) for entry in parsed.entries]


def _paper(entry: bibtex.BibEntry, path: Path) -> ListPaper:
    bad = {name: where for name, where in entry.bad.items() if name in ("title", "author", "year")}
    title = bibtex.decode(entry.get("title"))
    if bad or not title:
        line, message = min(bad.values()) if bad else (entry.line, "the entry has no title")
        raise ValueError(f"{path}:{line + 1}: entry '{entry.key}': {message}")
    venue = bibtex.decode(entry.get("booktitle") or entry.get("journal"))
    year = entry.get("year")
    return ListPaper(
        line=entry.line + 1,
        title=title,
        url=_url(entry.fields),
        authors=[name for name in bibtex.authors(entry.get("author")) if name != "et al."],
        venue=venue,
        year=int(year) if year.isdigit() else None,
        out_of_scope=out_of_scope(entry.key, title, venue, entry.entry_type),
        bibtex=entry.raw.strip(),
    )


def _url(fields: dict[str, str]) -> str:
    """The url field (an http(s) link), else the arXiv abstract page, else the DOI link, else ""."""
    url = fields.get("url", "").strip()
    if re.match(r"https?://\S+$", url):
        return url
    arxiv = bibtex.arxiv_id(fields)
    if arxiv:
        return f"https://arxiv.org/abs/{arxiv}"
    doi = fields.get("doi", "").strip()
    prefixed = _DOI_PREFIX.match(doi)
    doi = prefixed.group(1) if prefixed else doi
    return f"https://doi.org/{doi}" if doi.startswith("10.") else ""
