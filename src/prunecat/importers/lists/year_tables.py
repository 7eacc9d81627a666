"""Reader for danielmcpark/awesome-pruning-acceleration (`README.md`): tables of papers by year.

Format: under `## History`, one table per year heading (`### 2021`), columns Title | Issue | Release.
The Title cell is a link `[title](paper url)`, Issue is the venue's short name (`CVPR`, `IEEE Access`)
and Release is `[GitHub](code url)` or `-`.

How a row maps: title and url from the Title link, venue from Issue, year from the heading, code
from Release. The list has no topic sections, badges or type codes (only years), so it gives no
labels. It says it "organizes for pruning", and nearly all rows are pruning papers; the few that are
not (an accelerator, an architecture search, two compressions without pruning) are kept with their
reason in `out_of_scope`. Tables without a Title column and rows without a title are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from .record import ListPaper
from .type_code_tables import clear_reused_urls, table_papers

#: Rows whose papers neither prune nor sparsify a network (judged from the papers themselves), as
#: the list writes their titles -> the reason, for `out_of_scope`.
NOT_PRUNING = {
    "Eyeriss: A Spatial Architecture for Energy-Efficient Dataflow for Convolutional Neural Networks": (
        "hardware: a dataflow accelerator, no pruning"
    ),
    "TF-NAS: Rethinking Three Search Freedoms of Latency-Constrained Differentiable Neural Architecture Search": (
        "architecture search only, no pruning"
    ),
    "Towards Efficient Tensor Decomposition-Based DNN Model Compression with Optimization Framework": (
        "tensor decomposition, no pruning"
    ),
    "Clustering Convolutional Kernels to Compress Deep Neural Networks": "weight sharing by clustering, no pruning",
}

#: Links that lead to a journal's list of issues rather than to a paper (the IEEE Access row).
_NOT_A_PAPER = re.compile(r"ieeexplore\.ieee\.org/xpl/(RecentIssue|mostRecentIssue)\.jsp", re.I)


def read(path: Path) -> list[ListPaper]:
    """The papers of danielmcpark/awesome-pruning-acceleration's README, in file order."""
    papers = []
    for paper, _ in table_papers(path, NOT_PRUNING, venue="issue", code="release"):
        if _NOT_A_PAPER.search(paper.url):
            paper.url = ""
        papers.append(paper)
    return clear_reused_urls(papers)
