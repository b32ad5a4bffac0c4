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
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      layout.classList.toggle("facets-open", open);
      if (open) {
        var first = facets.querySelector("input, button, select");
        if (first) first.focus();
      }
    });
  });

  // Case studies: copy the page's link, print (or save as PDF from the print dialog).
  document.querySelectorAll("[data-needs-script]").forEach(function (item) { item.classList.remove("needs-script"); });
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(button.dataset.copyLink).then(function () {
        button.textContent = button.dataset.copiedLabel;
      });
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Gallery pictures open larger in a dialog (without JavaScript the link opens the picture).
  document.querySelectorAll(".gallery").forEach(function (gallery) {
    var dialog = null;
    var picture = null;
    gallery.querySelectorAll("[data-enlarge]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (typeof HTMLDialogElement !== "function") return;
        event.preventDefault();
        if (!dialog) {
          dialog = document.createElement("dialog");
          dialog.className = "enlarged";
          picture = document.createElement("img");
          var close = document.createElement("button");
          close.type = "button";
          close.className = "button";
          close.textContent = gallery.dataset.closeLabel;
          close.addEventListener("click", function () { dialog.close(); });
          dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
          dialog.appendChild(picture);
          dialog.appendChild(close);
          document.body.appendChild(dialog);
        }
        var thumbnail = link.querySelector("img");
        picture.src = link.href;
        picture.alt = thumbnail ? thumbnail.alt : "";
        dialog.setAttribute("aria-label", picture.alt);
        dialog.showModal();
      });
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
