// Progressive enhancement shared by the portal's pages; without JavaScript everything below
// is still reachable (the filters follow the results, the jump links still jump).
(function () {
  "use strict";

  // Phones: the filters fold behind a button at the top of the results instead of sitting
  // below all results and the pagination (the button is hidden on wide screens by CSS).
  document.querySelectorAll("[data-filter-toggle]").forEach(function (button) {
    var layout = button.closest(".search-layout") || document;
    var facets = document.getElementById(button.getAttribute("aria-controls"));
    if (!facets) return;
    layout.classList.add("facets-folded");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      layout.classList.toggle("facets-open", open);
      if (open) {
        var first = facets.querySelector("input, button, select");
        if (first) first.focus();
      }
    });
  });

  // In-page navigation: mark the section being read (aria-current) as the reader scrolls.
  var toc = document.querySelector("[data-section-nav]");
  if (!toc || !("IntersectionObserver" in window)) return;
  var links = {};
  toc.querySelectorAll('a[href^="#"]').forEach(function (link) { links[link.getAttribute("href").slice(1)] = link; });
  var sections = Object.keys(links).map(function (id) { return document.getElementById(id); }).filter(Boolean);
  var visible = {};
  function mark() {
    var current = null;
    sections.forEach(function (section) { if (!current && visible[section.id]) current = section.id; });
    if (!current) return;
    Object.keys(links).forEach(function (id) {
      if (id === current) links[id].setAttribute("aria-current", "true");
      else links[id].removeAttribute("aria-current");
    });
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { visible[entry.target.id] = entry.isIntersecting; });
    mark();
  }, { rootMargin: "-25% 0px -60% 0px" });
  sections.forEach(function (section) { observer.observe(section); });
})();
