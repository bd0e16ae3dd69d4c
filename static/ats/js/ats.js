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

  document.addEventListener("DOMContentLoaded", function () {
    dismissToastsLater(document);
    focusErrorSummary(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    dismissToastsLater(document);
    focusErrorSummary(event.target);
  });
})();
