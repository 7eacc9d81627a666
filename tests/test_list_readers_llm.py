"""The readers of the LLM-era lists: pprp (labelled bullets), horseee (badge tables), HuangOwen
(venue bullets). Excerpts in tests/fixtures/lists/ pin exact fields; the full snapshots (when present
in /work/shared/data/lists/) pin counts and check every label against the taxonomy."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from prunecat.importers.lists import badge_tables, labelled_bullets, read_list, venue_bullets
from prunecat.importers.lists.record import ListPaper
from prunecat.taxonomy import load_taxonomy

from conftest import CATALOG, FIXTURES

LISTS = FIXTURES / "lists"
SNAPSHOTS = Path("/work/shared/data/lists")
PPRP_NOTE = "list of LLM pruning papers"
OWEN_NOTE = venue_bullets.LLM_NOTE


def by_line(papers: list[ListPaper]) -> dict[int, ListPaper]:
    return {p.line: p for p in papers}


def assert_labels_valid(papers: list[ListPaper]) -> None:
    taxonomy = load_taxonomy(CATALOG / "taxonomy.yml")
    for p in papers:
        assert set(p.labels) == set(p.label_notes), p
        for dimension, ids in p.labels.items():
            assert ids and set(ids) <= set(taxonomy.allowed(dimension)), (p.line, dimension, ids)
            assert p.label_notes[dimension], p


# ---------------------------------------------------------------------------------------------
# pprp/Awesome-LLM-Prune: labelled bullets


def test_pprp_excerpt_rows() -> None:
    papers = labelled_bullets.read(LISTS / "pprp-excerpt.md")
    # the title comment, the legend table and the hashtag lines are no rows
    assert [p.line for p in papers] == [9, 18, 26, 35, 44, 53, 61, 69, 78, 86, 95, 104, 112, 126, 134, 145, 153]
    rows = by_line(papers)
    sparsegpt = rows[9]
    assert sparsegpt.title == "SparseGPT: Massive Language Models Can be Accurately Pruned in One-shot"
    assert sparsegpt.url == "https://arxiv.org/pdf/2301.00774.pdf"
    assert sparsegpt.authors == ["Elias Frantar", "Dan Alistarh"]
    assert (sparsegpt.venue, sparsegpt.year) == ("ICML", 2023)
    assert sparsegpt.code == ["https://github.com/IST-DASLab/sparsegpt"]
    assert sparsegpt.labels == {"speedup": ["unstructured", "semi-structured"], "model": ["llm"]}
    assert sparsegpt.label_notes == {"speedup": "badge unstructured; badge semi_structured", "model": PPRP_NOTE}
    assert sparsegpt.section == "" and sparsegpt.out_of_scope == ""
    wanda = rows[18]  # "etc." dropped; "ICML23 workshop": a two-digit year glued to the venue
    assert wanda.authors == ["Mingjie Sun", "Zhuang Liu", "Anna Bair"]
    assert (wanda.venue, wanda.year) == ("ICML workshop", 2023)
    assert rows[35].authors == ["Ajay Jaiswal", "Zhe Gan"]  # "etc" without its dot
    assert rows[35].labels == {"model": ["llm"]}  # the benchmark badge maps to nothing
    pruner_zero = rows[26]  # a blank line before the sub-bullets; Markdown links in Link and Code
    assert pruner_zero.url == "https://arxiv.org/pdf/2406.02924v1"
    assert pruner_zero.code == ["https://github.com/pprp/Pruner-Zero"]
    assert (pruner_zero.venue, pruner_zero.year) == ("ICML", 2024)
    predictor = rows[44]  # "Pub: Arxiv", "Code: Not available": the year is the arXiv id's
    assert (predictor.venue, predictor.year, predictor.code) == ("arXiv", 2023, [])
    shortened = rows[61]
    assert (shortened.venue, shortened.year) == ("ICLR Workshop (ME-FoMo)", 2024)
    assert len(shortened.authors) == 7 and shortened.code == []
    assert rows[69].authors[-1] == "Danqi Chen"  # "Danqi Chen;"
    admm = rows[78]  # bold author, two Code lines (one "Not available"), no Pub
    assert admm.authors == ["Vladim ́ır Bozˇa"]
    assert admm.code == ["https://github.com/fmfi-compbio/admm-pruning"]
    assert (admm.venue, admm.year) == ("", 2024)
    assert "model" not in rows[86].labels  # its Note says the experiments are on BERT
    assert rows[86].labels == {"speedup": ["structured"]}
    assert rows[104].label_notes["speedup"] == "badge structured; badge semi__structured"
    assert rows[104].labels["speedup"] == ["structured", "semi-structured"]
    assert (rows[104].venue, rows[104].year) == ("ACL Findings", 2024)
    assert (rows[112].venue, rows[112].year) == ("ICASSP", 2024)
    assert (rows[126].venue, rows[126].year) == ("ICML", 2024)  # "ICML 2024 Oral"
    probe = rows[153]  # "Anonymous author", "Under review ICLR", an OpenReview link: no year
    assert (probe.authors, probe.venue, probe.year) == ([], "", None)


def test_pprp_excerpt_out_of_scope_and_prose() -> None:
    papers = labelled_bullets.read(LISTS / "pprp-excerpt.md")
    rows = by_line(papers)
    assert rows[53].out_of_scope == "low-rank rank reduction, not pruning"
    assert (rows[53].venue, rows[53].year) == ("", 2023)  # "ICLR Under review"
    token = rows[95]
    assert token.out_of_scope.startswith("token pruning")
    assert token.authors[0] == "Minchul Kim" and token.url == "https://arxiv.org/pdf/2312.01026"
    retro = rows[134]
    assert retro.out_of_scope == "KV-cache attention revision, not network pruning"
    assert retro.authors == ["Seonghwan Choi", "Beomseok Kang", "Dongwon Jo"]  # ", et al."
    assert (retro.url, retro.venue, retro.year) == ("http://arxiv.org/pdf/2508.09001v1", "arXiv", 2025)
    assert all(not p.labels for p in papers if p.out_of_scope)
    # summaries, comments and notes (placeholders in the excerpt) are never copied
    assert not any("omitted" in str(asdict(p)) or "placeholder" in str(asdict(p)) for p in papers)


# ---------------------------------------------------------------------------------------------
# horseee/Awesome-Efficient-LLM: badge tables


def test_horseee_excerpt_rows() -> None:
    papers = badge_tables.read(LISTS / "horseee-excerpt.md")
    # header, |:---| line, the made-up row without a title link and the paragraph are skipped
    assert [p.line for p in papers] == list(range(7, 30))
    assert {p.section for p in papers} == {"Network Pruning"}
    rows = by_line(papers)
    sparsegpt = rows[7]  # the title links the repository: the url is the Links column's paper
    assert sparsegpt.title == "SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot"
    assert sparsegpt.url == "https://arxiv.org/abs/2301.00774"
    assert sparsegpt.code == ["https://github.com/IST-DASLab/sparsegpt"]
    assert (sparsegpt.venue, sparsegpt.year) == ("ICML", 2023)
    assert sparsegpt.labels == {"speedup": ["unstructured"]}
    assert sparsegpt.label_notes == {"speedup": "badge Unstructured"}
    assert rows[8].labels == {"speedup": ["structured"]} and rows[8].label_notes == {"speedup": "badge Structural"}
    assert rows[9].labels == {} and rows[9].url == "https://openreview.net/forum?id=Tr0lPx9woF"
    assert (rows[10].venue, rows[10].year) == ("EMNLP Findings", 2023)  # "EMNLP'23%20Findings"
    predictor = rows[11]  # no Star, no Publish badge: no code, no venue, no year
    assert (predictor.code, predictor.venue, predictor.year) == ([], "", None)
    assert predictor.authors == ["Yupeng Ji", "Yibo Cao", "Jiucai Liu"]
    relu = rows[12]
    assert relu.labels == {"when": ["run-time"]} and relu.label_notes == {"when": "badge Activation"}
    assert rows[13].labels == {}  # the Metric badge maps to nothing
    e_sparse = rows[14]  # no <br> before the title
    assert e_sparse.title.startswith("E-Sparse: Boosting") and e_sparse.labels == {"speedup": ["semi-structured"]}
    assert e_sparse.label_notes == {"speedup": "badge Semi-structured"}
    admm = rows[15]  # the Type badge after the title
    assert admm.authors == ["Vladimír Boža"] and admm.labels == {"speedup": ["unstructured"]}
    assert rows[16].authors[-1] == "Mengzhou Xia"  # "... Mengzhou Xia et al"
    assert (rows[17].venue, rows[17].year) == ("ICLRW", 2024)  # Workshop-ICLRW'24
    assert rows[18].code == ["https://github.com/Raincleared-Song/sparse_gpu_operator"]  # model links dropped
    trust = rows[19]
    assert trust.labels == {"fusion": ["quantization"]} and trust.label_notes == {"fusion": "badge w/Quantization"}
    assert (rows[20].venue, rows[20].year) == ("NAACL Industry Track", 2024)
    assert rows[21].title == "Large Language Model Pruning"  # a row ending with a date comment
    assert rows[22].code == ["https://github.com/abdelfattah-lab/shadow_llm/"]  # not the broken Star link
    assert rows[23].url == "https://arxiv.org/abs/2407.11681mini"  # as the list writes it
    assert rows[24].authors == ["Stephen Zhang", "Vardan Papyan"]
    assert rows[25].labels == {"speedup": ["unstructured"], "fusion": ["quantization"]}
    assert (rows[27].venue, rows[27].year) == ("TMLR", None)
    assert rows[28].url == "https://arxiv.org/pdf/2411.07066"  # "...07066?": the empty query dropped
    assert [p.line for p in papers if p.out_of_scope] == [26, 29]
    assert all("model" not in p.labels for p in papers)


# ---------------------------------------------------------------------------------------------
# HuangOwen/Awesome-LLM-Compression: venue bullets


def test_huangowen_excerpt_rows() -> None:
    papers = venue_bullets.read(LISTS / "huangowen-excerpt.md")
    # the table of contents, Contributing and Star History hold no rows
    assert [p.line for p in papers] == [33, 35, 37, 41, 43, 44, 48, 50, 52, 54, 56, 58, 60, 62, 66, 71, 75, 79, 81]
    rows = by_line(papers)
    survey = rows[33]  # a broken "[[Blog]] (url)" link is ignored
    assert survey.title == "Compressed but Compromised? A Study of Jailbreaking in Compressed LLMs"
    assert (survey.venue, survey.year, survey.url) == (
        "NeurIPS Lock-LLM Workshop",
        2025,
        "https://openreview.net/pdf?id=OkNfb8SmLh",
    )
    assert survey.out_of_scope == "section Survey" and survey.section == "Papers > Survey"
    assert (rows[35].venue, rows[35].year) == ("TACL", None)
    assert rows[37].out_of_scope == "" and rows[37].labels == {"model": ["llm"]}  # a survey of pruning
    assert rows[43].code == ["https://github.com/TimDettmers/bitsandbytes"]
    assert rows[43].out_of_scope == "section Quantization"
    assert (rows[44].venue, rows[44].year) == ("TMLR", None)  # "TMLR (Featured Certification 🌟)"
    deja_vu = rows[50]
    assert deja_vu.title == "Deja Vu: Contextual Sparsity for Efficient LLMs at Inference Time"
    assert deja_vu.url == "https://proceedings.mlr.press/v202/liu23am.html"
    assert deja_vu.code == ["https://github.com/FMInference/DejaVu"]
    assert (deja_vu.venue, deja_vu.year, deja_vu.authors) == ("ICML", 2023, [])
    assert deja_vu.section == "Papers > Pruning and Sparsity" and deja_vu.out_of_scope == ""
    assert deja_vu.labels == {"model": ["llm"]} and deja_vu.label_notes == {"model": OWEN_NOTE}
    assert rows[52].out_of_scope == "KV-cache eviction"  # H2O, listed under Pruning and Sparsity
    assert rows[54].out_of_scope == "prompt compression"
    assert (rows[58].venue, rows[58].year) == ("OpenReview", None)
    split = rows[62]  # title bullet, blank line, indented "Arxiv 2025  [[Paper]](...) [[Code]](...)"
    assert split.title == "SDMPrune: Self-Distillation MLP Pruning for Efficient Large Language Models"
    assert (split.venue, split.year, split.url) == ("arXiv", 2025, "https://arxiv.org/abs/2506.11120")
    assert split.code == ["https://github.com/visresearch/SDMPrune"]
    assert rows[66].code == [] and rows[66].year == 2025
    assert rows[71].out_of_scope == "section KV Cache Compression"
    assert rows[75].out_of_scope == "section Other" and rows[75].url == "https://arxiv.org/abs/2501.14713"
    tool = rows[81]  # a tool: its name only, not the list's description
    assert (tool.title, tool.section, tool.out_of_scope) == ("SigmaScale", "Tools", "section Tools")
    assert tool.code == ["https://github.com/ernlavr/SigmaScale"] and tool.url == "https://arxiv.org/abs/2606.07098"


# ---------------------------------------------------------------------------------------------
# The full snapshots


@pytest.mark.parametrize(
    ("fmt", "path", "in_scope", "out_of_scope"),
    [
        ("labelled-bullets", "pprp-llm-prune/README.md", 50, 12),
        ("badge-tables", "horseee-efficient-llm/pruning.md", 132, 2),
        ("venue-bullets", "huangowen-llm-compression/README.md", 140, 701),
    ],
)
def test_full_list(fmt: str, path: str, in_scope: int, out_of_scope: int) -> None:
    file = SNAPSHOTS / path
    if not file.exists():
        pytest.skip(f"{file} is not here")
    papers = read_list(fmt, file)
    assert (sum(not p.out_of_scope for p in papers), sum(bool(p.out_of_scope) for p in papers)) == (
        in_scope,
        out_of_scope,
    )
    assert all(p.title and p.line > 0 for p in papers)
    assert [p.line for p in papers] == sorted({p.line for p in papers})
    assert_labels_valid(papers)


def test_full_lists_badge_kinds_are_all_mapped() -> None:
    """Every badge kind the snapshots use is in the readers' tables (mapped, or known to map to nothing)."""
    import re

    pprp, horseee = SNAPSHOTS / "pprp-llm-prune/README.md", SNAPSHOTS / "horseee-efficient-llm/pruning.md"
    if not (pprp.exists() and horseee.exists()):
        pytest.skip("the snapshots are not here")
    labels = "\n".join(
        line for line in pprp.read_text(encoding="utf-8").splitlines() if re.match(r"\s+- Labels?:", line)
    )
    assert {m.lower() for m in re.findall(r"badge/(\w+)-\w+\.svg", labels)} <= set(labelled_bullets._BADGES)
    types = re.findall(r"\[!\[Type\]\(https://img\.shields\.io/badge/([^)]+)\)\]", horseee.read_text(encoding="utf-8"))
    assert {badge_tables._badge_text(t).lower() for t in types} == set(badge_tables.TYPE_BADGES)
