// Finding one's way in a long analysis: the chart as one tab stop, the list of changes
// with filters by kind, "hide unchanged text" with folds that open, and markers of
// changes and notes beside the scrollbar. It reads the page the reader script keeps
// and talks to it through links (#c-…, #a-…, routed by that script) and two events:
// "vr-view" (a view was shown) and "vr-reveal" (unfold this element before it is shown).
(function () {
  "use strict";
  var doc = document;
  var body = doc.body;
  var foldToggle = doc.getElementById("fold");
  var strip = doc.querySelector(".vr-markers");
  var CONTEXT = 1;  // unchanged paragraphs kept on each side of a change when folding
  var KINDS = {
    inserted: ["inserted"], deleted: ["deleted"], moved: ["moved-from", "moved-to"],
    renumbered: ["renumbered"], edited: ["changed", "split", "merged", "equal"]
  };

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function pairview() { return doc.querySelector("#pairview > .vr-pairview"); }
  function liveRows() {
    return body.classList.contains("view-sbs")
      ? pairview().querySelector(".vr-sbs")
      : pairview().querySelector(".vr-view-inline .vr-redline");
  }

  // ---- the chart: one tab stop, arrow keys between its bars --------------------------
  doc.addEventListener("keydown", function (event) {
    var bar = event.target.closest && event.target.closest(".vr-chart a");
    if (!bar) { return; }
    var bars = all(bar.closest(".vr-chart"), "a");
    var at = bars.indexOf(bar);
    var to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: bars.length - 1 }[event.key];
    if (to === undefined) { return; }
    event.preventDefault();
    event.stopPropagation();
    to = Math.max(0, Math.min(bars.length - 1, to));
    bar.setAttribute("tabindex", "-1");
    bars[to].removeAttribute("tabindex");
    bars[to].focus();
  }, true);

  // ---- the list of changes, filtered by kind (built when opened) ---------------------
  function kindsOf(row) {
    var names = [];
    var kind = row.getAttribute("data-kind");
    Object.keys(KINDS).forEach(function (name) {
      if (KINDS[name].indexOf(kind) >= 0) { names.push(name); }
    });
    if (row.classList.contains("vr-renumbered") && names.indexOf("renumbered") < 0) { names.push("renumbered"); }
    return names;
  }

  // A row's own words: without note numbers, move links and words for screen readers.
  var NOT_TEXT = ".vr-ref, .vr-move-link, .vr-note, .vr-sr";
  function wordsOf(row) {
    var copy = row;
    if (row.querySelector(NOT_TEXT)) {
      copy = row.cloneNode(true);
      all(copy, NOT_TEXT).forEach(function (element) { element.remove(); });
    }
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function renderChanges(box) {
    var wanted = all(box, 'input[name="kind"]:checked').map(function (input) { return input.value; });
    var rows = all(pairview(), ".vr-view-inline .vr-row[data-change][id]");
    var list = doc.createElement("ol");
    list.className = "vr-change-list";
    var shown = 0;
    rows.forEach(function (row) {
      if (!kindsOf(row).some(function (name) { return wanted.indexOf(name) >= 0; })) { return; }
      shown += 1;
      var link = list.appendChild(doc.createElement("li")).appendChild(doc.createElement("a"));
      link.href = "#" + row.id;
      link.appendChild(doc.createElement("span")).textContent = row.getAttribute("data-change");
      link.firstChild.className = "vr-change-kind vr-kind-" + row.getAttribute("data-kind");
      var words = wordsOf(row);
      link.appendChild(doc.createTextNode(" " + (words.length > 90 ? words.slice(0, 89) + "…" : words)));
    });
    box.replaceChild(list, box.querySelector(".vr-change-list"));
    box.querySelector(".vr-changes-count").textContent =
      shown + " of " + rows.length + " change" + (rows.length === 1 ? "" : "s") + " shown";
  }

  doc.addEventListener("toggle", function (event) {
    var box = event.target;
    if (box.classList && box.classList.contains("vr-changes-box") && box.open) { renderChanges(box); }
  }, true);
  doc.addEventListener("change", function (event) {
    if (event.target.name === "kind") { renderChanges(event.target.closest(".vr-changes-box")); }
    if (event.target === foldToggle) { setFolded(foldToggle.checked); }
  });

  // ---- hide unchanged text: runs of unchanged paragraphs folded behind a button ---------
  // Units: each paragraph of unchanged text (an unchanged run of a comparison row is
  // several), and the elements of each changed row together.
  function units(container) {
    var out = [];
    rowsOf(container).forEach(function (element) {
      var row = element.getAttribute("data-row");
      if (row === null) { return; }
      var equal = element.getAttribute("data-kind") === "equal" || element.classList.contains("vr-equal");
      var kept = element.hasAttribute("data-change") || !equal;
      var last = out[out.length - 1];
      if (kept && last && last.kept && last.row === row) { last.elements.push(element); return; }
      out.push({ row: row, kept: kept, elements: [element] });
    });
    return out;
  }

  // The rows (or pairs) of a view in order, through the chunks they are laid out in.
  function rowsOf(container) {
    var rows = [];
    Array.prototype.forEach.call(container.children, function (element) {
      if (element.classList.contains("vr-chunk")) { rows.push.apply(rows, element.children); } else { rows.push(element); }
    });
    return rows;
  }

  function fold(container) {
    if (!container || container.hasAttribute("data-folded")) { return; }
    container.setAttribute("data-folded", "");
    var list = units(container);
    var near = list.map(function (unit, index) {
      for (var at = Math.max(0, index - CONTEXT); at <= Math.min(list.length - 1, index + CONTEXT); at++) {
        if (list[at].kept) { return true; }
      }
      return false;
    });
    var run = [];
    var number = 0;
    function close() {
      var elements = [].concat.apply([], run.map(function (unit) { return unit.elements; }));
      if (elements.length >= 2) { foldRun(container, elements, number++); }
      run = [];
    }
    list.forEach(function (unit, index) {
      if (near[index]) { close(); } else { run.push(unit); }
    });
    close();
  }

  function foldRun(container, elements, number) {
    var paragraphs = elements.filter(function (element) { return !element.classList.contains("vr-sbs-head"); }).length;
    var holder = doc.createElement("div");
    holder.className = "vr-fold";
    var button = holder.appendChild(doc.createElement("button"));
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("data-fold", number);
    button.textContent = "Show " + paragraphs + " unchanged paragraph" + (paragraphs === 1 ? "" : "s");
    elements.forEach(function (element) {
      element.classList.add("vr-folded");
      element.setAttribute("data-fold", number);
    });
    elements[0].parentNode.insertBefore(holder, elements[0]);
  }

  function openFold(container, number, focus) {
    var rows = all(container, '.vr-folded[data-fold="' + number + '"]');
    rows.forEach(function (row) { row.classList.remove("vr-folded"); });
    var button = container.querySelector('.vr-fold button[data-fold="' + number + '"]');
    if (button) { button.parentNode.remove(); }
    if (focus && rows.length) {
      rows[0].setAttribute("tabindex", "-1");
      rows[0].focus();
    }
    scheduleMarkers();
  }

  function unfoldAll(container) {
    if (!container) { return; }
    container.removeAttribute("data-folded");
    all(container, ".vr-fold").forEach(function (holder) { holder.remove(); });
    all(container, ".vr-folded").forEach(function (row) { row.classList.remove("vr-folded"); });
  }

  // ``quiet``: nothing said in the status line (the page opening folded, as its address asks).
  function setFolded(on, quiet) {
    body.classList.toggle("vr-folding", on);
    var containers = [pairview().querySelector(".vr-view-inline .vr-redline"), pairview().querySelector(".vr-sbs")];
    containers.forEach(function (container) {
      if (!container) { return; }
      if (on && container === liveRows()) { fold(container); } else { unfoldAll(container); }
    });
    var status = doc.getElementById("status");
    if (status && !quiet) { status.textContent = on ? "Unchanged text hidden; its folds open where they stand." : "All the text shown."; }
    foldInAddress(on);
    scheduleMarkers();
  }

  // The choice is kept in the address (?unchanged=hidden), as the tag filter is, so that a
  // link or a reload shows the text as the reader left it. Folds opened one by one are not.
  function foldInAddress(on) {
    if (!history.replaceState || typeof URL !== "function") { return; }
    var address = new URL(location.href);
    if (on) { address.searchParams.set("unchanged", "hidden"); } else { address.searchParams.delete("unchanged"); }
    if (address.href !== location.href) { history.replaceState(history.state, "", address.href); }
  }

  function foldFromAddress() {
    return typeof URLSearchParams === "function" && new URLSearchParams(location.search).get("unchanged") === "hidden";
  }

  doc.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".vr-fold button");
    if (button) { openFold(button.closest(".vr-redline, .vr-sbs"), button.getAttribute("data-fold"), true); }
  });
  doc.addEventListener("vr-reveal", function (event) {
    var element = event.detail;
    var folded = element && element.closest && element.closest(".vr-folded");
    if (folded) { openFold(folded.closest(".vr-redline, .vr-sbs"), folded.getAttribute("data-fold"), false); }
  });
  doc.addEventListener("vr-view", function () {
    if (foldToggle && foldToggle.checked) { setFolded(true, true); } else { scheduleMarkers(); }
  });

  // ---- markers beside the scrollbar: where the changes and the notes are ---------------
  // Drawn in buckets of a few pixels (one element each, whatever the count), after load
  // and again when the layout changes; each bucket links to its first change or note.
  var BUCKET = 4;
  var pending = 0;
  // A quarter of a second after the last change, in the browser's idle time: drawing reads
  // the place of every change and note, and a reader's click soon after loading the page
  // waited for it.
  function scheduleMarkers() {
    if (!strip) { return; }
    clearTimeout(pending);
    pending = setTimeout(function () {
      if (typeof window.requestIdleCallback === "function") {
        window.requestIdleCallback(drawMarkers, { timeout: 2000 });
      } else {
        drawMarkers();
      }
    }, 250);
  }

  // Placed by their row's box; in a chunk of rows off screen, which is not laid out
  // (content-visibility) and would be if asked for a box inside it, by the row's place
  // among the chunk's rows.
  function bucketsOf(elements, top, scale) {
    var buckets = {};
    elements.forEach(function (element) {
      var row = element.closest(".vr-pair, .vr-row") || element;
      if (row.classList.contains("vr-row") && row.parentElement.closest(".vr-pair")) { row = row.closest(".vr-pair"); }
      var y = rowTop(row, element);
      if (y === null) { return; }
      var at = Math.floor((y + top) * scale / BUCKET);
      if (!buckets[at]) { buckets[at] = { element: element, count: 0 }; }
      buckets[at].count += 1;
    });
    return buckets;
  }

  function rowTop(row, element) {
    var chunk = row.parentElement;
    var whole = chunk.classList.contains("vr-chunk") ? skippedBox(chunk) : null;
    if (!whole) {
      var box = row.getBoundingClientRect();
      return box.height || box.width ? box.top : null;
    }
    if (hiddenHere(row, element)) { return null; }
    return whole.top + whole.height * whole.rows.indexOf(row) / whole.rows.length;
  }

  // A chunk's box and rows if it is not laid out (null if it is), asked once a chunk in a
  // drawing (of one of its rows the view shows): asked of each row, it was most of it.
  var chunkBoxes = null;
  function skippedBox(chunk) {
    if (!chunkBoxes.has(chunk)) {
      var shown = Array.prototype.find.call(chunk.children, function (row) { return row.checkVisibility && row.checkVisibility(); });
      var skipped = shown && !shown.checkVisibility({ contentVisibilityAuto: true });
      var box = skipped ? chunk.getBoundingClientRect() : null;
      chunkBoxes.set(chunk, box && { top: box.top, height: box.height, rows: Array.prototype.slice.call(chunk.children) });
    }
    return chunkBoxes.get(chunk);
  }

  // What the stylesheet hides of a row in a chunk not laid out: folded rows, and the
  // other version's rows and note numbers in a one-version view.
  var HIDDEN = { old: /\bvr-(inserted|moved-to|ref-ins)\b/, "new": /\bvr-(deleted|moved-from|ref-del)\b/ };
  function hiddenHere(row, element) {
    if (row.classList.contains("vr-folded")) { return true; }
    var view = body.classList.contains("view-old") ? "old" : body.classList.contains("view-new") ? "new" : "";
    return Boolean(view) && (HIDDEN[view].test(row.className) || HIDDEN[view].test(element.className));
  }

  function kindClass(element) {
    var match = /\bvr-(inserted|deleted|moved-from|moved-to)\b/.exec(element.className);
    return match ? match[1] : "changed";
  }

  function drawMarkers() {
    var view = liveRows();
    if (!view) { return; }
    var height = strip.clientHeight;
    var page = doc.documentElement.scrollHeight;
    if (!height || !page) { return; }
    drawnFor = page;
    var scale = height / page;
    var top = window.scrollY;
    var section = view.closest(".vr-view");
    var changes = all(section, body.classList.contains("view-sbs") ? ".vr-pair[data-change]" : ".vr-row[data-change][id]");
    var notes = all(section, "a.vr-ref:not(.vr-off)");
    var parts = doc.createDocumentFragment();
    chunkBoxes = new Map();
    [[changes, "change", function (element) { return "#c-" + element.getAttribute("data-row"); }],
     [notes, "note", function (element) { return element.getAttribute("href"); }]].forEach(function (kind) {
      var buckets = bucketsOf(kind[0], top, scale);
      Object.keys(buckets).forEach(function (at) {
        var bucket = buckets[at];
        var link = doc.createElement("a");
        link.href = kind[2](bucket.element);
        link.tabIndex = -1;
        link.className = "vr-marker vr-marker-" + kind[1] + (kind[1] === "change" ? " vr-kind-" + kindClass(bucket.element) : "");
        link.style.top = (at * BUCKET) + "px";
        link.title = bucket.count + " " + kind[1] + (bucket.count === 1 ? "" : "s");
        parts.appendChild(link);
      });
    });
    strip.textContent = "";
    strip.appendChild(parts);
    chunkBoxes = null;
  }

  // The address decides, not the state a browser restores to the box on reloading.
  if (foldToggle) {
    foldToggle.checked = foldFromAddress();
    if (foldToggle.checked) { setFolded(true, true); }
  }

  // Drawn again once the page's height is a twentieth more or less than when they were
  // drawn: the parts of the page laid out as they come near the screen take more or less
  // room than they were given until then.
  var drawnFor = 0;
  function heightChanged() {
    var page = doc.documentElement.scrollHeight;
    if (drawnFor && Math.abs(page - drawnFor) > drawnFor / 20) { drawnFor = 0; scheduleMarkers(); }
  }

  if (strip) {
    if (typeof ResizeObserver === "function") { new ResizeObserver(heightChanged).observe(body); }
    window.addEventListener("resize", scheduleMarkers);
    doc.addEventListener("change", function (event) { if (event.target.id === "tag") { scheduleMarkers(); } });
    doc.addEventListener("toggle", scheduleMarkers, true);
    window.addEventListener("load", scheduleMarkers);
  }
})();
