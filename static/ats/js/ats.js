// Site-wide behaviour that the pages also work without.
(function () {
  "use strict";

  // Toasts leave after a while, unless the pointer or focus is on them.
  var TOAST_SECONDS = 8;
  function dismissToastsLater(root) {
    root.querySelectorAll(".toast:not([data-timed])").forEach(function (toast) {
      toast.setAttribute("data-timed", "");
      var timer = setInterval(function () {
        if (!toast.matches(":hover, :focus-within")) {
          clearInterval(timer);
          toast.remove();
        }
      }, TOAST_SECONDS * 1000);
    });
  }

  // A form that comes back with errors moves focus to its error summary, so
  // keyboard and screen-reader users hear what to fix.
  function focusErrorSummary(root) {
    var summary = root.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  // A link to a form field (the board's "Reject…" goes to …/#reject) puts the
  // cursor in it; browsers only scroll to it.
  function focusLinkedField() {
    var field = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (field && field.matches("input, textarea, select")) field.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    dismissToastsLater(document);
    focusLinkedField();
    focusErrorSummary(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    dismissToastsLater(document);
    focusErrorSummary(event.target);
  });
})();
