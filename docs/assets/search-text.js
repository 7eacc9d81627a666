/*
 * Text search of the catalog: looks the words of a query up in assets/search-text.json (built at
 * build time by prunecat.generators.text_index) and ranks the papers. Pure logic, no DOM. Used by
 * the search page and by the header's paper suggestions (header-search.js), so both rank alike.
 *
 * A query is read as units, left to right, the longest first:
 *   - a label phrase: words naming a category or facet value ("post-training", "large language
 *     models", "N:M sparsity"): papers carrying the label, or with all its words;
 *   - an author's full name ("Song Han"): that author's papers above papers with the words apart;
 *   - a word: it matches a word of the index exactly, as its start (a prefix: "prun" finds
 *     "pruning") or, from 4 letters on, with a small typo (one edit up to 6 letters, two from 7; a
 *     swap of two neighbours is one edit), never across a negation ("unstructured" is no typo of
 *     "structured"). Exact beats prefix beats typo.
 * Every unit must match (AND), except a word found in most papers ("pruning") when the query has
 * others. A paper's score for a word is its best match in each of its text (weighted by field: the
 * method name and the title above the authors, the venue, the summary), its authors and its labels,
 * summed; a unit's score is times its rarity (idf); the paper's score is the sum over the units.
 * Then the paper whose method name (its algorithm, a short title head, what its acronym stands
 * for) holds the whole query gains, the more so the more of the name the query covers: "lottery
 * ticket" puts The Lottery Ticket Hypothesis (LTH) above The Elastic Lottery Ticket Hypothesis.
 */
