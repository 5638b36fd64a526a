/*
 * Phone menu: on narrow screens the territory switcher, the user menu and the main navigation
 * fold behind one "Menu" button, so the page's own content starts on the first screen.
 *
 * Without JavaScript everything stays visible (the button keeps its `hidden` attribute).
 * Markup hooks: [data-menu] on the header, [data-menu-toggle] on the button.
 */
(function () {
  "use strict";

  var header = document.querySelector("[data-menu]");
  var toggle = header && header.querySelector("[data-menu-toggle]");
  if (!toggle) {
    return;
  }
  header.setAttribute("data-menu", "closed");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    header.setAttribute("data-menu", open ? "open" : "closed");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.click();
      toggle.focus();
    }
  });
})();
