// The redline page: view switches and next/previous change. No network, no eval.
(function () {
  "use strict";
  var body = document.body;
  var views = { inline: "inline", sbs: "sbs", old: "inline", new: "inline" };
  var position = document.getElementById("position");
  var current = -1;

  function changes() {
    var inSbs = body.classList.contains("view-sbs");
    var selector = inSbs ? ".vr-pair" : ".vr-view-inline .vr-row[data-change]";
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (el) {
      if (inSbs) { return !el.classList.contains("vr-equal"); }
      return el.offsetParent !== null;
    });
  }

  function setView(name) {
    body.className = "view-" + name;
    document.querySelectorAll(".vr-view").forEach(function (section) {
      section.hidden = !section.classList.contains("vr-view-" + views[name]);
    });
    current = -1;
  }

  function go(step, instant) {
    var list = changes();
    if (!list.length) { return; }
    document.querySelectorAll(".vr-current").forEach(function (el) { el.classList.remove("vr-current"); });
    current = (current + step + list.length) % list.length;
    var target = list[current];
    target.classList.add("vr-current");
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center", behavior: instant ? "instant" : "auto" });
    position.textContent = "Change " + (current + 1) + " of " + list.length;
    var row = target.getAttribute("data-row");
    if (row !== null && history.replaceState) { history.replaceState(null, "", "#c-" + row); }
  }

  document.querySelectorAll('input[name="view"]').forEach(function (input) {
    input.addEventListener("change", function () { setView(input.value); });
  });
  document.getElementById("next-change").addEventListener("click", function () { go(1); });
  document.getElementById("prev-change").addEventListener("click", function () { go(-1); });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" && event.target.type !== "radio") { return; }
    if (event.key === "n" || event.key === "j") { go(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { go(-1); event.preventDefault(); }
  });
  if (location.hash.indexOf("#c-") === 0) {
    var list = changes();
    for (var i = 0; i < list.length; i++) {
      if ("#" + list[i].id === location.hash) { current = i - 1; go(1, true); break; }
    }
  }
})();
