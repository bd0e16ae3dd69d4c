// Time zone fields marked data-browser-time-zone start at the site's default,
// which says nothing about where this person is: put the browser's zone in its
// place. A zone the person chose is left alone, and without JavaScript the
// field keeps its default and stays editable.
(function () {
  "use strict";

  function browserTimeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  function offers(field, value) {
    if (field.tagName !== "SELECT") return true;
    return Array.prototype.some.call(field.options, function (option) {
      return option.value === value;
    });
  }

  function fill() {
    var zone = browserTimeZone();
    if (!zone) return;
    document.querySelectorAll("[data-browser-time-zone]").forEach(function (field) {
      var untouched = field.value === "" || field.value === field.getAttribute("data-default-time-zone");
      if (untouched && offers(field, zone)) field.value = zone;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
