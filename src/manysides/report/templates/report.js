(function () {
  "use strict";
  // A click on a highlighted event sentence (or its trigger) jumps back to its row in the
  // events table, opening the table if it is collapsed. Links into a closed table open it too.
  function rowFor(mark) {
    var article = mark.closest("article");
    if (!article) { return null; }
    var rows = article.querySelectorAll("tr[data-sentence], tr[data-trigger]");
    var id = mark.getAttribute("data-span");
    for (var i = 0; i < rows.length; i += 1) {
      if (rows[i].getAttribute("data-trigger") === id) { return rows[i]; }
    }
    for (var j = 0; j < rows.length; j += 1) {
      if (rows[j].getAttribute("data-sentence") === id) { return rows[j]; }
    }
    return null;
  }

  function reveal(element) {
    var details = element.closest("details");
    if (details) { details.open = true; }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || target.closest("a")) { return; }
    var mark = target.closest("mark.ev-trigger, mark.ev-sentence");
    if (!mark) { return; }
    var row = rowFor(mark);
    if (!row) { return; }
    reveal(row);
    window.location.hash = row.id;
  });

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var element = id && document.getElementById(id);
    if (element) { reveal(element); element.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
}());

(function () {
  "use strict";
  // Enhances the article table: click a heading to sort, type to filter. The page works without it.
  var table = document.getElementById("article-table");
  var tools = document.getElementById("table-tools");
  var input = document.getElementById("article-filter");
  var count = document.getElementById("article-count");
  if (!table || !tools || !input || !count) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  function key(row, column, type) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-sort");
    if (value === null) { value = cell.textContent.trim().toLowerCase(); }
    return type === "number" ? parseFloat(value) || 0 : value;
  }

  function sortBy(header, column) {
    var type = header.getAttribute("data-type");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a, column, type), y = key(b, column, type);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    sorted.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = header.textContent;
    button.title = "Sort by " + header.textContent;
    header.textContent = "";
    header.appendChild(button);
    button.addEventListener("click", function () { sortBy(header, column); });
  });

  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " articles";
  }

  input.addEventListener("input", filter);
  tools.hidden = false;
  filter();
}());
