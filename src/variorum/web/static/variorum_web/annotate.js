// Annotating in the redline (and in one version's text): the app's layer over the
// published page's script. Selected words become a W3C target (TextPositionSelector
// from the pieces' data-o/data-n offsets, TextQuoteSelector from the version's
// canonical text); notes are saved, edited, moved to other words, confirmed, deleted
// and restored through the JSON API with their ETags, so an edit saved by someone else
// is never overwritten. A note is moved (or a carried note whose words are gone is
// attached) by picking words: select them, then the action's button.
(function () {
  "use strict";
  var doc = document;
  var config = JSON.parse(doc.getElementById("vr-app").textContent);
  var status = doc.getElementById("vr-app-status");
  var pop = doc.getElementById("vr-pop");
  var editor = doc.getElementById("vr-editor");
  var historyBox = doc.getElementById("vr-history");
  var CONTEXT = 32;  // characters of prefix and suffix kept in a TextQuoteSelector
  var SKIP = ".vr-ref, .vr-move-link, .vr-note, .vr-sr, .vr-app-note";
  var texts = {};    // version label -> promise of its canonical text
  var pending = null;  // the selection's target, while the popover offers it
  var editing = null;  // {url, etag, data} of the note open in the editor, or {target}
  var picking = null;  // {version, apply(made)} while the analyst picks words for a note
  var pristine = "";   // the editor's content as opened, to tell whether it was changed
  var selectionTimer = 0;
  var UNREACHABLE = "The server could not be reached.";

  function byId(id) { return doc.getElementById(id); }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function say(text) { status.textContent = text; }

  // ---- the API ---------------------------------------------------------------------
  function call(method, url, body, etag) {
    var headers = { Accept: "application/ld+json, application/json" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    if (method !== "GET") { headers["X-CSRFToken"] = config.csrf; }
    if (etag) { headers["If-Match"] = etag; }
    return fetch(url, {
      method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response;
    }, function () {
      throw new Error(UNREACHABLE);  // offline, or the server is down
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var read = /json/.test(type) ? response.json() : response.text();
      return read.then(function (data) {
        return { status: response.status, ok: response.ok, data: data, etag: response.headers.get("ETag") };
      });
    });
  }

  function problem(answer) {
    if (answer.data && answer.data.error) { return answer.data.error; }
    return "The server answered " + answer.status + ".";
  }

  // A busy server (another change holds the database) saved nothing: the editor stays
  // open with the text, and says when to try again (Retry-After).
  function busy(answer) {
    return problem(answer).replace(/^./, function (first) { return first.toUpperCase(); }) +
      ". Your note is still here: save it again in a moment.";
  }

  function canonicalText(side) {
    var info = config.sides[side];
    if (!texts[info.label]) {
      texts[info.label] = fetch(info.text, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("the text of version " + info.label + " could not be read"); }
        return response.text();
      });
    }
    return texts[info.label];
  }

  // ---- a selection as offsets in one version's text ------------------------------------
  function view() {
    var names = ["sbs", "old", "new"];
    for (var i = 0; i < names.length; i++) {
      if (doc.body.classList.contains("view-" + names[i])) { return names[i]; }
    }
    return "inline";
  }

  function onSide(piece, side) {
    var tag = piece.tagName;
    return side === "new" ? tag !== "DEL" : tag !== "INS";
  }

  // The characters a reader sees in a piece of text (a line break counts as one, and a
  // picture named in the text, "[image “map.png”]", as the one character it is).
  function length(node) {
    if (node.nodeType === 3) { return node.data.length; }
    if (node.nodeName === "BR") { return 1; }
    if (node.nodeType === 1 && node.hasAttribute("data-picture")) { return 1; }
    var total = 0;
    for (var child = node.firstChild; child; child = child.nextSibling) { total += length(child); }
    return total;
  }

  function before(piece, container, offset) {
    var range = doc.createRange();
    range.selectNodeContents(piece);
    range.setEnd(container, offset);
    return length(range.cloneContents());
  }

  function sideOf(range, pieces) {
    if (config.single) { return "new"; }
    var shown = view();
    if (shown === "old" || shown === "new") { return shown; }
    if (shown === "sbs") {
      var columns = [range.startContainer, range.endContainer].map(function (node) {
        var cell = closest(node, ".vr-side");
        return cell ? (cell.classList.contains("vr-side-old") ? "old" : "new") : null;
      });
      return columns[0] && columns[0] === columns[1] ? columns[0] : null;  // one column only
    }
    if (pieces.some(function (piece) { return piece.tagName === "INS"; })) { return "new"; }
    if (pieces.some(function (piece) { return piece.tagName === "DEL"; })) { return "old"; }
    return "new";
  }

  function closest(node, selector) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return element ? element.closest(selector) : null;
  }

  // {side, start, end} in that side's canonical text, or null when the selection is
  // not (only) in the text.
  function offsetsOf(range) {
    var text = byId("text");
    if (!text || !text.contains(range.commonAncestorContainer)) { return null; }
    var pieces = all(text, "[data-o]").filter(function (piece) {
      return range.intersectsNode(piece) && !piece.closest(SKIP) && piece.getClientRects().length > 0;
    });
    var side = sideOf(range, pieces);
    pieces = pieces.filter(function (piece) { return side && onSide(piece, side); });
    if (!pieces.length) { return null; }
    var attribute = side === "new" ? "data-n" : "data-o";
    var first = pieces[0];
    var last = pieces[pieces.length - 1];
    var start = Number(first.getAttribute(attribute));
    if (first.contains(range.startContainer)) { start += before(first, range.startContainer, range.startOffset); }
    var end = Number(last.getAttribute(attribute));
    end += last.contains(range.endContainer) ? before(last, range.endContainer, range.endOffset) : length(last);
    return end > start ? { side: side, start: start, end: end } : null;
  }

  // The target: both selectors, the passage trimmed of surrounding white space.
  function targetOf(found) {
    return canonicalText(found.side).then(function (whole) {
      var start = found.start;
      var end = Math.min(found.end, whole.length);
      while (start < end && /\s/.test(whole.charAt(start))) { start += 1; }
      while (end > start && /\s/.test(whole.charAt(end - 1))) { end -= 1; }
      if (end <= start) { return null; }
      return {
        side: found.side,
        version: config.sides[found.side].label,
        target: {
          source: config.sides[found.side].source,
          selector: [
            { type: "TextPositionSelector", start: start, end: end },
            {
              type: "TextQuoteSelector", exact: whole.slice(start, end),
              prefix: whole.slice(Math.max(0, start - CONTEXT), start), suffix: whole.slice(end, end + CONTEXT)
            }
          ]
        }
      };
    });
  }

  // ---- the popover -----------------------------------------------------------------
  function hidePop() {
    pending = null;
    if (pop) { pop.hidden = true; }
  }

  function placePop(range) {
    var box = range.getBoundingClientRect();
    var rects = range.getClientRects();
    var lastLine = rects.length ? rects[rects.length - 1] : box;
    pop.hidden = false;
    var width = pop.offsetWidth;
    var left = Math.min(Math.max(8, lastLine.right - width / 2), doc.documentElement.clientWidth - width - 8);
    pop.style.left = (left + window.scrollX) + "px";
    pop.style.top = (lastLine.bottom + window.scrollY + 8) + "px";
  }

  function updatePop() {
    if (!pop || editor.open) { return; }
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) {
      if (!pop.contains(doc.activeElement)) { hidePop(); }
      return;
    }
    var range = selection.getRangeAt(0);
    var found = offsetsOf(range);
    if (!found) { hidePop(); return; }
    targetOf(found).then(function (made) {
      if (!made) { hidePop(); return; }
      pending = made;
      placePop(range);
    }, function (error) { say(error.message); });
  }

  // ---- the editor ------------------------------------------------------------------
  var text = byId("vr-editor-text");
  var preview = byId("vr-editor-preview");
  var message = byId("vr-editor-message");
  var tagInput = byId("vr-editor-tag");
  var tagList = byId("vr-editor-tags");
  var previewTimer = 0;

  function quoteOf(target) {
    var targets = Array.isArray(target) ? target : [target];
    var last = targets[targets.length - 1];
    var selectors = Array.isArray(last.selector) ? last.selector : [last.selector];
    var quote = selectors.filter(function (s) { return s && s.type === "TextQuoteSelector"; })[0];
    return quote ? quote.exact : "";
  }

  function bodies(data) {
    var list = data.body === undefined ? [] : Array.isArray(data.body) ? data.body : [data.body];
    return {
      text: list.filter(function (b) { return b.purpose !== "tagging"; }).map(function (b) { return b.value || ""; }).join("\n\n"),
      tags: list.filter(function (b) { return b.purpose === "tagging"; }).map(function (b) { return b.value; })
    };
  }

  function tags() { return all(tagList, "li").map(function (item) { return item.getAttribute("data-tag"); }); }

  function addTag(name) {
    name = name.trim().replace(/\s+/g, "-");
    if (!name || tags().indexOf(name) >= 0) { return; }
    var item = doc.createElement("li");
    item.setAttribute("data-tag", name);
    item.appendChild(doc.createTextNode("#" + name + " "));
    var remove = doc.createElement("button");
    remove.type = "button";
    remove.setAttribute("data-act", "untag");
    remove.setAttribute("aria-label", "Remove the tag " + name);
    remove.textContent = "×";
    item.appendChild(remove);
    tagList.appendChild(item);
  }

  function fillTagChoices(names) {
    var list = byId("vr-tag-list");
    names.forEach(function (name) {
      if (list.querySelector('option[value="' + CSS.escape(name) + '"]')) { return; }
      var option = doc.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
  }

  function loadTags() {
    fillTagChoices(config.tags || []);
    call("GET", config.api + "tags/").then(function (answer) {
      if (answer.ok && answer.data && answer.data.tags) {
        fillTagChoices(answer.data.tags.map(function (entry) { return entry.tag; }));
      }
    }, function () {});
  }

  function showMessage(words, reload) {
    message.textContent = words;
    if (reload) {
      var button = doc.createElement("button");
      button.type = "button";
      button.setAttribute("data-act", "reload");
      button.textContent = "Load their version";
      message.appendChild(doc.createTextNode(" "));
      message.appendChild(button);
    }
  }

  function renderPreview() {
    var source = text.value;
    if (!source.trim()) { preview.textContent = ""; return; }
    call("POST", config.markdown, { text: source }).then(function (answer) {
      // the server's HTML is sanitized (no script, no event handler), and the page's
      // policy would not run one anyway
      if (answer.ok && text.value === source) { preview.innerHTML = answer.data.html; }
    }, function () {});
  }

  function openEditor(state, title, version, quote, note) {
    editing = state;
    byId("vr-editor-title").textContent = title;
    byId("vr-editor-version").textContent = version;
    byId("vr-editor-quote").textContent = quote;
    text.value = note ? note.text : "";
    tagList.textContent = "";
    (note ? note.tags : []).forEach(addTag);
    tagInput.value = "";
    showMessage("");
    byId("vr-editor-confirm").hidden = true;
    byId("vr-editor-discard").hidden = true;
    all(editor, ".vr-app-existing").forEach(function (button) { button.hidden = !state.url; });
    // a note on a change stands on words of both versions: it is not moved to one side's words
    editor.querySelector("[data-act=reanchor]").hidden = !state.url || Array.isArray(state.data.target);
    var carried = byId("vr-editor-carried");
    carried.hidden = !(state.data && state.data.carried);
    if (state.data && state.data.carried) {
      carried.textContent = "Carried from an earlier version: " + state.data.carried +
        ". Saving your edit confirms it; or use Confirm to keep it as it stands.";
    }
    renderPreview();
    hidePop();
    pristine = snapshot();
    if (!editor.open) { editor.showModal(); }
    text.focus();
  }

  function snapshot() { return JSON.stringify([text.value, tags()]); }

  function changed() { return snapshot() !== pristine || tagInput.value.trim() !== ""; }

  // Esc and × close the editor; a note changed since it was opened is not thrown away
  // without asking.
  function requestClose() {
    var ask = byId("vr-editor-discard");
    if (!ask.hidden) { ask.hidden = true; text.focus(); return; }  // Esc again: keep editing
    if (!changed()) { editor.close(); return; }
    ask.hidden = false;
    ask.querySelector("[data-act=discard-no]").focus();
  }

  function startNew() {
    if (!pending) { return; }
    var made = pending;
    openEditor({ target: made.target, side: made.side }, "New note", made.version, made.target.selector[1].exact, null);
  }

  function loadNote(url) {
    return call("GET", url).then(function (answer) {
      if (!answer.ok) { throw new Error(problem(answer)); }
      return { url: url, etag: answer.etag, data: answer.data };
    });
  }

  function startEdit(url) {
    loadNote(url).then(function (state) {
      var note = bodies(state.data);
      var targets = Array.isArray(state.data.target) ? state.data.target : [state.data.target];
      var source = targets[targets.length - 1].source || "";
      state.version = decodeURIComponent(source.replace(/\/$/, "").split("/").pop());
      openEditor(state, "Edit note", state.version, quoteOf(state.data.target), note);
    }).catch(function (error) { say(error.message); });
  }

  function noteJson(chosen) {
    var list = [];
    if (text.value.trim()) { list.push({ type: "TextualBody", value: text.value, format: "text/markdown" }); }
    tags().forEach(function (tag) { list.push({ type: "TextualBody", value: tag, purpose: "tagging" }); });
    if (editing.url) {
      var data = JSON.parse(JSON.stringify(editing.data));
      delete data.revision;
      delete data.carried;
      data.body = list;
      data.status = chosen;
      return data;
    }
    return {
      "@context": "http://www.w3.org/ns/anno.jsonld", type: "Annotation", motivation: "commenting",
      body: list, target: editing.target, status: chosen
    };
  }

  function takeTypedTag() {
    if (tagInput.value.trim()) { addTag(tagInput.value); tagInput.value = ""; }
  }

  function save(chosen) {
    takeTypedTag();  // a tag typed but not yet confirmed with Enter is meant too
    if (!text.value.trim() && !tags().length) { showMessage("Write a note or add a tag first."); text.focus(); return; }
    var request = editing.url
      ? call("PUT", editing.url, noteJson(chosen), editing.etag)
      : call("POST", config.sides[editing.side].container, noteJson(chosen));
    showMessage("Saving…");
    request.then(function (answer) {
      if (answer.status === 412) {
        showMessage("Someone else changed this note since you opened it. Your text is kept here; load their version to see it, then apply your edit again.", true);
        return;
      }
      if (answer.status === 503) { showMessage(busy(answer)); return; }
      if (!answer.ok) { showMessage(problem(answer)); return; }
      done(answer.data.id, chosen === "published" ? "Published." : "Saved as a draft.");
    }, function () { showMessage(UNREACHABLE + " Nothing was saved; your note is still here."); });
  }

  // Reload the page, which renders the redline with the note, and show the note.
  function done(url, words) {
    try { sessionStorage.setItem("vr-app-show", JSON.stringify({ url: url, words: words })); } catch (error) { /* private mode */ }
    window.location.assign(location.pathname + location.search);
  }

  function reloadTheirs() {
    var mine = text.value;
    loadNote(editing.url).then(function (state) {
      state.version = editing.version;
      editing = state;
      var note = bodies(state.data);
      text.value = note.text;
      tagList.textContent = "";
      note.tags.forEach(addTag);
      renderPreview();
      pristine = snapshot();
      showMessage("This is their version (revision " + state.data.revision + "). Your text was:");
      var yours = doc.createElement("pre");
      yours.className = "vr-app-yours";
      yours.textContent = mine;
      message.appendChild(yours);
    }).catch(function (error) { showMessage(error.message); });
  }

  function remove() {
    call("DELETE", editing.url, undefined, editing.etag).then(function (answer) {
      if (answer.status === 412) { byId("vr-editor-confirm").hidden = true; showMessage("Someone else changed this note since you opened it; it was not deleted.", true); return; }
      if (!answer.ok) { showMessage(problem(answer)); return; }
      done("", "The note was deleted. It is listed under Deleted notes, where it can be restored.");
    }, function (error) {
      byId("vr-editor-confirm").hidden = true;
      showMessage(error.message + " The note was not deleted.");
    });
  }

  function confirmCarried(url) {
    loadNote(url).then(function (state) {
      return call("POST", url + "confirm/", undefined, state.etag);
    }).then(function (answer) {
      if (!answer.ok) { say(problem(answer)); return; }
      done(url, "Confirmed.");
    }).catch(function (error) { say(error.message); });
  }

  function carry(button) {
    button.disabled = true;
    say("Carrying the notes of " + button.getAttribute("data-from") + "…");
    call("POST", config.api + "carry/", { from: button.getAttribute("data-from"), to: button.getAttribute("data-to") }).then(function (answer) {
      button.disabled = false;
      if (!answer.ok) { say(problem(answer)); return; }
      var counts = {};
      var carried = 0;
      var lost = 0;
      answer.data.annotations.forEach(function (entry) {
        if (!entry.copy) { return; }  // its copy was deleted: not carried again
        counts[entry.status] = (counts[entry.status] || 0) + 1;
        if (entry.status === "deleted" || entry.status === "orphaned") { lost += 1; } else { carried += 1; }
      });
      var parts = Object.keys(counts).filter(function (name) { return name !== "deleted" && name !== "orphaned"; })
        .map(function (name) { return counts[name] + " " + name; });
      var words = carried + " note" + (carried === 1 ? "" : "s") + " carried" + (parts.length ? " (" + parts.join(", ") + ")" : "") +
        (carried ? ": check each one and confirm it." : ".");
      if (lost) { words += " " + lost + " whose words were deleted " + (lost === 1 ? "is" : "are") + " listed above the text: attach or dismiss " + (lost === 1 ? "it." : "them."); }
      done("", words);
    }, function (error) {
      button.disabled = false;
      say(error.message + " No note was carried; try again.");
    });
  }

  // ---- moving a note to other words --------------------------------------------------
  var pickBar = byId("vr-pick");

  // Let the analyst pick words of ``version`` for a note: the words selected now, or,
  // with none, those selected next and confirmed with the bar's button. ``back`` is the
  // editor's note to return to when the analyst cancels.
  function pickWords(version, prompt, action, apply, back) {
    if (pending && pending.version === version) { apply(pending); return; }
    picking = { version: version, apply: apply, back: back };
    byId("vr-pick-text").textContent = prompt;
    byId("vr-pick-go").textContent = action;
    byId("vr-pick-message").textContent = "";
    pickBar.hidden = false;
    byId("vr-pick-go").focus();
  }

  function picked() {
    var message = byId("vr-pick-message");
    if (!pending) { message.textContent = "Select words of version " + picking.version + " in the text first."; return; }
    if (pending.version !== picking.version) {
      message.textContent = "These words are in version " + pending.version + "; the note is on version " +
        picking.version + ": select words of " + picking.version + ".";
      return;
    }
    var job = picking;
    var made = pending;
    endPick();
    hidePop();
    job.apply(made);
  }

  function endPick() {
    picking = null;
    if (pickBar) { pickBar.hidden = true; }
  }

  function withTarget(data, made) {
    var copy = JSON.parse(JSON.stringify(data));
    delete copy.revision;
    delete copy.carried;
    copy.target = made.target;
    return copy;
  }

  // The note open in the editor, moved to the picked words with what the editor holds.
  function reanchor() {
    var state = editing;
    var version = state.version;
    editor.close();  // the page behind it must be free to select in; the note is kept
    pickWords(version, "Select the words of version " + version + " this note is about, then choose the button.",
      "Re-anchor to the selected words", function (made) {
        takeTypedTag();
        var data = withTarget(noteJson(state.data.status), made);
        call("PUT", state.url, data, state.etag).then(function (answer) {
          if (answer.ok) { done(state.url, "The note now stands on “" + made.target.selector[1].exact + "”."); return; }
          reopen(state);
          showMessage(answer.status === 412 ? "Someone else changed this note since you opened it; it was not moved." : problem(answer), answer.status === 412);
        }, function (error) { reopen(state); showMessage(error.message + " The note was not moved."); });
      }, state);
  }

  function reopen(state) {
    editing = state;
    if (!editor.open) { editor.showModal(); }
  }

  function attach(holder) {
    var url = noteUrl(holder.getAttribute("data-note"));
    var version = holder.getAttribute("data-version");
    var quote = holder.querySelector(".vr-app-old-quote").textContent;
    pickWords(version, "Select the words of version " + version + " for the note on “" + quote + "”, then choose the button.",
      "Attach to the selected words", function (made) {
        loadNote(url).then(function (state) {
          return call("PUT", url, withTarget(state.data, made), state.etag);
        }).then(function (answer) {
          if (!answer.ok) { say(problem(answer)); return; }
          done(url, "The note now stands on “" + made.target.selector[1].exact + "”, as a draft: publish it when it reads right.");
        }).catch(function (error) { say(error.message + " The note was not attached."); });
      });
  }

  function dismiss(holder) {
    var url = noteUrl(holder.getAttribute("data-note"));
    call("DELETE", url, undefined, holder.getAttribute("data-etag")).then(function (answer) {
      if (!answer.ok) { say(problem(answer)); return; }
      done("", "Dismissed. The note is listed under Deleted notes, where it can be restored.");
    }, function (error) { say(error.message + " The note was not dismissed."); });
  }

  function restore(holder) {
    var url = noteUrl(holder.getAttribute("data-note"));
    call("POST", url + "restore/", undefined, holder.getAttribute("data-etag")).then(function (answer) {
      if (!answer.ok) { say(problem(answer)); return; }
      done(url, "Restored.");
    }, function (error) { say(error.message + " The note was not restored."); });
  }

  // ---- history -----------------------------------------------------------------------
  function showHistory(url) {
    var list = byId("vr-history-list");
    list.textContent = "";
    call("GET", url + "revisions/").then(function (answer) {
      if (!answer.ok) { say(problem(answer)); return; }
      var newest = answer.data.revisions.length;
      answer.data.revisions.slice().reverse().forEach(function (revision) {
        var item = doc.createElement("li");
        var head = doc.createElement("p");
        head.className = "vr-app-revision-head";
        var when = new Date(revision.saved);
        head.textContent = "Revision " + revision.number + " · " + when.toLocaleString() + " · " +
          (revision.author || "someone") + " · " + (revision.deleted ? "deleted" : revision.status);
        item.appendChild(head);
        item.appendChild(changes(revision.changes));
        if (config.canEdit && !answer.data.deleted && !revision.deleted && revision.number !== newest) {
          var back = doc.createElement("button");
          back.type = "button";
          back.className = "vr-app-revision-restore";
          back.textContent = "Restore revision " + revision.number;
          back.addEventListener("click", function () {
            restoreRevision(url, revision, answer.data.etag);
          });
          item.appendChild(back);
        }
        list.appendChild(item);
      });
      if (!historyBox.open) { historyBox.showModal(); }
    }, function () { say("The server could not be reached."); });
  }

  // What changed from the revision before, as the server's comparison segments it:
  // written as text inside <del> and <ins>, never parsed as HTML.
  function changes(segments) {
    var body = doc.createElement("pre");
    body.className = "vr-app-revision-body";
    segments.forEach(function (segment) {
      var tag = segment[0] === "-" ? "del" : segment[0] === "+" ? "ins" : "span";
      var part = doc.createElement(tag);
      part.textContent = segment[1];
      body.appendChild(part);
    });
    return body;
  }

  // Restoring a revision saves its note as a new revision (nothing is lost: the one
  // replaced stays in the history), with the ETag the history was read with.
  function restoreRevision(url, revision, etag) {
    call("PUT", url, revision.annotation, etag).then(function (answer) {
      if (!answer.ok) { say(problem(answer)); return; }
      historyBox.close();
      done(url, "Restored revision " + revision.number + ".");
    }, function (error) { say(error.message + " The revision was not restored."); });
  }

  // ---- events -------------------------------------------------------------------------
  doc.addEventListener("selectionchange", function () {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(updatePop, 200);
  });
  doc.addEventListener("mouseup", function () {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(updatePop, 30);
  });

  doc.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button") : null;
    if (!button) { return; }
    if (button.id === "vr-annotate") { startNew(); return; }
    if (button.id === "vr-carry") { carry(button); return; }
    if (button.id === "vr-pick-go") { picked(); return; }
    if (button.id === "vr-pick-cancel") { var back = picking && picking.back; endPick(); if (back) { reopen(back); } return; }
    var act = button.getAttribute("data-act");
    var holder = button.closest("[data-note]");
    var url = holder ? noteUrl(holder.getAttribute("data-note")) : editing && editing.url;
    if (act === "attach") { attach(holder); }
    if (act === "dismiss") { dismiss(holder); }
    if (act === "restore") { restore(holder); }
    if (act === "reanchor") { reanchor(); }
    if (act === "edit") { startEdit(url); }
    if (act === "confirm") { confirmCarried(url); }
    if (act === "history") { showHistory(url); }
    if (act === "close") { if (button.closest("dialog") === editor) { requestClose(); } else { historyBox.close(); } }
    if (act === "discard-yes") { editor.close(); }
    if (act === "discard-no") { byId("vr-editor-discard").hidden = true; text.focus(); }
    if (act === "draft") { save("draft"); }
    if (act === "publish") { save("published"); }
    if (act === "reload") { reloadTheirs(); }
    if (act === "delete") { byId("vr-editor-confirm").hidden = false; byId("vr-editor-confirm").querySelector("button").focus(); }
    if (act === "delete-no") { byId("vr-editor-confirm").hidden = true; }
    if (act === "delete-yes") { remove(); }
    if (act === "untag") { button.closest("li").remove(); tagInput.focus(); }
  });

  function noteUrl(uuid) { return config.api + "annotations/" + uuid + "/"; }

  if (pop) {
    // keep the selection when the popover is pressed
    pop.addEventListener("mousedown", function (event) { event.preventDefault(); });
    text.addEventListener("input", function () {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(renderPreview, 250);
    });
    tagInput.addEventListener("keydown", function (event) {
      if ((event.key === "Enter" || event.key === ",") && tagInput.value.trim()) {
        event.preventDefault();
        addTag(tagInput.value);
        tagInput.value = "";
      }
    });
    tagInput.addEventListener("change", function () {
      // a choice from the completion list is a whole tag
      if (byId("vr-tag-list").querySelector('option[value="' + CSS.escape(tagInput.value) + '"]')) {
        addTag(tagInput.value);
        tagInput.value = "";
      }
    });
    editor.addEventListener("close", function () { if (!picking) { editing = null; } });
    editor.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); requestClose(); }
    });
    editor.addEventListener("cancel", function (event) {
      if (changed()) { event.preventDefault(); requestClose(); }
    });
    // picking words: pressing these buttons keeps the words selected
    doc.addEventListener("mousedown", function (event) {
      if (event.target.closest && event.target.closest("#vr-pick, [data-act=attach]")) { event.preventDefault(); }
    });
    loadTags();
  }

  doc.addEventListener("keydown", function (event) {
    if (!pop || pop.hidden || editor.open || historyBox.open) { return; }
    if (event.key === "Escape") {
      hidePop();
      var selection = window.getSelection();
      if (selection) { selection.removeAllRanges(); }
      return;
    }
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (event.key === "a" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && pending) {
      event.preventDefault();
      startNew();
      return;
    }
    if (event.key === "Tab" && !event.shiftKey && !pop.contains(doc.activeElement) && !typing) {
      event.preventDefault();  // from the selected words, the next stop is the popover
      byId("vr-annotate").focus();
    }
  });

  // ---- stepping through consecutive versions: , and . follow the bar's step links -----
  doc.addEventListener("keydown", function (event) {
    if (event.key !== "," && event.key !== ".") { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if ((editor && editor.open) || (historyBox && historyBox.open)) { return; }  // (a viewer has no editor)
    var target = event.target;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable) { return; }
    var single = byId("shortcuts");  // the page's own switch for single-key shortcuts
    var link = byId(event.key === "." ? "vr-step-next" : "vr-step-prev");
    if (link && (!single || single.checked)) { event.preventDefault(); location.href = link.href; }
  });

  // ---- after a reload: say what was done and show the note ---------------------------
  if (config.single) {
    var count = Object.keys(config.notes).length;
    byId("status").textContent = "Version " + config.sides["new"].label + ", " + count + " note" + (count === 1 ? "" : "s");
  }
  var shown = null;
  try { shown = JSON.parse(sessionStorage.getItem("vr-app-show") || "null"); sessionStorage.removeItem("vr-app-show"); } catch (error) { shown = null; }
  if (shown) {
    say(shown.words);
    Object.keys(config.notes).forEach(function (key) {
      if (shown.url && config.notes[key].url === new URL(shown.url, location.href).pathname) {
        window.addEventListener("load", function () { location.hash = "#a-" + key; });
      }
    });
  }
})();
