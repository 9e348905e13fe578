// thidua pages: the little behaviour htmx does not give. No inline script anywhere (CSP), no
// eval; messages come translated from data-* attributes on <body>.
(function () {
  "use strict";

  function flash(message) {
    var box = document.getElementById("flash");
    if (!box || !message) { return; }
    box.textContent = message;
    box.hidden = false;
  }

  function clearFlash() {
    var box = document.getElementById("flash");
    if (box) { box.hidden = true; box.textContent = ""; }
  }

  document.addEventListener("htmx:beforeRequest", clearFlash);
  document.addEventListener("htmx:responseError", function () {
    flash(document.body.dataset.msgError);
  });
  document.addEventListener("htmx:sendError", function () {
    flash(document.body.dataset.msgNetwork);
  });

  // After a form comes back with errors, put the keyboard on the first field to fix.
  document.addEventListener("htmx:afterSettle", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (!xhr || [409, 412, 422].indexOf(xhr.status) < 0) { return; }
    var first = document.querySelector("[aria-invalid='true']") ||
      document.querySelector(".error-summary");
    if (first) { first.focus(); }
  });

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    // "Select every district office" / "Clear the selection" tick the boxes here and now, so a
    // submit right after cannot leave with the form half filled. (Without JavaScript the same
    // buttons post the form, which comes back with the boxes ticked and nothing saved.)
    var tick = target.closest("[data-tick], [data-untick]");
    if (tick) {
      event.preventDefault();
      var on = tick.hasAttribute("data-tick");
      var boxes = document.querySelectorAll(tick.getAttribute(on ? "data-tick" : "data-untick"));
      Array.prototype.forEach.call(boxes, function (box) { box.checked = on; });
      var count = document.getElementById(tick.getAttribute("aria-describedby"));
      if (count && count.dataset.count) {
        count.textContent = count.dataset.countText.replace(
          "{count}", String(document.querySelectorAll(count.dataset.count).length));
      }
      return;
    }
    // Demo accounts on the login page: fill the form.
    var fill = target.closest("[data-fill-username]");
    if (fill) {
      var user = document.getElementById("f-username");
      var pass = document.getElementById("f-password");
      if (user && pass) {
        user.value = fill.getAttribute("data-fill-username");
        pass.value = fill.getAttribute("data-fill-password");
        var submit = user.form && user.form.querySelector("button[type='submit']");
        if (submit) { submit.focus(); }
      }
      return;
    }
    // Copy a secret shown once.
    var copy = target.closest("[data-copy]");
    if (copy && navigator.clipboard) {
      var source = document.querySelector(copy.getAttribute("data-copy"));
      if (source) {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          copy.textContent = document.body.dataset.msgCopied;
        });
      }
    }
  });
}());
