// "Use my position": asks the browser for the visitor's position only when they press the
// button, and sends it as lat/lon to this page (nothing is stored). Without JavaScript or
// permission, the province choice still works.
(function () {
  const button = document.getElementById("near-me");
  if (!button || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      const lat = document.getElementById("near-lat");
      const lon = document.getElementById("near-lon");
      lat.value = position.coords.latitude.toFixed(5);
      lon.value = position.coords.longitude.toFixed(5);
      lat.disabled = lon.disabled = false;
      document.getElementById("near-province").disabled = true;
      button.form.submit();
    });
  });
})();
