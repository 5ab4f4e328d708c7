  // ---- history (more than two versions): picking two versions, stepping through the
  // consecutive changes, and "when was this written". Function declarations only: this
  // file runs before publish.js, whose start calls startHistory().
  var historyBox = null;
  var historyPairs = {};

  function pickSelects() {
    return [document.getElementById("pick-old"), document.getElementById("pick-new")];
  }

  // The indices of the versions of the pair shown.
  function shownVersions() {
    var shown = document.querySelector("#pairview > .vr-pairview");
    var labels = pickSelects()[0].options;
    var found = [-1, -1];
    for (var i = 0; i < labels.length; i++) {
      if (labels[i].text === shown.getAttribute("data-old")) { found[0] = i; }
      if (labels[i].text === shown.getAttribute("data-new")) { found[1] = i; }
    }
    return found;
  }

  function pickSay(text) { document.getElementById("pick-status").textContent = text; }

  // Open the pair of versions ``old`` and ``young`` (indices): its page, or in the single
  // file its stored part, or, for a pair not published, its redline composed from the
  // steps; ``row``, if given, the row of its redline to show.
  function openVersions(old, young, row) {
    if (old >= young) { pickSay("Pick an earlier version first, then a later one."); return false; }
    var href = historyPairs[old + "-" + young];
    pickSay("");
    if (!href) { return pickUnpublished(old, young); }
    hidePicked();
    if (href.charAt(0) !== "#") { location.href = href; return true; }
    setHash(href, true);
    switchPair(href.slice(3), function () {
      if (row >= 0) { showChange(String(row)); } else { window.scrollTo(0, 0); }
    });
    return true;
  }

  // The next (``delta`` 1) or previous (-1) step: from a step to its neighbour; from any
  // other pair, the first step after its older version or the last before its newer one.
  function stepPair(delta) {
    if (!historyBox) { return; }
    var shown = shownVersions();
    var from = shown[1] - shown[0] === 1 ? shown[0] + delta : (delta > 0 ? shown[0] : shown[1] - 1);
    if (from < 0 || from + 1 >= pickSelects()[0].options.length) {
      say(delta > 0 ? "This is the last version." : "This is the first step.");
      return;
    }
    openVersions(from, from + 1, -1);
  }

  // After a pair is shown in the single file: the picker and the timeline follow it.
  function markHistory() {
    if (!historyBox) { return; }
    hidePicked();
    var shown = shownVersions();
    var selects = pickSelects();
    selects[0].value = String(shown[0]);
    selects[1].value = String(shown[1]);
    var key = document.querySelector("#pairview > .vr-pairview").getAttribute("data-pair");
    Array.prototype.forEach.call(historyBox.querySelectorAll(".vr-timeline a"), function (bar) {
      var now = bar.getAttribute("data-pair") === key;
      bar.classList.toggle("vr-now", now);
      if (now) { bar.setAttribute("aria-current", "page"); } else { bar.removeAttribute("aria-current"); }
    });
  }

  function startHistory() {
    historyBox = document.getElementById("history");
    if (!historyBox) { return; }
    historyPairs = JSON.parse(historyBox.getAttribute("data-pairs"));
    document.getElementById("pick").addEventListener("submit", function (event) {
      event.preventDefault();
      var selects = pickSelects();
      openVersions(Number(selects[0].value), Number(selects[1].value), -1);
    });
    document.getElementById("step-prev").addEventListener("click", function () { stepPair(-1); });
    document.getElementById("step-next").addEventListener("click", function () { stepPair(1); });
    // In the single file a passage opens its version's part at its row (before the
    // page's own handling of #p- links, which would show the part's top).
    document.addEventListener("click", function (event) {
      var passage = event.target.closest && event.target.closest(".vr-written a[href^='#p-']");
      if (!passage) { return; }
      event.preventDefault();
      event.stopPropagation();
      var key = passage.getAttribute("href").slice(3);
      for (var pair in historyPairs) {
        if (historyPairs[pair] === "#p-" + key) {
          var ends = pair.split("-");
          openVersions(Number(ends[0]), Number(ends[1]), Number(passage.getAttribute("data-row")));
          return;
        }
      }
    }, true);
    var picked = /^#pick-(\d+)-(\d+)$/.exec(location.hash);
    if (picked && stepsData()) { showPicked(Number(picked[1]), Number(picked[2])); }
    var written = document.getElementById("written");
    if (written && location.hash === "#written") { written.open = true; }
  }

  // ---- a pair the page does not publish, composed from the steps between its versions
  // (the steps are embedded once, see publish/picking.py)
  var historySteps = null;

  function stepsData() {
    if (historySteps === null) {
      var data = document.getElementById("history-steps");
      historySteps = data ? JSON.parse(data.textContent) : false;
    }
    return historySteps;
  }

  // Show the pair here if the steps are in this page, else open the page that has them.
  function pickUnpublished(old, young) {
    if (stepsData()) { showPicked(old, young); return true; }
    location.href = historyBox.getAttribute("data-home") + "#pick-" + old + "-" + young;
    return true;
  }

  function hidePicked() {
    var box = document.getElementById("picked");
    if (box) { box.hidden = true; }
  }

  // A version's text from the one before: its copied ranges and its written pieces.
  function nextText(text, step) {
    var parts = [];
    for (var i = 0; i < step.pieces.length; i++) {
      var piece = step.pieces[i];
      parts.push(typeof piece === "string" ? piece : text.slice(piece[0], piece[1]));
    }
    return parts.join("");
  }

  // The two versions' texts and, for each character of the newer, its offset in the
  // older (-1: written since), followed through each step's kept copies in order; two
  // arrays serve every step in turn (one a step would leave hundreds to collect).
  function composeVersions(old, young) {
    var steps = stepsData().steps;
    var text = stepsData().first;
    for (var k = 0; k < old; k++) { text = nextText(text, steps[k]); }
    var oldText = text;
    var from = new Int32Array(2 * text.length + 1024), next = new Int32Array(from.length);
    for (var i = 0; i < text.length; i++) { from[i] = i; }
    for (k = old; k < young; k++) {
      text = nextText(text, steps[k]);
      if (text.length > next.length) {
        var larger = new Int32Array(2 * text.length);
        larger.set(from);
        from = larger;
        next = new Int32Array(larger.length);
      }
      next.fill(-1, 0, text.length);
      copyKept(steps[k].kept, from, next);
      var swap = from; from = next; next = swap;
    }
    return { oldText: oldText, newText: text, from: from.subarray(0, text.length) };
  }

  // Each kept copy of a step from ``from`` into ``next``; a copy is mostly a word or
  // two, which a loop copies faster than a typed array's set() with its subarray.
  function copyKept(kept, from, next) {
    for (var at = 0; at < kept.length; at += 4) {
      var start = kept[at], end = kept[at + 1], to = kept[at + 2];
      if (end - start > 256) { next.set(from.subarray(start, end), to); continue; }
      for (var i = start; i < end; i++) { next[to++] = from[i]; }
    }
  }

  // The redline as runs ("=", "+", "-") of text: the newer version's text, and each run
  // of the older one's that did not reach it after the place of the character before it.
  function pickedRuns(pair) {
    var oldText = pair.oldText, newText = pair.newText, from = pair.from;
    var to = new Int32Array(oldText.length).fill(-1);
    for (var j = 0; j < from.length; j++) { if (from[j] >= 0 && to[from[j]] < 0) { to[from[j]] = j; } }
    var deleted = {};
    var anchor = 0, start = -1;
    for (var i = 0; i <= oldText.length; i++) {
      if (i < oldText.length && to[i] < 0) { if (start < 0) { start = i; } continue; }
      if (start >= 0) { (deleted[anchor] = deleted[anchor] || []).push(oldText.slice(start, i)); start = -1; }
      if (i < oldText.length) { anchor = to[i] + 1; }
    }
    var runs = [];
    var runStart = 0;
    function flush(end) {
      if (end > runStart) { runs.push([from[runStart] < 0 ? "+" : "=", newText.slice(runStart, end)]); }
      runStart = end;
    }
    for (j = 0; j <= newText.length; j++) {
      var kindChanged = j > runStart && j < newText.length && (from[j] < 0) !== (from[j - 1] < 0);
      if (deleted[j] || kindChanged || j === newText.length) { flush(j); }
      (deleted[j] || []).forEach(function (gone) { runs.push(["-", gone]); });
    }
    return runs;
  }

  // Runs as paragraphs (one a line of the text) of plain text, <ins> and <del>; white
  // space alone deleted is not drawn (a line break of the older text would split a line).
  function drawRuns(box, runs) {
    box.textContent = "";
    var paragraph = null;
    runs.forEach(function (run) {
      if (run[0] === "-" && !run[1].trim()) { return; }
      run[1].split("\n").forEach(function (line, at) {
        if (at > 0 || !paragraph) { paragraph = box.appendChild(document.createElement("p")); }
        if (!line) { return; }
        var node = run[0] === "=" ? document.createTextNode(line)
          : document.createElement(run[0] === "+" ? "ins" : "del");
        if (run[0] !== "=") { node.textContent = line; }
        paragraph.appendChild(node);
      });
    });
    Array.prototype.forEach.call(box.querySelectorAll("p:empty"), function (empty) { empty.remove(); });
  }

  function wordsIn(runs, kind) {
    var count = 0;
    runs.forEach(function (run) { if (run[0] === kind) { count += (run[1].match(/[\p{L}\p{N}]+/gu) || []).length; } });
    return count;
  }

  function showPicked(old, young) {
    var names = pickSelects()[0].options;
    if (!(old < young && young < names.length)) { return; }
    var runs = pickedRuns(composeVersions(old, young));
    var box = document.getElementById("picked");
    drawRuns(box.querySelector(".vr-picked-text"), runs);
    var inserted = wordsIn(runs, "+"), deleted = wordsIn(runs, "-");
    box.querySelector("#picked-title").textContent = names[old].text + " → " + names[young].text + ": " +
      inserted.toLocaleString("en") + (inserted === 1 ? " word" : " words") + " inserted, " +
      deleted.toLocaleString("en") + (deleted === 1 ? " word" : " words") + " deleted";
    pickSelects()[0].value = String(old);
    pickSelects()[1].value = String(young);
    box.hidden = false;
    setHash("#pick-" + old + "-" + young, false);
    box.querySelector("#picked-title").focus();
  }
