"use strict";
(async function networkView() {
  const params = new URLSearchParams(location.search);
  const level = params.get("level") || "country";
  const select = document.getElementById("level");
  select.value = level;
  select.addEventListener("change", () => { params.set("level", select.value); location.search = `?${params}`; });
  const data = await api("/api/dyads", { level, limit: 150 });
  const maxNode = Math.max(1, ...data.nodes.map((n) => n.events));
  const maxEdge = Math.max(1, ...data.edges.map((e) => e.events));
  const color = (score) => {
    if (score === null || score === undefined) return "#999";
    const t = Math.max(-1, Math.min(1, score / 6));
    if (t < 0) return `rgb(${Math.round(150 + 100 * -t)},${Math.round(150 - 120 * -t)},${Math.round(150 - 120 * -t)})`;
    return `rgb(${Math.round(150 - 120 * t)},${Math.round(150 - 40 * t)},${Math.round(150 + 90 * t)})`;
  };
  const elements = [];
  for (const n of data.nodes) elements.push({ data: { id: `n:${n.id}`, label: n.id, size: 14 + 40 * Math.sqrt(n.events / maxNode), events: n.events } });
  data.edges.forEach((e, i) => elements.push({ data: { id: `e${i}`, source: `n:${e.source}`, target: `n:${e.target}`, width: 1 + 9 * (e.events / maxEdge), color: color(e.mean_score), events: e.events, score: e.mean_score, actor: e.source, recipient: e.target } }));
  const cy = cytoscape({
    container: document.getElementById("network"),
    elements,
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#4a5568", color: "#111", "font-size": 11, "text-valign": "center", "text-halign": "right", "text-margin-x": 3 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.85 } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 },
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "edge", (ev) => {
    const d = ev.target.data();
    const filter = level === "country" ? { actor: d.actor, recipient: d.recipient } : { text: null };
    location.href = withFilters("/events", filter);
  });
  cy.on("tap", "node", (ev) => {
    const id = ev.target.data("label");
    location.href = level === "country" ? withFilters("/events", { actor: id }) : `/actor?${new URLSearchParams({ name: id })}`;
  });
  window.tacitusNetwork = cy;
  document.getElementById("netinfo").textContent = `${data.nodes.length} nodes, ${data.edges.length} dyads (the heaviest). Click an edge or a node for its events.`;
  markDone("network");
})().catch((e) => setStatus(e.message, true));
