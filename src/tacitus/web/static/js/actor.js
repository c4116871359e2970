"use strict";
(async function actorView() {
  const params = new URLSearchParams(location.search);
  const name = params.get("name");
  if (!name) { setStatus("no actor given: open an actor from the overview or an event", true); return; }
  const query = { name };
  if (params.get("country")) query.country = params.get("country");
  const response = await fetch(`/api/actors?${new URLSearchParams(query)}`);
  const data = await response.json();
  if (!response.ok) { document.getElementById("name").textContent = name; setStatus(data.error, true); return; }
  document.getElementById("name").textContent = data.name;
  document.getElementById("meta").textContent = `${data.countries.join(", ") || "no country"} · sector ${data.sector || "unknown"} · ${fmt(data.mentions)} mentions in ${fmt(data.articles)} articles`;
  const aliases = document.querySelector("#aliases tbody");
  for (const a of data.aliases) aliases.append(el("tr", {}, el("td", { text: a.alias }), el("td", { class: "num", text: fmt(a.mentions) })));
  const counterparts = document.querySelector("#counterparts tbody");
  for (const c of data.counterparts) {
    counterparts.append(el("tr", {}, el("td", { text: c.role }), el("td", {}, actorLink(c.name, c.country)), el("td", { text: c.country || "" }),
      el("td", { class: "num", text: fmt(c.events) }), el("td", { class: "num", text: fmt(c.mean_score) })));
  }
  new Chart(document.getElementById("timeline"), {
    type: "bar",
    data: { labels: data.timeline.map((t) => t.period.slice(0, 7)), datasets: [{ label: "mentions", data: data.timeline.map((t) => t.mentions), backgroundColor: "#4a5568" }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } } },
  });
  document.getElementById("actor-events").href = `/events?${new URLSearchParams({ actor: data.name })}`;
  markDone("actor");
})().catch((e) => setStatus(e.message, true));
