"""Unit tests of the search page's pure modules (docs/assets/search-{state,filter,text,export}.js),
run in Chromium without the site: the module files are loaded into a blank page and their
functions called with `page.evaluate`.

The data is a hand-made index of five papers (its text index built by the Python generator, so
the Python/JS contract is tested too) and, for the text search, the fixture catalog of the
browser tests.
"""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace

import pytest

try:  # the one CSV definition of the CLI and the site (issue 11), or before it, the CLI's own
    from prunecat.generators.csv_export import cell as csv_cell
except ImportError:  # pragma: no cover
    from prunecat.commands.export import csv_cell
from prunecat.generators.csv_export import COLUMNS as CSV_COLUMNS
from prunecat.generators.search_index import index_data
from prunecat.generators.text_index import terms, text_index_data

from conftest import ROOT

ASSETS = ROOT / "docs" / "assets"
PURE = ["search-state.js", "search-filter.js", "search-text.js", "search-export.js"]

# Five papers: 0 prunes (title, exact), 1 pruned (title, prefix), 2 prone (title, a typo), 3 has
# "prune" as its algorithm name, 4 only in its summary. Venues, models, an axis with a sub-category.
TINY = {
    "version": 1,
    "states": ["none", "unclear"],
    "count": 5,
    "csv": list(CSV_COLUMNS),
    "facets": [
        {
            "id": "when",
            "name": "When",
            "title": "When to Prune",
            "kind": "axis",
            "values": [
                {"id": "after-training", "name": "Pruning after training"},
                {"id": "post-training", "name": "Post-training pruning", "parent": 0},
                {"id": "before-training", "name": "Pruning before training"},
            ],
        },
        {
            "id": "model",
            "name": "Model",
            "kind": "set",
            "values": [{"id": "llm", "name": "Large language models", "code": "LLM"}, {"id": "cnn", "name": "CNN"}],
        },
        {
            "id": "venue",
            "name": "Venue",
            "kind": "one",
            "values": [{"id": "ICLR", "name": "ICLR"}, {"id": "NeurIPS", "name": "NeurIPS"}],
        },
        {
            "id": "code",
            "name": "Code",
            "kind": "set",
            "values": [{"id": "yes", "name": "Code available"}, {"id": "no", "name": "No code"}],
        },
    ],
    "years": [2019, 2023],
    "authors": ["Elias Frantar", "Dan Alistarh", "Jonathan Frankle", "Jörg Müller"],
    "papers": {
        "key": ["p0", "p1", "p2", "p3", "p4"],
        "title": [
            "Ways to prune a network",
            "Networks pruned early",
            "Prone to error",
            "=cmd|' /C calc'!A0",
            "Compression, quickly",
        ],
        "algorithm": ["", "", "", "prune", "ZAP"],
        "summary": ["", "", "", "", "We prune a model, then quantise it."],
        "year": [2023, 2019, 2021, 2020, 2023],
        "note": ["", "Oral", "", "", ""],
        "authors": [[0, 1], [2], [3], [], [0]],
        "pioneer": [0, 1, 0, 0, 0],
        "survey": [0, 0, 0, 0, 1],
        "analysis": [0, 0, 1, 0, 0],
        "code": ["https://github.com/x/y", "", "", "", ""],
        "code_more": {},
        "facets": {
            "when": [0b011, 0b001, 0b100, 0, 0b001],
            "model": [0b01, 0b10, 0b10, 0, 0b01],
            "venue": [0, 1, 0, -1, 1],
            "code": [0b01, 0b10, 0b10, 0b10, 0b10],
        },
        "labels": {"when": [0b010, 0b001, 0b100, 0, 1 << 3]},
    },
}
TAXONOMY = SimpleNamespace(
    taxonomy=SimpleNamespace(axes=[SimpleNamespace(id="when")], facets=[SimpleNamespace(id="model")])
)

