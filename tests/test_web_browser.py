"""Every view in headless Chromium against a real `tacitus serve` process: what is drawn,
filters, following an event to its article, escaping, coding a pasted text.

Screenshots of every view go to $TACITUS_SCREENSHOTS when set (to look at them).
"""
from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def page(browser, served_web_store):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.base = served_web_store
    yield page
    context.close()


def api(base, path, **params):
    url = f"{base}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def open_view(page, path, name):
    page.goto(page.base + path)
    page.wait_for_selector("body[data-rendered]", timeout=20_000)
    folder = os.environ.get("TACITUS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    assert page.errors == [], page.errors
    assert page.locator("#status.error").count() == 0


def test_web_browser_overview_draws_counts_chart_and_tables(page):
    stats = api(page.base, "/api/stats", top=15)
    open_view(page, "/", "overview")
    assert page.locator("[data-count=articles] b").inner_text() == str(stats["counts"]["articles"])
    assert page.locator("[data-count=clusters] b").inner_text() == f"{stats['counts']['clusters']:,}"
    drawn = page.evaluate("Chart.getChart('weekly').data.datasets.map(d => d.data.reduce((a, b) => a + b, 0))")
    assert sum(drawn) == sum(w["events"] for w in stats["weekly"]) > 0
    assert page.locator("#dyads tbody tr").count() == len(stats["dyads"])
    assert page.locator("#actors tbody tr").count() == len(stats["actors"])
    # clusters the text gives no day for are not drawn at the publication week: counted below
    assert stats["undated"] > 0
    assert page.locator("#undated").inner_text().startswith(f"{stats['undated']} event cluster")


def test_web_browser_events_mark_the_publication_day_of_undated_events(page):
    rows = api(page.base, "/api/events", limit=500)["rows"]
    undated = [r for r in rows if r["undated"]]
    assert undated
    open_view(page, "/events?limit=500", "events_undated")
    cell = page.locator(f"tr[data-event='{undated[0]['id']}'] td.undated")
    assert cell.inner_text() == f"{undated[0]['date']} no day"
    assert "publication day" in cell.get_attribute("title")
    assert page.locator("td.undated").count() == len(undated)


def test_web_browser_events_table_sorts_pages_and_filters(page):
    total = api(page.base, "/api/events")["total"]
    open_view(page, "/events", "events")
    assert page.locator("#total").inner_text() == f"{total} event clusters"
    assert page.locator("#events tbody tr").count() == min(50, total)
    # sort by score, ascending: the column is ordered
    page.click("th[data-sort=score]")
    page.wait_for_selector("body[data-rendered]")
    page.click("th[data-sort=score]")
    page.wait_for_url("**order=asc**")
    page.wait_for_selector("body[data-rendered]")
    scores = [float(s) for s in page.locator("#events tbody tr td:nth-child(4)").all_inner_texts()]
    assert scores == sorted(scores)
    # the filter bar: actor RUS, kept in the URL
    page.fill("#filters input[name=actor]", "RUS")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**actor=RUS**")
    page.wait_for_selector("body[data-rendered]")
    expected = api(page.base, "/api/events", actor="RUS", limit=500)
    assert page.locator("#total").inner_text() == f"{expected['total']} event clusters"
    shown = page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.event)")
    assert set(shown) == {r["id"] for r in expected["rows"]}
    assert page.input_value("#filters input[name=actor]") == "RUS"
    href = page.get_attribute("#dl-csv", "href")
    assert "actor=RUS" in href and "format=csv" in href
    # moving to another view keeps the filter
    assert "actor=RUS" in page.get_attribute("nav a[data-nav=map]", "href")


def test_web_browser_event_opens_its_article_with_spans(page):
    open_view(page, "/events?actor=CHN&type=CONSULT", "events_filtered")
    row = page.locator("#events tbody tr").first
    event_id = row.get_attribute("data-event")
    doc_id = row.locator("td.sentence a").get_attribute("href").split("/article/")[1].split("?")[0]
    record = next(e for e in api(page.base, f"/api/articles/{doc_id}")["events"] if e["id"] == event_id)
    row.locator("td.sentence a").click()
    page.wait_for_url("**/article/**")
    page.wait_for_selector("body[data-rendered]")
    assert page.errors == []
    selected = page.locator("#event-list li.selected")
    assert selected.count() == 1 and selected.get_attribute("data-event") == event_id
    kinds = set(page.locator("#text mark").evaluate_all("ms => ms.map(m => m.dataset.kind)"))
    assert {"actor", "trigger"} <= kinds
    trigger = page.locator("#text mark.m-trigger").first.inner_text()
    assert trigger.lower() == record["eventText"].lower()
    # clicking another event highlights that event's spans
    page.locator("#event-list li").last.click()
    assert page.locator("#event-list li.selected").get_attribute("data-index") == str(page.locator("#event-list li").count() - 1)


