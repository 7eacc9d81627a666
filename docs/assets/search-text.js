/*
 * Text search of the search page: looks the words of a query up in assets/search-text.json (built
 * at build time by prunecat.generators.text_index) and ranks the papers. Pure logic, no DOM.
 *
 * A query word matches a word of the index exactly, as its start (a prefix: "prun" finds
 * "pruning") or, from 4 letters on, with a small typo (one edit up to 6 letters, two from 7; a
 * swap of two neighbours is one edit). Exact beats prefix beats typo. Every query word must match
 * (AND). A paper's score for a word is the best of its matches, weighted by field (the algorithm
 * name and the title above the authors, the venue, the summary and the taxonomy's terms), times the
 * word's rarity (idf); the paper's score is the sum over the query's words.
 */
(function (ns) {
  "use strict";

  var WEIGHTS = { algorithm: 3, title: 2, authors: 1, note: 0.75, venue: 0.75, summary: 0.5, taxonomy: 0.5 };
  var EXACT = 1;
  var TYPO = [1, 0.45, 0.3]; // by number of edits
  var MAX_TERMS = 32; // words of one query (more are ignored)
  var MAX_TERM = 64; // letters of one word looked up with typos
  var CACHE = 48; // query words whose scores are kept (typing repeats the earlier words)

  function fold(text) {
    // lower case without accents, so "muller" finds "Müller" (as prunecat.generators.text_index.fold)
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function tokens(text) {
    // the folded words (runs of letters and digits) of a text, without repeats, in order
    var words = fold(text || "").match(/[\p{L}\p{N}]+/gu) || [];
    var seen = Object.create(null), out = [];
    for (var i = 0; i < words.length && out.length < MAX_TERMS; i++) {
      if (!seen[words[i]]) {
        seen[words[i]] = true;
        out.push(words[i]);
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

  /*
   * The index over `data` (search-text.json). `ctx` describes search-index.json, which the
   * postings point into: count (papers), authors (per paper, indexes into the author
   * dictionary), facets (in index order: {id, kind, col}), taxonomy (facet id -> true for the
   * taxonomy's facets), rank (per paper, its place in the order of ties: newest first).
   */
  function createIndex(data, ctx) {
    if (!data || data.version !== 1 || !Array.isArray(data.terms) || data.count !== ctx.count) {
      throw new Error("the text index does not match the catalog; reload the page");
    }
    var N = ctx.count, terms = data.terms;
    var fieldWeight = new Float64Array(16);
    for (var bits = 1; bits < 16; bits++) {
      for (var b = 0; b < data.fields.length; b++) if (bits & (1 << b)) fieldWeight[bits] += WEIGHTS[data.fields[b]] || 0;
    }
    var byLength = [];
    terms.forEach(function (t, i) { (byLength[t.length] || (byLength[t.length] = [])).push(i); });
    var postings = new Array(terms.length); // decoded on first use
    var authorPapers = null;
    var cache = new Map();

    function papersOf(i) {
      if (!postings[i]) {
        var raw = data.papers[i] || [], ids = new Int32Array(raw.length), fields = new Uint8Array(raw.length), p = 0;
        for (var k = 0; k < raw.length; k++) {
          p += Math.floor(raw[k] / 16);
          ids[k] = p;
          fields[k] = raw[k] % 16;
        }
        postings[i] = { ids: ids, fields: fields };
      }
      return postings[i];
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

    function variants(q) {
      // index words matching q: term index -> factor (exact 1 > prefix > typo)
      var out = new Map();
      for (var i = lowerBound(terms, q); i < terms.length && terms[i].lastIndexOf(q, 0) === 0; i++) {
        out.set(i, terms[i].length === q.length ? EXACT : prefixFactor(q.length, terms[i].length));
      }
      var max = maxTypos(q.length);
      for (var len = Math.max(1, q.length - max); max && len <= q.length + max; len++) {
        var group = byLength[len] || [];
        for (var g = 0; g < group.length; g++) {
          if (out.has(group[g])) continue;
          var d = editDistance(q, terms[group[g]], max);
          if (d <= max) out.set(group[g], TYPO[d]);
        }
      }
      return out;
    }

    function termScores(q) {
      // per paper, the best weighted match of the query word q (0: none), and q's idf
      var hit = cache.get(q);
      if (hit) return hit;
      var s = new Float64Array(N);
      var put = function (p, w) { if (w > s[p]) s[p] = w; };
      variants(q).forEach(function (factor, i) {
        var own = papersOf(i);
        for (var k = 0; k < own.ids.length; k++) put(own.ids[k], factor * fieldWeight[own.fields[k]]);
        var a = 0, authors = data.authors[i] || [];
        for (k = 0; k < authors.length; k++) {
          a += authors[k];
          var list = papersOfAuthor(a);
          for (var m = 0; m < list.length; m++) put(list[m], factor * WEIGHTS.authors);
        }
        (data.values[i] || []).forEach(function (code) {
          var f = ctx.facets[Math.floor(code / 1024)], v = code % 1024;
          if (!f) return;
          var w = factor * (f.id === "venue" ? WEIGHTS.venue : WEIGHTS.taxonomy), col = f.col, p;
          if (f.kind === "one") {
            for (p = 0; p < N; p++) if (col[p] === v) put(p, w);
          } else {
            var bit = 1 << v;
            for (p = 0; p < N; p++) if (col[p] & bit) put(p, w);
          }
        });
      });
      var n = 0;
      for (var p = 0; p < N; p++) if (s[p] > 0) n++;
      hit = { scores: s, count: n, idf: Math.log(1 + (N - n + 0.5) / (n + 0.5)) };
      if (cache.size >= CACHE) cache.delete(cache.keys().next().value);
      cache.set(q, hit);
      return hit;
    }

    function search(query) {
      // the papers matching every word of query, best first: {ids: Int32Array, scores: Float64Array}
      // (scores per paper); null for a query without words
      var words = tokens(query);
      if (!words.length) return null;
      var total = new Float64Array(N), matched = new Uint8Array(N);
      words.forEach(function (w) {
        var t = termScores(w);
        for (var p = 0; p < N; p++) {
          if (t.scores[p] > 0) {
            total[p] += t.scores[p] * t.idf;
            matched[p]++;
          }
        }
      });
      var list = [];
      for (var p = 0; p < N; p++) if (matched[p] === words.length) list.push(p);
      var rank = ctx.rank;
      list.sort(function (a, b) { return total[b] - total[a] || (rank ? rank[a] - rank[b] : a - b); });
      return { ids: Int32Array.from(list), scores: total };
    }

    return { search: search, variants: variants, terms: terms };
  }

  ns.text = {
    WEIGHTS: WEIGHTS, fold: fold, tokens: tokens, maxTypos: maxTypos, prefixFactor: prefixFactor,
    editDistance: editDistance, createIndex: createIndex,
  };
})(window.prunecatSearch = window.prunecatSearch || {});
