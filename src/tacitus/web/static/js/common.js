// Shared by every view: the filter bar (kept in the URL), safe DOM building, API calls.
// Data from the store is only ever put in the page as text (textContent), never as HTML.
"use strict";

const FILTERS = ["actor", "recipient", "type", "quad", "since", "until", "text"];
const QUAD_COLORS = {
  "VERBAL COOPERATION": "#6baed6",
  "MATERIAL COOPERATION": "#2171b5",
  "VERBAL CONFLICT": "#fc9272",
  "MATERIAL CONFLICT": "#cb181d",
};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function currentFilters() {
  const params = new URLSearchParams(location.search);
  const out = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) out.set(name, value);
  }
  return out;
}

function withFilters(path, extra) {
  const params = currentFilters();
  for (const [key, value] of Object.entries(extra || {})) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

function setStatus(message, isError) {
  const status = document.getElementById("status");
  status.textContent = message || "";
  status.className = isError ? "status error" : "status";
}

async function api(path, extra, options) {
  const response = await fetch(withFilters(path, extra), options);
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    const message = (data && data.error) || `${response.status} ${response.statusText}`;
    setStatus(message, true);
    throw new Error(message);
  }
  return data;
}

function fmt(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en") : value.toFixed(2);
  return String(value);
}

function articleLink(docId, eventId, label) {
  const href = `/article/${encodeURIComponent(docId)}` + (eventId ? `?event=${encodeURIComponent(eventId)}` : "");
  return el("a", { href, class: "article-link" }, label);
}

function actorLink(name, country) {
  if (!name) return country || "";
  const params = new URLSearchParams({ name });
  if (country) params.set("country", country);
  return el("a", { href: `/actor?${params}` }, name);
}

function side(country, name) {
  const wrap = el("span", { class: "side" });
  if (country) wrap.append(el("b", { text: country }), " ");
  if (name) wrap.append(actorLink(name, country));
  return wrap;
}

function markDone(name) {
  // tests and benchmarks wait for this: the view has drawn its data
  document.body.dataset.renderedAt = String(Math.round(performance.now()));
  document.body.dataset.rendered = name || "yes";
}

(function initFilterBar() {
  const form = document.getElementById("filters");
  if (!form) return;
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const field = form.elements[name];
    if (field && params.get(name)) field.value = params.get(name);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const keep = new URLSearchParams(location.search);
    for (const name of FILTERS) keep.delete(name);
    keep.delete("offset");
    for (const name of FILTERS) {
      // words of the text as typed (spaces count: " war " finds the word), as the API and the CLI read them
      const typed = form.elements[name].value;
      const value = name === "text" && typed.trim() ? typed : typed.trim();
      if (value) keep.set(name, value);
    }
    const query = keep.toString();
    location.search = query ? `?${query}` : "";
  });
  // the other views keep the filters when you move between them
  for (const link of document.querySelectorAll("nav a[data-nav]")) {
    link.href = withFilters(link.getAttribute("href"));
  }
})();
