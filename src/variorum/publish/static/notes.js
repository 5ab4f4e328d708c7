// The notes of the published analysis: the marks of each note in the text, the notes
// panel (a note, a passage's notes, or the list of notes), note navigation, the tag
// filter. Written by publish.page before publish.js inside one function: it uses that
// file's names (doc, state, the panel) only from inside functions, called once the
// page's script has run.
  var marksCache = null;
  var listStale = true;
  var openMarks = [];  // the marks of the notes open (finding them again read the whole page)

  // A note's marks in the view shown, looked up by key when first asked for (one query
  // of the text costs a sixth of a table of all the marks, and a note opens one or two).
  function marksOf(key) {
    if (!marksCache) { marksCache = {}; }
    if (!Object.prototype.hasOwnProperty.call(marksCache, key)) {
      marksCache[key] = all(liveSection(), "[data-a~=" + quoted(key) + "]");
    }
    return marksCache[key];
  }

  function visibleMark(key) {
    var marks = marksOf(key);
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].getClientRects().length) { return marks[i]; }
    }
    return null;
  }

  // The pair's notes in the order of the text: the items of the index's list, reached
  // from its heading's id (a query of the pair read the whole text before the index, and
  // twice that once side by side was built; the tag filter asked three times).
  function noteItems() {
    var title = doc.getElementById("notes-title");
    var list = title && pairview().contains(title) ? title.parentNode.querySelector("ol.vr-notes") : null;
    if (!list) { return []; }
    return Array.prototype.filter.call(list.children, function (item) { return item.classList.contains("vr-note"); });
  }
  // A note's item in the index, by key, through its id (note-KEY; a-KEY for a note not
  // attached to the text, whose number is not in the text): the document's own table, so
  // nothing to build (a map of the thousand notes was most of the first note's opening)
  // and nothing stale after an application adds or removes a note. The pairs not shown
  // are templates, outside the document.
  function noteItem(key) {
    var item = doc.getElementById("note-" + key) || doc.getElementById("a-" + key);
    return item && item.classList.contains("vr-note") && pairview().contains(item) ? item : null;
  }

  // The notes after the text are laid out when they come near the screen; until then
  // they take the room of their number (each note's own estimate in the stylesheet: 14em,
  // 20em on a phone), not of one screen: the page grew by two fifths when a reader of an
  // analysis with 1,000 notes came to them, and its scrollbar and markers with it.
  var phoneQuery = window.matchMedia("(max-width: 40rem)");
  function sizeIndex() {
    var title = doc.getElementById("notes-title");
    var index = title && title.closest(".vr-index");
    var each = phoneQuery.matches ? 20 : 14;
    if (index) { index.style.containIntrinsicSize = "auto " + (each * noteItems().length + 4) + "em"; }
  }

  function panelCopy(item) {
    var copy = item.cloneNode(true);
    copy.removeAttribute("id");
    all(copy, "[id]").forEach(function (element) { element.id = "panel-" + element.id; });
    all(copy, "[aria-labelledby]").forEach(function (element) {
      element.setAttribute("aria-labelledby", "panel-" + element.getAttribute("aria-labelledby"));
    });
    copy.hidden = false;
    return copy;
  }

  // Writes only, then reads: the page is laid out once for the whole action (a read
  // between two writes lays it out again, and the first read after load lays out what
  // the page has not yet shown).
  function openNotes(keys, from, keyboard) {
    clearOpen();
    var list = doc.createElement("ol");
    list.className = "vr-notes";
    var numbers = [];
    keys.forEach(function (key) {
      var item = noteItem(key);
      if (!item) { return; }
      list.appendChild(panelCopy(item));
      numbers.push(item.getAttribute("value"));
      marksOf(key).forEach(function (mark) { mark.classList.add("vr-open"); openMarks.push(mark); });
    });
    if (!numbers.length) { return; }
    panelBody.textContent = "";
    panelBody.appendChild(list);
    panelBody.hidden = false;
    awayList(true);
    panelTitle.textContent = (numbers.length > 1 ? "Notes " : "Note ") + numbers.join(", ");
    body.classList.add("panel-open");
    state.open = keys;
    state.from = from || null;
    if (panelScrolled) { panel.scrollTop = 0; panelScrolled = false; }
    if (keyboard) { panel.focus({ preventScroll: true }); }
  }

  // Whether the reader scrolled the panel (only then is it scrolled back for a new note:
  // setting, like reading, its scroll offset lays out the page).
  var panelScrolled = false;

  // The list of notes is set aside while a note is open, not removed from the layout
  // (content-visibility: hidden keeps it laid out, out of sight, out of the tab order and
  // of the accessibility tree): undoing and redoing the layout of its entries was a third
  // of the time opening a note took.
  function awayList(away) {
    panelList.classList.toggle("vr-away", away);
    if (away) { panelList.setAttribute("aria-hidden", "true"); } else { panelList.removeAttribute("aria-hidden"); }
  }

  function clearOpen() {
    openMarks.forEach(function (mark) { mark.classList.remove("vr-open"); });
    openMarks = [];
    var missing = panelList.querySelector(".vr-not-found");
    if (missing) { missing.remove(); }
  }

  // The panel's resting state: the list of notes (those the tag filter keeps).
  function showList() {
    clearOpen();
    panelBody.hidden = true;
    panelBody.textContent = "";
    awayList(false);
    if (listStale) { renderList(); }
    panelTitle.textContent = "Notes (" + shownNotes().length + ")";
    state.open = [];
  }

  function shownNotes() { return noteItems().filter(function (item) { return !item.hidden; }); }

  // The first LISTED notes, more as the end of the list comes near the panel's bottom,
  // and a button for all the rest: the list is made again by each change of the tag
  // filter, and a panel shows a dozen entries.
  var LISTED = 40;
  function renderList(everything) {
    var list = doc.getElementById("note-list");
    if (endWatcher) { endWatcher.disconnect(); }
    list.textContent = "";
    listStale = false;
    var notes = shownNotes();
    if (!notes.length) { list.appendChild(doc.createElement("li")).textContent = "No notes."; return; }
    listMore(list, notes, 0, everything ? notes.length : LISTED);
  }

  // Entries from ``from`` on, before the list's button (the same button all along: a
  // reader's focus on it stays), which goes once all are listed.
  function listMore(list, notes, from, count) {
    var button = list.querySelector(".vr-list-more");
    var items = doc.createDocumentFragment();
    notes.slice(from, from + count).forEach(function (item) { items.appendChild(listEntry(item)); });
    if (notes.length > from + count && !button) {
      button = items.appendChild(doc.createElement("li")).appendChild(doc.createElement("button"));
      button.type = "button";
      button.className = "vr-list-more";
      button.textContent = "List all " + notes.length + " notes";
      button.addEventListener("blur", function () { if (button.isConnected) { watchEnd(button); } });
    }
    var first = items.firstChild;
    list.insertBefore(items, button && button.isConnected ? button.parentNode : null);
    if (notes.length <= from + count && button) {
      // all listed: a reader on the button goes on at the first of the entries it stood for
      if (doc.activeElement === button && first && first.firstChild) { first.firstChild.focus(); }
      button.parentNode.remove();
      button = null;
    }
    if (button) { watchEnd(button); }
  }

  // More entries when the list's end comes within 300 px of the panel's bottom (seen
  // again when the reader leaves the button).
  var endWatcher = null;
  function watchEnd(button) {
    if (typeof IntersectionObserver !== "function") { return; }
    if (!endWatcher) {
      endWatcher = new IntersectionObserver(function (changes) {
        changes.forEach(function (change) {
          // not while the reader is on the button: the panel keeps a focused element in
          // place, so each batch would bring the next (Enter lists them all)
          if (!change.isIntersecting || doc.activeElement === change.target) { return; }
          endWatcher.unobserve(change.target);
          if (change.target.isConnected) {
            var list = doc.getElementById("note-list");
            listMore(list, shownNotes(), list.childElementCount - 1, LISTED * 2);
          }
        });
      }, { root: panel, rootMargin: "0px 0px 300px 0px" });
    }
    endWatcher.unobserve(button);
    endWatcher.observe(button);
  }

  function listEntry(item) {
    var entry = doc.createElement("li");
    var link = entry.appendChild(doc.createElement("a"));
    link.href = "#a-" + item.getAttribute("data-key");
    var number = link.appendChild(doc.createElement("span"));
    number.className = "vr-note-num";
    number.textContent = item.getAttribute("value");
    link.appendChild(doc.createElement("q")).textContent = item.getElementsByTagName("q")[0].textContent;
    var tags = item.getAttribute("data-tags");
    var about = item.getElementsByClassName("vr-orphan").length ? "not attached to the text" : tags ? "#" + tags.replace(/ /g, " #") : "";
    if (about) {
      var line = link.appendChild(doc.createElement("span"));
      line.className = "vr-muted";
      line.textContent = about;
    }
    return entry;
  }

  function openList(from) {
    showList();
    body.classList.add("panel-open");
    state.from = from || null;
    panel.focus({ preventScroll: true });
  }

  // Tab past the panel's last control goes on from where the panel was opened (the
  // passage, the note number, the Notes link), not to the end of the page after the text.
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select, summary, [tabindex='0']";
  function shown(element) { return element.getClientRects().length > 0 && element.getAttribute("tabindex") !== "-1"; }
  function leavePanel(event) {
    var from = state.from;
    if (event.key !== "Tab" || event.shiftKey || !from || !doc.contains(from) || !panel.contains(event.target)) { return false; }
    var inPanel = all(panel, FOCUSABLE).filter(shown);
    if (inPanel[inPanel.length - 1] !== event.target && inPanel.length) { return false; }
    var candidates = doc.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < candidates.length; i++) {
      var element = candidates[i];
      var following = from.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING;
      if (following && !panel.contains(element) && !from.contains(element) && shown(element)) {
        event.preventDefault();
        element.focus();
        return true;
      }
    }
    return false;
  }

  function closeNotes() {
    showList();
    body.classList.remove("panel-open");
    var from = state.from;
    state.open = [];
    state.from = null;
    if (from && doc.contains(from) && panel.contains(doc.activeElement)) { from.focus(); }
  }

  // The notes of a clicked passage: the marked piece's notes, or a reference's own
  // note first, then the others on the passage it ends.
  function passageKeys(mark) {
    var keys = mark.getAttribute("data-a").split(" ");
    if (mark.classList.contains("vr-ref")) {
      var before = mark.previousElementSibling;
      while (before && before.classList.contains("vr-ref")) { before = before.previousElementSibling; }
      if (before && before.hasAttribute("data-a")) { keys = keys.concat(before.getAttribute("data-a").split(" ")); }
    }
    return keys.filter(function (key, index) { return key && keys.indexOf(key) === index && isActive(key); });
  }

  function isActive(key) {
    var item = noteItem(key);
    return item !== null && !item.hidden;
  }

  function showNote(key, keyboard, behavior) {
    if (!noteItem(key)) {  // on a pair not shown: shown first (perhaps unpacked), then again
      if (!switchToPairOf(key, function () { showNote(key, keyboard, behavior); })) { notFound("Note", key); return false; }
      return true;
    }
    unfold(marksOf(key)[0]);
    var mark = visibleMark(key);
    if (!mark && state.view !== "inline") { setView("inline", false); mark = visibleMark(key); }
    var item = noteItem(key);
    if (!mark) {
      openNotes([key], null, keyboard);
      say("Note " + item.getAttribute("value") + " is not attached to the text.");
      return true;
    }
    openNotes([key], mark, keyboard);
    bringIntoView([mark].concat(marksOf(key)), behavior);
    say("Note " + item.getAttribute("value") + " of " + noteItems().length + ".");
    return true;
  }

  // A link to nothing here (a mistyped or stale address): said in the panel, where a
  // note would have opened, and in the status line.
  function notFound(what, name) {
    showList();
    panelTitle.textContent = what + " not found";
    var line = doc.createElement("p");
    line.className = "vr-not-found";
    line.textContent = "This page has no " + what.toLowerCase() + " “" + name + "”: the link may be mistyped or older than this page. ";
    panelList.insertBefore(line, panelList.firstChild);
    body.classList.add("panel-open");
    say(what + " not found.");
  }

  function goNote(step) {
    var items = noteItems().filter(function (item) { return !item.hidden; });
    if (!items.length) { say("No notes to show."); return; }
    var current = state.open.length ? noteItem(state.open[0]) : null;
    var index = current ? items.indexOf(current) : -1;
    if (index < 0) {
      index = fromScroll(items.length, function (i) { return noteAt(items[i]); }, step);
    } else {
      index += step;
    }
    for (var tries = 0; tries < items.length; tries++) {
      var candidate = items[((index % items.length) + items.length) % items.length];
      unfold(marksOf(candidate.getAttribute("data-key"))[0]);
      if (visibleMark(candidate.getAttribute("data-key"))) {
        showNote(candidate.getAttribute("data-key"), false, scrollMode());
        setHash("#a-" + candidate.getAttribute("data-key"), false);
        return;
      }
      index += step;
    }
    say("No note is attached to the text in this view.");
  }

  // Where a note is in the text, to find the next one from the screen: its number (by
  // its id, in the changes view), or its first mark, or its item after the text. Not its
  // mark in sight: looking for one laid out the chunks of text the search went through.
  function noteAt(item) {
    var key = item.getAttribute("data-key");
    var number = state.view === "sbs" ? null : doc.getElementById("a-" + key);
    return number && number.classList.contains("vr-ref") ? number : marksOf(key)[0] || item;
  }

  // ---- tags --------------------------------------------------------------------
  function applyTag() {
    var tag = state.tag;
    var active = {};
    var shown = 0;
    var items = noteItems();
    items.forEach(function (item) {
      var on = !tag || (" " + item.getAttribute("data-tags") + " ").indexOf(" " + tag + " ") >= 0;
      item.hidden = !on;
      if (on) { active[item.getAttribute("data-key")] = true; shown += 1; }
    });
    paintMarks(active);
    listStale = true;
    Array.prototype.forEach.call(doc.getElementsByClassName("vr-notes-count"), function (count) { count.textContent = shown; });
    var note = pairview().querySelector("#filter-status");
    if (note) {
      note.hidden = !tag;
      note.textContent = tag ? "Showing the " + shown + " of " + items.length + " notes tagged “" + tag + "”." : "";
    }
    return shown;
  }

  // The marks of the notes the filter leaves out, dimmed in the view shown only (the other
  // view's are dimmed when it is shown: half the work on a long page). A view's section
  // keeps the tag its marks are painted for.
  function paintMarks(active) {
    var live = liveSection();
    if ((live.getAttribute("data-tag") || "") === state.tag) { return; }
    if (!active) {
      active = {};
      noteItems().forEach(function (item) { if (!item.hidden) { active[item.getAttribute("data-key")] = true; } });
    }
    all(live, "[data-a]").forEach(function (mark) {
      var on = mark.getAttribute("data-a").split(" ").some(function (key) { return active[key]; });
      mark.classList.toggle("vr-off", !on);
    });
    live.setAttribute("data-tag", state.tag);
  }

  function setTag(tag) {
    state.tag = tag;
    tagSelect.value = tag;
    var shown = applyTag();
    if (state.open.length && !state.open.some(isActive)) { closeNotes(); }
    if (!state.open.length) { showList(); }
    tagInAddress(tag);
    say(tag ? shown + " note" + (shown === 1 ? "" : "s") + " tagged “" + tag + "”." : "All notes shown.");
  }

  // The filter is kept in the address (?tag=…), so that a link restores it.
  function tagInAddress(tag) {
    if (!history.replaceState || typeof URL !== "function") { return; }
    var address = new URL(location.href);
    if (tag) { address.searchParams.set("tag", tag); } else { address.searchParams.delete("tag"); }
    if (address.href !== location.href) { history.replaceState(history.state, "", address.href); }
  }

  function tagFromAddress() {
    var tag = typeof URLSearchParams === "function" ? new URLSearchParams(location.search).get("tag") : null;
    var known = all(tagSelect, "option").some(function (option) { return option.value === tag; });
    return tag && known ? tag : "";
  }