SETUP = """([D, T]) => {
  const ns = window.prunecatSearch;
  const defs = ns.filter.defineFacets(D);
  const order = ns.filter.sortOrders(D.papers.title, D.papers.year);
  const keyIndex = new Map(D.papers.key.map((k, i) => [k, i]));
  const text = ns.text.createIndex(T, {count: D.count, authors: D.papers.authors, facets: defs.facets,
                                        rank: ns.filter.rankOf(order.newest)});
  window.t = {ns, D, facets: defs.facets, byId: defs.byId, order, keyIndex, text,
              cat: {D, facets: defs.facets, keys: D.papers.key, titles: D.papers.title, years: D.papers.year, states: D.states}};
  return true;
}"""


@pytest.fixture
def js(page):
    page.set_content("<!doctype html><html lang='en'><head><title>t</title></head><body></body></html>")
    for name in PURE:
        page.add_script_tag(path=str(ASSETS / name))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.evaluate(SETUP, [TINY, text_index_data(TAXONOMY, TINY)])
    yield page
    assert not errors


def keys(page, query: str) -> list[str]:
    return page.evaluate("q => Array.from(t.text.search(q).ids, p => t.D.papers.key[p])", query)


# ---------------------------------------------------------------------------------------------


def test_modules_are_small_and_pure():
    for path in ASSETS.glob("search*.js"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
    for name in PURE:
        text = (ASSETS / name).read_text(encoding="utf-8")
        assert "document." not in text and "innerHTML" not in text, name


def test_folding_and_words_agree_with_python(js):
    samples = [
        "Müller, Jörg",
        "SparseGPT: N:M sparsity, sparsity!",
        "L0-norm_regularisation 2:4",
        "Ångström ÉCOLE",
        "深度 网络",
        "x²",
        "  ",
        "can't stop—won't",
        "Semi-Structured, non-uniform un-pruned anti-aliased semi-semi-x post-training",
        "Beyond 2:4: V:N:M abc:defgh -semi- 1xN",
    ]
    got = js.evaluate("xs => xs.map(x => t.ns.text.tokens(x))", samples)
    assert got == [list(dict.fromkeys(terms(s))) for s in samples]
    assert got[0] == ["muller", "jorg"] and got[1] == ["sparsegpt", "n:m", "sparsity"]
    # compounds stay one word: a qualifying prefix ("semi-", "non-"), short parts joined by colons
    assert got[-2][:4] == ["semistructured", "nonuniform", "unpruned", "antialiased"]
    assert got[-2][4:] == ["semisemi", "x", "post", "training"]
    assert got[-1] == ["beyond", "2:4", "v:n:m", "abc", "defgh", "semi", "1xn"]


def test_edit_distance_and_match_kinds(js):
    ed = js.evaluate("""() => [['sparsgpt', 'sparsegpt', 2], ['prunnig', 'pruning', 2], ['abc', 'xyz', 1],
        ['lotery', 'lottery', 1], ['same', 'same', 1]].map(([a, b, m]) => t.ns.text.editDistance(a, b, m))""")
    assert ed == [1, 1, 2, 1, 0]  # a swap of neighbours is one edit; past the limit: limit + 1
    assert js.evaluate("[2, 3, 4, 6, 7, 30].map(n => t.ns.text.maxTypos(n))") == [0, 0, 1, 1, 2, 2]
    kinds = (
        """q => { const out = {}; t.text.variants(q).forEach((f, i) => { out[t.text.terms[i]] = f; }); return out; }"""
    )
    # "prun" is no word of the index: its prefix matches count between a typo's and an exact match's
    prun = js.evaluate(kinds, "prun")
    assert 0.6 < prun["pruned"] < prun["prune"] < 1 and "prone" not in prun  # under 4 letters: no typos
    # "prune" is a word of the index: its own matches first, prefix and typo matches far behind
    prune = js.evaluate(kinds, "prune")
    assert prune["prune"] == 1 and 0 < prune["prone"] < prune["pruned"] < 0.3
    assert js.evaluate("Array.from(t.text.variants('cnx').keys())") == []
    # a typo never crosses a negation: "structured" is not "unstructured" (two edits away)
    assert js.evaluate(
        "[['structured', 'unstructured'], ['nonuniform', 'uniform'], ['prune', 'prone']]"
        ".map(([a, b]) => t.ns.text.crossesNegation(a, b))"
    ) == [True, True, False]


def test_ranking_exact_prefix_typo_and_fields(js):
    # algorithm name (3) > title (2) > summary (0.5); exact > prefix > typo: p4's exact "prune" in its
    # summary beats p2's typo "prone" in its title, not p1's "pruned" in its title
    assert keys(js, "prune") == ["p3", "p0", "p1", "p4", "p2"]
    assert keys(js, "PRUNE!") == keys(js, "prune")  # case and punctuation do not matter
    assert keys(js, "prun")[:2] == ["p3", "p0"]


def test_every_word_must_match_and_entities(js):
    assert keys(js, "frantar") == ["p4", "p0"]  # an author's papers (equal scores: newest, then by title)
    assert keys(js, "muller") == ["p2"]  # accents folded
    assert keys(js, "frantar quantise") == ["p4"]  # AND: the summary has the second word
    assert keys(js, "frantar frankle") == []
    assert keys(js, "llm") == ["p4", "p0"]  # the facet value's code, a taxonomy term
    assert set(keys(js, "post training")) == {"p0"}  # a sub-category's name
    assert keys(js, "neurips oral") == ["p1"]  # venue and venue note
    assert js.evaluate("t.text.search('  ;; ')") is None  # no words: no text filter


def test_url_state_round_trip(js):
    out = js.evaluate(
        """href => {
      const s = t.ns.state.readState(href, t.facets, t.keyIndex);
      return {inc: [...s.sel.when.inc], exc: [...s.sel.when.exc], model: [...s.sel.model.inc], year: s.year, q: s.q,
              sort: s.sort, cmp: s.cmp, unknown: s.cmpUnknown, qs: t.ns.state.queryString(s, t.facets, t.D.papers.key)};
    }""",
        "http://x/search/?when=after-training,-post-training,bogus&model=LLM&year=2021..2019&q=sparse%20gpt"
        "&sort=title&compare=p1,zz,p0,p1",
    )
    assert out["inc"] == [0] and out["exc"] == [1] and out["model"] == [0]
    assert out["year"] == {"lo": 2019, "hi": 2021} and out["q"] == "sparse gpt" and out["sort"] == "title"
    assert out["cmp"] == [1, 0] and out["unknown"] == ["zz"]
    assert (
        out["qs"]
        == "?q=sparse%20gpt&when=after-training,-post-training&model=llm&year=2019-2021&sort=title&compare=p1,p0"
    )


def test_url_state_edge_cases(js):
    got = js.evaluate("""() => {
      const S = t.ns.state;
      const read = h => S.readState(h, t.facets, t.keyIndex);
      const many = read('http://x/?compare=p0,p1,p2,p3,p4');
      return {years: ['2020', '2020-', '-2021', 'abc', '20201'].map(S.parseYear),
              badEscape: read('http://x/?q=%E0%A4%A&when=%ZZ').q,
              notParam: [...read('http://x/?not_model=cnn').sel.model.exc],
              dropped: [many.cmp.length, many.cmpDropped],
              defaultSort: S.queryString(read('http://x/?sort=newest'), t.facets, []),
              relevanceWithoutText: S.effectiveSort(read('http://x/?sort=relevance')),
              empty: S.queryString(S.emptyState(t.facets), t.facets, [])};
    }""")
    assert got["years"] == [{"lo": 2020, "hi": 2020}, {"lo": 2020, "hi": None}, {"lo": None, "hi": 2021}, None, None]
    assert got["badEscape"] == "%E0%A4%A"  # a broken escape is kept as written, never thrown
    assert got["notParam"] == [1]
    assert got["dropped"] == [4, ["p4"]]
    assert got["defaultSort"] == "" and got["relevanceWithoutText"] == "newest" and got["empty"] == ""


def test_filter_and_live_counts(js):
    got = js.evaluate(
        """href => {
      const s = t.ns.state.readState(href, t.facets, t.keyIndex);
      const out = t.ns.filter.run(s, t.facets, t.D.papers.year, t.order, null);
      return {matched: out.matched.map(p => t.D.papers.key[p]), yearOthers: out.yearOthers,
              when: Array.from(t.byId.when.counts), model: Array.from(t.byId.model.counts), venue: Array.from(t.byId.venue.counts)};
    }""",
        "http://x/?when=after-training,-post-training&year=2020-",
    )
    assert got["matched"] == ["p4"]  # p0 is post-training (excluded), p1 is from 2019
    assert got["yearOthers"] == 2  # p1 and p4 pass all but the year range
    # a value's count: papers it gives with the other filters unchanged
    assert got["when"] == [2, 1, 1] and got["model"] == [1, 0] and got["venue"] == [0, 1]
    newest = js.evaluate(
        "Array.from(t.ns.filter.run(t.ns.state.emptyState(t.facets), t.facets, t.D.papers.year, t.order, null).matched)"
    )
    assert newest == [4, 0, 2, 3, 1]  # newest first, ties by title ("Compression" before "Ways")
    text = js.evaluate("""() => { const s = t.ns.state.readState('http://x/?q=prune&sort=oldest', t.facets, t.keyIndex);
        return t.ns.filter.run(s, t.facets, t.D.papers.year, t.order, t.text.search(s.q).ids).matched; }""")
    assert text == [1, 3, 2, 4, 0]  # text matches in the sort asked for
    assert js.evaluate("[0, 5, 1234, 1234567].map(t.ns.filter.fmt)") == ["0", "5", "1,234", "1,234,567"]


def test_csv_and_records(js):
    cells = ["=1+1", "+x", "-3", "@a", "\tTAB", 'say "hi", then', "plain", ["a", "b"], True, False, None, 2020]
    assert js.evaluate("xs => xs.map(t.ns.exporting.csvCell)", cells) == [csv_cell(c) for c in cells]
    text = js.evaluate("t.ns.exporting.csvText(t.cat, [0, 3], p => 'http://x/papers/' + t.D.papers.key[p] + '/')")
    assert text.endswith("\r\n") and text.count("\r\n") == 3
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert text.startswith("key,title,authors,year,venue,venue_note,algorithm,")
    assert [r["key"] for r in rows] == ["p0", "p3"]
    assert (
        rows[0]["authors"] == "Elias Frantar; Dan Alistarh" and rows[0]["when"] == "post-training"
    )  # labels as written
    assert rows[0]["model"] == "llm" and rows[0]["page"] == "http://x/papers/p0/" and rows[0]["venue"] == "ICLR"
    assert rows[1]["title"] == "'=cmd|' /C calc'!A0" and rows[1]["algorithm"] == "prune"  # no formula in a spreadsheet
    rec = js.evaluate("t.ns.exporting.record(t.cat, 4, 'u')")
    assert rec["labels"]["when"] == ["none"] and rec["axes"]["when"] == ["after-training"] and rec["survey"] is True
    assert rec["venue"] == "NeurIPS" and rec["model"] == ["llm"] and "code" not in rec["labels"]


def test_bibtex_entries_by_key(js):
    bib = "% comment\n@article{p0,\n  title = {A}\n}\n\n@inproceedings{other,\n title={B}}\n@misc{p4,\n  title = {@misc{p9, x}}\n}\n"
    got = js.evaluate(
        """b => { const m = t.ns.exporting.bibEntries(b, t.D.papers.key);
        return {keys: [...m.keys()], p0: m.get('p0'), all: t.ns.exporting.bibText(m, ['p4', 'p2', 'p0'])}; }""",
        bib,
    )
    assert got["keys"] == ["p0", "p4"]
    assert got["p0"] == "@article{p0,\n  title = {A}\n}\n\n@inproceedings{other,\n title={B}}"  # to the next known key
    assert got["all"] == "@misc{p4,\n  title = {@misc{p9, x}}\n}\n\n" + got["p0"] + "\n"


def test_text_search_on_the_fixture_catalog(page, fixture_catalog):
    """The browser test's expectations, on the modules alone: typo, prefix, author, accents."""
    data = index_data(fixture_catalog)
    page.set_content("<!doctype html><title>t</title>")
    for name in PURE:
        page.add_script_tag(path=str(ASSETS / name))
    page.evaluate(SETUP, [data, text_index_data(fixture_catalog, data)])
    assert keys(page, "sparsgpt")[:1] == ["frantar2023sparsegpt"]
    assert "frankle2019lottery" in keys(page, "lotter")
    assert keys(page, "frantar") == ["frantar2023sparsegpt"]
    assert keys(page, "muller") == ["lin2021fedprune"]
    assert keys(page, "onerror") == ["hostile2023img"]
    # a mismatched text index (another build's) is refused, not half-used
    with pytest.raises(Exception, match="does not match"):
        page.evaluate(
            "T => window.prunecatSearch.text.createIndex(T, {count: 1})",
            json.loads(json.dumps({"version": 1, "terms": [], "count": 2})),
        )


def test_units_labels_names_and_method_names_on_the_fixture_catalog(page, fixture_catalog):
    """A query is read as label phrases, full author names and words; the taxonomy's terms find
    labelled papers and never their negation; a method's name finds the paper that introduced it."""
    data = index_data(fixture_catalog)
    page.set_content("<!doctype html><title>t</title>")
    for name in PURE:
        page.add_script_tag(path=str(ASSETS / name))
    page.evaluate(SETUP, [data, text_index_data(fixture_catalog, data)])
    units = "q => t.text.parse(t.ns.text.tokens(q)).map(u => [u.kind, u.words.join(' ')])"
    assert page.evaluate(units, "post-training pruning LLM") == [["label", "post training pruning"], ["word", "llm"]]
    assert page.evaluate(units, "Song Han sparsity") == [["name", "song han"], ["word", "sparsity"]]
    assert page.evaluate(units, "large language models") == [["label", "large language models"]]
    assert page.evaluate(units, "song") == [["word", "song"]]

    by_key = fixture_catalog.by_key()

    def speedup(key: str) -> set[str]:
        return set(by_key[key].categories.get("speedup", ()))

    unstructured, structured = keys(page, "unstructured"), keys(page, "structured")
    assert unstructured and all("unstructured" in speedup(k) for k in unstructured)
    assert structured and all("structured" in speedup(k) or "structured" in terms(by_key[k].title) for k in structured)
    assert "frankle2019lottery" not in structured and "ashkboos2024slicegpt" not in unstructured
    assert set(keys(page, "semi-structured")) == {
        p.key for p in fixture_catalog.papers if "semi-structured" in speedup(p.key)
    }
    n_m = {p.key for p in fixture_catalog.papers if "n-m" in p.facets.get("granularity", ())}
    assert n_m and set(keys(page, "2:4")) == n_m and keys(page, "N:M")[0] == "zhou2021learning"
    llm = {p.key for p in fixture_catalog.papers if "llm" in p.facets.get("model", ())}
    assert llm <= set(keys(page, "LLM")) and llm <= set(keys(page, "large language models"))

    song_han = {p.key for p in fixture_catalog.papers if "Song Han" in p.authors}
    assert len(song_han) == 2 and set(keys(page, "Song Han")[:2]) == song_han

    assert keys(page, "lottery ticket")[0] == "frankle2019lottery"  # what LTH stands for, not RigL's "Lottery"
    assert keys(page, "lotery ticket")[0] == "frankle2019lottery"
    assert keys(page, "movement pruning")[0] == "sanh2020movement"
    assert keys(page, "snip")[0] == "lee2019snip" and keys(page, "amc")[0] == "he2018amc"
