"""The dashboard in a real browser: headless Chromium (Debian's `chromium` + `chromium-driver`,
`bash scripts/setup --dev --browser`) over a store of the bundled examples coded by the real
pipeline. Clicks go from a chart mark to the evidence behind it, and the evidence on the page is
checked against the API. Screenshots of every page go to build/screenshots/ (or
$DOTTEREL_SCREENSHOTS). Skips when Chromium, its driver or Selenium is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.web, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    pytest.skip("Chromium and chromedriver are not installed (bash scripts/setup --browser)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from test_web import ServerThread  # noqa: E402

SHOTS = Path(os.environ.get("DOTTEREL_SCREENSHOTS") or ROOT / "build" / "screenshots")
PAGES = {"overview": "/", "timeline": "/timeline", "timeline-dyad": "/timeline?dyad=ARM-AZE",
         "map": "/map", "network": "/network", "evidence": "/evidence", "api": "/api"}


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    from dotterel.store import open_store
    from dotterel.web import create_app

    db = tmp_path_factory.mktemp("browser") / "example.duckdb"
    with open_store(str(db)) as store:
        report = store.ingest([str(ROOT / "src" / "dotterel" / "examples" / "examples.jsonl")], pipeline=pipeline, workers=1)
        assert report.stored == 6 and report.events > 20, report
    app = create_app(str(db))
    with ServerThread(app) as s:
        s.app_backend = app.state.db.backend
        yield s


@pytest.fixture(scope="module")
def browser():
    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--window-size=1400,1000", "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions"):
        opts.add_argument(arg)
    opts.binary_location = CHROMIUM
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    except Exception as exc:  # noqa: BLE001 - a browser that cannot start is a missing resource
        pytest.skip(f"Chromium would not start: {str(exc).splitlines()[0]}")
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def load(browser, url: str) -> None:
    """Open `url` and wait until every chart on it is drawn (or says why not)."""
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && "
        "Array.from(document.querySelectorAll('.chart')).every(e => e.dataset.ready)"))


def shot(browser, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, max(800, min(int(height), 4000)))
    path = SHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    browser.set_window_size(1400, 1000)
    return path


def errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def api(server, path: str, **params):
    import httpx

    r = httpx.get(server.url + path, params=params, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_draws_without_errors(server, browser, name):
    errors(browser)  # clear the log
    load(browser, server.url + PAGES[name])
    charts = browser.find_elements(By.CSS_SELECTOR, ".chart")
    for chart in charts:
        assert chart.get_attribute("data-ready") == "1", chart.get_attribute("id") + ": " + chart.text
        assert chart.find_elements(By.CSS_SELECTOR, "svg"), chart.get_attribute("id")
    assert errors(browser) == []
    assert shot(browser, name).stat().st_size > 10_000


def click_through(browser, selector: str) -> dict[str, str]:
    """Click the first mark matching `selector` that is really on top at its centre; return the
    query of the page it leads to."""
    marks = browser.find_elements(By.CSS_SELECTOR, selector)
    assert marks, f"no {selector} on {browser.current_url}"
    before = browser.current_url
    for mark in marks:
        on_top = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); arguments[0].scrollIntoView({block: 'center'});"
            "const q = arguments[0].getBoundingClientRect();"
            "const e = document.elementFromPoint(q.x + q.width / 2, q.y + q.height / 2);"
            "return r.width > 2 && r.height > 2 && e === arguments[0];", mark)
        if on_top:
            mark.click()
            break
    else:
        pytest.fail(f"no {selector} could be clicked on {before}")
    WebDriverWait(browser, 20).until(lambda d: d.current_url != before)
    load(browser, browser.current_url)
    url = urlparse(browser.current_url)
    assert url.path == "/evidence", browser.current_url
    return {k: v[0] for k, v in parse_qs(url.query).items()}


def shown(browser) -> list[dict[str, str]]:
    return [{"id": a.get_attribute("id"), "day": a.get_attribute("data-day"), "event": a.get_attribute("data-event"),
             "status": a.get_attribute("data-status"),
             "type_class": a.find_element(By.CSS_SELECTOR, "header .type").get_attribute("class"),
             "text": a.text}
            for a in browser.find_elements(By.CSS_SELECTOR, "article.event")]


def test_a_timeline_bar_opens_the_events_behind_it(server, browser):
    load(browser, server.url + "/timeline?by=month")
    query = click_through(browser, "#chart-quads g.mark-rect path")
    assert {"since", "until", "quad"} <= set(query)
    cards = shown(browser)
    want = api(server, "/api/evidence", **query)
    assert want["total"] > 0
    assert [c["id"] for c in cards] == [e["fused_id"] for e in want["items"]]
    total = int(browser.find_element(By.ID, "total").text.replace(",", ""))
    assert total == want["total"]
    for c in cards:
        assert query["since"] <= c["day"] <= query["until"], c
        assert f"q{query['quad']}" in c["type_class"].split(), c
    # the bar's height is that number of events
    series = api(server, "/api/timeline", by="month")["series"]
    month = next(r for r in series if r["period"] == query["since"][:7] + "-01")
    assert month[f"quad{query['quad']}"] == total
    shot(browser, "evidence-from-timeline")


def test_a_network_edge_opens_its_dyad(server, browser):
    load(browser, server.url + "/network")
    query = click_through(browser, "#chart-network g.mark-rule line")
    source, target = query["dyad"].split("-")
    edges = {(e["source"], e["target"]): e["events"] for e in api(server, "/api/network")["edges"]}
    total = int(browser.find_element(By.ID, "total").text.replace(",", ""))
    assert total == edges[(source, target)] > 0
    for c in shown(browser):
        assert source in c["text"] and target in c["text"]


def test_a_map_country_and_a_map_point_open_their_events(server, browser):
    load(browser, server.url + "/map")
    countries = {c["country"]: c["events"] for c in api(server, "/api/map")["countries"]}
    # shaded countries: paths whose fill is neither the empty grey nor the sea (the sphere)
    browser.execute_script(
        "document.querySelectorAll('#chart-map g.mark-shape path').forEach(p => {"
        " const f = p.getAttribute('fill');"
        " if (f && f !== '#e3e6ea' && f !== '#eef4fb') p.classList.add('shaded'); });")
    query = click_through(browser, "#chart-map path.shaded")
    total = int(browser.find_element(By.ID, "total").text.replace(",", ""))
    assert total == countries[query["country"]] > 0
    load(browser, server.url + "/map")
    query = click_through(browser, "#chart-map g.mark-symbol path")
    points = {p["name"]: p["events"] for p in api(server, "/api/map")["points"]}
    assert int(browser.find_element(By.ID, "total").text.replace(",", "")) == points[query["place"]]
    for c in shown(browser):
        assert "where: " + query["place"] in c["text"]


def test_evidence_shows_the_sentence_with_its_trigger_and_actors(server, browser):
    load(browser, server.url + "/evidence?type=AGREE&order=oldest")
    want = api(server, "/api/evidence", type="AGREE", order="oldest")["items"]
    cards = browser.find_elements(By.CSS_SELECTOR, "article.event")
    assert len(cards) == len(want) > 0
    for card, w in zip(cards, want):
        quote = card.find_element(By.CSS_SELECTOR, "blockquote.sentence")
        assert quote.text.strip() == w["event_text"].strip()
        marks = [(m.get_attribute("class"), m.text) for m in quote.find_elements(By.TAG_NAME, "mark")]
        assert marks == [(s["kind"], s["text"].strip()) for s in w["segments"] if s["kind"]]
        assert any(kind == "trigger" for kind, _ in marks)
        assert w["document"]["title"] in card.text
        assert f"conf. {w['confidence']:.2f}" in card.text
    shot(browser, "evidence-agree")


def test_network_and_map_agree_with_the_tables_on_real_data(server):
    from test_web import test_network_and_map_count_what_the_tables_and_filters_count as check

    check(server.app_backend)
