/*
 * The search page's data downloads and its own timing of them (issue 14): what the first results
 * wait for, measured by the page itself with the User Timing API, so a slow figure on another
 * machine says which phase was slow.
 *
 * Phases, as marks "pc:<phase>" (milliseconds from navigation start) and in window.searchTiming:
 *
 *   index-request    the index request started (the <link rel=preload> in the page's head, if the
 *                    browser used it: Resource Timing says when; else our fetch)
 *   index-received   its bytes are all here (Resource Timing's responseEnd, else when our fetch
 *                    had the text)
 *   index-parse-start  the page starts on it: once search.js ran (after Material's bundle and
 *                    the scripts before it) and the main thread is free (measure "index-wait")
 *   index-parsed     JSON.parse done
 *   ui-built         the controls built from it
 *   first-results    the first results rendered
 *   text-request, text-received, text-parse-start, text-ready   the text index: downloaded, then
 *                    parsed and indexed after the first results, unless the address asks for a
 *                    text search (?q=): then the first results wait for it
 *
 * and as measures "pc:index-download", "pc:index-wait", "pc:index-parse", "pc:ui-build", "pc:first-render",
 * "pc:first-results" (navigation start -> first results), "pc:text-download", "pc:text-parse".
 * Only the page view of a full load is timed: after Material's instant navigation, times from
 * navigation start would mean nothing.
 */
(function (ns) {
  "use strict";

  var perf = window.performance;
  var timing = null; // the phases of the timed page view, once it starts
  var cache = {}; // url -> promise of its text, one download per page load

  // the measures, from the phases (name, from, to); from null = navigation start
  var MEASURES = [
    ["index-download", "index-request", "index-received"],
    ["index-wait", "index-received", "index-parse-start"],
    ["index-parse", "index-parse-start", "index-parsed"],
    ["ui-build", "index-parsed", "ui-built"],
    ["first-render", "ui-built", "first-results"],
    ["first-results", null, "first-results"],
    ["text-download", "text-request", "text-received"],
    ["text-parse", "text-parse-start", "text-ready"],
  ];

  function mark(phase, at) {
    if (!timing || timing[phase] !== undefined) return;
    var t = at === undefined ? perf.now() : at;
    timing[phase] = t;
    try {
      perf.mark("pc:" + phase, { startTime: t });
    } catch (e) { /* an older browser: window.searchTiming still has it */ }
    MEASURES.forEach(function (m) {
      if (m[2] !== phase || (m[1] && timing[m[1]] === undefined)) return;
      try {
        perf.measure("pc:" + m[0], { start: m[1] ? timing[m[1]] : 0, end: t });
      } catch (e) { /* idem */ }
    });
  }

  function network(url) {
    // the download as the browser saw it: a preload starts it before any script runs, and its
    // bytes may be all here long before a script can take them (Resource Timing)
    var entries = perf.getEntriesByName ? perf.getEntriesByName(url, "resource") : [];
    return entries.length ? entries[0] : null;
  }

  // The text of `url`, fetched once per page load (the early fetch below and the page share it);
  // `phase` ("index" or "text") names the download in the timing.
  function fetchText(url, signal, phase) {
    if (!cache[url]) {
      var asked = perf.now();
      cache[url] = fetch(url, { signal: signal }).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return r.text();
      }).then(function (text) {
        if (phase) received(url, phase, asked);
        return text;
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function received(url, phase, asked) {
    // the phases are recorded once the timed view exists; until then they wait here
    var now = perf.now(), entry = network(url);
    var record = function () {
      mark(phase + "-request", entry ? Math.min(asked, entry.startTime) : asked);
      mark(phase + "-received", entry && entry.responseEnd > 0 ? Math.min(now, entry.responseEnd) : now);
    };
    if (timing) record();
    else pending.push(record);
  }
  var pending = [];

  // Start timing the page view of a full load (the first one); later calls do nothing.
  function start() {
    if (timing || started || !early) return; // no early element: this view came by navigation
    started = true;
    timing = window.searchTiming = {};
    pending.forEach(function (f) { f(); });
    pending = [];
  }
  var started = false;

  ns.load = { fetchText: fetchText, start: start, mark: mark, MEASURES: MEASURES };

  // Start the downloads while Material sets up the page (this script runs before that); the
  // page's head asks the browser to preload the index even earlier.
  var early = document.getElementById("pc-search");
  if (early) {
    [["data-index", "index"], ["data-text", "text"]].forEach(function (a) {
      var path = early.getAttribute(a[0]);
      if (path) fetchText(new URL(path, location.href).href, undefined, a[1]).catch(function () {});
    });
  }
})(window.prunecatSearch = window.prunecatSearch || {});
