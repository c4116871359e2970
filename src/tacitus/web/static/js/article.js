"use strict";
// The article view, and the drawing shared with "code this text": text with the
// events' spans highlighted (built from text nodes: stored text is never parsed as HTML).

function renderText(container, text, marks) {
  container.replaceChildren();
  let at = 0;
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const mark of sorted) {
    if (mark.start < at) continue;
    if (mark.start > at) container.append(document.createTextNode(text.slice(at, mark.start)));
    container.append(el("mark", { class: `m-${mark.kind}`, "data-kind": mark.kind, "data-event": mark.event, title: mark.kind },
      text.slice(mark.start, mark.end)));
    at = mark.end;
  }
  if (at < text.length) container.append(document.createTextNode(text.slice(at)));
}

function eventSummary(e) {
  const names = (list) => (list || []).map((x) => `${x.country ? x.country + " " : ""}${x.name || x.text}`).join(", ");
  return `${names(e.actor) || "?"} → ${e.event}${e.mode ? " (" + e.mode + ")" : ""} → ${names(e.recipient) || "—"}`;
}

function renderEvents(list, events, onSelect) {
  list.replaceChildren();
  events.forEach((e, i) => {
    const where = e.location && e.location.name ? ` · ${e.location.name}` : "";
    const flags = [e.negated && "negated", e.future && "future", e.hypothetical && "hypothetical"].filter(Boolean).join(", ");
    const item = el("li", { "data-index": i, "data-event": e.id, tabindex: 0 },
      el("span", { class: "tag", style: `border-color:${QUAD_COLORS[e.quad] || "#999"}`, text: e.event }),
      " ", el("span", { text: eventSummary(e) }),
      el("div", { class: "meta", text: `${e.date || "no date"}${where} · score ${fmt(e.score)} · CAMEO ${e.cameo || ""}${flags ? " · " + flags : ""}` }));
    item.addEventListener("click", () => onSelect(i));
    item.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onSelect(i); });
    list.append(item);
  });
}

function showArticle(data, selectedId) {
  const text = document.getElementById("text");
  const list = document.getElementById("event-list");
  // an event of the title is marked in the heading (marks with part "title")
  const heading = data.title ? document.getElementById("title") : null;
  const titleText = data.title ? data.title.trim().split(/\s+/).join(" ") : "";
  function draw(marks) {
    renderText(text, data.text, marks.filter((m) => m.part !== "title"));
    if (heading) renderText(heading, titleText, marks.filter((m) => m.part === "title"));
  }
  function select(index) {
    for (const li of list.children) li.classList.toggle("selected", Number(li.dataset.index) === index);
    if (index === null) draw(data.marks);
    else {
      draw(data.events[index].marks);
      const first = text.querySelector("mark");
      if (first) text.scrollTop = Math.max(0, first.offsetTop - text.offsetTop - text.clientHeight / 3);
    }
  }
  renderEvents(list, data.events, select);
  const index = data.events.findIndex((e) => e.id === selectedId || e.cluster_id === selectedId);
  select(index >= 0 ? index : null);
  const all = document.getElementById("show-all");
  if (all) all.addEventListener("click", () => select(null));
}

(async function articleView() {
  const layout = document.querySelector("[data-article-id]");
  if (!layout) return;
  const id = layout.dataset.articleId;
  const data = await api(`/api/articles/${encodeURIComponent(id)}`);
  document.getElementById("title").textContent = data.title || data.id;
  const meta = document.getElementById("meta");
  meta.append(`${data.published || "no date"} · id ${data.id}`);
  if (data.url) meta.append(" · ", el("a", { href: data.url, rel: "noopener noreferrer" }, "source"));
  if (data.duplicate_of) meta.append(" · near-duplicate of ", articleLink(data.duplicate_of, null, data.duplicate_of));
  showArticle(data, new URLSearchParams(location.search).get("event"));
  const dups = document.getElementById("duplicates");
  if (!data.duplicates.length) dups.append(el("li", { class: "none", text: "none" }));
  for (const d of data.duplicates) {
    dups.append(el("li", {}, articleLink(d.id, null, d.title || d.id), d.similarity ? ` (similarity ${fmt(d.similarity)})` : " (original)"));
  }
  const clusters = document.getElementById("clusters");
  for (const c of data.clusters) {
    const others = c.articles.filter((a) => a !== data.id && a !== data.duplicate_of);
    const item = el("li", { "data-cluster": c.cluster_id }, `${c.event} ${c.date || ""} · ${c.reports} report${c.reports === 1 ? "" : "s"}`);
    if (others.length) {
      item.append(" · also in ");
      others.slice(0, 10).forEach((a, i) => { if (i) item.append(", "); item.append(articleLink(a, c.cluster_id, a)); });
    }
    clusters.append(item);
  }
  markDone("article");
})().catch((e) => setStatus(e.message, true));
