/*
 * The search page's controls: the search bar, the facet filters, the year range, the active
 * filters and the live counts. DOM code; the events are wired in search.js.
 *
 * `S` is one search page view (see search.js): S.D the index, S.facets, S.state, S.ui (the
 * elements made here). Every value from the catalog reaches the page through textContent or
 * setAttribute, never through innerHTML.
 */
(function (ns) {
  "use strict";

  var fmt = ns.filter.fmt;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var name in attrs) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) continue;
        if (name === "text") node.textContent = value;
        else if (name === "class") node.className = value;
        else node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    if (children) {
      for (var i = 0; i < children.length; i++) {
        var c = children[i];
        if (c === null || c === undefined || c === false) continue;
        node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
      }
    }
    return node;
  }

  function build(S) {
    // the whole interface, hidden until the first results are in; elements go into S.ui
    var ui = S.ui;
    var wrap = el("div", { class: "pc-s", hidden: true });
    ui.wrap = wrap;

    ui.q = el("input", {
      id: "pc-q", type: "search", class: "pc-s-q", autocomplete: "off", spellcheck: "false",
      placeholder: "Title, author, algorithm or venue", "aria-describedby": "pc-q-hint",
    });
    ui.sort = el("select", { id: "pc-sort", class: "pc-s-sort" }, [
      el("option", { value: "relevance", text: "Relevance" }),
      el("option", { value: "newest", text: "Newest first" }),
      el("option", { value: "oldest", text: "Oldest first" }),
      el("option", { value: "title", text: "Title A–Z" }),
    ]);
    ui.qHint = el("p", { id: "pc-q-hint", class: "pc-s-hint",
      text: "Words match from their start and tolerate small typos; all words must match." });
    wrap.appendChild(el("div", { class: "pc-s-bar", role: "search" }, [
      el("div", { class: "pc-s-qbox" }, [
        el("label", { for: "pc-q", class: "pc-s-label", text: "Search papers" }), ui.q,
      ]),
      el("div", { class: "pc-s-sortbox" }, [el("label", { for: "pc-sort", class: "pc-s-label", text: "Sort" }), ui.sort]),
    ]));
    wrap.appendChild(ui.qHint);
    wrap.appendChild(ns.results.compareSection(S));

    var layout = el("div", { class: "pc-s-layout" });
    ui.side = el("aside", { class: "pc-facets", "aria-label": "Filters" });
    var main = el("section", { class: "pc-s-main", "aria-label": "Results" });
    layout.appendChild(ui.side);
    layout.appendChild(main);
    wrap.appendChild(layout);

    // On a narrow screen the filters fold into one disclosure above the results.
    var panel = el("details", { class: "pc-filters" });
    ui.filtersBadge = el("span", { class: "pc-facet-badge" });
    panel.appendChild(el("summary", { class: "pc-filters-summary" }, [el("span", { text: "Filters" }), ui.filtersBadge]));
    ui.side.appendChild(panel);
    var narrow = window.matchMedia("(max-width: 44.9375em)");
    panel.open = !narrow.matches;
    var onWidth = function () { if (!narrow.matches) panel.open = true; };
    narrow.addEventListener("change", onWidth);
    S.unsubscribe.push(function () { narrow.removeEventListener("change", onWidth); });

    panel.appendChild(el("h2", { class: "pc-s-side-title", text: "Filters" }));
    panel.appendChild(el("p", { class: "pc-s-hint",
      text: "Values of one filter combine with OR, filters with AND. “Not” excludes a value." }));
    var yearAt = S.facets.findIndex(function (f) { return f.kind !== "axis"; });
    S.facets.forEach(function (f, i) {
      if (i === yearAt) panel.appendChild(yearGroup(S));
      panel.appendChild(facetGroup(S, f));
    });

    ui.count = el("p", { id: "result-count", class: "pc-s-count", "aria-live": "polite", "aria-atomic": "true" });
    ui.clear = el("button", { type: "button", class: "pc-s-clear md-button", text: "Clear all" });
    ui.active = el("ul", { class: "pc-s-active", "aria-label": "Active filters" });
    ui.exports = el("div", { class: "pc-s-export", role: "group", "aria-label": "Download the results" }, [
      el("span", { class: "pc-s-export-label", text: "Download:" }),
      el("button", { type: "button", class: "pc-s-dl", "data-format": "bib", text: "BibTeX" }),
      el("button", { type: "button", class: "pc-s-dl", "data-format": "csv", text: "CSV" }),
      el("button", { type: "button", class: "pc-s-dl", "data-format": "json", text: "JSON" }),
    ]);
    main.appendChild(el("div", { class: "pc-s-summary" }, [ui.count, ui.exports]));
    main.appendChild(el("div", { class: "pc-s-activebar" }, [ui.active, ui.clear]));
    ui.results = el("ol", { id: "results", class: "pc-results" });
    ui.empty = el("p", { class: "pc-s-empty", hidden: true,
      text: "No paper matches. Remove a filter or shorten the search text." });
    ui.more = el("button", { type: "button", class: "md-button pc-s-more", hidden: true });
    ui.live = el("p", { class: "pc-vh", "aria-live": "polite" });
    main.appendChild(ui.results);
    main.appendChild(ui.empty);
    main.appendChild(ui.more);
    main.appendChild(ui.live);
    wrap.appendChild(ns.results.compareBar(S));
    S.root.appendChild(wrap);
  }

  function facetGroup(S, f) {
    var active = S.state && (S.state.sel[f.id].inc.size || S.state.sel[f.id].exc.size);
    var open = f.kind === "axis" || f.id === "model" || f.id === "code" || active;
    var group = el("details", { class: "pc-facet", "data-facet": f.id, open: open ? true : null });
    f.summaryBadge = el("span", { class: "pc-facet-badge" });
    group.appendChild(el("summary", { title: f.about || null }, [
      el("span", { class: "pc-facet-name", text: f.kind === "axis" ? f.title : f.name }), f.summaryBadge,
    ]));
    var fs = el("fieldset", {}, [el("legend", { class: "pc-vh", text: f.title })]);
    var list = el("ul", { class: "pc-values" + (f.values.length > 12 ? " pc-values-long" : "") });
    var lists = {};
    f.values.forEach(function (v, i) {
      var id = "pc-f-" + f.index + "-" + i;
      var input = el("input", { type: "checkbox", id: id, "data-facet": f.id, "data-index": i, value: v.id });
      var count = el("span", { class: "pc-count", "aria-hidden": "true" });
      var countText = el("span", { class: "pc-vh" });
      var label = el("label", { for: id }, [
        el("span", { class: "pc-value-name", text: v.name }),
        v.code ? el("span", { class: "pc-value-code", text: v.code }) : null,
        countText,
      ]);
      var not = el("button", {
        type: "button", class: "pc-not", "data-facet": f.id, "data-index": i, "aria-pressed": "false",
        // the name holds the visible word (label in name); the title says what it does
        "aria-label": "not " + v.name, title: "Exclude: show papers without this value", text: "not",
      });
      var li = el("li", { class: "pc-value", "data-value": v.id }, [input, label, count, not]);
      f.rows[i] = { li: li, input: input, count: count, countText: countText, not: not, last: -1 };
      var parent = v.parent !== undefined ? v.parent : -1;
      if (parent >= 0 && f.rows[parent]) {
        if (!lists[parent]) {
          lists[parent] = el("ul", { class: "pc-values pc-sub" });
          f.rows[parent].li.appendChild(lists[parent]);
        }
        lists[parent].appendChild(li);
      } else {
        list.appendChild(li);
      }
    });
    fs.appendChild(list);
    group.appendChild(fs);
    f.group = group;
    return group;
  }

  function yearGroup(S) {
    var ui = S.ui, lo = S.D.years[0], hi = S.D.years[1];
    ui.yearFrom = el("input", { type: "number", id: "pc-year-from", min: lo, max: hi, step: 1, placeholder: String(lo), inputmode: "numeric" });
    ui.yearTo = el("input", { type: "number", id: "pc-year-to", min: lo, max: hi, step: 1, placeholder: String(hi), inputmode: "numeric" });
    ui.yearCount = el("p", { class: "pc-s-hint" });
    ui.yearBadge = el("span", { class: "pc-facet-badge" });
    return el("details", { class: "pc-facet", "data-facet": "year", open: true }, [
      el("summary", {}, [el("span", { class: "pc-facet-name", text: "Year" }), ui.yearBadge]),
      el("fieldset", { class: "pc-year" }, [
        el("legend", { class: "pc-vh", text: "Publication year" }),
        el("label", { for: "pc-year-from", text: "From" }), ui.yearFrom,
        el("label", { for: "pc-year-to", text: "to" }), ui.yearTo,
      ]),
      ui.yearCount,
    ]);
  }

  function syncSort(S) {
    S.ui.sort.value = ns.state.effectiveSort(S.state);
    S.ui.sort.options[0].disabled = !S.state.q;
  }

  function syncControls(S) {
    // the controls show S.state (after a URL change, "Clear all", a removed tag, ...)
    var ui = S.ui, state = S.state;
    if (document.activeElement !== ui.q || ui.q.value.trim() !== state.q.trim()) ui.q.value = state.q;
    syncSort(S);
    S.facets.forEach(function (f) {
      var sel = state.sel[f.id];
      f.rows.forEach(function (r, i) {
        r.input.checked = sel.inc.has(i);
        var ex = sel.exc.has(i);
        r.not.setAttribute("aria-pressed", ex ? "true" : "false");
        r.li.classList.toggle("pc-excluded", ex);
      });
      var n = sel.inc.size + sel.exc.size;
      f.summaryBadge.textContent = n ? String(n) : "";
      if (n && !f.group.open) f.group.open = true;
    });
    ui.yearFrom.value = state.year && state.year.lo !== null ? state.year.lo : "";
    ui.yearTo.value = state.year && state.year.hi !== null ? state.year.hi : "";
    ui.yearBadge.textContent = state.year ? "1" : "";
    var active = ns.state.activeCount(state, S.facets);
    ui.filtersBadge.textContent = active ? String(active) : "";
  }

  function renderCounts(S) {
    S.facets.forEach(function (f) {
      var sel = S.state.sel[f.id];
      for (var i = 0; i < f.rows.length; i++) {
        var r = f.rows[i], n = f.counts[i];
        if (r.last === n) continue;
        r.last = n;
        r.count.textContent = fmt(n);
        r.countText.textContent = " (" + n + (n === 1 ? " paper)" : " papers)");
        r.li.classList.toggle("pc-zero", n === 0 && !sel.inc.has(i));
      }
    });
    S.ui.yearCount.textContent = S.state.year
      ? fmt(S.lastMatched.length) + " of " + fmt(S.yearOthers) + " papers fall in this range."
      : S.D.years[0] + "–" + S.D.years[1];
  }

  function tag(facet, index, cls, label, head, text) {
    return el("li", {}, [el("button", {
      type: "button", class: cls, "data-facet": facet, "data-index": index, "aria-label": label,
    }, [el("span", { class: "pc-s-tag-facet", text: head }), " " + text + " ", el("span", { "aria-hidden": "true", text: "×" })])]);
  }

  function renderActive(S) {
    var ui = S.ui, state = S.state, any = false;
    ui.active.textContent = "";
    S.facets.forEach(function (f) {
      var sel = state.sel[f.id];
      f.values.forEach(function (v, i) {
        var ex = sel.exc.has(i);
        if (!sel.inc.has(i) && !ex) return;
        any = true;
        ui.active.appendChild(tag(f.id, i, "pc-s-tag" + (ex ? " pc-s-tag-not" : ""),
          "Remove filter " + f.name + (ex ? " not " : ": ") + v.name, f.name + (ex ? " not" : ""), v.name));
      });
    });
    if (state.year) {
      any = true;
      var y = (state.year.lo !== null ? state.year.lo : "…") + "–" + (state.year.hi !== null ? state.year.hi : "…");
      ui.active.appendChild(tag("year", null, "pc-s-tag", "Remove filter year " + y, "Year", y));
    }
    ui.clear.hidden = !any;
    ui.active.hidden = !any;
  }

  ns.ui = {
    el: el, build: build, syncSort: syncSort, syncControls: syncControls, renderCounts: renderCounts,
    renderActive: renderActive,
  };
})(window.prunecatSearch = window.prunecatSearch || {});
