"use strict";
(function codeView() {
  const form = document.getElementById("code-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    setStatus("coding…");
    const body = { text: form.elements.text.value };
    if (form.elements.date.value) body.date = form.elements.date.value;
    try {
      const response = await fetch("/api/code", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || response.statusText);
      showArticle(data, null);
      setStatus(`${data.events.length} event${data.events.length === 1 ? "" : "s"} (not stored)`);
      markDone("code");
    } catch (e) {
      setStatus(e.message, true);
    }
  });
})();
