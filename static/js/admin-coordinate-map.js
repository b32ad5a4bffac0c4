// Picking a centre's coordinates on the portal's own map of Thailand (no tiles, no third party).
// The map (npm's @svg-maps/thailand) is drawn in the Mercator projection: its outline's box runs
// from Thailand's westernmost to easternmost point and from its northernmost to southernmost,
// so x follows longitude and y follows Mercator's northing, each linearly. Measured on the map's
// own outline: the x and y scales agree to 0.7 % under Mercator (2.3 % apart under a plain
// latitude/longitude grid). tests/browser/test_admin_coordinate_map.py checks Bangkok and Chiang Mai.
(function () {
  const BOX = { left: 0.2584, right: 559.3184, top: 0.2926, bottom: 1024.2626 }; // the outline, in map units
  const EDGES = { west: 97.3436, east: 105.6368, north: 20.4648, south: 5.6129 }; // Thailand's extreme points
  const northing = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const latitudeOf = (n) => (360 / Math.PI) * Math.atan(Math.exp(n)) - 90;
  const NORTH = northing(EDGES.north);
  const SOUTH = northing(EDGES.south);

  function toMap(lat, lon) {
    return {
      x: BOX.left + ((lon - EDGES.west) / (EDGES.east - EDGES.west)) * (BOX.right - BOX.left),
      y: BOX.top + ((NORTH - northing(lat)) / (NORTH - SOUTH)) * (BOX.bottom - BOX.top),
    };
  }

  function fromMap(x, y) {
    return {
      lat: latitudeOf(NORTH - ((y - BOX.top) / (BOX.bottom - BOX.top)) * (NORTH - SOUTH)),
      lon: EDGES.west + ((x - BOX.left) / (BOX.right - BOX.left)) * (EDGES.east - EDGES.west),
    };
  }

  function setUp(picker) {
    const latitude = document.querySelector("input[name='latitude']");
    const longitude = document.querySelector("input[name='longitude']");
    if (!latitude || !longitude) return;
    fetch(picker.dataset.mapUrl)
      .then((response) => response.text())
      .then((text) => {
        const canvas = picker.querySelector(".coordinate-map__canvas");
        canvas.innerHTML = text;
        const svg = canvas.querySelector("svg");
        svg.setAttribute("focusable", "false");
        const marker = document.createElementNS("http://www.w3.org/2000/svg", "circle");
        marker.setAttribute("r", "5");
        marker.setAttribute("class", "coordinate-map__marker");
        svg.appendChild(marker);

        function showTyped() {
          const lat = parseFloat(latitude.value);
          const lon = parseFloat(longitude.value);
          const shown = Number.isFinite(lat) && Number.isFinite(lon);
          marker.style.display = shown ? "" : "none";
          if (shown) {
            const point = toMap(lat, lon);
            marker.setAttribute("cx", point.x.toFixed(2));
            marker.setAttribute("cy", point.y.toFixed(2));
          }
        }

        svg.addEventListener("click", function (event) {
          const point = svg.createSVGPoint();
          point.x = event.clientX;
          point.y = event.clientY;
          const inMap = point.matrixTransform(svg.getScreenCTM().inverse());
          const place = fromMap(inMap.x, inMap.y);
          latitude.value = place.lat.toFixed(6);
          longitude.value = place.lon.toFixed(6);
          [latitude, longitude].forEach((input) => input.dispatchEvent(new Event("change", { bubbles: true })));
          showTyped();
        });
        latitude.addEventListener("input", showTyped);
        longitude.addEventListener("input", showTyped);
        showTyped();
        picker.hidden = false;
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".coordinate-map[data-map-url]").forEach(setUp);
  });
})();
