"use strict";
(async function overview() {
  const data = await api("/api/stats", { top: 15 });
  const counts = document.getElementById("counts");
  const labels = { articles: "articles", duplicates: "near-duplicates", events: "events", clusters: "event clusters", entities: "actors", failures: "failures" };
  for (const [key, label] of Object.entries(labels)) {
    counts.append(el("div", { class: "count", "data-count": key }, el("b", { text: fmt(data.counts[key]) }), el("span", { text: label })));
  }
  const weeks = [...new Set(data.weekly.map((r) => r.week))].sort();
  const index = new Map(weeks.map((w, i) => [w, i]));
  const datasets = Object.keys(QUAD_COLORS).map((quad) => {
    const values = new Array(weeks.length).fill(0);
    for (const row of data.weekly) if (row.quad === quad) values[index.get(row.week)] = row.events;
    return { label: quad.toLowerCase(), data: values, backgroundColor: QUAD_COLORS[quad], stack: "q" };
  });
  new Chart(document.getElementById("weekly"), {
    type: "bar",
    data: { labels: weeks, datasets },
    options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "event clusters" } } } },
  });
  if (data.undated) {
    const note = document.getElementById("undated");
    note.textContent = `${fmt(data.undated)} event cluster${data.undated === 1 ? "" : "s"} not drawn: the text gives no day for ${data.undated === 1 ? "it" : "them"}, only a period ("in July", "last month"); the events table lists ${data.undated === 1 ? "it" : "them"} at the article's publication day, marked "no day".`;
    note.hidden = false;
  }
  const dyads = document.querySelector("#dyads tbody");
  for (const d of data.dyads) {
    dyads.append(el("tr", {},
      el("td", {}, el("a", { href: withFilters("/events", { actor: d.actor, recipient: d.recipient }) }, d.actor)),
      el("td", { text: d.recipient }), el("td", { class: "num", text: fmt(d.events) }), el("td", { class: "num", text: fmt(d.mean_score) })));
  }
  const actors = document.querySelector("#actors tbody");
  for (const a of data.actors) {
    actors.append(el("tr", {}, el("td", {}, actorLink(a.name, a.country)), el("td", { text: a.country || "" }), el("td", { class: "num", text: fmt(a.events) })));
  }
  markDone("overview");
})().catch((e) => setStatus(e.message, true));
