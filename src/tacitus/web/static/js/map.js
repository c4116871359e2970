"use strict";
(async function mapView() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 10 }).setView([25, 15], 2);
  map.attributionControl.addAttribution("Natural Earth");
  const world = await (await fetch("/static/vendor/countries-110m.json")).json();
  // Natural Earth rings that cross the antimeridian are unwrapped so Leaflet draws no
  // band across the map; Antarctica (a ring around the pole) is left out
  const unwrap = (ring) => ring.map(([x, y], i) => [x, y]).map((p, i, a) => {
    if (i) { while (p[0] - a[i - 1][0] > 180) p[0] -= 360; while (p[0] - a[i - 1][0] < -180) p[0] += 360; }
    return p;
  });
  const countries = topojson.feature(world, world.objects.countries);
  countries.features = countries.features.filter((f) => f.id !== "010");
  for (const f of countries.features) {
    const g = f.geometry;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrap);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(unwrap));
  }
  L.geoJSON(countries, {
    style: { color: "#8a8a8a", weight: 0.6, fillColor: "#eceae4", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  const data = await api("/api/places");
  // a cluster shows the events of its places, not the number of places
  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    iconCreateFunction: (group) => {
      const n = group.getAllChildMarkers().reduce((sum, m) => sum + (m.options.events || 0), 0);
      const size = n < 10 ? "small" : n < 100 ? "medium" : "large";
      const icon = el("div", {}, el("span", { text: n.toLocaleString("en") }));
      return L.divIcon({ html: icon, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
    },
  });
  let total = 0;
  const markers = [];
  for (const place of data.places) {
    total += place.events;
    const marker = L.circleMarker([place.lat, place.lon], { radius: 5 + Math.min(10, Math.sqrt(place.events)), color: "#7a0010", fillColor: "#cb181d", fillOpacity: 0.8, weight: 1 });
    marker.options.events = place.events;
    const popup = el("div", { class: "popup" }, el("b", { text: place.name || "" }), ` (${place.country || ""}) · ${fmt(place.events)} event clusters`);
    const list = el("ul", {});
    for (const e of place.latest || []) {
      list.append(el("li", {}, articleLink(e.doc_id, e.id, `${e.date || ""} ${e.event} ${e.actor || "?"} → ${e.recipient || "—"}`)));
    }
    popup.append(list);
    marker.bindPopup(popup);
    clusters.addLayer(marker);
    markers.push({ name: place.name, marker });
  }
  map.addLayer(clusters);
  window.tacitusMap = { map, clusters, markers };
  document.getElementById("mapnote").textContent = `${fmt(data.places.length)} places, ${fmt(total)} event clusters with a place. Click a cluster to zoom in, a point for its events.`;
  markDone("map");
})().catch((e) => setStatus(e.message, true));