(function (ns) {
  "use strict";

  // by field ("named": title words naming the method), and an author's full name ("person")
  var FIRST_AUTHOR = 1.25; // the weight of a full-name match on a paper's first author
  var WEIGHTS = { algorithm: 3, named: 3, title: 2, person: 2, authors: 1, note: 0.75, venue: 0.75, summary: 0.5, taxonomy: 1 };
  var EXACT = 1;
  var INEXACT = 0.3; // prefix and typo matches of a word that is itself in the index count less still
  var TYPO = [1, 0.45, 0.3]; // by number of edits
  var MAX_TERMS = 32; // words of one query (more are ignored)
  var MAX_TERM = 64; // letters of one word looked up with typos
  var CACHE = 48; // query words whose scores are kept (typing repeats the earlier words)
  var JOIN = new Set(["semi", "non", "un", "anti"]); // as JOIN_PREFIXES in text_index.py
  var COLON_PART = 3; // as COLON_PART in text_index.py
  var NEGATIONS = ["un", "non", "semi", "anti"]; // a typo match never adds or drops one of these
  var SOFT = 0.5; // a word in more than this share of the papers is optional beside other words
  var NAME = 1; // the method-name gain at full coverage: score * (1 + NAME * coverage)
  var RERANK = 200; // the best papers by score that the method-name gain may reorder
  var STRIDE = 1024; // facet * STRIDE + value in "values" and "phrases"

  function fold(text) {
    // lower case without accents, so "muller" finds "Müller" (as prunecat.generators.text_index.fold)
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    // the folded words of a text in order, compounds kept whole ("n:m", "semistructured") as
    // prunecat.generators.text_index.terms does
    var runs = fold(text || "").match(/[\p{L}\p{N}]+(?:[:-][\p{L}\p{N}]+)*/gu) || [];
    var out = [];
    runs.forEach(function (run) {
      var parts = run.split(/[:-]/), seps = run.match(/[:-]/g) || [];
      if (parts.length > 1 && seps.every(function (s) { return s === ":"; }) &&
          parts.every(function (p) { return p.length <= COLON_PART; })) {
        out.push(run);
        return;
      }
      out.push(parts[0]);
      for (var i = 1; i < parts.length; i++) {
        if (seps[i - 1] === "-" && JOIN.has(out[out.length - 1])) out[out.length - 1] += parts[i];
        else out.push(parts[i]);
      }
    });
    return out;
  }

  function tokens(text) {
    // the words of a query, without repeats, in order
    var all = words(text), seen = new Set(), out = [];
    for (var i = 0; i < all.length && out.length < MAX_TERMS; i++) {
      if (!seen.has(all[i])) {
        seen.add(all[i]);
        out.push(all[i]);
      }
    }
    return out;
  }

  function maxTypos(length) {
    return length < 4 || length > MAX_TERM ? 0 : length < 7 ? 1 : 2;
  }

  function prefixFactor(queryLength, termLength) {
    // between a typo's (0.45) and an exact match's (1): the more of the word typed, the higher
    return 0.6 + 0.3 * queryLength / termLength;
  }

  function crossesNegation(a, b) {
    // "structured" / "unstructured", "uniform" / "nonuniform": opposite words, not typos
    return NEGATIONS.some(function (x) { return (a.lastIndexOf(x, 0) === 0) !== (b.lastIndexOf(x, 0) === 0); });
  }

  function singular(w) {
    return w.length > 3 && w.charAt(w.length - 1) === "s" ? w.slice(0, -1) : w;
  }

  var rows = [new Int32Array(0), new Int32Array(0), new Int32Array(0)]; // reused: no garbage per word

  function editDistance(a, b, max) {
    // edits (insert, delete, substitute, swap two neighbours) from a to b, or max + 1 if more
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > max) return max + 1;
    if (rows[0].length < lb + 1) rows = [new Int32Array(lb + 1), new Int32Array(lb + 1), new Int32Array(lb + 1)];
    var prev2 = rows[0], prev = rows[1], cur = rows[2], t;
    for (var j = 0; j <= lb; j++) prev[j] = j;
    for (var i = 1; i <= la; i++) {
      cur[0] = i;
      var best = i, ai = a.charCodeAt(i - 1);
      for (j = 1; j <= lb; j++) {
        var bj = b.charCodeAt(j - 1);
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
        if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < d) d = prev2[j - 2] + 1;
        cur[j] = d;
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[lb] > max ? max + 1 : prev[lb];
  }

  function lowerBound(sorted, key) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function idf(N, n) {
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  }

  /*
   * The index over `data` (search-text.json). `ctx` describes search-index.json, which the
   * postings point into: count (papers), authors (per paper, indexes into the author
   * dictionary), facets (in index order: {id, kind, col}), rank (per paper, its place in the
   * order of ties: newest first).
   */
  function createIndex(data, ctx) {
    if (!data || data.version !== 2 || !Array.isArray(data.terms) || data.count !== ctx.count) {
      throw new Error("the text index does not match the catalog; reload the page");
    }
    var N = ctx.count, terms = data.terms, nameLength = data.names || [];
    var FB = 1 << data.fields.length; // field bits per posting
    var fieldWeight = new Float64Array(FB), algBit = 1 << data.fields.indexOf("algorithm"), namedBit = 1 << data.fields.indexOf("named");
    for (var bits = 1; bits < FB; bits++) {
      for (var b = 0; b < data.fields.length; b++) if (bits & (1 << b)) fieldWeight[bits] += WEIGHTS[data.fields[b]] || 0;
    }
    var byLength = [];
    terms.forEach(function (t, i) { (byLength[t.length] || (byLength[t.length] = [])).push(i); });
    var phrases = new Map(), longest = 1; // singular words joined by " " -> label codes
    (data.phrases || []).forEach(function (entry) {
      var key = entry[0].split(" ").map(singular);
      longest = Math.max(longest, key.length);
      phrases.set(key.join(" "), (phrases.get(key.join(" ")) || []).concat(entry[1]));
    });
    var postings = new Array(terms.length); // decoded on first use
    var authorPapers = null, authorWords = null;
    var cache = new Map();

    function papersOf(i) {
      if (!postings[i]) {
        var raw = data.papers[i] || [], ids = new Int32Array(raw.length), fields = new Uint8Array(raw.length), p = 0;
        for (var k = 0; k < raw.length; k++) {
          p += Math.floor(raw[k] / FB);
          ids[k] = p;
          fields[k] = raw[k] % FB;
        }
        postings[i] = { ids: ids, fields: fields };
      }
      return postings[i];
    }

    function authorsOf(i) {
      var out = [], a = 0, raw = data.authors[i] || [];
      for (var k = 0; k < raw.length; k++) out.push(a += raw[k]);
      return out;
    }

    function papersOfAuthor(a) {
      if (!authorPapers) {
        authorPapers = [];
        for (var p = 0; p < N; p++) {
          var list = ctx.authors[p];
          for (var k = 0; k < list.length; k++) (authorPapers[list[k]] || (authorPapers[list[k]] = [])).push(p);
        }
      }
      return authorPapers[a] || [];
    }

    function exactTerm(w) {
      var i = lowerBound(terms, w);
      return terms[i] === w ? i : -1;
    }

    function variants(q, strict) {
      // index words matching q: term index -> factor (exact 1 > prefix > typo; strict: no typo)
      var out = new Map();
      for (var i = lowerBound(terms, q); i < terms.length && terms[i].lastIndexOf(q, 0) === 0; i++) {
        out.set(i, terms[i].length === q.length ? EXACT : prefixFactor(q.length, terms[i].length));
      }
      var max = strict ? 0 : maxTypos(q.length);
      for (var len = Math.max(1, q.length - max); max && len <= q.length + max; len++) {
        var group = byLength[len] || [];
        for (var g = 0; g < group.length; g++) {
          if (out.has(group[g])) continue;
          var d = editDistance(q, terms[group[g]], max);
          if (d <= max && !crossesNegation(q, terms[group[g]])) out.set(group[g], TYPO[d]);
        }
      }
      if (exactTerm(q) >= 0) out.forEach(function (f, i) { if (f < EXACT) out.set(i, f * INEXACT); });
      return out;
    }

    function remember(key, hit) {
      if (cache.size >= CACHE) cache.delete(cache.keys().next().value);
      cache.set(key, hit);
      return hit;
    }

    function finish(s, alg, named) {
      var n = 0;
      for (var p = 0; p < N; p++) if (s[p] > 0) n++;
      return { scores: s, alg: alg, named: named, count: n, idf: idf(N, n) };
    }

    function labelled(codes, mark, w) {
      // mark[p] = max(mark[p], w) for every paper carrying one of the labels
      codes.forEach(function (code) {
        var f = ctx.facets[Math.floor(code / STRIDE)], v = code % STRIDE, p;
        if (!f) return;
        var weight = w * (f.id === "venue" ? WEIGHTS.venue : WEIGHTS.taxonomy), col = f.col;
        if (f.kind === "one") {
          for (p = 0; p < N; p++) if (col[p] === v && weight > mark[p]) mark[p] = weight;
        } else {
          var bit = 1 << v;
          for (p = 0; p < N; p++) if (col[p] & bit && weight > mark[p]) mark[p] = weight;
        }
      });
    }

    function wordScores(q, strict) {
      // per paper, the best match of the word q in its text + authors + labels (0: none); `alg`
      // and `named`: the best factor of a match in its algorithm name, in the title words naming it
      var key = (strict ? "s " : "w ") + q, hit = cache.get(key);
      if (hit) return hit;
      var text = new Float64Array(N), by = new Float64Array(N), label = new Float64Array(N);
      var alg = new Float32Array(N), named = new Float32Array(N);
      variants(q, strict).forEach(function (factor, i) {
        var own = papersOf(i);
        for (var k = 0; k < own.ids.length; k++) {
          var p = own.ids[k], f = own.fields[k], w = factor * fieldWeight[f];
          if (w > text[p]) text[p] = w;
          if (f & algBit && factor > alg[p]) alg[p] = factor;
          if (f & namedBit && factor > named[p]) named[p] = factor;
        }
        authorsOf(i).forEach(function (a) {
          var list = papersOfAuthor(a), w = factor * WEIGHTS.authors;
          for (var m = 0; m < list.length; m++) if (w > by[list[m]]) by[list[m]] = w;
        });
        labelled(data.values[i] || [], label, factor);
      });
      for (var p = 0; p < N; p++) text[p] += by[p] + label[p];
      return remember(key, finish(text, alg, named));
    }

    function allWords(ws, strict, s, alg, named) {
      // s[p] += the sum of the words' scores for papers matching every word; alg, named: the least
      var parts = ws.map(function (w) { return wordScores(w, strict); });
      for (var p = 0; p < N; p++) {
        var sum = 0, a = 1, b = 1;
        for (var k = 0; k < parts.length && sum >= 0; k++) {
          var x = parts[k].scores[p];
          sum = x > 0 ? sum + x : -1;
          a = Math.min(a, parts[k].alg[p]);
          b = Math.min(b, parts[k].named[p]);
        }
        if (sum > 0) {
          s[p] += sum;
          alg[p] = a;
          named[p] = b;
        }
      }
    }

    function authorsNamed(run) {
      // the authors whose name is exactly the words of run (in any order: "Han Song" too)
      if (!authorWords) { // words per author, from the postings (the dictionary is not at hand)
        authorWords = [];
        for (var i = 0; i < terms.length; i++) authorsOf(i).forEach(function (a) { authorWords[a] = (authorWords[a] || 0) + 1; });
      }
      var found = null;
      for (var k = 0; k < run.length; k++) {
        var i = exactTerm(run[k]);
        if (i < 0) return [];
        var ids = new Set(authorsOf(i));
        found = found ? found.filter(function (a) { return ids.has(a); }) : Array.from(ids);
        if (!found.length) return [];
      }
      return found.filter(function (a) { return authorWords[a] === run.length; });
    }

    function parse(ws) {
      // the query's units, longest first: label phrases and full names, else single words
      var units = [], i = 0;
      while (i < ws.length) {
        var unit = null;
        for (var len = Math.min(Math.max(longest, 4), ws.length - i); len >= 2 && !unit; len--) {
          var run = ws.slice(i, i + len), codes = len <= longest && phrases.get(run.map(singular).join(" "));
          if (codes) unit = { kind: "label", words: run, codes: codes };
          else if (len <= 4) {
            var who = authorsNamed(run);
            if (who.length) unit = { kind: "name", words: run, authors: who };
          }
        }
        unit = unit || { kind: "word", words: [ws[i]] };
        units.push(unit);
        i += unit.words.length;
      }
      return units;
    }

    function unitScores(unit) {
      if (unit.kind === "word") return wordScores(unit.words[0]);
      var key = unit.kind + " " + unit.words.join(" ");
      var hit = cache.get(key);
      if (hit) return hit;
      var s = new Float64Array(N), alg = new Float32Array(N), named = new Float32Array(N), mark = new Float64Array(N), p;
      allWords(unit.words, unit.kind === "label", s, alg, named); // a label's name is typed right: no typos
      if (unit.kind === "label") labelled(unit.codes, mark, unit.words.length);
      else {
        unit.authors.forEach(function (a) {
          // a paper the person wrote as first author ranks above one they co-wrote
          papersOfAuthor(a).forEach(function (q) {
            mark[q] = unit.words.length * WEIGHTS.person * (ctx.authors[q][0] === a ? FIRST_AUTHOR : 1);
          });
        });
      }
      for (p = 0; p < N; p++) s[p] += mark[p];
      return remember(key, finish(s, alg, named));
    }

    function search(query) {
      // the papers matching the query, best first: {ids: Int32Array, scores: Float64Array}
      // (scores per paper); null for a query without words
      var ws = tokens(query);
      if (!ws.length) return null;
      var units = parse(ws), scored = units.map(unitScores);
      var soft = scored.map(function (u) { return u.count > SOFT * N; });
      var required = scored.filter(function (u, k) { return !soft[k]; });
      if (!required.length) required = scored;
      var total = new Float64Array(N), list = [], p, k;
      for (p = 0; p < N; p++) {
        for (k = 0; k < required.length && required[k].scores[p] > 0; k++);
        if (k < required.length) continue;
        for (k = 0; k < scored.length; k++) total[p] += scored[k].scores[p] * scored[k].idf;
        list.push(p);
      }
      var rank = ctx.rank;
      var order = function (a, b) { return total[b] - total[a] || (rank ? rank[a] - rank[b] : a - b); };
      list.sort(order);
      // the method-name gain, for the best papers whose method's name (its algorithm name, or the
      // title words naming it) holds every required unit, the more the more of a name is covered;
      // of the papers whose whole name the query is, the oldest introduced it: it goes first
      var top = list.slice(0, RERANK), origin = -1;
      top.forEach(function (p) {
        var sizes = [nameLength[p] & 15, nameLength[p] >> 4], covered = [0, 0], least = 1;
        for (var k = 0; k < scored.length; k++) {
          var a = scored[k].alg[p], b = scored[k].named[p];
          if (a > 0) covered[0] += units[k].words.length;
          if (b > 0) covered[1] += units[k].words.length;
          if (!soft[k] || required === scored) least = Math.min(least, Math.max(a, b));
        }
        var coverage = Math.max(sizes[0] ? covered[0] / sizes[0] : 0, sizes[1] ? covered[1] / sizes[1] : 0);
        if (!(least > 0 && coverage > 0)) return;
        total[p] *= 1 + NAME * least * Math.min(1, coverage);
        if (coverage < 1 || least < EXACT) return;
        if (origin < 0 || (rank ? rank[p] > rank[origin] : p < origin)) origin = p;
      });
      top.sort(order);
      if (origin >= 0) top.splice(top.indexOf(origin), 1), top.unshift(origin);
      for (k = 0; k < top.length; k++) list[k] = top[k];
      return { ids: Int32Array.from(list), scores: total, units: units };
    }

    return { search: search, variants: variants, parse: parse, terms: terms };
  }

  ns.text = {
    WEIGHTS: WEIGHTS, fold: fold, words: words, tokens: tokens, maxTypos: maxTypos, prefixFactor: prefixFactor,
    crossesNegation: crossesNegation, editDistance: editDistance, createIndex: createIndex,
  };
})(window.prunecatSearch = window.prunecatSearch || {});
