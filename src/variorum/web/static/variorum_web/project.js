// The project page: confirm before deleting, and the "compare any two versions" form,
// which goes where the redline's own form goes (the redline of two versions, or one
// version's text when both are the same).
"use strict";
document.querySelectorAll("form.confirm").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm || "Are you sure?")) event.preventDefault();
  });
});
const any = document.getElementById("compare-any");
if (any) {
  any.action = any.querySelector("button").dataset.base;  // /p/<slug>/compare/?old=&new=
}
