// Suggest LAOs from the registry while the organisation is typed. Without this script the
// form still works: the server matches the typed name (and asks when it is ambiguous).
(function () {
  "use strict";
  // Date pickers show the browser's calendar (often CE); repeat the chosen day in Buddhist era.
  var buddhist = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { day: "numeric", month: "long", year: "numeric" });
  document.querySelectorAll("output[data-be-date]").forEach(function (output) {
    var input = document.getElementById(output.dataset.beDate);
    if (!input) return;
    var show = function () {
      var parts = input.value.split("-");
      output.textContent = parts.length === 3 ? output.dataset.label + " " + buddhist.format(new Date(+parts[0], parts[1] - 1, +parts[2])) : "";
    };
    input.addEventListener("input", show);
    input.addEventListener("change", show);
  });
})();

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
