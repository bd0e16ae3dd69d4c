// allauth's WebAuthn scripts report a failed ceremony (cancelled, timed out, no key, a
// site the key refuses) as an `allauth.error` event and only log it: say it on the page.
(function () {
  document.addEventListener("allauth.error", function (event) {
    const box = document.getElementById("security-key-error");
    if (!box) return;
    event.preventDefault();
    const name = event.detail && event.detail.exception && event.detail.exception.name;
    box.textContent = name === "NotAllowedError"
      ? "The security key did not answer: it was cancelled or timed out. Try again."
      : "The security key could not be used here. Try again, or use the code from your app.";
    box.hidden = false;
    box.focus();
  });
})();
