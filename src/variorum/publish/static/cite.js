// "Copy citation": words selected in the text offer a button that copies the passage
// with its redline, the versions compared and a permalink. The clipboard gets HTML
// (inserted and deleted words styled inline, for pasting into documents) and plain text
// (deleted words as [-…-], inserted as {+…+}). The permalink names the passage by its
// words (#cite=START or #cite=START,END), not by a position, so it still finds the
// passage after the analysis is published again; opening it selects the passage.
// Its own script, apart from the reader's: it reads the page and changes none of it.
(function () {
  "use strict";
  var doc = document;
  var LONGEST = 120;  // characters of a quote put whole in a permalink; longer: START,END
  var ENDS = 40;      // characters of each end of a longer quote
  var button = null;

  function viewOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return element && element.closest ? element.closest("#text .vr-view") : null;
  }
  function skipped(node) { return !!node.parentElement.closest(".vr-ref, [aria-hidden='true']"); }
  function roleOf(node) {
    var mark = node.parentElement.closest("ins, del");
    return mark ? mark.localName : "";
  }
  function squeeze(text) { return text.replace(/\s+/g, " "); }

  // The text nodes of a view in order (without note numbers), each with its role.
  function textNodes(root) {
    var walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!skipped(node)) { nodes.push(node); }
    }
    return nodes;
  }

  // The selected passage as runs of [role, text], role "" (unchanged), "del" or "ins".
  function runsOf(range) {
    var runs = [];
    textNodes(viewOf(range.commonAncestorContainer)).forEach(function (node) {
      if (!range.intersectsNode(node)) { return; }
      var start = node === range.startContainer ? range.startOffset : 0;
      var end = node === range.endContainer ? range.endOffset : node.data.length;
      var text = node.data.slice(start, end);
      if (!text) { return; }
      var role = roleOf(node);
      var last = runs[runs.length - 1];
      if (last && last[0] === role) { last[1] += text; } else { runs.push([role, text]); }
    });
    runs.forEach(function (run) { run[1] = squeeze(run[1]); });
    return runs;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  var STYLES = {
    del: "color:#a1131a;text-decoration:line-through",
    ins: "color:#0b6b2e;text-decoration:underline"
  };

  function source(view) {
    var pair = view.closest(".vr-pairview");
    var title = (doc.querySelector("h1") || doc.querySelector("title") || { textContent: doc.title }).textContent;
    return {
      title: squeeze(title).trim(),
      old: pair ? pair.getAttribute("data-old") || "old" : "old",
      new: pair ? pair.getAttribute("data-new") || "new" : "new"
    };
  }

  function permalink(quote) {
    var words = quote.trim();
    var hash = words.length <= LONGEST ? encodeURIComponent(words)
      : encodeURIComponent(words.slice(0, ENDS).trim()) + "," + encodeURIComponent(words.slice(-ENDS).trim());
    return location.href.replace(/#.*$/, "") + "#cite=" + hash;
  }

  // {html, text, link} of the selected passage.
  function citation(range) {
    var runs = runsOf(range);
    var from = source(viewOf(range.commonAncestorContainer));
    var shown = runs.map(function (run) { return run[1]; }).join("");
    var link = permalink(shown);
    var plain = runs.map(function (run) {
      return run[0] === "del" ? "[-" + run[1] + "-]" : run[0] === "ins" ? "{+" + run[1] + "+}" : run[1];
    }).join("").trim();
    var marked = runs.map(function (run) {
      var text = escapeHtml(run[1]);
      return run[0] ? "<" + run[0] + ' style="' + STYLES[run[0]] + '">' + text + "</" + run[0] + ">" : text;
    }).join("");
    var versions = from.title + " (versions " + from.old + " \u2192 " + from.new + ")";
    return {
      link: link,
      text: "\u201c" + plain + "\u201d\n\u2014 " + versions + "\n" + link,
      html: "<blockquote>\u201c" + marked.trim() + "\u201d</blockquote><p>\u2014 " + escapeHtml(versions) +
            ' <a href="' + escapeHtml(link) + '">' + escapeHtml(link) + "</a></p>"
    };
  }

  function copy(cited) {
    // A copy event the page fills with both flavours: it works on file:// pages too,
    // where the asynchronous clipboard may be refused.
    function fill(event) {
      event.clipboardData.setData("text/plain", cited.text);
      event.clipboardData.setData("text/html", cited.html);
      event.preventDefault();
    }
    doc.addEventListener("copy", fill);
    var done = false;
    try { done = doc.execCommand("copy"); } finally { doc.removeEventListener("copy", fill); }
    return done;
  }

  function selected() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) { return null; }
    var range = selection.getRangeAt(0);
    var view = viewOf(range.commonAncestorContainer);
    return view && squeeze(range.toString()).trim() ? range : null;
  }

  function makeButton() {
    button = doc.createElement("button");
    button.type = "button";
    button.className = "vr-cite";
    button.textContent = "Copy citation";
    button.setAttribute("aria-keyshortcuts", "c");
    button.title = "Copy citation (c)";
    button.hidden = true;
    // mousedown would take the selection away before the click
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () {
      var range = selected();
      if (!range) { return; }
      button.textContent = copy(citation(range)) ? "Citation copied" : "Could not copy";
    });
    doc.body.appendChild(button);
  }

  // Above the selection's first line (the app's annotating popover opens below it).
  function place() {
    var range = selected();
    if (!range) { if (button && doc.activeElement !== button) { button.hidden = true; } return; }
    if (!button) { makeButton(); }
    var first = range.getClientRects()[0] || range.getBoundingClientRect();
    button.textContent = "Copy citation";
    button.hidden = false;
    var left = Math.min(Math.max(8, first.left), doc.documentElement.clientWidth - button.offsetWidth - 8);
    button.style.left = (left + window.scrollX) + "px";
    button.style.top = Math.max(0, first.top + window.scrollY - button.offsetHeight - 6) + "px";
  }
  var timer = 0;
  doc.addEventListener("selectionchange", function () {
    clearTimeout(timer);
    timer = setTimeout(place, 150);
  });
  // c, with words selected: the same as the button (for a reader selecting by keyboard)
  doc.addEventListener("keydown", function (event) {
    if (event.key !== "c" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var enabled = doc.getElementById("shortcuts");  // the reader may turn single keys off
    if (enabled && !enabled.checked) { return; }
    var target = event.target;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable) { return; }
    if (!selected()) { return; }
    event.preventDefault();
    place();
    button.click();
  });

  // ---- opening a permalink: #cite=START or #cite=START,END -----------------------------
  // The passage of a view whose words are START (or START … END), white space loose.
  function find(view, start, end) {
    var nodes = textNodes(view);
    var starts = [];
    var text = "";
    nodes.forEach(function (node) { starts.push(text.length); text += node.data; });
    var match = new RegExp(pattern(start) + (end ? "[\\s\\S]*?" + pattern(end) : "")).exec(text);
    if (!match) { return null; }
    function at(offset) {  // the node and offset of a character of ``text``
      var low = 0, high = starts.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) { low = middle; } else { high = middle - 1; }
      }
      return [nodes[low], offset - starts[low]];
    }
    var first = at(match.index), last = at(match.index + match[0].length - 1);
    var range = doc.createRange();
    range.setStart(first[0], first[1]);
    range.setEnd(last[0], last[1] + 1);
    return range;
  }
  function pattern(words) {
    return words.trim().split(/\s+/).map(function (word) {
      return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("\\s+");
  }

  function openCited() {
    var match = /^#cite=([^,]*)(?:,(.*))?$/.exec(location.hash);
    if (!match) { return; }
    var start, end;
    try {
      start = squeeze(decodeURIComponent(match[1]));
      end = match[2] ? squeeze(decodeURIComponent(match[2])) : "";
    } catch (error) { return; }
    var views = Array.prototype.slice.call(doc.querySelectorAll("#text .vr-view-inline"));
    for (var i = 0; i < views.length; i++) {
      var range = find(views[i], start, end);
      if (!range) { continue; }
      var element = range.startContainer.parentElement;
      doc.dispatchEvent(new CustomEvent("vr-reveal", { detail: element }));
      element.scrollIntoView({ block: "center" });
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
  }
  window.addEventListener("load", openCited);
  window.addEventListener("hashchange", openCited);
})();