def test_web_browser_article_shows_duplicates_and_clusters(page):
    open_view(page, "/article/demo", "article")
    assert page.locator("#title").inner_text().startswith("Foreign ministers")
    assert "(wire copy) (similarity 0.9" in page.locator("#duplicates").inner_text()
    assert page.get_attribute("#duplicates a", "href") == "/article/demo-copy"
    assert page.locator("#clusters li").count() == len(api(page.base, "/api/articles/demo")["clusters"])
    kinds = set(page.locator("#text mark").evaluate_all("ms => ms.map(m => m.dataset.kind)"))
    assert {"actor", "recipient", "trigger", "place", "date"} <= kinds


def test_web_browser_stored_script_runs_nothing(page):
    open_view(page, "/article/script-test", "article_script")
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    assert "<script>window.__pwned = 1</script>" in page.locator("#title").inner_text()
    text = page.locator("#text").inner_text()
    assert "<script>window.__pwned = 1; document.title = 'pwned'</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert page.locator("#text script, #text img, #title script").count() == 0
    # and in the events table, where the title is not shown but the sentence is
    open_view(page, "/events?text=pwned", "events_script")
    assert page.evaluate("window.__pwned") is None


def test_web_browser_map_draws_countries_and_places(page):
    places = api(page.base, "/api/places")["places"]
    open_view(page, "/map", "map")
    assert page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() > 150  # country outlines
    markers = page.locator(".marker-cluster, .leaflet-marker-pane *, .leaflet-overlay-pane path.leaflet-interactive")
    assert markers.count() > 0
    assert f"{len(places)} places" in page.locator("#mapnote").inner_text()
    # zoom in until Jakarta is a point of its own, open it: its events open their article
    page.evaluate("""() => new Promise(resolve => {
        const { clusters, markers } = window.tacitusMap;
        const jakarta = markers.find(m => m.name === 'Jakarta').marker;
        clusters.zoomToShowLayer(jakarta, () => { jakarta.openPopup(); resolve(); });
    })""")
    popup = page.locator(".leaflet-popup-content")
    assert "Jakarta" in popup.inner_text()
    link = popup.locator("a.article-link").first
    assert "/article/" in link.get_attribute("href")
    link.click()
    page.wait_for_url("**/article/**")
    page.wait_for_selector("body[data-rendered]")
    assert page.locator("#event-list li.selected").count() == 1


def test_web_browser_network_draws_nodes_and_edges(page):
    net = api(page.base, "/api/dyads", limit=150)
    open_view(page, "/network", "network")
    assert page.evaluate("window.tacitusNetwork.nodes().length") == len(net["nodes"])
    assert page.evaluate("window.tacitusNetwork.edges().length") == len(net["edges"])
    assert page.locator("#network canvas").count() > 0
    open_view(page, "/network?level=actor", "network_actors")
    assert page.evaluate("window.tacitusNetwork.edges().length") > 0


def test_web_browser_actor_page(page):
    top = api(page.base, "/api/actors", limit=1)["actors"][0]
    detail = api(page.base, "/api/actors", name=top["name"], country=top["country"])
    open_view(page, "/?" + urllib.parse.urlencode({}), "overview_for_actor")
    page.locator("#actors tbody a").first.click()
    page.wait_for_url("**/actor?**")
    page.wait_for_selector("body[data-rendered]")
    if os.environ.get("TACITUS_SCREENSHOTS"):
        page.screenshot(path=str(Path(os.environ["TACITUS_SCREENSHOTS"]) / "actor.png"), full_page=True)
    assert page.locator("#name").inner_text() == top["name"]
    assert page.locator("#aliases tbody tr").count() == len(detail["aliases"])
    assert page.locator("#counterparts tbody tr").count() == len(detail["counterparts"])
    assert page.evaluate("Chart.getChart('timeline').data.datasets[0].data.length") == len(detail["timeline"])


def test_web_browser_code_this_text(page):
    before = api(page.base, "/api/stats")["counts"]
    page.goto(page.base + "/code")
    page.fill("textarea[name=text]", "Houthi rebels attacked the town of Marib on Saturday. <b>bold</b>")
    page.fill("input[name=date]", "2023-06-25")
    page.click("#code-form button[type=submit]")
    page.wait_for_selector("body[data-rendered=code]", timeout=120_000)
    folder = os.environ.get("TACITUS_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / "code.png"), full_page=True)
    assert page.errors == []
    assert page.locator("#event-list li").count() == 1
    assert "ASSAULT" in page.locator("#event-list li").inner_text()
    assert page.locator("#text mark.m-trigger").inner_text() == "attacked"
    assert page.locator("#text b").count() == 0
    assert api(page.base, "/api/stats")["counts"] == before


def test_web_browser_api_docs(page):
    open_view(page, "/api/docs", "api_docs")
    titles = page.locator(".endpoint h2").all_inner_texts()
    assert any("GET /api/events" in t for t in titles) and any("POST /api/code" in t for t in titles)


def test_web_browser_bad_filter_shows_the_error(page):
    page.goto(page.base + "/events?since=someday")
    page.wait_for_selector("#status.error")
    assert "YYYY-MM-DD" in page.locator("#status").inner_text()
