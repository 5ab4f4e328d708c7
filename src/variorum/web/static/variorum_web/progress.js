// A page that waits for work in the background (an import, a redline being made): every
// few seconds it asks its own address again and updates its progress in place (a live
// region, so a screen reader hears it, and no reload that would move the reader's focus);
// once the answer is no longer "still working" (202), it loads the result. Without
// scripts, the page's <noscript> refresh does the same by reloading.
"use strict";
(function () {
  const region = document.querySelector("[data-progress]");
  if (!region) return;
  const seconds = Number(region.dataset.refresh) || 2;
  function check() {
    const asked = { redirect: "manual", cache: "no-store", headers: { "X-Progress-Check": "1" } };
    fetch(window.location.href, asked)
      .then((response) => {
        if (response.status !== 202) {
          // done (a redirect or the result): load it for real, without reading this copy
          // of what can be megabytes of redline first
          if (response.body) response.body.cancel().catch(() => {});
          window.location.reload();
          return null;
        }
        return response.text();
      })
      .then((text) => {
        if (text === null) return;
        const fresh = new DOMParser().parseFromString(text, "text/html");
        const updated = fresh.querySelector("[data-progress]");
        if (updated) region.innerHTML = updated.innerHTML;
        window.setTimeout(check, seconds * 1000);
      })
      .catch(() => window.setTimeout(check, seconds * 1000));  // offline a moment: ask again
  }
  window.setTimeout(check, seconds * 1000);
})();
