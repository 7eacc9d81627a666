/*
 * Papers in the header's search. Material's search box (on every page, the only search on a
 * phone) indexes the prose pages only: paper pages are kept out of its index for build speed. This
 * script adds the catalog's papers to its results: when the box is opened or typed in, it loads the
 * search page's own data (assets/search-index.json and assets/search-text.json, fetched once) and
 * ranks with the search page's code (search-text.js, search-filter.js), so the first papers here are
 * the first papers of /search/?q=... that its "All matching papers" link opens.
 *
 * The suggestions sit in Material's result element, above its list: its arrow keys move through
 * their links too (Material walks every link in that element), and a click closes the dialog as
 * for its own results. Every value from the catalog is set as text, never as HTML.
 *
 * Addresses: the site's root is the folder above this script's own (assets/), so the links work
 * under any base URL and on every page, also after Material's instant navigation.
 */
(function (ns) {
  "use strict";

  var SHOWN = 5; // papers suggested
  var script = document.currentScript;
  var root = new URL("..", script && script.src ? script.src : location.href).href;

  var input = document.querySelector("[data-md-component=search-query]");
  var result = document.querySelector("[data-md-component=search-result]");
  if (!input || !result || !ns.text || !ns.filter) return;

  var loading = null; // the promise of the search, once asked for
  var box = null; // our section in Material's result element
  var frame = 0;

  function fetchJson(path) {
    return fetch(root + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": HTTP " + r.status);
      return r.json();
    });
  }

  function load() {
    if (!loading) {
      loading = Promise.all([fetchJson("assets/search-index.json"), fetchJson("assets/search-text.json")]).then(function (got) {
        var D = got[0], defs = ns.filter.defineFacets(D), order = ns.filter.sortOrders(D.papers.title, D.papers.year);
        var index = ns.text.createIndex(got[1], {
          count: D.count, authors: D.papers.authors, facets: defs.facets, rank: ns.filter.rankOf(order.newest),
        });
        return { D: D, index: index };
      });
      loading.catch(function () { loading = null; }); // a later opening tries again
    }
    return loading;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function section() {
    // ours, first in Material's result element (Material keeps its own references to its parts)
    if (!box || !box.isConnected) {
      box = el("div", "pc-hs");
      box.setAttribute("data-pc-header-search", "");
      box.hidden = true;
      result.insertBefore(box, result.firstChild);
    }
    return box;
  }

  function link(href, cls) {
    // Material's Enter key opens the result link whose first child scores best: ours score 0, below
    // its own pages, so Enter opens the first paper only when no page matches
    var a = el("a", cls);
    a.href = href;
    var body = el("article", "pc-hs__body");
    body.setAttribute("data-md-score", "0");
    a.appendChild(body);
    return { a: a, body: body };
  }

  function authors(D, p) {
    var names = D.papers.authors[p].map(function (a) { return D.authors[a]; });
    return names.length > 2 ? names[0] + ", " + names[1] + " et al." : names.join(" and ");
  }

  function render(query) {
    var s = section();
    var q = query.trim();
    if (!q) {
      s.hidden = true;
      s.textContent = "";
      return;
    }
    load().then(function (search) {
      if (input.value.trim() !== q) return; // typed on meanwhile: the next render shows it
      var found = search.index.search(q), ids = found ? found.ids : [], D = search.D, n = ids.length;
      s.textContent = "";
      s.hidden = false;
      s.setAttribute("data-query", q);
      s.setAttribute("data-count", String(n));
      var head = el("div", "pc-hs__meta", n ? (n === 1 ? "1 paper in the catalog" : ns.filter.fmt(n) + " papers in the catalog")
        : "No paper in the catalog matches");
      s.appendChild(head);
      var list = el("ol", "pc-hs__list");
      list.setAttribute("aria-label", "Papers in the catalog");
      for (var k = 0; k < Math.min(SHOWN, n); k++) {
        var p = ids[k], key = D.papers.key[p], item = el("li", "pc-hs__item"), l = link(root + "papers/" + key + "/", "pc-hs__link");
        item.setAttribute("data-key", key);
        l.body.appendChild(el("span", "pc-hs__title", D.papers.title[p]));
        var bits = [authors(D, p), String(D.papers.year[p])];
        if (D.papers.algorithm[p]) bits.push(D.papers.algorithm[p]);
        l.body.appendChild(el("span", "pc-hs__about", bits.filter(Boolean).join(" · ")));
        item.appendChild(l.a);
        list.appendChild(item);
      }
      s.appendChild(list);
      var all = link(root + "search/?q=" + encodeURIComponent(q), "pc-hs__all");
      all.body.textContent = n ? "All matching papers →" : "Search the catalog by criterion →";
      s.appendChild(all.a);
    }, function (err) {
      s.hidden = false;
      s.textContent = "";
      s.appendChild(el("div", "pc-hs__meta", "Paper suggestions are unavailable (" + err.message + ")."));
    });
  }

  function schedule() {
    // one render per frame: fast typing does not queue a search per key
    if (frame) return;
    frame = requestAnimationFrame(function () {
      frame = 0;
      render(input.value);
    });
  }

  input.addEventListener("focus", function () { load().catch(function () {}); schedule(); });
  input.addEventListener("input", schedule);
  if (input.form) input.form.addEventListener("reset", function () { setTimeout(schedule, 0); });
  if (input.value && document.activeElement === input) schedule(); // Material's ?q= deep link
})(window.prunecatSearch = window.prunecatSearch || {});
