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
  // file its stored part; ``row``, if given, the row of its redline to show.
  function openVersions(old, young, row) {
    var selects = pickSelects();
    var names = selects[0].options;
    if (old >= young) { pickSay("Pick an earlier version first, then a later one."); return false; }
    var href = historyPairs[old + "-" + young];
    if (!href) {
      pickSay(names[old].text + " → " + names[young].text + " is not in this page: it holds every pair " +
              "up to ten versions, and past that the whole change and each step.");
      return false;
    }
    pickSay("");
    if (href.charAt(0) !== "#") { location.href = href; return true; }
    setHash(href, true);
    switchPair(href.slice(3));
    if (row >= 0) { showChange(String(row)); } else { window.scrollTo(0, 0); }
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
    var written = document.getElementById("written");
    if (written && location.hash === "#written") { written.open = true; }
  }
