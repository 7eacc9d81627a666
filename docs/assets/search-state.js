/*
 * The search page's state and its URL, both ways. Pure logic, no DOM.
 *
 * One parameter per facet, comma-separated value ids, `-id` excludes a value (`not_<facet>=id`
 * too); year=FROM-TO (either side may be empty, `..` works as well as `-`); q=text;
 * sort=relevance|newest|oldest|title; compare=key1,key2,… (at most MAX_COMPARE papers).
 *
 * A state: {q, sort, year: null | {lo, hi}, sel: {facet id: {inc: Set, exc: Set}} of value
 * positions, cmp: [paper], cmpUnknown: [key], cmpDropped: [key]}.
 */
(function (ns) {
  "use strict";

  var MAX_COMPARE = 4; // columns of the comparison table: more would not fit side by side
  var SORTS = ["relevance", "newest", "oldest", "title"];

  function dec(s) {
    try {
      return decodeURIComponent(String(s).replace(/\+/g, " "));
    } catch (e) {
      return String(s);
    }
  }

  function enc(s) {
    return encodeURIComponent(s);
  }

  function parseQuery(search) {
    // "?a=1&b=x%2Cy" -> {a: "1", b: "x%2Cy"} (names decoded, values left encoded: commas split them)
    var out = Object.create(null);
    var s = search.charAt(0) === "?" ? search.slice(1) : search;
    if (!s) return out;
    s.split("&").forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf("=");
      out[dec(eq < 0 ? part : part.slice(0, eq))] = eq < 0 ? "" : part.slice(eq + 1);
    });
    return out;
  }

  function valueIndex(values) {
    // URL value -> position: ids first, then (where free) lower-case ids and the list's codes (LLM, N:M)
    var index = Object.create(null);
    values.forEach(function (v, i) { index[v.id] = i; });
    values.forEach(function (v, i) {
      [v.id.toLowerCase(), v.code ? v.code.toLowerCase() : ""].forEach(function (alias) {
        if (alias && !(alias in index)) index[alias] = i;
      });
    });
    return index;
  }

  function emptyState(facets) {
    var s = { q: "", sort: "", year: null, sel: {}, cmp: [], cmpUnknown: [], cmpDropped: [] };
    facets.forEach(function (f) { s.sel[f.id] = { inc: new Set(), exc: new Set() }; });
    return s;
  }

  function parseYear(text) {
    // "2020", "2020-", "-2021", "2019-2021", "2019..2021" -> {lo, hi} (null: open); null if not a range
    var m = /^\s*(\d{4})?\s*(?:(-|\.\.)\s*(\d{4})?)?\s*$/.exec(text);
    if (!m || !(m[1] || m[3])) return null;
    var lo = m[1] ? +m[1] : null;
    var hi = m[2] ? (m[3] ? +m[3] : null) : lo;
    if (lo !== null && hi !== null && lo > hi) { var t = lo; lo = hi; hi = t; }
    return { lo: lo, hi: hi };
  }

  function readState(href, facets, keyIndex) {
    // the state a URL asks for; facets: [{id, valueIndex}], keyIndex: Map key -> paper.
    // Unknown values and parameters are ignored; a compare= key of no paper is kept in cmpUnknown.
    var params = parseQuery(new URL(href, "http://x/").search);
    var s = emptyState(facets);
    facets.forEach(function (f) {
      var items = [];
      var raw = params[f.id];
      if (raw) raw.split(",").forEach(function (x) { items.push(dec(x)); });
      var not = params["not_" + f.id];
      if (not) not.split(",").forEach(function (x) { items.push("-" + dec(x)); });
      items.forEach(function (item) {
        var neg = item.charAt(0) === "-";
        var id = neg ? item.slice(1) : item;
        var i = f.valueIndex[id];
        if (i === undefined) i = f.valueIndex[id.toLowerCase()];
        if (i === undefined) return;
        (neg ? s.sel[f.id].exc : s.sel[f.id].inc).add(i);
        (neg ? s.sel[f.id].inc : s.sel[f.id].exc).delete(i);
      });
    });
    if (params.q) s.q = dec(params.q);
    if (params.compare) {
      params.compare.split(",").forEach(function (x) {
        var k = dec(x).trim();
        if (!k) return;
        var p = keyIndex.get(k);
        if (p === undefined) s.cmpUnknown.push(k);
        else if (s.cmp.indexOf(p) >= 0) return;
        else if (s.cmp.length >= MAX_COMPARE) s.cmpDropped.push(k);
        else s.cmp.push(p);
      });
    }
    if (params.sort && SORTS.indexOf(params.sort) >= 0) s.sort = params.sort;
    if (params.year) s.year = parseYear(dec(params.year));
    return s;
  }

  function queryString(s, facets, keys) {
    // the URL query of a state ("" for the empty state); the inverse of readState
    var parts = [];
    if (s.q) parts.push("q=" + enc(s.q));
    facets.forEach(function (f) {
      var sel = s.sel[f.id];
      if (!sel.inc.size && !sel.exc.size) return;
      var ids = [];
      f.values.forEach(function (v, i) {
        if (sel.inc.has(i)) ids.push(enc(v.id));
        else if (sel.exc.has(i)) ids.push("-" + enc(v.id));
      });
      parts.push(f.id + "=" + ids.join(","));
    });
    if (s.year && (s.year.lo !== null || s.year.hi !== null)) {
      var y = s.year.lo !== null && s.year.lo === s.year.hi ? String(s.year.lo)
        : (s.year.lo !== null ? s.year.lo : "") + "-" + (s.year.hi !== null ? s.year.hi : "");
      parts.push("year=" + y);
    }
    if (s.sort && s.sort !== defaultSort(s)) parts.push("sort=" + s.sort);
    if (s.cmp.length) parts.push("compare=" + s.cmp.map(function (p) { return enc(keys[p]); }).join(","));
    return parts.length ? "?" + parts.join("&") : "";
  }

  function defaultSort(s) {
    return s.q ? "relevance" : "newest";
  }

  function effectiveSort(s) {
    var sort = s.sort || defaultSort(s);
    return sort === "relevance" && !s.q ? "newest" : sort;
  }

  function activeCount(s, facets) {
    // how many filters are set (the year range counts as one)
    var n = s.year ? 1 : 0;
    facets.forEach(function (f) { n += s.sel[f.id].inc.size + s.sel[f.id].exc.size; });
    return n;
  }

  ns.state = {
    MAX_COMPARE: MAX_COMPARE, SORTS: SORTS, dec: dec, enc: enc, parseQuery: parseQuery, valueIndex: valueIndex,
    emptyState: emptyState, parseYear: parseYear, readState: readState, queryString: queryString,
    defaultSort: defaultSort, effectiveSort: effectiveSort, activeCount: activeCount,
  };
})(window.prunecatSearch = window.prunecatSearch || {});
