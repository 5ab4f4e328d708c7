// The published analysis: views, change and note navigation, notes panel, tag filter,
// permalinks and pairs of versions; its notes panel and tag filter are notes.js, its
// search search.js. Vanilla, no network, no eval. Listeners are delegated to the document (a few, whatever the size of the text),
// and work over the whole text is done once per action, never at load.
// publish.page writes search.js, notes.js, then this file inside one function (their
// names are shared: function declarations are known from the start, this file's code
// runs last).
  var doc = document;
  var body = doc.body;
  var panel = doc.getElementById("panel");
  var panelBody = doc.getElementById("panel-body");
  var panelTitle = doc.getElementById("panel-title");
  var statusLine = doc.getElementById("status");
  var search = doc.getElementById("search");
  var searchCount = doc.getElementById("search-count");
  var tagSelect = doc.getElementById("tag");
  var help = doc.getElementById("help");
  var panelList = doc.getElementById("panel-list");
  var toolbar = doc.querySelector(".vr-toolbar");
  var toolsToggle = doc.getElementById("tools-toggle");
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var HIDDEN_KINDS = { old: ["inserted", "moved-to"], "new": ["deleted", "moved-from"] };
  var VIEWS = ["inline", "sbs", "old", "new"];
  var state = { view: "inline", change: -1, open: [], from: null, tag: "", shortcuts: true };
  var searchWhole = doc.getElementById("search-whole");
  var searchResults = doc.getElementById("search-results");

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function say(text) { statusLine.textContent = text; }
  function pairview() { return doc.querySelector("#pairview > .vr-pairview"); }
  // A view's section, among the text's children (a query went through the whole inline
  // view before reaching side by side's).
  function section(name) {
    for (var child = doc.getElementById("text").firstElementChild; child; child = child.nextElementSibling) {
      if (child.classList.contains("vr-view-" + name)) { return child; }
    }
    return null;
  }
  function liveSection() { return section(state.view === "sbs" ? "sbs" : "inline"); }
  function scrollMode() { return reduceMotion ? "auto" : "smooth"; }
  // The sticky toolbar's height, kept up to date by a ResizeObserver (told after the
  // browser's own layout): reading it when needed laid the page out in the middle of an
  // action, once more than the action's changes needed. The stylesheet's copy (--bar,
  // for the panel's and the anchors' offsets) is set when the window's width or the
  // tools change it, not when a longer status line wraps it: every element inherits it,
  // and setting it restyled the whole page (a search's match count did, every time).
  var bar = -1;
  var barWidth = -1;
  function barHeight() {
    if (bar < 0) { measureBar(); }
    return bar;
  }
  function measureBar(restyle) {
    bar = getComputedStyle(toolbar).position === "sticky" ? toolbar.offsetHeight : 0;
    if (restyle === true || window.innerWidth !== barWidth) {
      barWidth = window.innerWidth;
      doc.documentElement.style.setProperty("--bar", bar + "px");
    }
  }
  // On phones and narrow windows the notes panel is a sheet over the bottom of the text:
  // the stylesheet's own condition (max-width: 62rem), asked of the media query, not of
  // the panel's computed style (which had the page restyled in the middle of an action).
  var sheetQuery = window.matchMedia("(max-width: 62rem)");
  function isSheet() { return sheetQuery.matches; }
  function sheetOpen() { return isSheet() && body.classList.contains("panel-open"); }
  function sheetHeight() { return sheetOpen() ? panel.offsetHeight : 0; }
  // A jump (a link, a passage, a chart bar) is a new history entry, so that Back returns
  // from it; stepping to the next or previous change or note replaces the current one.
  // Each entry this page pushed is numbered; ``places`` keeps where the reader was when
  // leaving it, for Back to return there (one pushState: a replaceState too cost as much).
  // A place is the element at the top of the reading area and how far below the top it
  // was, not an offset in the page: parts of the page are laid out only when in sight,
  // so the page above may have grown meanwhile.
  var routed = location.hash;
  var places = [];
  function entry() { return history.state && typeof history.state.vr === "number" ? history.state.vr : 0; }
  function place() {
    var top = barHeight() + 2;
    var element = doc.elementFromPoint(Math.max(1, window.innerWidth / 2), top);
    return element ? { element: element, top: element.getBoundingClientRect().top, y: window.scrollY }
                   : { element: null, top: 0, y: window.scrollY };
  }
  function returnTo(where) {
    if (!where.element || !where.element.isConnected) { window.scrollTo(0, where.y); return; }
    window.scrollBy(0, where.element.getBoundingClientRect().top - where.top);
  }
  // A new entry is pushed after the action's changes to the page and before it scrolls
  // (pushHash, called by whatever scrolls and at the end of the action): where the reader
  // was is then read from the one layout that the changes need anyway.
  var pendingHash = null;
  function setHash(hash, push) {
    if (push) { pendingHash = hash; return; }
    pushHash();
    if (!history.replaceState || hash === location.hash) { routed = location.hash; return; }
    history.replaceState(history.state, "", hash);
    routed = location.hash;
  }
  function pushHash() {
    var hash = pendingHash;
    if (hash === null) { return; }
    pendingHash = null;
    if (!history.replaceState || hash === location.hash) { routed = location.hash; return; }
    places[entry()] = place();
    history.pushState({ vr: places.length }, "", hash);
    routed = location.hash;
  }
  // A passage folded away ("hide unchanged text") is unfolded before it is looked for.
  function unfold(element) {
    if (element) { doc.dispatchEvent(new CustomEvent("vr-reveal", { detail: element })); }
  }
  function quoted(text) { return '"' + (window.CSS && CSS.escape ? CSS.escape(text) : text.replace(/["\\]/g, "\\$&")) + '"'; }

  // ---- views -------------------------------------------------------------------
  // Side by side: the inline rows cloned into two columns, each without the other
  // version's pieces. Built on first use, so the page carries the text only once.
  var OLD_ONLY = ["inserted", "moved-to"];
  var NEW_ONLY = ["deleted", "moved-from"];

  function column(rows, side) {
    var cell = doc.createElement("div");
    cell.className = "vr-side vr-side-" + side;
    var kind = rows[0].getAttribute("data-kind");
    if ((side === "old" ? OLD_ONLY : NEW_ONLY).indexOf(kind) >= 0) {
      var gap = doc.createElement("p");
      gap.className = "vr-row vr-gap";
      gap.setAttribute("aria-hidden", "true");
      cell.classList.add("vr-side-gap");
      cell.appendChild(gap);
      return cell;
    }
    var drop = side === "old" ? "ins, .vr-ref-ins" : "del, .vr-ref-del, .vr-ref-twin";
    rows.forEach(function (row) {
      var copy = row.cloneNode(true);
      all(copy, drop + ", .vr-move-link, .vr-note").forEach(function (element) { element.remove(); });
      all(copy, "[id]").forEach(function (element) { element.removeAttribute("id"); });
      if (copy.id) { copy.id = copy.id + "-" + side; }
      cell.appendChild(copy);
    });
    return cell;
  }

  function ensureSideBySide() {
    var holder = section("sbs");
    if (holder.hasAttribute("data-built")) { return; }
    var labels = versionLabels();
    // Each stacked column names its version on a phone (CSS content, from these).
    holder.style.setProperty("--old-label", cssString(labels.old));
    holder.style.setProperty("--new-label", cssString(labels["new"]));
    var grid = doc.createElement("div");
    grid.className = "vr-sbs";
    var head = doc.createElement("div");
    head.className = "vr-sbs-head";
    head.setAttribute("aria-hidden", "true");
    [labels.old, labels["new"]].forEach(function (label) {
      head.appendChild(doc.createElement("div")).textContent = label;
    });
    grid.appendChild(head);
    var group = [];
    // The pairs are laid out a chunk at a time: a chunk of pairs for each chunk of rows.
    var chunk = null;
    var rowsChunk = null;
    function flush() {
      if (!group.length) { return; }
      var first = group[0];
      var pair = doc.createElement("div");
      pair.className = "vr-pair vr-" + first.getAttribute("data-kind");
      pair.setAttribute("data-row", first.getAttribute("data-row"));
      if (first.hasAttribute("data-change")) { pair.setAttribute("data-change", first.getAttribute("data-change")); }
      pair.appendChild(column(group, "old"));
      pair.appendChild(column(group, "new"));
      if (first.parentNode !== rowsChunk) {
        rowsChunk = first.parentNode;
        chunk = grid.appendChild(doc.createElement("div"));
        chunk.className = "vr-chunk";
      }
      chunk.appendChild(pair);
      group = [];
    }
    // A row's elements side by side together; an unchanged run a paragraph at a time (so
    // that it folds like the inline view).
    all(section("inline"), ".vr-row").forEach(function (row) {
      var equal = row.getAttribute("data-kind") === "equal" && !row.hasAttribute("data-change");
      if (group.length && (equal || group[0].getAttribute("data-row") !== row.getAttribute("data-row"))) { flush(); }
      group.push(row);
    });
    flush();
    holder.appendChild(grid);
    holder.setAttribute("data-built", "");
    // the clones carry the changes view's dimmed marks
    holder.setAttribute("data-tag", section("inline").getAttribute("data-tag") || "");
  }

  function cssString(text) { return '"' + text.replace(/[\\"]/g, "\\$&").replace(/\s+/g, " ") + '"'; }

  function rowAtTop() {
    var text = doc.getElementById("text");
    var box = text.getBoundingClientRect();
    var hit = doc.elementFromPoint(box.left + 24, barHeight() + 24);
    var row = hit && hit.closest ? hit.closest("[data-row]") : null;
    return row && text.contains(row) ? row.getAttribute("data-row") : null;
  }

  function rowElement(index) {
    if (state.view === "sbs") { return section("sbs").querySelector(".vr-pair[data-row=" + quoted(index) + "]"); }
    return doc.getElementById("c-" + index) || section("inline").querySelector("[data-row=" + quoted(index) + "]");
  }

  function setView(name, keepPlace) {
    if (VIEWS.indexOf(name) < 0) { return; }
    pushHash();
    var place = keepPlace ? rowAtTop() : null;
    clearSearchMarks();  // ranges into the view being left would be repainted for nothing
    VIEWS.forEach(function (view) { body.classList.toggle("view-" + view, view === name); });
    state.view = name;
    if (name === "sbs") { ensureSideBySide(); }
    section("inline").hidden = name === "sbs";
    section("sbs").hidden = name !== "sbs";
    all(doc, 'input[name="view"]').forEach(function (input) { input.checked = input.value === name; });
    state.change = -1;
    marksCache = null;
    if (search.value.trim()) { runSearch(); }
    var labels = versionLabels();
    var names = { inline: "changes", sbs: "side by side", old: labels.old + " only", "new": labels["new"] + " only" };
    say("View: " + names[name] + ".");
    paintMarks(null);
    doc.dispatchEvent(new CustomEvent("vr-view", { detail: name }));
    if (place !== null) {
      var row = rowElement(place);
      if (row) { row.scrollIntoView({ block: "start" }); }
    }
  }

  // ---- changes -----------------------------------------------------------------
  function changeList() {
    if (state.view === "sbs") { return all(section("sbs"), ".vr-pair[data-change]"); }
    var hidden = HIDDEN_KINDS[state.view] || [];
    return all(section("inline"), ".vr-row[data-change][id]").filter(function (row) {
      return hidden.indexOf(row.getAttribute("data-kind")) < 0;
    });
  }

  function onScreen(element) {
    var box = element.getBoundingClientRect();
    return box.bottom > barHeight() && box.top < window.innerHeight - sheetHeight();
  }

  // The first of ``count`` elements in reading order below the top of the reading area
  // (or the last above it), by bisection: a few layout queries, whatever the count.
  function fromScroll(count, elementAt, step) {
    var top = barHeight() + 4;
    var low = 0;
    var high = count;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (roughTop(elementAt(middle)) <= top) { low = middle + 1; } else { high = middle; }
    }
    return step > 0 ? low : low - 1;
  }

  // Where an element's top is, as far as being above or below the screen goes: its
  // chunk's top when the chunk is not laid out (off screen), since asking for a box
  // inside that chunk would lay it out, or when the view hides the element.
  function roughTop(element) {
    var chunk = element.closest(".vr-chunk");
    var skipped = chunk && element.checkVisibility && !element.checkVisibility({ contentVisibilityAuto: true });
    var box = (skipped ? chunk : element).getBoundingClientRect();
    return box.width || box.height || !chunk ? box.top : chunk.getBoundingClientRect().top;
  }

  function markCurrent(element) {
    all(doc, ".vr-current").forEach(function (old) { old.classList.remove("vr-current"); });
    element.classList.add("vr-current");
    element.setAttribute("tabindex", "-1");
    element.focus({ preventScroll: true });
  }

  function goChange(step) {
    var list = changeList();
    if (!list.length) { say("No changes in this view."); return; }
    var index = state.change;
    if (index >= 0 && index < list.length && onScreen(list[index])) { index += step; } else { index = fromScroll(list.length, function (i) { return list[i]; }, step); }
    index = (index + list.length) % list.length;
    showChangeElement(list[index], scrollMode());
    state.change = index;
    say("Change " + (index + 1) + " of " + list.length + ": " + (list[index].getAttribute("data-change") || "changed"));
    setHash("#c-" + list[index].getAttribute("data-row"), false);
  }

  function showChangeElement(element, behavior) {
    markCurrent(element);
    bringIntoView([element], behavior);
  }

  // A jump first when far (rows out of sight may not be laid out yet), then the exact place.
  function bringIntoView(elements, behavior) {
    pushHash();
    if (!onScreen(elements[0])) { elements[0].scrollIntoView({ block: "center" }); }
    reveal(elements, behavior, false);
  }

  function showChange(index) {
    var row = rowElement(index);
    unfold(row);
    if (!row || row.offsetParent === null) {
      setView("inline", false);
      row = rowElement(index);
      unfold(row);
    }
    if (!row) { notFound("Change", index); return false; }
    showChangeElement(row, "auto");
    var list = changeList();
    state.change = list.indexOf(row);
    if (state.change >= 0) { say("Change " + (state.change + 1) + " of " + list.length + "."); }
    return true;
  }

  // ---- placing things on the screen ------------------------------------------
  // Scroll ``marks`` (a passage, a change) into the part of the screen between the toolbar
  // and the open notes sheet (the lower half on phones), centred when they fit there,
  // their start at the top when they do not; ``ifHidden``: only if not all in sight.
  function reveal(marks, behavior, ifHidden) {
    pushHash();
    var boxes = marks.map(function (mark) { return mark.getBoundingClientRect(); })
      .filter(function (box) { return box.width || box.height; });
    if (!boxes.length) { return; }
    var top = Math.min.apply(null, boxes.map(function (box) { return box.top; }));
    var bottom = Math.max.apply(null, boxes.map(function (box) { return box.bottom; }));
    var above = barHeight() + 8;
    var below = window.innerHeight - sheetHeight() - 8;
    if (ifHidden && top >= above && bottom <= below) { return; }
    var room = below - above;
    var shift = bottom - top > room ? top - above : top - above - (room - (bottom - top)) / 2;
    window.scrollBy({ top: shift, behavior: behavior });
  }

  // ---- pairs of versions (the single file holds every pair) -------------------------
  // A pair not shown waits gzipped in a <script type="application/gzip">, or, once
  // shown, in a <template>. Unpacking is asynchronous: ``then`` runs once the pair is
  // shown (at once when it needs no unpacking).
  var unpacking = {};

  function switchPair(key, then) {
    var stored = doc.getElementById("pair-" + key);
    if (pairview().getAttribute("data-pair") === key) { if (then) { then(); } return true; }
    if (stored && stored.tagName === "SCRIPT") {
      unpack(stored).then(function () { switchPair(key, then); });
      return true;
    }
    pushHash();
    var live = doc.getElementById("pairview");
    if (!stored || stored.tagName !== "TEMPLATE") { return false; }
    var shown = pairview();
    var store = doc.createElement("template");
    store.id = "pair-" + shown.getAttribute("data-pair");
    store.content.appendChild(shown);
    live.appendChild(stored.content);
    stored.parentNode.replaceChild(store, stored);
    var labels = versionLabels();
    all(doc, ".vr-old-label").forEach(function (label) { label.textContent = labels.old; });
    all(doc, ".vr-new-label").forEach(function (label) { label.textContent = labels["new"]; });
    all(doc, ".vr-pairs a").forEach(function (link) {
      if (link.getAttribute("data-pair") === key) { link.setAttribute("aria-current", "page"); } else { link.removeAttribute("aria-current"); }
    });
    closeNotes();
    applyTag();  // before the view is shown: its marks are dimmed by the notes' filter
    sizeIndex();
    setView(state.view, false);
    showList();
    markHistory();
    say("Comparing " + labels.old + " with " + labels["new"] + ".");
    if (then) { then(); }
    return true;
  }

  // A packed pair's HTML, gunzipped into a <template> in the script's place.
  function unpack(script) {
    var key = script.id;
    if (!unpacking[key]) {
      var bytes = Uint8Array.from(atob(script.textContent.trim()), function (c) { return c.charCodeAt(0); });
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      unpacking[key] = new Response(stream).text().then(function (html) {
        var template = doc.createElement("template");
        template.innerHTML = html;
        template.id = key;
        if (script.parentNode) { script.parentNode.replaceChild(template, script); }
      });
    }
    return unpacking[key];
  }

  function switchToPairOf(key, then) {
    var stores = all(doc, '[id^="pair-"]');
    for (var i = 0; i < stores.length; i++) {
      var packed = stores[i].tagName === "SCRIPT";
      if (packed ? (" " + stores[i].getAttribute("data-notes") + " ").indexOf(" " + key + " ") >= 0
          : stores[i].tagName === "TEMPLATE" && stores[i].content.querySelector(".vr-note[data-key=" + quoted(key) + "]")) {
        return switchPair(stores[i].id.slice(5), then);
      }
    }
    return false;
  }

  // ---- permalinks --------------------------------------------------------------
  function route(hash, keyboard, behavior) {
    routed = hash;
    var match = /^#([acp])-(.+)$/.exec(hash || "");
    if (!match) { return false; }
    var name = match[2];
    try { name = decodeURIComponent(name); } catch (error) { /* a malformed escape: look it up as written */ }
    if (match[1] === "a") { return showNote(name, keyboard, behavior); }
    if (match[1] === "c") { return showChange(name); }
    if (!switchPair(name, function () { window.scrollTo(0, 0); })) { notFound("Pair of versions", name); return false; }
    return true;
  }

  // ---- events (delegated) --------------------------------------------------------
  doc.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) { return; }
    if (target.closest(".vr-list-more")) {
      var at = doc.getElementById("note-list").childElementCount - 1;
      renderList(true);
      doc.getElementById("note-list").children[at].querySelector("a").focus();
      return;
    }
    var tag = target.closest(".vr-tag");
    if (tag) { setTag(tag.getAttribute("data-tag")); return; }
    var link = target.closest("a");
    var href = link && link.getAttribute("href");
    if (href && /^#[acp]-/.test(href)) {
      event.preventDefault();
      // The entry first: the browser keeps the place being left with the entry left.
      // (A pair's own link also drops the previous pair's #a-… from the address.)
      setHash(href, true);
      if (/^#a-/.test(href) && link.closest("#pairview .vr-view")) {
        openPassage(passageKeys(link), link, event.detail === 0);
      } else {
        route(href, event.detail === 0, scrollMode());
      }
      pushHash();
      return;
    }
    var mark = target.closest("#pairview .vr-view [data-a]");
    var selection = window.getSelection && window.getSelection();
    if (mark && !mark.classList.contains("vr-off") && (!selection || selection.isCollapsed)) {
      var keys = passageKeys(mark);
      if (keys.length) { setHash("#a-" + keys[0], true); openPassage(keys, mark, false); pushHash(); }
    }
  });

  function openPassage(keys, from, keyboard) {
    var sheet = isSheet();  // read before the changes, which it would otherwise restyle at once
    openNotes(keys, from, keyboard);
    if (state.open.length && sheet) { reveal(marksOf(keys[0]), scrollMode(), true); }
  }

  function toggleTools() {
    var open = toolbar.classList.toggle("vr-tools-open");
    toolsToggle.setAttribute("aria-expanded", String(open));
    measureBar(true);
  }

  doc.addEventListener("change", function (event) {
    var target = event.target;
    if (target.name === "view") { setView(target.value, true); }
    if (target === tagSelect) { setTag(tagSelect.value); }
    if (target.id === "shortcuts") { state.shortcuts = target.checked; }
  });

  doc.getElementById("next-change").addEventListener("click", function () { goChange(1); });
  doc.getElementById("prev-change").addEventListener("click", function () { goChange(-1); });
  doc.getElementById("next-note").addEventListener("click", function () { goNote(1); });
  doc.getElementById("prev-note").addEventListener("click", function () { goNote(-1); });
  doc.getElementById("next-hit").addEventListener("click", function () { goHit(1); });
  doc.getElementById("prev-hit").addEventListener("click", function () { goHit(-1); });
  doc.getElementById("panel-close").addEventListener("click", closeNotes);
  panel.addEventListener("scroll", function () { panelScrolled = true; }, { passive: true });
  doc.getElementById("notes-link").addEventListener("click", function (event) { event.preventDefault(); openList(event.currentTarget); });
  toolsToggle.addEventListener("click", toggleTools);
  doc.getElementById("help-open").addEventListener("click", function () { help.showModal(); });
  doc.getElementById("help-close").addEventListener("click", function () { help.close(); });
  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 180);
  });
  // Enter searches the query as typed, even within the pause that waits for more typing.
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    clearTimeout(searchTimer);
    if (searchKey() !== searched) { runSearch(); }
    if (hits.length) { goHit(event.shiftKey ? -1 : 1); } else if (noteHits.length) { searchResults.open = true; }
  });
  searchWhole.addEventListener("change", function () { clearTimeout(searchTimer); runSearch(); });
  searchResults.addEventListener("toggle", function () { if (searchResults.open) { renderResults(); } });
  searchResults.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-hit]");
    if (button) { searchResults.open = false; goToHit(Number(button.getAttribute("data-hit"))); }
    if (event.target.closest && event.target.closest("a")) { searchResults.open = false; }
  });

  var KEYS = {
    n: function () { goChange(1); }, j: function () { goChange(1); },
    p: function () { goChange(-1); }, k: function () { goChange(-1); },
    "]": function () { goNote(1); }, "[": function () { goNote(-1); },
    "/": function () { search.focus(); search.select(); },
    "?": function () { help.showModal(); },
    "1": function () { setView("inline", true); }, "2": function () { setView("sbs", true); },
    "3": function () { setView("old", true); }, "4": function () { setView("new", true); },
    ".": function () { stepPair(1); }, ",": function () { stepPair(-1); }
  };

  doc.addEventListener("keydown", function (event) {
    if (help.open) { return; }
    if (event.key === "Escape" && (state.open.length || sheetOpen())) { closeNotes(); return; }
    if (leavePanel(event)) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey || !state.shortcuts) { return; }
    var target = event.target;
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) && !/^(radio|checkbox)$/.test(target.type);
    if (typing || target.isContentEditable || !KEYS.hasOwnProperty(event.key)) { return; }
    event.preventDefault();
    KEYS[event.key]();
  });

  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { measureBar(false); }).observe(toolbar);
  } else {
    window.addEventListener("resize", function () { requestAnimationFrame(measureBar); });
  }
  // Back and Forward: the entry's note, change or pair; none, the notes closed.
  window.addEventListener("popstate", function () {
    if (location.hash !== routed && !route(location.hash, false, "auto") && state.open.length) { closeNotes(); }
    var where = places[entry()];
    if (where) {  // again once what came into sight is laid out
      returnTo(where);
      requestAnimationFrame(function () { returnTo(where); });
    }
  });
  window.addEventListener("hashchange", function () {
    if (location.hash !== routed) { route(location.hash, false, "auto"); }
  });

  // ---- start ---------------------------------------------------------------------
  startHistory();
  sizeIndex();
  var checked = doc.querySelector('input[name="view"]:checked');
  if (checked && checked.value !== "inline") { setView(checked.value, false); }
  var startTag = tagFromAddress();
  if (startTag) { setTag(startTag); } else { showList(); }
  // Print the introduction and the versions, which the page folds away.
  var about = doc.querySelector(".vr-about");
  var aboutWasOpen = false;
  window.addEventListener("beforeprint", function () { if (about) { aboutWasOpen = about.open; about.open = true; } });
  window.addEventListener("afterprint", function () { if (about) { about.open = aboutWasOpen; } });
  // After the browser's own scroll to the fragment, which would undo ours.
  window.addEventListener("load", function () { route(location.hash, false, "auto"); indexWhenIdle(); });
  body.classList.add("vr-ready");
  if (window.performance && performance.mark) { performance.mark("vr-ready"); }
