"""Short venue names (the venue facet) from the full names BibTeX records."""

from __future__ import annotations

#: Words of a full venue name -> the short name the catalog shows.
VENUE_WORDS = {
    "neural information processing systems": "NeurIPS",
    "learning representations": "ICLR",
    "international conference on machine learning": "ICML",
    "computer vision and pattern recognition": "CVPR",
    "international conference on computer vision": "ICCV",
    "european conference on computer vision": "ECCV",
    "aaai conference": "AAAI",
    "joint conference on artificial intelligence": "IJCAI",
    "pattern analysis and machine intelligence": "TPAMI",
    "association for computational linguistics": "ACL",
    "empirical methods in natural language processing": "EMNLP",
    "journal of machine learning research": "JMLR",
}


def short_venue(venue_full: str, arxiv: str) -> str:
    """A short venue name for the facet when the entry gives none."""
    low = venue_full.lower()
    for words, short in VENUE_WORDS.items():
        if words in low:
            return short
    if not venue_full or "arxiv" in low or "corr" == low:
        return "arXiv" if arxiv or "arxiv" in low or low == "corr" else venue_full
    return venue_full
