/*
 * The search page (/search/): faceted search over the catalog, state in the URL. This file runs
 * one page view: it loads the data, keeps the state and wires the events; the work is done by
 *
 *   search-state.js    state <-> URL (pure)          search-filter.js   filters, counts, orders (pure)
 *   search-text.js     text matching, ranking (pure)  search-export.js   records, CSV, BibTeX (pure)
 *   search-ui.js       the controls (DOM)             search-results.js  results, comparison (DOM)
 *   search-load.js     the downloads, and the page's own timing of what the first results wait for
 *
 * all attached to window.prunecatSearch and loaded before this file (mkdocs.yml, extra_javascript).
 *
 * Data: assets/search-index.json (prunecat.generators.search_index: every facet, its values,
 * names and nesting come from there, none is written here), assets/search-text.json (the text
 * index, prunecat.generators.text_index), catalog.bib for BibTeX (fetched on first use).
 *
 * Safety: every value from the catalog reaches the page through textContent or an attribute set
 * with setAttribute/href, never through innerHTML.
 *
 * Material's instant navigation swaps the page content without reloading this script, so the
 * page is set up from `document$` (once per page view: the root element is marked) and torn down
 * (window listeners, subscriptions, pending fetches) when another page replaces it.
 */
(function (ns) {
  "use strict";

  var PAGE_SIZE = 50;
  var current = null; // the live search view, if the current page is the search page
  var firstHref = null; // the URL of a full page load, kept from Material's own ?q= deep link
  var St = ns.state, R = ns.results, U = ns.ui, L = ns.load;

  // Material's header search treats ?q= as its own deep link: when its script runs (just before
  // this one) it opens its search dialog with that text, and removes q from the URL when the
  // dialog closes. Our page uses q too: on a full load of this page, close Material's dialog and
  // put our q back into the URL when the page initialises.
  if (document.getElementById("pc-search") && /[?&]q=/.test(location.search)) {
    firstHref = location.href;
    var toggle = document.getElementById("__search");
    if (toggle && toggle.checked) toggle.click();
    var materialQuery = document.querySelector("[data-md-component=search-query]");
    if (materialQuery) {
      materialQuery.value = "";
      materialQuery.blur();
    }
  }

  function onDocument() {
    var root = document.getElementById("pc-search");
    if (current && current.root === root) return; // this view, set up early (below)
    if (current) {
      current.teardown();
      current = null;
    }
    if (!root || root.getAttribute("data-pc-init")) return;
    root.setAttribute("data-pc-init", "1");
    var href = firstHref;
    firstHref = null;
    current = createSearch(root, href || location.href);
  }

  function createSearch(root, startHref) {
    var abort = typeof AbortController === "function" ? new AbortController() : null;
    var signal = abort && abort.signal;
    var base = location.href;
    var S = {
      root: root, alive: true, unsubscribe: [], ui: {}, pageSize: PAGE_SIZE, shown: PAGE_SIZE,
      papersUrl: root.getAttribute("data-papers") || "../papers/",
      D: null, states: [], facets: [], byId: {}, keys: [], titles: [], years: [], keyIndex: new Map(), order: null,
      text: null, state: null, lastMatched: [], yearOthers: 0,
      itemCache: new Map(), pickBoxes: new Map(), renderedCmp: null, shownCmp: [], sayTimer: 0,
    };
    var pagePath = new URL(startHref).pathname;
    var indexUrl = new URL(root.getAttribute("data-index"), base).href;
    var textUrl = new URL(root.getAttribute("data-text"), base).href;
    S.bibUrl = new URL(root.getAttribute("data-bib"), base).href;
    S.fetchText = function (url) { return L.fetchText(url, signal); };
    L.start(); // the timing of a full load's view (window.searchTiming); later views are not timed

    var status = U.el("p", { class: "pc-s-loading", text: "Loading the catalog…" });
    root.appendChild(status);
    var textData = L.fetchText(textUrl, signal, "text"); // in parallel with the index

    L.fetchText(indexUrl, signal, "index").then(function (json) {
      if (!S.alive) return;
      L.mark("index-parse-start"); // after index-received: the page's set-up (DOMContentLoaded) came later
      var D = JSON.parse(json);
      L.mark("index-parsed");
      setup(D);
      L.mark("ui-built");
      S.state = St.readState(startHref, S.facets, S.keyIndex);
      R.compareNotice(S);
      if (startHref !== location.href) history.replaceState(history.state, "", startHref);
      var text = textData.then(function (t) {
        if (!S.alive) return;
        L.mark("text-parse-start");
        S.text = ns.text.createIndex(JSON.parse(t), {
          count: S.keys.length, authors: S.D.papers.authors, facets: S.facets, rank: ns.filter.rankOf(S.order.newest),
        });
        L.mark("text-ready");
        root.setAttribute("data-text", "ready");
      });
      if (S.state.q) {
        text.then(firstRender, failText);
      } else {
        firstRender();
        text.then(function () { if (S.alive && S.state.q) update("text-ready", performance.now()); }, failText);
      }
    }).catch(function (err) {
      if (!S.alive || (err && err.name === "AbortError")) return;
      status.textContent = "The search index could not be loaded (" + err.message + "). Browse the papers by taxonomy category instead.";
      status.className = "pc-s-error";
    });

    function failText(err) {
      if (!S.alive || (err && err.name === "AbortError")) return;
      S.ui.qHint.textContent = "Text search is unavailable (" + err.message + "); the filters still work.";
      if (!S.ui.ready) firstRender();
    }

    function firstRender() {
      if (!S.alive) return;
      S.ui.ready = true;
      status.remove();
      S.ui.wrap.hidden = false;
      U.syncControls(S);
      update("load", performance.now());
      L.mark("first-results");
      root.setAttribute("data-ready", "1");
    }

    function setup(D) {
      var P = D.papers, defs = ns.filter.defineFacets(D);
      S.D = D;
      S.states = D.states || [];
      S.facets = defs.facets;
      S.byId = defs.byId;
      S.keys = P.key;
      S.titles = P.title;
      S.years = P.year;
      S.keys.forEach(function (k, i) { S.keyIndex.set(k, i); });
      S.order = ns.filter.sortOrders(S.titles, S.years);
      S.cat = { D: D, facets: S.facets, keys: S.keys, titles: S.titles, years: S.years, states: S.states };
      U.build(S);
      wire();
    }

    // --- state changes ------------------------------------------------------------------------

    function commit(how) {
      // how: "push" (a new history entry) or "replace" (typing)
      var url = location.pathname + St.queryString(S.state, S.facets, S.keys) + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      if (how === "push") history.pushState(null, "", url);
      else history.replaceState(history.state, "", url);
    }

    function changed(reason, how) {
      // after a filter changed: back to the first page of results, URL, controls, results
      S.shown = PAGE_SIZE;
      commit(how || "push");
      U.syncControls(S);
      update(reason, performance.now());
    }

    function update(reason, t0) {
      if (!S.D || !S.ui.ready) return;
      var hits = null;
      if (S.state.q) {
        var found = S.text ? S.text.search(S.state.q) : { ids: new Int32Array(0) }; // not loaded: nothing yet
        hits = found && found.ids;
      }
      var out = ns.filter.run(S.state, S.facets, S.years, S.order, hits);
      S.lastMatched = out.matched;
      S.yearOthers = out.yearOthers;
      U.renderCounts(S);
      U.renderActive(S);
      var total = out.matched.length, ui = S.ui, fmt = ns.filter.fmt;
      ui.count.textContent = fmt(total) + (total === 1 ? " paper" : " papers") +
        (total && total > S.shown ? " (showing " + fmt(Math.min(S.shown, total)) + ")" : "");
      ui.count.setAttribute("data-count", String(total));
      R.renderResults(S, 0);
      R.renderCompare(S);
      var ms = performance.now() - t0;
      root.setAttribute("data-last-update-ms", ms.toFixed(2));
      root.dispatchEvent(new CustomEvent("pc:updated", {
        bubbles: true, detail: { reason: reason, ms: ms, count: total, start: t0, at: performance.now() },
      }));
    }

    // Back/forward, and links to this page from this page (Material's instant navigation does
    // not reload a page whose path is unchanged): restore the state from the URL.
    function onLocation(url) {
      if (!S.alive || !S.D || !S.ui.ready || !url || url.pathname !== pagePath) return;
      var next = St.readState(url.href, S.facets, S.keyIndex);
      if (St.queryString(next, S.facets, S.keys) === St.queryString(S.state, S.facets, S.keys)) return;
      S.state = next;
      S.shown = PAGE_SIZE;
      R.compareNotice(S);
      U.syncControls(S);
      update("history", performance.now());
    }

    if (window.location$ && typeof window.location$.subscribe === "function") {
      var sub = window.location$.subscribe(function (url) { onLocation(url); });
      S.unsubscribe.push(function () { sub.unsubscribe(); });
    } else {
      var onPop = function () { onLocation(new URL(location.href)); };
      window.addEventListener("popstate", onPop);
      S.unsubscribe.push(function () { window.removeEventListener("popstate", onPop); });
    }

    // --- events (all on elements inside root: they go away with the page) ----------------------

    function wire() {
      var ui = S.ui;
      ui.q.addEventListener("input", function (ev) {
        var t0 = ev.timeStamp && ev.timeStamp <= performance.now() ? ev.timeStamp : performance.now();
        var wasEmpty = !S.state.q;
        S.state.q = ui.q.value.trim() ? ui.q.value : "";
        S.shown = PAGE_SIZE;
        commit(wasEmpty && S.state.q ? "push" : "replace");
        U.syncSort(S);
        update("input", t0);
      });
      ui.sort.addEventListener("change", function () {
        S.state.sort = ui.sort.value;
        commit("push");
        update("sort", performance.now());
      });
      var onYear = function () {
        var a = ui.yearFrom.value ? parseInt(ui.yearFrom.value, 10) : null;
        var b = ui.yearTo.value ? parseInt(ui.yearTo.value, 10) : null;
        S.state.year = a === null && b === null ? null : { lo: a, hi: b };
        S.shown = PAGE_SIZE;
        commit("push");
        update("year", performance.now());
      };
      ui.yearFrom.addEventListener("change", onYear);
      ui.yearTo.addEventListener("change", onYear);
      ui.side.addEventListener("change", function (ev) {
        var input = ev.target;
        if (!input.matches || !input.matches("input[type=checkbox][data-facet]")) return;
        var sel = S.state.sel[input.getAttribute("data-facet")], i = +input.getAttribute("data-index");
        if (input.checked) {
          sel.inc.add(i);
          sel.exc.delete(i);
        } else {
          sel.inc.delete(i);
        }
        changed("facet");
      });
      ui.side.addEventListener("click", function (ev) {
        var b = ev.target.closest && ev.target.closest("button.pc-not");
        if (!b) return;
        var sel = S.state.sel[b.getAttribute("data-facet")], i = +b.getAttribute("data-index");
        if (sel.exc.has(i)) sel.exc.delete(i);
        else {
          sel.exc.add(i);
          sel.inc.delete(i);
        }
        changed("exclude");
      });
      ui.clear.addEventListener("click", function () {
        var old = S.state;
        S.state = St.emptyState(S.facets);
        S.state.q = old.q;
        S.state.sort = old.sort;
        S.state.cmp = old.cmp; // "Clear all" clears the filters, not the comparison
        changed("clear");
      });
      ui.active.addEventListener("click", function (ev) {
        var b = ev.target.closest("button[data-facet]");
        if (!b) return;
        var f = b.getAttribute("data-facet");
        if (f === "year") S.state.year = null;
        else {
          var i = +b.getAttribute("data-index");
          S.state.sel[f].inc.delete(i);
          S.state.sel[f].exc.delete(i);
        }
        changed("remove");
        var next = ui.active.querySelector("button");
        (next || ui.q).focus();
      });
      ui.more.addEventListener("click", function () {
        var from = S.shown;
        S.shown += PAGE_SIZE;
        R.renderResults(S, from);
        var first = ui.results.children[from];
        var link = first && first.querySelector("a");
        if (link) link.focus();
      });
      ui.results.addEventListener("click", onResultClick);
      ui.exports.addEventListener("click", function (ev) {
        var b = ev.target.closest("button[data-format]");
        if (b) R.download(S, b.getAttribute("data-format"));
      });
      ui.cmpClear.addEventListener("click", function () {
        setCompare([], "Comparison cleared.");
        ui.q.focus();
      });
      ui.cmp.addEventListener("click", function (ev) {
        var b = ev.target.closest("button.pc-cmp-remove");
        if (!b) return;
        var p = S.keyIndex.get(b.getAttribute("data-key"));
        var at = S.state.cmp.indexOf(p);
        if (at < 0) return;
        setCompare(without(S.state.cmp, p), "“" + S.titles[p] + "” removed from the comparison.");
        // the focus stays in the panel: the Remove button now in that place, else the heading
        var rest = ui.cmpBody.querySelectorAll("button.pc-cmp-remove");
        (rest[Math.min(at, rest.length - 1)] || ui.cmpTitle).focus();
      });
      ui.cmpGo.addEventListener("click", function () {
        ui.cmp.scrollIntoView({ block: "start" });
        ui.cmpTitle.focus({ preventScroll: true });
      });
    }

    function onResultClick(ev) {
      var chip = ev.target.closest("a.pc-chip[data-facet]");
      if (chip && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey && ev.button === 0) {
        ev.preventDefault();
        ev.stopPropagation(); // not Material's instant navigation: same page, new state
        var f = chip.getAttribute("data-facet"), i = +chip.getAttribute("data-index");
        S.state.sel[f].inc.add(i);
        S.state.sel[f].exc.delete(i);
        changed("chip");
        // the list changed under the pointer: bring its top (count and filters) into view
        var top = S.ui.count.getBoundingClientRect().top;
        if (top < 0) window.scrollBy(0, top - 80);
        return;
      }
      var bib = ev.target.closest("button.pc-bib");
      if (bib) R.copyBib(S, bib);
      var pick = ev.target.closest("button.pc-pick-box");
      if (pick) togglePick(pick);
    }

    // --- comparison ---------------------------------------------------------------------------

    function without(list, p) {
      return list.filter(function (x) { return x !== p; });
    }

    function setCompare(list, message) {
      S.state.cmp = list;
      commit("push");
      R.renderCompare(S);
      R.say(S, message);
    }

    function togglePick(box) {
      var p = S.keyIndex.get(box.getAttribute("data-key")), max = St.MAX_COMPARE;
      if (p === undefined) return;
      var title = S.titles[p], cmp = S.state.cmp;
      if (cmp.indexOf(p) >= 0) {
        setCompare(without(cmp, p), "“" + title + "” removed from the comparison.");
      } else if (cmp.length >= max) {
        R.say(S, "At most " + max + " papers can be compared: remove one from the comparison before adding “" + title + "”.");
      } else {
        var n = cmp.length + 1;
        setCompare(cmp.concat([p]), "“" + title + "” added to the comparison" +
          (n === 1 ? "; pick at least one more paper." : " (" + n + " papers)."));
      }
    }

    return {
      root: root,
      teardown: function () {
        S.alive = false;
        if (abort) abort.abort();
        S.unsubscribe.forEach(function (f) { f(); });
      },
    };
  }

  // On a full load of this page, set it up now rather than when Material announces the page
  // (after DOMContentLoaded): its element is here, Material's bundle ran before this script, and
  // the first results then do not wait behind the page's other scripts and Material's set-up.
  if (document.getElementById("pc-search") && window.document$) onDocument();
  window.prunecatOnPage(onDocument);
})(window.prunecatSearch = window.prunecatSearch || {});
