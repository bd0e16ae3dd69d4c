// The Candidates list's bulk bar (templates/ats/bulk/_bar.html). Without this
// script the bar still works: every field shows and the button says "the selected".
(function () {
  "use strict";

  var ROWS = 'input[type="checkbox"][name="applications"][form="bulk-form"]';

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll(ROWS));
  }

  // Reads everything from the page each time: htmx may have swapped the rows or the bar.
  function update() {
    var form = document.getElementById("bulk-form");
    if (!form) return;
    var all = form.querySelector("[data-bulk-all]");
    var action = form.querySelector("[data-bulk-action]");
    var submit = form.querySelector("[data-bulk-submit]");
    var boxes = rows();
    var ticked = boxes.filter(function (box) { return box.checked; }).length;

    if (all.checked) {
      submit.textContent = "Apply to all " + form.dataset.total + " matching";
    } else {
      submit.textContent = "Apply to " + ticked + " selected";
    }

    // Only the chosen action's fields show, and only they are sent (a disabled fieldset sends nothing).
    form.querySelectorAll("[data-bulk-for]").forEach(function (fieldset) {
      var shown = fieldset.dataset.bulkFor.split(" ").indexOf(action.value) !== -1;
      fieldset.hidden = !shown;
      fieldset.disabled = !shown;
    });

    var page = form.querySelector("[data-bulk-page]");
    if (page) {
      page.closest("label").hidden = boxes.length === 0;
      page.checked = boxes.length > 0 && ticked === boxes.length;
      page.indeterminate = ticked > 0 && ticked < boxes.length;
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-bulk-page]")) {
      rows().forEach(function (box) { box.checked = target.checked; });
    }
    if (target.matches("[data-bulk-page], [data-bulk-all], [data-bulk-action], " + ROWS)) update();
  });
  document.addEventListener("DOMContentLoaded", update);
  document.addEventListener("htmx:afterSettle", update);
})();
