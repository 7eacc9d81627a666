/*
 * Filtering and counting over assets/search-index.json (see prunecat.generators.search_index):
 * the facet definitions, the sort orders, the papers a state selects and every facet value's
 * live count. Pure logic, no DOM; integer operations on the index's columns only.
 */
(function (ns) {
  "use strict";

  function defineFacets(D) {
    // the index's facets with their columns: [{id, name, title, about, kind, values, col, labels,
    // index, valueIndex, counts}] and the same by id
    var P = D.papers, facets = [], byId = {};
    D.facets.forEach(function (f, fi) {
      var def = {
        id: f.id, name: f.name, title: f.title || f.name, about: f.about || "", kind: f.kind,
        values: f.values, col: P.facets[f.id], labels: P.labels[f.id] || null, index: fi,
        valueIndex: ns.state.valueIndex(f.values), counts: new Int32Array(f.values.length), rows: [],
      };
      facets.push(def);
      byId[f.id] = def;
    });
    return { facets: facets, byId: byId };
  }

  function sortOrders(titles, years) {
    // {title, newest, oldest}: every paper in that order (ties: by title, then index order)
    var N = titles.length;
    var lower = titles.map(function (t) { return String(t).toLowerCase(); });
    var idx = [];
    for (var i = 0; i < N; i++) idx.push(i);
    var byTitle = idx.slice().sort(function (a, b) { return lower[a] < lower[b] ? -1 : lower[a] > lower[b] ? 1 : a - b; });
    var titleRank = new Int32Array(N);
    byTitle.forEach(function (p, r) { titleRank[p] = r; });
    var orders = {
      title: Int32Array.from(byTitle),
      newest: Int32Array.from(idx.slice().sort(function (a, b) { return years[b] - years[a] || titleRank[a] - titleRank[b]; })),
    };
    // "oldest" is sorted when first asked for: the first results never need it
    var oldest = null;
    Object.defineProperty(orders, "oldest", {
      enumerable: true,
      get: function () {
        if (!oldest) oldest = Int32Array.from(idx.slice().sort(function (a, b) { return years[a] - years[b] || titleRank[a] - titleRank[b]; }));
        return oldest;
      },
    });
    return orders;
  }

  function rankOf(order) {
    // paper -> its place in order
    var rank = new Int32Array(order.length);
    for (var r = 0; r < order.length; r++) rank[order[r]] = r;
    return rank;
  }

  function compile(state, facets, years) {
    // one test per active facet (and the year range): [{facet (null for the year), test(p)}]
    var filters = [];
    facets.forEach(function (f) {
      var sel = state.sel[f.id];
      if (!sel || (!sel.inc.size && !sel.exc.size)) return;
      var col = f.col;
      if (f.kind === "one") {
        var look = new Uint8Array(f.values.length);
        sel.inc.forEach(function (i) { look[i] = 1; });
        sel.exc.forEach(function (i) { look[i] = 2; });
        var needInc = sel.inc.size > 0;
        filters.push({ facet: f, test: function (p) {
          var v = col[p];
          var s = v < 0 ? 0 : look[v];
          return s !== 2 && (!needInc || s === 1);
        } });
      } else {
        var inc = 0, exc = 0;
        sel.inc.forEach(function (i) { inc |= 1 << i; });
        sel.exc.forEach(function (i) { exc |= 1 << i; });
        filters.push({ facet: f, test: function (p) {
          var m = col[p];
          return (inc === 0 || (m & inc) !== 0) && (m & exc) === 0;
        } });
      }
    });
    if (state.year) {
      var lo = state.year.lo !== null ? state.year.lo : -Infinity;
      var hi = state.year.hi !== null ? state.year.hi : Infinity;
      filters.push({ facet: null, test: function (p) { return years[p] >= lo && years[p] <= hi; } });
    }
    return filters;
  }

  function popcountBits(m, out) {
    // adds 1 to out[b] for every bit b set in m
    while (m) {
      var low = m & -m;
      out[31 - Math.clz32(low)]++;
      m ^= low;
    }
  }

  function countPaper(f, p) {
    var v = f.col[p];
    if (f.kind === "one") {
      if (v >= 0) f.counts[v]++;
    } else {
      popcountBits(v, f.counts);
    }
  }

  /*
   * The papers `state` selects, in display order, and every facet value's count (in f.counts):
   * how many papers it would give with the other filters unchanged (a paper failing only this
   * facet's filter counts for it). `text`: null without a query, else the ids the text search
   * matched, best first. Returns {matched: [paper], yearOthers: papers passing all but the year}.
   */
  function run(state, facets, years, order, text) {
    var filters = compile(state, facets, years);
    var nf = filters.length, nfacets = facets.length;
    for (var k = 0; k < nfacets; k++) facets[k].counts.fill(0);
    var sort = ns.state.effectiveSort(state);
    var candidates = text ? text : (order[sort] || order.newest);
    var matched = [], yearFails = 0;
    for (var c = 0; c < candidates.length; c++) {
      var p = candidates[c];
      var failed = -1, fails = 0;
      for (var j = 0; j < nf; j++) {
        if (!filters[j].test(p)) {
          fails++;
          if (fails > 1) break;
          failed = j;
        }
      }
      if (fails === 0) {
        matched.push(p);
        for (var g = 0; g < nfacets; g++) countPaper(facets[g], p);
      } else if (fails === 1) {
        var ff = filters[failed].facet;
        if (ff) countPaper(ff, p);
        else yearFails++;
      }
    }
    if (text && sort !== "relevance") matched = reorder(matched, order[sort], years.length);
    return { matched: matched, yearOthers: yearFails + matched.length };
  }

  function reorder(papers, order, n) {
    var mark = new Uint8Array(n), out = [];
    for (var m = 0; m < papers.length; m++) mark[papers[m]] = 1;
    for (var o = 0; o < order.length; o++) if (mark[order[o]]) out.push(order[o]);
    return out;
  }

  function fmt(n) {
    // 12,345 (toLocaleString is slow enough to matter on every keystroke)
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  ns.filter = {
    defineFacets: defineFacets, sortOrders: sortOrders, rankOf: rankOf, compile: compile,
    popcountBits: popcountBits, run: run, fmt: fmt,
  };
})(window.prunecatSearch = window.prunecatSearch || {});
