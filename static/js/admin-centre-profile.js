// The centre editor shows the profile panel of the chosen centre type only (the form also
// refuses the other type's fields, so this is a convenience, not the rule).
(function () {
  function update() {
    const select = document.querySelector("select[name='centre_type']");
    if (!select) return;
    document.querySelectorAll("[class*='profile-']").forEach(function (panel) {
      const type = Array.from(panel.classList).find((name) => name.startsWith("profile-"));
      panel.hidden = Boolean(type) && type !== "profile-" + select.value;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    update();
    document.addEventListener("change", function (event) {
      if (event.target.name === "centre_type") update();
    });
  });
})();
