"""Google Scholar `citation_*` meta tags for a paper page (rendered by overrides/main.html)."""

from __future__ import annotations

from ..model import Paper

_JOURNAL_TYPES = ("article",)


def citation_meta(paper: Paper, site_url: str = "") -> list[tuple[str, str]]:
    """(name, content) pairs in the order Google Scholar's inclusion guidelines list them."""
    tags = [("citation_title", paper.title)]
    tags += [("citation_author", name) for name in paper.authors if name != "et al."]
    tags.append(("citation_publication_date", str(paper.year)))
    venue = paper.venue_full or paper.venue
    if venue and paper.venue != "arXiv":
        kind = "citation_journal_title" if paper.entry_type in _JOURNAL_TYPES else "citation_conference_title"
        tags.append((kind, venue))
    if paper.arxiv:
        tags.append(("citation_arxiv_id", paper.arxiv))
        tags.append(("citation_pdf_url", f"https://arxiv.org/pdf/{paper.arxiv}"))
    elif paper.url.lower().endswith(".pdf"):
        tags.append(("citation_pdf_url", paper.url))
    if paper.doi:
        tags.append(("citation_doi", paper.doi))
    if paper.url:
        tags.append(("citation_abstract_html_url", paper.url))
    return tags
