// Suggestion lists as the WAI-ARIA APG "combobox with listbox popup": the focus stays in the
// text box (role="combobox"); ArrowDown / ArrowUp move the active option (aria-activedescendant,
// aria-selected), Enter picks it and never submits the form while the list is open, Escape
// closes the list and keeps the text. htmx fills the list; this file adds only the keyboard.
// No inline script (CSP).
(function () {
  "use strict";

  function isCombobox(element) {
    return element instanceof Element && element.getAttribute("role") === "combobox";
  }

  function listOf(box) {
    return document.getElementById(box.getAttribute("aria-controls"));
  }

  function optionsOf(box) {
    var list = listOf(box);
    return list ? Array.prototype.slice.call(list.querySelectorAll("[role='option']")) : [];
  }

  function isOpen(box) {
    return box.getAttribute("aria-expanded") === "true";
  }

  function activeOf(box) {
    var id = box.getAttribute("aria-activedescendant");
    return id ? document.getElementById(id) : null;
  }

  function setActive(box, option) {
    optionsOf(box).forEach(function (each) {
      each.setAttribute("aria-selected", each === option ? "true" : "false");
    });
    if (option) {
      box.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  }

  // Open only when there is something to choose; closing forgets the active option.
  function setOpen(box, open) {
    var list = listOf(box);
    var shown = open && optionsOf(box).length > 0;
    if (list) { list.hidden = !shown; }
    box.setAttribute("aria-expanded", shown ? "true" : "false");
    if (!shown) { setActive(box, null); }
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (!isCombobox(box)) { return; }
    var options = optionsOf(box);
    var index = options.indexOf(activeOf(box));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) { return; }
      event.preventDefault();
      var wasOpen = isOpen(box);
      setOpen(box, true);
      if (event.altKey) { return; }  // Alt+ArrowDown opens the list without moving
      var down = event.key === "ArrowDown";
      var next = down ? index + 1 : index - 1;
      if (!wasOpen || index < 0) { next = down ? 0 : options.length - 1; }
      setActive(box, options[(next + options.length) % options.length]);
    } else if (event.key === "Enter") {
      if (!isOpen(box)) { return; }  // closed: Enter does what it does in its form (searches)
      event.preventDefault();
      var chosen = activeOf(box);
      if (chosen) { chosen.click(); }
    } else if (event.key === "Escape") {
      if (isOpen(box)) {
        event.preventDefault();
        setOpen(box, false);
      }
    }
  });

  // A new list of matches (htmx swapped it in): open it if its box still has the focus.
  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.target;
    if (!(list instanceof Element) || list.getAttribute("role") !== "listbox" || !list.id) { return; }
    var box = document.querySelector("[role='combobox'][aria-controls='" + list.id + "']");
    if (box) { setOpen(box, document.activeElement === box); }
  });

  // Leaving the box closes its list; a click on an option keeps the focus in the box, so the
  // list is still there when the click lands.
  document.addEventListener("focusout", function (event) {
    if (isCombobox(event.target)) { setOpen(event.target, false); }
  });
  document.addEventListener("mousedown", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.closest("[role='listbox'] [role='option']")) { event.preventDefault(); }
  });
}());
