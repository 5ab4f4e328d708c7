// The project page: confirm before deleting, and the "compare any two versions" form.
"use strict";
document.querySelectorAll("form.confirm").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm || "Are you sure?")) event.preventDefault();
  });
});
const any = document.getElementById("compare-any");
if (any) {
  any.addEventListener("submit", (event) => {
    event.preventDefault();
    const base = any.querySelector("button").dataset.base;
    const old = encodeURIComponent(any.elements.old.value);
    const now = encodeURIComponent(any.elements.new.value);
    window.location.href = `${base}${old}/${now}/`;
  });
}
