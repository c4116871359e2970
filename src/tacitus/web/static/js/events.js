"use strict";
(function eventsView() {
  const params = new URLSearchParams(location.search);
  const sort = params.get("sort") || "date";
  const order = params.get("order") || "desc";
  const limit = Number(params.get("limit") || 50);
  const offset = Number(params.get("offset") || 0);

  function go(extra) {
    const next = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(extra)) next.set(k, v);
    location.search = `?${next}`;
  }

  for (const th of document.querySelectorAll("th[data-sort]")) {
    const key = th.dataset.sort;
    th.classList.add("sortable");
    if (key === sort) th.classList.add(order === "asc" ? "asc" : "desc");
    th.addEventListener("click", () => go({ sort: key, order: key === sort && order === "desc" ? "asc" : "desc", offset: 0 }));
  }
  for (const fmtName of ["csv", "jsonl", "parquet"]) {
    document.getElementById(`dl-${fmtName}`).href = withFilters("/api/events", { format: fmtName });
  }

  api("/api/events", { sort, order, limit, offset }).then((page) => {
    const body = document.querySelector("#events tbody");
    for (const row of page.rows) {
      const tr = el("tr", { "data-event": row.id },
        el("td", row.undated ? { class: "undated", title: "The text gives no day, only a period: this is the article's publication day." } : {},
          articleLink(row.doc_id, row.id, fmt(row.date) || "(no date)"), row.undated ? el("span", { class: "meta", text: " no day" }) : null),
        el("td", {}, el("span", { class: "tag", style: `border-color:${QUAD_COLORS[row.quad] || "#999"}`, text: row.event + (row.mode ? ` (${row.mode})` : "") })),
        el("td", { text: (row.quad || "").toLowerCase() }),
        el("td", { class: "num", text: fmt(row.score) }),
        el("td", {}, side(row.actor_country, row.actor_name)),
        el("td", {}, side(row.recipient_country, row.recipient_name)),
        el("td", { text: row.place || "" }),
        el("td", { class: "num", text: fmt(row.reports) }),
        el("td", { class: "sentence" }, articleLink(row.doc_id, row.id, row.text || "")));
      body.append(tr);
    }
    const last = Math.min(page.offset + page.rows.length, page.total);
    document.getElementById("total").textContent = `${fmt(page.total)} event clusters`;
    document.getElementById("pageinfo").textContent = page.total ? `${fmt(page.offset + 1)}–${fmt(last)} of ${fmt(page.total)}` : "no events match";
    const prev = document.getElementById("prev");
    const next = document.getElementById("next");
    prev.disabled = offset <= 0;
    next.disabled = last >= page.total;
    prev.addEventListener("click", () => go({ offset: Math.max(0, offset - limit) }));
    next.addEventListener("click", () => go({ offset: offset + limit }));
    markDone("events");
  }).catch((e) => setStatus(e.message, true));
})();
