/* The candidates list on a phone: the filters start folded (unless one is set or
   refused), so the search box and the results come first. Without JavaScript, or
   on a wider screen, they stay open. */
(function () {
  "use strict";
  var filters = document.querySelector("[data-fold-on-phone]");
  if (filters && !filters.hasAttribute("data-active") && window.matchMedia("(max-width: 47.99rem)").matches) {
    filters.open = false;
  }
})();
