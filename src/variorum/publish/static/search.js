// Search of the published analysis: both versions' text, the notes and their tags;
// whole words on request; matches highlighted (CSS Custom Highlight API) and listed.
// Written by publish.page before publish.js inside one function: it uses that file's
// names (doc, state, the search box) only from inside functions, called once the page's
// script has run.
  var hits = [];
  var hitIndex = -1;
  var searchTimer = 0;
  var searched = "";
  var noteHits = [];

  var SKIP = ".vr-ref, .vr-move-link, .vr-link-note, .vr-sr";

  // The row's text as the old and the new version read it, with its text nodes and where
  // each starts (parallel arrays: a long text has tens of thousands of nodes).
  function rowTexts(row, whole) {
    var texts = { old: { text: "", nodes: [], starts: [] }, "new": { text: "", nodes: [], starts: [] } };
    var walker = doc.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var sides = nodeSides(node, row, whole);
      for (var i = 0; sides && i < sides.length; i++) {
        var side = texts[sides[i]];
        side.nodes.push(node);
        side.starts.push(side.text.length);
        side.text += node.data;
      }
    }
    return texts;
  }

  // Which versions read a text node: none (note numbers, links), one or both. The
  // renderer puts text in the row's own children; deeper text is looked up the long way.
  var BOTH = ["old", "new"];
  var OLD = ["old"];
  var NEW = ["new"];
  function nodeSides(node, row, whole) {
    var parent = node.parentElement;
    if (parent.parentElement === row || parent === row) {
      var tag = parent.tagName;
      if (tag === "A" || tag === "SMALL") { return null; }
      return whole ? (whole === "old" ? OLD : NEW) : tag === "INS" ? NEW : tag === "DEL" ? OLD : BOTH;
    }
    if (parent.closest(SKIP)) { return null; }
    if (whole) { return whole === "old" ? OLD : NEW; }
    return parent.closest("ins") ? NEW : parent.closest("del") ? OLD : BOTH;
  }

  // The text node holding character ``offset`` of a side's text, and the offset in it.
  function position(side, offset, atEnd) {
    var starts = side.starts;
    for (var i = starts.length - 1; i >= 0; i--) {
      if (starts[i] < offset || (starts[i] === offset && !atEnd)) { return [side.nodes[i], offset - starts[i]]; }
    }
    return [side.nodes[0], 0];
  }

  // The rows of the current view with their texts, read from the page once per view.
  var indexed = null;
  function textIndex() {
    var view = liveSection();
    if (indexed && indexed.view === view && indexed.name === state.view && indexed.size === view.childElementCount) {
      return indexed.entries;
    }
    var entries = searchRows().map(function (pair) {
      var texts = rowTexts(pair[0], pair[1]);
      return {
        row: pair[0], texts: texts,
        lower: { old: texts.old.text.toLocaleLowerCase(), "new": texts["new"].text.toLocaleLowerCase() }
      };
    });
    indexed = { view: view, name: state.view, size: view.childElementCount, entries: entries };
    return entries;
  }

  var WORD_CHAR = wordChar();
  function wordChar() {
    try { return new RegExp("[\\p{L}\\p{N}\\p{M}_]", "u"); } catch (error) { return /[0-9A-Za-z_\u00c0-\uffff]/; }
  }
  // Whether ``haystack`` holds a whole word (not part of a longer one) at at..end.
  function wordAt(haystack, at, end) {
    return !WORD_CHAR.test(haystack.charAt(at - 1)) && !WORD_CHAR.test(haystack.charAt(end));
  }

  function findIn(entry, side, needle, found, whole) {
    var haystack = entry.lower[side];
    var nodes = entry.texts[side];  // text, nodes and starts
    var row = entry.row;
    for (var at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      if (whole && !wordAt(haystack, at, at + needle.length)) { continue; }
      var start = position(nodes, at, false);
      var end = position(nodes, at + needle.length, true);
      found[side] += 1;
      hits.push({ range: staticRange(start, end), row: row, entry: entry, side: side, at: at, length: needle.length });
    }
  }

  // The notes of the pair shown, with their tags (a tag's hyphens read as spaces, so that
  // "human rights" finds #human-rights), read from the page once per pair.
  var notesIndexed = null;
  function noteIndex() {
    var view = pairview();
    if (notesIndexed && notesIndexed.view === view) { return notesIndexed.entries; }
    var entries = noteItems().map(function (item) {
      var tags = item.getAttribute("data-tags");
      var text = item.querySelector("h3 q").textContent + " · " + item.querySelector(".vr-note-body").textContent +
        (tags ? " · #" + tags.replace(/ /g, " #") + " (" + tags.replace(/-/g, " ") + ")" : "");
      text = text.replace(/\s+/g, " ");
      return { key: item.getAttribute("data-key"), number: item.getAttribute("value"), text: text, lower: text.toLocaleLowerCase() };
    });
    notesIndexed = { view: view, entries: entries };
    return entries;
  }

  function findNotes(needle, whole) {
    return noteIndex().filter(function (entry) {
      for (var at = entry.lower.indexOf(needle); at >= 0; at = entry.lower.indexOf(needle, at + 1)) {
        if (!whole || wordAt(entry.lower, at, at + needle.length)) { entry.at = at; entry.length = needle.length; return true; }
      }
      return false;
    });
  }

  function searchRows() {
    if (state.view === "sbs") {
      return all(section("sbs"), ".vr-side-old .vr-row").map(function (row) { return [row, "old"]; }).concat(
        all(section("sbs"), ".vr-side-new .vr-row").map(function (row) { return [row, "new"]; }));
    }
    var hidden = HIDDEN_KINDS[state.view] || [];
    return all(section("inline"), ".vr-row").filter(function (row) {
      return hidden.indexOf(row.getAttribute("data-kind")) < 0;
    }).map(function (row) { return [row, null]; });
  }

  // Static, not live, ranges: a document's live ranges are all updated on every change
  // to its nodes, which made building the side-by-side view crawl during a search.
  function staticRange(start, end) {
    var init = { startContainer: start[0], startOffset: start[1], endContainer: end[0], endOffset: end[1] };
    if (typeof StaticRange === "function") { return new StaticRange(init); }
    var range = doc.createRange();
    range.setStart(start[0], start[1]);
    range.setEnd(end[0], end[1]);
    return range;
  }

  // What the shown results are for: the query and whether whole words only.
  function searchKey() { return search.value.trim().replace(/\s+/g, " ") + (searchWhole.checked ? "\u0000w" : ""); }

  function runSearch() {
    var query = search.value.trim().replace(/\s+/g, " ");
    var whole = searchWhole.checked;
    clearSearchMarks();
    searched = searchKey();
    noteHits = [];
    var highlights = window.CSS && CSS.highlights;
    if (query.length < 2) { searchCount.textContent = ""; showResults(); return; }
    var needle = query.toLocaleLowerCase();
    var found = { old: 0, "new": 0 };
    var sides = state.view === "old" ? ["old"] : state.view === "new" ? ["new"] : ["old", "new"];
    textIndex().forEach(function (entry) {
      var before = hits.length;
      sides.forEach(function (side) {
        if (entry.lower[side].indexOf(needle) >= 0) { findIn(entry, side, needle, found, whole); }
      });
      if (hits.length > before + 1) { dedupe(before); }
    });
    if (highlights && typeof Highlight === "function") {
      var marked = new Highlight();
      hits.forEach(function (hit) { marked.add(hit.range); });
      highlights.set("vr-search", marked);
    } else {
      hits.forEach(function (hit) { hit.row.classList.add("vr-hit-row"); });
    }
    noteHits = findNotes(needle, whole);
    var labels = versionLabels();
    var inText = hits.length
      ? hits.length + " match" + (hits.length === 1 ? "" : "es") + " (" + labels.old + ": " + found.old + ", " + labels["new"] + ": " + found["new"] + ")"
      : "No matches in the text";
    searchCount.textContent = inText + (noteHits.length ? ", " + noteHits.length + " note" + (noteHits.length === 1 ? "" : "s") : "");
    showResults();
  }

  // ---- the list of results (built when opened: a common word has thousands) ----------
  var MAX_LISTED = 200;
  function showResults() {
    var any = hits.length || noteHits.length;
    searchResults.hidden = !any;
    searchResults.querySelector("summary").textContent = "List the results";
    if (any && searchResults.open) { renderResults(); }
  }

  // The words around a match, the match marked, appended to ``element``.
  function marked(element, text, at, length) {
    var start = Math.max(0, at - 40);
    var end = Math.min(text.length, at + length + 40);
    var flat = function (part) { return part.replace(/\s+/g, " "); };
    element.appendChild(doc.createTextNode((start ? "…" : "") + flat(text.slice(start, at))));
    element.appendChild(doc.createElement("mark")).textContent = text.slice(at, at + length);
    element.appendChild(doc.createTextNode(flat(text.slice(at + length, end)) + (end < text.length ? "…" : "")));
  }

  function renderResults() {
    var list = doc.createElement("ol");
    var labels = versionLabels();
    noteHits.slice(0, MAX_LISTED).forEach(function (entry) {
      var link = list.appendChild(doc.createElement("li")).appendChild(doc.createElement("a"));
      link.href = "#a-" + entry.key;
      link.appendChild(doc.createElement("strong")).textContent = "Note " + entry.number + " ";
      marked(link, entry.text, entry.at, entry.length);
    });
    hits.slice(0, MAX_LISTED).forEach(function (hit, index) {
      var button = list.appendChild(doc.createElement("li")).appendChild(doc.createElement("button"));
      button.type = "button";
      button.className = "vr-result";
      button.setAttribute("data-hit", index);
      var side = hit.side === "old" && state.view !== "old" ? labels.old : hit.side === "new" && state.view !== "new" ? labels["new"] : "";
      if (side) { button.appendChild(doc.createElement("strong")).textContent = side + " "; }
      marked(button, hit.entry.texts[hit.side].text, hit.at, hit.length);
    });
    var more = hits.length - Math.min(hits.length, MAX_LISTED);
    if (more > 0) { list.appendChild(doc.createElement("li")).textContent = "and " + more + " more in the text (Enter steps through them all)"; }
    var old = searchResults.querySelector("ol");
    searchResults.replaceChild(list, old);
  }

  function goToHit(index) {
    hitIndex = index - 1;
    goHit(1);
  }

  function clearSearchMarks() {
    hits = [];
    hitIndex = -1;
    all(doc, ".vr-hit-row").forEach(function (row) { row.classList.remove("vr-hit-row"); });
    if (window.CSS && CSS.highlights) {
      CSS.highlights.delete("vr-search");
      CSS.highlights.delete("vr-search-current");
    }
  }

  // A match in text both versions share is found twice: keep it once. Only the row's
  // own matches (from ``from`` on) are compared: comparing with all before was quadratic.
  function dedupe(from) {
    var row = hits.slice(from);
    hits.length = from;
    row.forEach(function (hit) {
      for (var i = from; i < hits.length; i++) {
        var other = hits[i].range;
        if (other.startContainer === hit.range.startContainer && other.startOffset === hit.range.startOffset) { return; }
      }
      hits.push(hit);
    });
  }

  function versionLabels() {
    var view = pairview();
    return { old: view.getAttribute("data-old") || "old", "new": view.getAttribute("data-new") || "new" };
  }

  function goHit(step) {
    if (!hits.length) { return; }
    hitIndex = ((hitIndex + step) % hits.length + hits.length) % hits.length;
    var hit = hits[hitIndex];
    unfold(hit.row);
    bringIntoView([hit.row], "auto");
    if (window.CSS && CSS.highlights && typeof Highlight === "function") {
      CSS.highlights.set("vr-search-current", new Highlight(hit.range));
    }
    say("Match " + (hitIndex + 1) + " of " + hits.length + ".");
  }

