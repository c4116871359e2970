"use strict";
(async function docsView() {
  const spec = await (await fetch("/api/openapi.json")).json();
  const root = document.getElementById("endpoints");
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const section = el("section", { class: "panel endpoint" },
        el("h2", {}, el("code", { text: `${method.toUpperCase()} ${path}` }), ` — ${op.summary || ""}`),
        el("p", { text: op.description || "" }));
      const params = op.parameters || [];
      if (params.length) {
        const body = el("tbody");
        for (const p of params) {
          const schema = p.schema || {};
          const type = schema.enum ? schema.enum.join(" | ") : (schema.type || (schema.anyOf || []).map((s) => s.type).filter((t) => t !== "null").join(" | "));
          body.append(el("tr", {}, el("td", {}, el("code", { text: p.name })), el("td", { text: p.in }), el("td", { text: type }),
            el("td", { text: schema.default !== undefined ? String(schema.default) : "" }), el("td", { text: p.description || "" })));
        }
        section.append(el("table", { class: "data" }, el("thead", {}, el("tr", {}, ...["name", "in", "type", "default", "meaning"].map((h) => el("th", { text: h })))), body));
      }
      if (op.requestBody) section.append(el("p", { text: "Body: JSON {text, date (YYYY-MM-DD), title}" }));
      root.append(section);
    }
  }
  markDone("docs");
})().catch((e) => setStatus(e.message, true));
