/*
 * The /matrix/ page: choose the two axes or facets to cross.
 *
 * The page (prunecat.generators.matrix) holds every pair as a finished table, each unordered pair
 * once, in one orientation. This script shows one of them at a time, driven by two selects, and
 * builds the other orientation by transposing the table's cells (clones of the generated ones, so
 * links and counts are exactly those of the build). The chosen pair is kept in the URL
 * (?rows=model&cols=criteria) with replaceState, so a link shares the view. Without the script the
 * picker stays hidden and every table is shown under a list of links to them.
 *
 * Material's instant navigation swaps page content without re-running scripts: set up from
 * `document$` (once per page view: the root element is marked). Every listener is on an element of
 * the page, so nothing needs tearing down when another page replaces it.
 */
(function () {
  "use strict";

  function onDocument() {
    var root = document.getElementById("pc-matrix");
    if (!root || root.getAttribute("data-pc-init")) return;
    root.setAttribute("data-pc-init", "1");
    setup(root);
  }

  window.prunecatOnPage(onDocument);

  function setup(root) {
    var form = root.querySelector(".pc-m-picker");
    var rowsSel = root.querySelector("#pc-m-rows");
    var colsSel = root.querySelector("#pc-m-cols");
    var swap = root.querySelector(".pc-m-swap");
    var status = root.querySelector(".pc-m-status");
    var toc = root.querySelector(".pc-m-toc");
    if (!form || !rowsSel || !colsSel) return;

    var names = {};
    Array.prototype.forEach.call(rowsSel.options, function (o) { names[o.value] = o.textContent; });
    var sections = {};
    var all = root.querySelectorAll("section.pc-m-pair");
    Array.prototype.forEach.call(all, function (s) {
      sections[s.getAttribute("data-rows") + "|" + s.getAttribute("data-cols")] = s;
    });
    var live = null; // a transposed copy on show, if the pair is shown the other way round
    var current = null;

    function known(id) { return Object.prototype.hasOwnProperty.call(names, id); }

    // The first pair: ?rows=&cols=, else an anchor of the no-script list (#m-model-task), else the default.
    var params = new URLSearchParams(location.search);
    var r = params.get("rows"), c = params.get("cols");
    var fromHash = /^#m-/.test(location.hash) && document.getElementById(location.hash.slice(1));
    if (!(known(r) || known(c)) && fromHash && fromHash.classList.contains("pc-m-pair")) {
      r = fromHash.getAttribute("data-rows");
      c = fromHash.getAttribute("data-cols");
    }
    var defRows = root.getAttribute("data-default-rows"), defCols = root.getAttribute("data-default-cols");
    if (!known(r)) r = c === defRows ? defCols : defRows;
    if (!known(c) || c === r) c = r === defCols ? defRows : defCols;
    if (c === r) c = rowsSel.options[rowsSel.options[0].value === r ? 1 : 0].value;

    form.hidden = false;
    if (toc) toc.hidden = true;
    show(r, c);

    rowsSel.addEventListener("change", function () {
      var next = rowsSel.value;
      choose(next, next === current.cols ? current.rows : current.cols);
    });
    colsSel.addEventListener("change", function () {
      var next = colsSel.value;
      choose(next === current.rows ? current.cols : current.rows, next);
    });
    if (swap) swap.addEventListener("click", function () { choose(current.cols, current.rows); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });

    function choose(rows, cols) {
      show(rows, cols);
      var q = new URLSearchParams(location.search);
      q.set("rows", rows);
      q.set("cols", cols);
      // the no-script anchors point at tables that are now hidden: drop them from the address
      var hash = /^#m-/.test(location.hash) ? "" : location.hash;
      history.replaceState(history.state, "", location.pathname + "?" + q.toString() + hash);
      if (status) status.textContent = "Showing " + names[rows] + " by " + names[cols] + ".";
    }

    function show(rows, cols) {
      current = { rows: rows, cols: cols };
      rowsSel.value = rows;
      colsSel.value = cols;
      if (live) {
        live.remove();
        live = null;
      }
      Array.prototype.forEach.call(all, function (s) { s.hidden = true; });
      var direct = sections[rows + "|" + cols];
      if (direct) {
        direct.hidden = false;
        return;
      }
      var other = sections[cols + "|" + rows];
      if (!other) return;
      live = transposed(other, rows, cols);
      other.parentNode.insertBefore(live, other);
    }

    function transposed(src, rows, cols) {
      var sec = src.cloneNode(true);
      var id = "m-" + rows + "-" + cols;
      sec.id = id;
      sec.hidden = false;
      sec.setAttribute("data-rows", rows);
      sec.setAttribute("data-cols", cols);
      sec.classList.add("pc-m-live");
      var h = sec.querySelector("h2");
      if (h) {
        h.id = id + "-h";
        h.textContent = names[rows] + " × " + names[cols];
      }
      var region = sec.querySelector(".pc-scroll");
      if (region) region.setAttribute("aria-labelledby", id + "-h");
      var table = sec.querySelector("table");
      if (table) table.parentNode.replaceChild(transposeTable(table, rows, cols), table);
      return sec;
    }

    function transposeTable(table, rows, cols) {
      // grid[i][j] -> grid[j][i]; the first row becomes the first column and vice versa
      var grid = Array.prototype.map.call(table.rows, function (tr) { return Array.prototype.slice.call(tr.cells); });
      var out = document.createElement("table");
      out.className = table.className;
      out.setAttribute("data-max", table.getAttribute("data-max") || "");
      var cap = document.createElement("caption");
      // same sentence as prunecat.generators.matrix.caption()
      cap.textContent = "Papers by " + names[rows].toLowerCase() + " (rows) and " + names[cols].toLowerCase() + " (columns)";
      out.appendChild(cap);
      var thead = document.createElement("thead");
      var tbody = document.createElement("tbody");
      var width = grid.length ? grid[0].length : 0;
      for (var j = 0; j < width; j++) {
        var tr = document.createElement("tr");
        for (var i = 0; i < grid.length; i++) {
          var cell = grid[i][j];
          if (cell.tagName === "TH") cell.setAttribute("scope", j === 0 ? "col" : "row");
          tr.appendChild(cell);
        }
        (j === 0 ? thead : tbody).appendChild(tr);
      }
      var corner = grid.length ? grid[0][0] : null;
      if (corner) corner.textContent = names[rows];
      out.appendChild(thead);
      out.appendChild(tbody);
      return out;
    }
  }
})();
