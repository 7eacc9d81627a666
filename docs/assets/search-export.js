/*
 * What the search page downloads: a paper's record (the JSON export), the CSV text, and the
 * BibTeX entries of catalog.bib by paper key. Pure logic, no DOM.
 *
 * `cat` is the loaded index: {D (search-index.json), facets (ns.filter.defineFacets), keys,
 * titles, years, states (label states after each axis's categories)}.
 */
(function (ns) {
  "use strict";

  var FLAGS = ["code", "survey", "analysis", "pioneer"]; // yes/no facets: columns of their own

  function record(cat, p, pageUrl) {
    // one paper as the JSON export gives it; pageUrl: the absolute URL of its page
    var P = cat.D.papers;
    var rec = {
      key: cat.keys[p], title: cat.titles[p],
      authors: P.authors[p].map(function (a) { return cat.D.authors[a]; }),
      year: cat.years[p], venue: "", venue_note: P.note[p], algorithm: P.algorithm[p],
      summary: P.summary ? P.summary[p] : "",
      labels: {}, axes: {},
    };
    cat.facets.forEach(function (f) {
      var ids = [];
      if (f.kind === "one") {
        if (f.col[p] >= 0) ids.push(f.values[f.col[p]].id);
      } else {
        for (var i = 0; i < f.values.length; i++) if (f.col[p] & (1 << i)) ids.push(f.values[i].id);
      }
      if (f.kind === "axis") {
        rec.axes[f.id] = ids;
        var lab = [];
        for (var j = 0; j < f.values.length + cat.states.length; j++) {
          if (f.labels[p] & (1 << j)) lab.push(j < f.values.length ? f.values[j].id : cat.states[j - f.values.length]);
        }
        rec.labels[f.id] = lab;
      } else if (f.id === "venue") {
        rec.venue = ids[0] || "";
      } else if (FLAGS.indexOf(f.id) < 0) {
        rec[f.id] = ids;
      }
    });
    rec.code = P.code[p];
    rec.survey = !!P.survey[p];
    rec.analysis = !!P.analysis[p];
    rec.pioneer = !!P.pioneer[p];
    rec.page = pageUrl;
    return rec;
  }

  function csvCell(v) {
    var s = Array.isArray(v) ? v.join("; ") : v === true ? "yes" : v === false ? "no" : String(v === null || v === undefined ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // no formula injection in spreadsheets
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csvText(cat, papers, pageUrl) {
    // the CSV of papers (CRLF lines), in the columns the index names (prunecat's csv_export.COLUMNS,
    // which `catalog export --format csv` writes too): facts, each axis's labels as written, the
    // list facets, the framework, every code link, the flags, the page; pageUrl(p) gives a page
    var head = cat.D.csv;
    var lines = [head.join(",")];
    papers.forEach(function (p) {
      var r = record(cat, p, pageUrl(p));
      var more = (cat.D.papers.code_more && cat.D.papers.code_more[p]) || [];
      var cells = { code: (r.code ? [r.code] : []).concat(more) };
      var row = head.map(function (c) {
        if (c in cells) return cells[c];
        return c in r.labels ? r.labels[c] : r[c];
      });
      lines.push(row.map(csvCell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function jsonText(cat, papers, pageUrl, query) {
    var data = { query: query, count: papers.length, papers: papers.map(function (p) { return record(cat, p, pageUrl(p)); }) };
    return JSON.stringify(data, null, 1) + "\n";
  }

  function bibEntries(text, keys) {
    // catalog.bib -> Map key -> entry text. Every entry carries its paper key as citation key; an
    // entry runs from its `@type{key,` line to the next entry of a known key.
    var known = new Set(keys);
    var re = /^@\s*[A-Za-z]+\s*[{(]\s*([^,\s]+)\s*,/gm;
    var starts = [], m;
    while ((m = re.exec(text))) if (known.has(m[1])) starts.push([m.index, m[1]]);
    var map = new Map();
    for (var i = 0; i < starts.length; i++) {
      var end = i + 1 < starts.length ? starts[i + 1][0] : text.length;
      map.set(starts[i][1], text.slice(starts[i][0], end).replace(/\s+$/, ""));
    }
    return map;
  }

  function bibText(entries, keys) {
    // the BibTeX of these keys, in this order (keys without an entry are left out)
    var parts = keys.map(function (k) { return entries.get(k); }).filter(Boolean);
    return parts.join("\n\n") + "\n";
  }

  ns.exporting = {
    record: record, csvCell: csvCell, csvText: csvText, jsonText: jsonText,
    bibEntries: bibEntries, bibText: bibText,
  };
})(window.prunecatSearch = window.prunecatSearch || {});
