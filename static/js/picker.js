/*
 * Pickers (chemin/referentials/widgets.py): a search box lists options through htmx; choosing
 * one fills the code input and the "Chosen:" line, then gives focus back to the search box.
 *
 * Markup hooks (no inline script: the Content-Security-Policy forbids it):
 *   [data-picker]          the widget
 *   [data-picker-search]   the search box (htmx fetches the options into [data-picker-results])
 *   [data-picker-results]  the options: <button data-picker-value="…" data-picker-label="…">
 *   [data-picker-input]    the real field, holding the code
 *   [data-picker-chosen]   what the code stands for; data-picker-none is the text for "nothing"
 *
 * Keyboard: Down arrow from the search box goes to the options; Up/Down/Home/End move between
 * them; Enter or Space chooses; Escape closes the list.
 */
(function () {
  "use strict";

  function partsOf(element) {
    var picker = element.closest("[data-picker]");
    if (!picker) {
      return null;
    }
    return {
      search: picker.querySelector("[data-picker-search]"),
      results: picker.querySelector("[data-picker-results]"),
      input: picker.querySelector("[data-picker-input]"),
      chosen: picker.querySelector("[data-picker-chosen]"),
    };
  }

  function optionsOf(parts) {
    return Array.prototype.slice.call(parts.results.querySelectorAll("[data-picker-value]"));
  }

  function clearResults(parts) {
    parts.results.innerHTML = "";
  }

  function choose(option) {
    var parts = partsOf(option);
    if (!parts) {
      return;
    }
    parts.input.value = option.getAttribute("data-picker-value");
    parts.chosen.textContent = option.getAttribute("data-picker-label");
    parts.input.dispatchEvent(new Event("change", { bubbles: true }));
    clearResults(parts);
    parts.search.focus();
  }

  function moveFocus(option, step) {
    var options = optionsOf(partsOf(option));
    var index = options.indexOf(option) + step;
    if (step === Infinity) {
      index = options.length - 1;
    } else if (step === -Infinity) {
      index = 0;
    }
    if (index < 0) {
      partsOf(option).search.focus();
      return;
    }
    if (index < options.length) {
      options[index].focus();
    }
  }

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-picker] [data-picker-value]");
    if (option) {
      event.preventDefault();
      choose(option);
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var parts = partsOf(target);
    if (!parts) {
      return;
    }

    if (target.matches("[data-picker-search]")) {
      if (event.key === "ArrowDown") {
        var first = optionsOf(parts)[0];
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Escape" && parts.results.childElementCount) {
        event.preventDefault();
        clearResults(parts);
      } else if (event.key === "Enter") {
        // In a form that saves (POST), Enter searches instead of submitting half-filled data.
        // In a search form (GET), Enter submits as usual.
        var form = target.form;
        if (form && form.method.toLowerCase() === "post") {
          event.preventDefault();
          if (window.htmx) {
            window.htmx.trigger(target, "search");
          }
        }
      }
      return;
    }

    if (target.matches("[data-picker-value]")) {
      var steps = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
      if (event.key in steps) {
        event.preventDefault();
        moveFocus(target, steps[event.key]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        clearResults(parts);
        parts.search.focus();
      }
    }
  });

  // A code typed by hand is only checked by the server: show it as typed until then.
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.matches("[data-picker] [data-picker-input]")) {
      return;
    }
    var parts = partsOf(target);
    parts.chosen.textContent = target.value.trim() || parts.chosen.getAttribute("data-picker-none");
  });
})();
