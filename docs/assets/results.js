/*
 * The benchmark pages (/results/<dataset>-<model>/): sort the results table by a column.
 *
 * The page (prunecat.generators.results, templates/benchmark.html) is a complete table without
 * this script. The script turns the text of each column heading of `table[data-sortable]` into a
 * <button>; a click (or Enter/Space, as buttons do) sorts the rows by that column, ascending first,
 * then descending, and sets aria-sort on the heading (and removes it from the others). Cells sort by
 * their `data-sort` value when they have one (numbers), else by their text; empty cells ("–") go
 * last in either direction. Heading `data-type="number"` compares as numbers.
 *
 * Material's instant navigation swaps pages without re-running scripts: set up from `document$`
 * (prunecatOnPage), once per table (marked with data-pc-init).
 */
(function () {
  "use strict";

  function onDocument() {
    var tables = document.querySelectorAll("table[data-sortable]");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.getAttribute("data-pc-init")) return;
      table.setAttribute("data-pc-init", "1");
      setup(table);
    });
  }

  window.prunecatOnPage(onDocument);

  function key(cell, numeric) {
    if (!cell) return null;
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (raw === "" || raw === "–") return null;
    if (numeric) {
      var n = parseFloat(raw);
      return isNaN(n) ? null : n;
    }
    return raw.toLowerCase();
  }

  function compare(a, b, numeric) {
    if (numeric) return a - b;
    return a.localeCompare(b);
  }

  function setup(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    var body = table.tBodies[0];
    if (!body) return;
    var hint = table.closest(".pc-scroll");
    hint = hint && hint.previousElementSibling;
    if (hint && hint.classList.contains("pc-r-sorthint")) hint.classList.add("pc-r-on");
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pc-r-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var order = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sort(table, body, heads, column, order, th.getAttribute("data-type") === "number");
      });
    });
  }

  function sort(table, body, heads, column, order, numeric) {
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) {
      return { row: row, key: key(row.cells[column], numeric), i: i };
    });
    var sign = order === "ascending" ? 1 : -1;
    keyed.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        if (a.key === b.key) return a.i - b.i;
        return a.key === null ? 1 : -1; // empty cells last, whatever the order
      }
      return sign * compare(a.key, b.key, numeric) || a.i - b.i;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    Array.prototype.forEach.call(heads, function (th, i) {
      if (i === column) th.setAttribute("aria-sort", order);
      else th.removeAttribute("aria-sort");
    });
  }
})();
