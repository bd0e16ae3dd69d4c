// Upload progress for the apply form: htmx reports the request's progress
// (htmx:xhr:progress) and a <progress> element shows it. Without JavaScript
// the form posts normally and the browser shows its own progress.
(function () {
  "use strict";

  function progressBox(form) {
    return form && form.querySelector(".upload-progress");
  }

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest("#apply-form");
    var box = progressBox(form);
    if (!box || !event.detail.lengthComputable) return;
    box.hidden = false;
    box.querySelector("progress").value = Math.round((event.detail.loaded / event.detail.total) * 100);
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var box = progressBox(event.target.closest("#apply-form"));
    if (box) box.hidden = true;
  });
})();
