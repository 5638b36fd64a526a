/*
 * Steps list (chemin/steps): after htmx brings back a step's row (marked done, started), give the
 * keyboard focus to that row, since the button that was pressed is gone with the old row.
 *
 * Markup hook (no inline script: the Content-Security-Policy forbids it):
 *   [data-step-focus]   a row just returned by the server, to receive the focus once
 */
(function () {
  "use strict";

  document.addEventListener("htmx:afterSettle", function () {
    var row = document.querySelector("[data-step-row][data-step-focus]");
    if (!row) {
      return;
    }
    row.removeAttribute("data-step-focus");
    row.focus();
  });
})();
