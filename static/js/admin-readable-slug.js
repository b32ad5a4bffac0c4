// New pages: while the editor types a Thai title, the slug field gets the readable Latin
// address the server makes of it (learning_centres.slugs), instead of Wagtail's Thai text
// without its vowel and tone marks. A slug the editor typed is never replaced.
(function () {
  const THAI = /[\u0e00-\u0e7f]/;
  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("form[action*='/pages/add/']");
    const title = form && form.querySelector("input[name='title']");
    const slug = form && form.querySelector("input[name='slug']");
    const url = document.querySelector("script[data-readable-slug-url]");
    if (!title || !slug || !url) return;
    let suggested = "";
    let timer = null;
    async function suggest() {
      const current = slug.value.trim();
      // Wagtail's own default is Thai; ours is what we filled last; anything else is the editor's.
      if (current && current !== suggested && !THAI.test(current)) return;
      if (!THAI.test(title.value)) return;
      const response = await fetch(url.dataset.readableSlugUrl + "?title=" + encodeURIComponent(title.value), {
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const data = await response.json();
      if (data.slug) {
        slug.value = data.slug;
        suggested = data.slug;
      }
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(suggest, 300);
    }
    title.addEventListener("input", later);
    title.addEventListener("change", later);
    slug.addEventListener("blur", later); // Wagtail re-slugifies on blur: put ours back
  });
})();
