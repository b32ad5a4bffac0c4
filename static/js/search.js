// Progressive enhancement of the search page: filters apply on change, and the query box
// offers suggestions as an ARIA 1.2 combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
// Without JavaScript the form, its filters and its buttons work as they are.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) return;

  form.querySelectorAll("[data-auto-submit]").forEach(function (input) {
    input.addEventListener("change", function () { form.submit(); });
  });
  form.querySelectorAll(".apply-filters").forEach(function (button) { button.hidden = true; });

  var input = document.getElementById("search-q");
  var listbox = document.getElementById("search-suggestions");
  if (!input || !listbox) return;
  var options = [];
  var active = -1;
  var timer = null;
  var latest = 0;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function render(suggestions) {
    listbox.textContent = "";
    options = suggestions.map(function (item, i) {
      var li = document.createElement("li");
      li.id = "search-suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.url = item.url;
      li.textContent = item.label;
      if (item.kind_label) {  // what the suggestion is: case study, centre, area or province
        var kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = item.kind_label;
        li.appendChild(document.createTextNode(" "));
        li.appendChild(kind);
      }
      li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = item.url; });
      listbox.appendChild(li);
      return li;
    });
    if (options.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
    active = -1;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (!text) { close(); return; }
    timer = setTimeout(function () {
      var request = ++latest;
      fetch(input.dataset.suggestUrl + (input.dataset.suggestUrl.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (request === latest) render(data.suggestions || []); })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (listbox.hidden || !options.length) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % options.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? options.length - 1 : active - 1); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.href = options[active].dataset.url; }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
