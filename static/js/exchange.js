// Read each typed date back in words, with its weekday, as the server will read it (it
// parses; this script only asks), so a slip shows before the form is sent.
(function () {
  "use strict";
  document.querySelectorAll("output[data-date-words]").forEach(function (output) {
    var input = document.getElementById(output.dataset.dateWords);
    if (!input) return;
    var timer = null;
    var show = function () {
      var value = input.value.trim();
      if (!value) { output.textContent = ""; return; }
      fetch(output.dataset.url + "?value=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (input.value.trim() !== value) return;  // typed on meanwhile
          output.textContent = data.words ? output.dataset.label + " " + data.words : data.error;
        })
        .catch(function () { output.textContent = ""; });
    };
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 250); });
    input.addEventListener("change", show);
  });
})();

// Suggest LAOs from the registry while the organisation is typed. Without this script the
// form still works: the server matches the typed name (and asks when it is ambiguous).
(function () {
  "use strict";
  var form = document.querySelector("form[data-lao-suggest]");
  if (!form) return;
  var input = form.querySelector("#id_organisation");
  var list = document.getElementById("lao-options");
  if (!input || !list) return;
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var query = input.value.trim();
      if (query.length < 2 || query === last) return;
      last = query;
      fetch(form.dataset.laoSuggest + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { options: [] }; })
        .then(function (data) {
          list.replaceChildren();
          data.options.forEach(function (label) {
            var option = document.createElement("option");
            option.value = label;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are optional */ });
    }, 200);
  });
})();
