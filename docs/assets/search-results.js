/*
 * The search page's results list and its comparison panel. DOM code; the events are wired in
 * search.js. `S` is one search page view (see search.js).
 *
 * Comparison: a "Compare" box on every result puts up to MAX_COMPARE papers side by side in a
 * table above the results; the picks are compare=key1,key2,… in the URL, in the order picked.
 * The panel is rebuilt only when the selection changes, so typing never touches it.
 */
(function (ns) {
  "use strict";

  var el = function () { return ns.ui.el.apply(null, arguments); };
  var fmt = ns.filter.fmt;
  var MAX_COMPARE = ns.state.MAX_COMPARE;

  function authorText(S, p) {
    var names = S.D.papers.authors[p].map(function (a) { return S.D.authors[a]; });
    return names.length > 6 ? names.slice(0, 5).join(", ") + " et al." : names.join(", ");
  }

  function venueName(S, p) {
    var v = S.byId.venue;
    return v && v.col[p] >= 0 ? v.values[v.col[p]].name : "";
  }

  function renderResults(S, from) {
    var ui = S.ui, matched = S.lastMatched;
    var end = Math.min(S.shown, matched.length);
    var items = [];
    for (var i = from; i < end; i++) items.push(resultItem(S, matched[i]));
    if (from === 0) ui.results.replaceChildren.apply(ui.results, items);
    else ui.results.append.apply(ui.results, items);
    ui.empty.hidden = matched.length > 0;
    var rest = matched.length - end;
    ui.more.hidden = rest <= 0;
    if (rest > 0) ui.more.textContent = "Show " + fmt(Math.min(S.pageSize, rest)) + " more (" + fmt(rest) + " not shown)";
    if (from > 0) {
      ui.count.textContent = fmt(matched.length) + " papers" + (matched.length > end ? " (showing " + fmt(end) + ")" : "");
    }
  }

  function chipHref(S, facetId, i) {
    // a link to the search with this value selected; a click on this page adds it to the filters
    return location.pathname + "?" + facetId + "=" + ns.state.enc(S.byId[facetId].values[i].id);
  }

  // A result's element depends only on the paper, so it is built once and reused: typing
  // mostly reshuffles the same papers.
  function resultItem(S, p) {
    var li = S.itemCache.get(p);
    if (!li) {
      li = buildItem(S, p);
      S.itemCache.set(p, li);
    }
    return li;
  }

  function chip(S, f, i, cls, title, text) {
    return el("a", { class: cls, href: chipHref(S, f.id, i), "data-facet": f.id, "data-index": i, title: title }, [text]);
  }

  function buildItem(S, p) {
    var P = S.D.papers, key = S.keys[p], title = S.titles[p];
    var li = el("li", { class: "pc-result", "data-key": key });
    li.appendChild(el("a", { class: "pc-result-title", href: S.papersUrl + key + "/", text: title }));
    var venue = venueName(S, p);
    var meta = el("p", { class: "pc-result-meta" }, [
      el("span", { class: "pc-result-authors", text: authorText(S, p) || "authors not yet recorded" }),
      " · ",
      el("span", { class: "pc-result-venue" }, [
        venue ? el("span", { class: "pc-venue-name", text: venue }) : null,
        P.note[p] ? el("span", { class: "pc-venue-note", text: " (" + P.note[p] + ")" }) : null,
        " ",
        el("span", { class: "pc-result-year", text: String(S.years[p]) }),
      ]),
    ]);
    if (P.algorithm[p]) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", { class: "pc-result-algo", text: P.algorithm[p] }));
    }
    li.appendChild(meta);
    if (P.summary && P.summary[p]) li.appendChild(el("p", { class: "pc-result-summary", text: P.summary[p] }));

    var chips = el("p", { class: "pc-result-chips" });
    S.facets.forEach(function (f) {
      if (f.kind !== "axis") return;
      for (var i = 0; i < f.values.length; i++) {
        if (f.labels[p] & (1 << i)) {
          chips.appendChild(chip(S, f, i, "pc-chip pc-" + f.id, f.title + " — show papers with this label", f.values[i].name));
          chips.appendChild(document.createTextNode(" "));
        }
      }
    });
    ["model", "granularity"].forEach(function (fid) {
      var f = S.byId[fid];
      if (!f) return;
      for (var i = 0; i < f.values.length; i++) {
        if (f.col[p] & (1 << i)) {
          var v = f.values[i];
          chips.appendChild(chip(S, f, i, "pc-chip pc-chip-facet", f.name + ": " + v.name, fid === "model" && v.code ? v.code : v.name));
          chips.appendChild(document.createTextNode(" "));
        }
      }
    });
    if (P.pioneer[p]) chips.appendChild(el("span", { class: "pc-flag", text: "pioneer" }));
    if (P.survey[p]) chips.appendChild(el("span", { class: "pc-flag", text: "survey" }));
    if (P.analysis[p]) chips.appendChild(el("span", { class: "pc-flag", text: "analysis" }));
    li.appendChild(chips);

    var actions = el("p", { class: "pc-result-actions" });
    var code = P.code[p];
    if (code && /^https?:\/\//i.test(code)) {
      var fw = S.byId.framework, fwName = "";
      if (fw) for (var i = 0; i < fw.values.length; i++) if (fw.col[p] & (1 << i)) { fwName = fw.values[i].code || fw.values[i].name; break; }
      actions.appendChild(el("a", { class: "pc-code", href: code, rel: "noopener", text: "Code" + (fwName ? " (" + fwName + ")" : "") }));
    } else {
      actions.appendChild(el("span", { class: "pc-nocode", text: "No code recorded" }));
    }
    actions.appendChild(el("button", {
      type: "button", class: "pc-bib", "data-key": key, "aria-label": "Copy BibTeX of " + title, text: "Copy BibTeX",
    }));
    // A button in the checkbox role (Space toggles it): the facet filters stay the page's only
    // input checkboxes. The visible word starts the accessible name; the title tells them apart.
    var pick = el("button", {
      type: "button", role: "checkbox", class: "pc-pick pc-pick-box", "data-key": key,
      "aria-checked": S.state.cmp.indexOf(p) >= 0 ? "true" : "false",
    }, [el("span", { class: "pc-pick-mark", "aria-hidden": "true" }), "Compare", el("span", { class: "pc-vh", text: " “" + title + "”" })]);
    S.pickBoxes.set(p, pick);
    actions.appendChild(pick);
    li.appendChild(actions);
    return li;
  }

  // --- comparison ---------------------------------------------------------------------------

  function compareSection(S) {
    var ui = S.ui;
    ui.cmp = el("section", { id: "pc-compare", class: "pc-cmp", "aria-labelledby": "pc-cmp-title", hidden: true });
    ui.cmpTitle = el("h2", { id: "pc-cmp-title", class: "pc-cmp-title", tabindex: "-1", text: "Comparison" });
    ui.cmpClear = el("button", { type: "button", class: "pc-cmp-clear md-button", text: "Clear comparison" });
    ui.cmpHint = el("p", { class: "pc-s-hint pc-cmp-hint" });
    // a wide table scrolls sideways; the region is focusable so the keyboard can scroll it
    ui.cmpBody = el("div", { class: "pc-cmp-scroll", role: "region", "aria-label": "Comparison table", tabindex: "0" });
    ui.cmp.append(el("div", { class: "pc-cmp-head" }, [ui.cmpTitle, ui.cmpClear]), ui.cmpHint, ui.cmpBody);
    return ui.cmp;
  }

  function compareBar(S) {
    // Sticks to the bottom of the window while the search is on screen: a pick made far down
    // the results is answered where the reader is, and the live region is always in the page.
    var ui = S.ui;
    ui.cmpMsg = el("p", { id: "pc-compare-message", class: "pc-cmp-msg", role: "status", "aria-live": "polite" });
    ui.cmpCount = el("span", { class: "pc-cmp-count" });
    ui.cmpGo = el("button", { type: "button", class: "pc-cmp-go", text: "Show the comparison" });
    ui.cmpPicks = el("p", { class: "pc-cmp-picks", hidden: true }, [ui.cmpCount, " ", ui.cmpGo]);
    return el("div", { class: "pc-cmp-bar" }, [ui.cmpMsg, ui.cmpPicks]);
  }

  function say(S, text) {
    // a live region announces a change of text only: empty it first to repeat a message
    var msg = S.ui.cmpMsg;
    clearTimeout(S.sayTimer);
    if (text && msg.textContent === text) {
      msg.textContent = "";
      S.sayTimer = setTimeout(function () { if (S.alive) msg.textContent = text; }, 80);
    } else {
      msg.textContent = text;
    }
  }

  function compareNotice(S) {
    // what a compare= link asked for and did not get (it never stops the page)
    var s = S.state, parts = [];
    if (s.cmpUnknown.length) parts.push("Not in the catalog, so not compared: " + s.cmpUnknown.join(", ") + ".");
    if (s.cmpDropped.length) {
      parts.push("At most " + MAX_COMPARE + " papers can be compared; left out: " + s.cmpDropped.join(", ") + ".");
    }
    say(S, parts.join(" "));
  }

  function renderCompare(S) {
    var ui = S.ui, cmp = S.state.cmp, sig = cmp.join(",");
    if (sig === S.renderedCmp) return;
    S.renderedCmp = sig;
    S.shownCmp.concat(cmp).forEach(function (p) {
      var box = S.pickBoxes.get(p);
      if (box) box.setAttribute("aria-checked", cmp.indexOf(p) >= 0 ? "true" : "false");
    });
    S.shownCmp = cmp.slice();
    var n = cmp.length;
    ui.cmp.hidden = n === 0;
    ui.cmpPicks.hidden = n === 0;
    ui.cmpCount.textContent = n + (n === 1 ? " paper" : " papers") + " picked for comparison (at most " + MAX_COMPARE + ").";
    ui.cmpGo.hidden = n < 2;
    ui.cmpHint.textContent = n === 1
      ? "“" + S.titles[cmp[0]] + "” is picked. Tick “Compare” on one to three more papers to see them side by side."
      : "One column per paper, in the order picked. The address of this page keeps the comparison: bookmark or share it.";
    ui.cmpBody.hidden = n < 2;
    ui.cmpBody.replaceChildren.apply(ui.cmpBody, n < 2 ? [] : [compareTable(S, cmp)]);
  }

  function compareTable(S, list) {
    var table = el("table", { class: "pc-cmp-table" }, [
      el("caption", { class: "pc-vh", text: "Comparison of " + list.length + " papers, one column per paper" }),
    ]);
    var head = el("tr", {}, [el("td", { class: "pc-cmp-corner" })]);
    list.forEach(function (p) {
      var key = S.keys[p], title = S.titles[p];
      head.appendChild(el("th", { scope: "col", class: "pc-cmp-paper", "data-key": key }, [
        el("a", { class: "pc-cmp-link", href: S.papersUrl + key + "/", text: title }),
        el("button", {
          type: "button", class: "pc-cmp-remove", "data-key": key,
          "aria-label": "Remove “" + title + "” from the comparison", text: "Remove",
        }),
      ]));
    });
    table.appendChild(el("thead", {}, [head]));
    var body = el("tbody");
    compareRows(S).forEach(function (row) {
      var tr = el("tr", { "data-row": row.id }, [el("th", { scope: "row", text: row.name, title: row.about || null })]);
      list.forEach(function (p) { tr.appendChild(el("td", {}, [row.cell(p)])); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  function text(value, otherwise) {
    return value ? document.createTextNode(value) : el("span", { class: "pc-cmp-empty", text: otherwise });
  }

  function valueList(f, mask, otherwise) {
    var items = [];
    for (var i = 0; i < f.values.length; i++) if (mask & (1 << i)) items.push(el("li", { text: f.values[i].name }));
    return items.length ? el("ul", { class: "pc-cmp-values" }, items) : text("", otherwise);
  }

  function compareRows(S) {
    var P = S.D.papers;
    var rows = [
      { id: "authors", name: "Authors", cell: function (p) { return text(authorText(S, p), "authors not yet recorded"); } },
      { id: "venue", name: "Venue", cell: function (p) {
        return text([venueName(S, p), P.note[p] ? "(" + P.note[p] + ")" : ""].filter(Boolean).join(" "), "not recorded");
      } },
      { id: "year", name: "Year", cell: function (p) { return text(String(S.years[p])); } },
      { id: "summary", name: "Summary", cell: function (p) { return text(P.summary && P.summary[p], "no summary yet"); } },
      { id: "algorithm", name: "Algorithm", cell: function (p) { return text(P.algorithm[p], "not named"); } },
    ];
    S.facets.forEach(function (f) {
      if (f.kind !== "axis") return;
      rows.push({ id: f.id, name: f.title, about: f.about, cell: function (p) {
        // the labels as written (not their parents); the bits after the categories are the states
        var lab = f.labels[p];
        if (!lab) return el("span", { class: "pc-unlabelled", text: "not yet labelled" });
        var items = [];
        for (var i = 0; i < f.values.length; i++) if (lab & (1 << i)) items.push(el("li", { text: f.values[i].name }));
        S.states.forEach(function (state, k) {
          if (lab & (1 << (f.values.length + k))) items.push(el("li", {}, [el("span", { class: "pc-" + state, text: state })]));
        });
        return el("ul", { class: "pc-cmp-values" }, items);
      } });
    });
    ["granularity", "model", "task", "setting", "framework"].forEach(function (fid) {
      var f = S.byId[fid];
      if (!f) return;
      rows.push({ id: fid, name: f.name, about: f.about, cell: function (p) { return valueList(f, f.col[p], "not recorded"); } });
      if (fid === "setting") rows.push({ id: "code", name: "Code", cell: function (p) { return codeCell(S, p); } });
    });
    return rows;
  }

  function codeCell(S, p) {
    var P = S.D.papers;
    var urls = (P.code[p] ? [P.code[p]] : []).concat((P.code_more && P.code_more[p]) || []);
    var items = urls.filter(function (u) { return /^https?:\/\//i.test(u); }).map(function (u) {
      return el("li", {}, [el("a", { class: "pc-code", href: u, rel: "noopener", text: u.replace(/^https?:\/\//i, "").replace(/\/$/, "") })]);
    });
    return items.length ? el("ul", { class: "pc-cmp-values" }, items) : text("", "No code recorded");
  }

  // --- BibTeX and downloads -------------------------------------------------------------------

  function loadBib(S) {
    // catalog.bib, split by paper key (fetched once, on first use)
    if (S.bibEntries) return Promise.resolve(S.bibEntries);
    return S.fetchText(S.bibUrl).then(function (text) {
      S.bibEntries = ns.exporting.bibEntries(text, S.keys);
      return S.bibEntries;
    });
  }

  function copyBib(S, button) {
    var key = button.getAttribute("data-key"), ui = S.ui;
    loadBib(S).then(function (map) {
      var bib = map.get(key);
      if (!bib) throw new Error("no BibTeX for " + key);
      var done = function (ok) {
        button.textContent = ok ? "Copied" : "BibTeX below";
        ui.live.textContent = ok ? "BibTeX copied to the clipboard." : "The BibTeX is shown below the paper; copy it from there.";
        if (!ok) {
          var li = button.closest("li");
          var pre = li.querySelector("pre.pc-bibtex");
          if (!pre) li.appendChild(pre = el("pre", { class: "pc-bibtex", tabindex: "0" }, [el("code", { text: bib })]));
          pre.focus();
        }
        setTimeout(function () { button.textContent = "Copy BibTeX"; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(bib + "\n").then(function () { done(true); }, function () { done(false); });
      } else {
        done(false);
      }
    }).catch(function (err) {
      ui.live.textContent = "The BibTeX could not be loaded: " + err.message;
    });
  }

  function download(S, format) {
    // the current results as BibTeX, CSV or JSON, saved as a file
    var matched = S.lastMatched, name = "pruning-papers", X = ns.exporting;
    var pageUrl = function (p) { return new URL(S.papersUrl + S.keys[p] + "/", location.href).href; };
    if (format === "json") {
      save(S, X.jsonText(S.cat, matched, pageUrl, location.search), name + ".json", "application/json");
    } else if (format === "csv") {
      save(S, X.csvText(S.cat, matched, pageUrl), name + ".csv", "text/csv");
    } else {
      loadBib(S).then(function (map) {
        save(S, X.bibText(map, matched.map(function (p) { return S.keys[p]; })), name + ".bib", "application/x-bibtex");
      }).catch(function (err) {
        S.ui.live.textContent = "The BibTeX could not be loaded: " + err.message;
      });
    }
  }

  function save(S, data, filename, type) {
    var url = URL.createObjectURL(new Blob([data], { type: type + ";charset=utf-8" }));
    var a = el("a", { href: url, download: filename, hidden: true });
    document.body.appendChild(a);
    a.addEventListener("click", function (ev) { ev.stopPropagation(); }); // not instant navigation
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    S.ui.live.textContent = "Downloaded " + filename + ".";
  }

  ns.results = {
    renderResults: renderResults, compareSection: compareSection, compareBar: compareBar, say: say,
    compareNotice: compareNotice, renderCompare: renderCompare, copyBib: copyBib, download: download,
  };
})(window.prunecatSearch = window.prunecatSearch || {});
