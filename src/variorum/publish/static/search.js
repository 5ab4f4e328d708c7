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
  var hitRows = [];  // rows outlined where the browser has no CSS highlights

  // The row's text as the old and the new version read it, with its text nodes and where
  // each starts (parallel arrays: a long text has tens of thousands of nodes). ``whole``:
  // the row is one version's only (a column of side by side). Read by walking the row's
  // elements once, each passing on which versions read it: looking up each text node's
  // ancestors (closest) cost as much again as the walk.
  function rowTexts(row, whole) {
    var texts = { old: { text: "", nodes: [], starts: [] }, "new": { text: "", nodes: [], starts: [] } };
    readText(row, whole ? (whole === "old" ? OLD : NEW) : BOTH, texts, !!whole, true);
    return texts;
  }

  var BOTH = ["old", "new"];
  var OLD = ["old"];
  var NEW = ["new"];
  // Not the text's own words: note numbers, move links, link notes, words for screen readers.
  var SKIPPED = /(^| )vr-(ref|move-link|link-note|sr)( |$)/;
  function readText(element, sides, texts, whole, top) {
    for (var node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        for (var i = 0; i < sides.length; i++) {
          var side = texts[sides[i]];
          side.nodes.push(node);
          side.starts.push(side.text.length);
          side.text += node.data;
        }
      } else if (node.nodeType === 1) {
        var tag = node.tagName;
        if ((top && (tag === "A" || tag === "SMALL")) || SKIPPED.test(node.className)) { continue; }
        // inserted text is the new version's, deleted the old one's (an insertion
        // inside a deletion the new one's, as the reader sees it)
        var inner = whole ? sides : tag === "INS" ? NEW : tag === "DEL" && sides !== NEW ? OLD : sides;
        readText(node, inner, texts, whole, false);
      }
    }
  }

  // The text node holding character ``offset`` of a side's text, and the offset in it: the
  // last node starting before it (at it, for a start), by bisection.
  function position(side, offset, atEnd) {
    var starts = side.starts;
    var low = 0;
    var high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] < offset || (starts[middle] === offset && !atEnd)) { low = middle; } else { high = middle - 1; }
    }
    if (!starts.length || (low === 0 && !(starts[0] < offset || (starts[0] === offset && !atEnd)))) {
      return [side.nodes[0], 0];
    }
    return [side.nodes[low], offset - starts[low]];
  }

  // The rows of the current view with their texts, read from the page once per view: in
  // the browser's idle time after the page has loaded (a few rows at a time, so that
  // nothing the reader does waits for more than a row), and what is left of it when the
  // reader searches first.
  var indexed = null;
  function currentIndex() {
    var view = liveSection();
    if (!indexed || indexed.view !== view || indexed.name !== state.view) {
      indexed = { view: view, name: state.view, rows: searchRows(), entries: [] };
    }
    return indexed;
  }

  // ``deadline``: an idle period's; a slice stops within SLICE ms even in a long one, so
  // that a click or a key the reader presses meanwhile waits no longer than that.
  var SLICE = 4;
  function indexRows(index, deadline) {
    var rows = index.rows;
    var entries = index.entries;
    var stop = deadline ? performance.now() + SLICE : Infinity;
    while (entries.length < rows.length && (!deadline || (deadline.timeRemaining() > 1 && performance.now() < stop))) {
      var pair = rows[entries.length];
      var texts = rowTexts(pair[0], pair[1]);
      entries.push({
        row: pair[0], texts: texts,
        lower: { old: lower(texts.old.text), "new": lower(texts["new"].text) }
      });
    }
    return entries.length === rows.length;
  }

  function textIndex() {
    var index = currentIndex();
    indexRows(index, null);
    return index.entries;
  }

  // Idle time: the text of the view shown, then the notes.
  function indexWhenIdle() {
    if (typeof window.requestIdleCallback !== "function") { return; }
    window.requestIdleCallback(function step(deadline) {
      if (!indexRows(currentIndex(), deadline)) { window.requestIdleCallback(step); return; }
      window.requestIdleCallback(function () { noteIndex(); });
    });
  }

  // Case folded the same way for the texts and the query, the locale's rules aside (in
  // some, an I is not an i), and several times faster on a long text.
  function lower(text) { return text.toLowerCase(); }

  var WORD_CHAR = wordChar();
  function wordChar() {
    try { return new RegExp("[\\p{L}\\p{N}\\p{M}_]", "u"); } catch (error) { return /[0-9A-Za-z_\u00c0-\uffff]/; }
  }
  // Whether ``haystack`` holds a whole word (not part of a longer one) at at..end.
  function wordAt(haystack, at, end) {
    return !WORD_CHAR.test(haystack.charAt(at - 1)) && !WORD_CHAR.test(haystack.charAt(end));
  }

  // ``seen``: where the old version's matches start (text node, offset), for the new
  // version's search of the same row to pass over those in text both versions share.
  function findIn(entry, side, needle, found, whole, seen) {
    var haystack = entry.lower[side];
    var nodes = entry.texts[side];  // text, nodes and starts
    var row = entry.row;
    for (var at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      if (whole && !wordAt(haystack, at, at + needle.length)) { continue; }
      var start = position(nodes, at, false);
      found[side] += 1;  // each version's count has the matches they share
      if (seen) {
        var offsets = seen.get(start[0]);
        if (side === "old") {
          if (!offsets) { seen.set(start[0], offsets = []); }
          offsets.push(start[1]);
        } else if (offsets && offsets.indexOf(start[1]) >= 0) {
          continue;
        }
      }
      var end = position(nodes, at + needle.length, true);
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
      var text = item.getElementsByTagName("q")[0].textContent + " · " +
        item.getElementsByClassName("vr-note-body")[0].textContent +
        (tags ? " · #" + tags.replace(/ /g, " #") + " (" + tags.replace(/-/g, " ") + ")" : "");
      text = text.replace(/[\t\n\v\f\r]+/g, " ");  // a note's paragraphs: one line
      return { key: item.getAttribute("data-key"), number: item.getAttribute("value"), text: text, lower: lower(text) };
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
    var needle = lower(query);
    var found = { old: 0, "new": 0 };
    var sides = state.view === "old" ? ["old"] : state.view === "new" ? ["new"] : ["old", "new"];
    var both = sides.length === 2 && typeof Map === "function";
    textIndex().forEach(function (entry) {
      var seen = both ? new Map() : null;
      sides.forEach(function (side) {
        if (entry.lower[side].indexOf(needle) >= 0) { findIn(entry, side, needle, found, whole, seen); }
      });
    });
    if (highlights && typeof Highlight === "function") {
      var marked = new Highlight();
      hits.forEach(function (hit) { marked.add(hit.range); });
      highlights.set("vr-search", marked);
    } else {
      hits.forEach(function (hit) { hit.row.classList.add("vr-hit-row"); hitRows.push(hit.row); });
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
    hitRows.forEach(function (row) { row.classList.remove("vr-hit-row"); });
    hitRows = [];
    if (window.CSS && CSS.highlights) {
      CSS.highlights.delete("vr-search");
      CSS.highlights.delete("vr-search-current");
    }
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

