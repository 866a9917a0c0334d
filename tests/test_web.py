"""The web app and REST API (`dotterel serve`), tested with an HTTP client over a small store.

The store is coded by the fake coder (dotterel.store.testing), so these tests need no spaCy;
the browser tests (test_web_browser.py) use the bundled examples and the real pipeline.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dotterel.store import open_store  # noqa: E402
from dotterel.store import query as Q  # noqa: E402
from dotterel.web.app import MAX_QUERY, create_app  # noqa: E402
from dotterel.web.render import circle_layout, highlights  # noqa: E402

DOCS = [
    {"id": "d-accuse", "date": "2024-03-05", "publisher": "Wire A",
     "title": "<script>alert('title')</script> Russia accuses Ukraine",
     "text": "Russia accused Ukraine of shelling the border on 2024-03-05. <script>alert('x')</script> "
             "Officials said nothing more."},
    {"id": "d-meet", "date": "2024-03-06", "publisher": "Wire B", "title": "India and Japan meet",
     "text": "India and Japan met in Tokyo on 2024-03-06. Both sides praised the talks."},
    {"id": "d-meet-2", "date": "2024-03-07", "publisher": "Wire C", "title": "Talks in Tokyo",
     "text": "India held talks with Japan on 2024-03-06 in Tokyo."},
    {"id": "d-sanction", "date": "2024-04-02", "publisher": "Wire A", "title": "France sanctions Russia",
     "text": "France sanctioned Russia on 2024-04-02."},
    {"id": "d-aid", "date": "2024-04-10", "publisher": "Wire B", "title": "Aid",
     "text": "Kenya sent aid to Norway in Oslo."},
    {"id": "d-future", "date": "2024-04-20", "publisher": "Wire C", "title": "A visit",
     "text": "India will meet Japan on 2024-05-01."},
]


def build_store(path: Path) -> Path:
    """A DuckDB store of DOCS coded by the fake coder."""
    from dotterel.store.testing import fake_pipeline

    src = path.parent / (path.stem + ".jsonl")
    src.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    with open_store(str(path)) as store:
        report = store.ingest([str(src)], pipeline=fake_pipeline(), workers=1)
        assert report.stored == len(DOCS), report
        # the fake coder names places without coordinates; give them theirs
        for name, lat, lon in (("Tokyo", 35.6895, 139.6917), ("Oslo", 59.9127, 10.7461)):
            store.backend.execute("UPDATE events SET lat = ?, lon = ? WHERE loc_name = ?", [lat, lon, name])
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="module")
def client(store_path):
    from dotterel.store.testing import fake_pipeline

    app = create_app(str(store_path), pipeline=fake_pipeline)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def backend(client):
    return client.app.state.db.backend


@pytest.fixture(scope="module")
def unfused(tmp_path_factory):
    """A client over a store whose one document is written but not yet fused (as an interrupted
    ingest leaves it), its record with two flags; and that record's id."""
    from dotterel.document import Document, Flag
    from dotterel.store.testing import fake_pipeline

    doc = fake_pipeline()(Document.from_text("Kenya accused Norway on 2024-06-01.", date="2024-06-02"))
    doc.events[0].flags = [Flag("inferred_country", "Kenya", "the dateline's country", detail={"code": "KEN"}).as_dict(),
                           Flag("dateline_location", "NAIROBI", "the article's dateline").as_dict()]
    path = tmp_path_factory.mktemp("unfused") / "unfused.duckdb"
    with open_store(str(path)) as store:
        assert store.write([doc]).stored == 1  # write does not fuse (ingest does, after it)
    with TestClient(create_app(str(path))) as c:
        (event_id,) = [r["id"] for r in c.get("/api/events", params={"fused": "false"}).json()["items"]]
        yield c, event_id


# ------------------------------------------------------------------ pages and their JSON twins

PAGES = ["/", "/timeline", "/map", "/network", "/evidence"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_and_links_its_json_twin(client, path):
    r = client.get(path, params={"actor": "IND"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    twin = ("/api/overview" if path == "/" else "/api" + path) + "?actor=IND"
    assert f'data-api="{twin}"' in r.text
    j = client.get(twin)
    assert j.status_code == 200 and j.headers["content-type"].startswith("application/json")
    assert j.json()["filters"] == {"actor": "IND"}


def test_overview_twin_counts_what_the_store_holds(client, backend):
    d = client.get("/api/overview").json()
    assert d["store"] == {**Q.store_counts(backend), "writable": False}
    assert d["matching"] == Q.count_events(backend)
    assert sum(r["events"] for r in d["by_type"]) == d["matching"]
    assert sum(r["events"] for r in d["series"]) == d["matching"]  # every fake event is dated
    assert {r["event"] for r in d["by_type"]} == {"ACCUSE", "CONSULT", "SANCTION", "AID", "AGREE"}
    assert d["latest"][0]["day"] >= d["latest"][-1]["day"]


def test_the_api_and_the_cli_share_one_query(client, backend, store_path):
    """`/api/events` and `dotterel events` answer from the same function with the same filters."""
    for filters in ({}, {"actor": "IND"}, {"dyad": "JPN-IND"}, {"type": "SANCTION,ACCUSE"}, {"since": "2024-04"},
                    {"text": "tokyo"}):
        api = client.get("/api/events", params={**filters, "fused": "false", "limit": 500}).json()
        cli = Q.events(backend, **filters)
        assert [r["id"] for r in api["items"]] == list(cli["id"]), filters
        assert api["total"] == len(cli)


def test_timeline_series_and_status_split(client, backend):
    d = client.get("/api/timeline", params={"dyad": "IND-JPN", "by": "month"}).json()
    assert d == {"filters": {"dyad": "IND-JPN"}, "by": "month",
                 "series": Q.timeline(backend, by="month", dyad="IND-JPN"),
                 "reverse": {"dyad": "JPN-IND", "series": Q.timeline(backend, by="month", dyad="JPN-IND")}}
    months = {r["period"]: r for r in d["series"]}
    # India and Japan met (two reports, one fused event) in March; a future meeting is dated May
    assert months["2024-03-01"]["events"] == 1 and months["2024-03-01"]["occurred"] == 1
    assert months["2024-05-01"]["future"] == 1 and months["2024-05-01"]["quad1"] == 1


def test_map_points_and_country_shading(client):
    d = client.get("/api/map").json()
    places = {p["name"]: p for p in d["points"]}
    assert set(places) == {"Tokyo", "Oslo"}
    countries = {c["country"]: c for c in d["countries"]}
    assert countries["JPN"]["located"] == 1 and countries["JPN"]["numeric"] == "392"
    # the accusation has no place: it shades its actor's country
    assert countries["RUS"]["by_actor"] >= 1
    ev = client.get("/api/events", params={"country": "RUS"}).json()
    assert ev["total"] == countries["RUS"]["events"]


def test_network_edges_and_layout(client):
    d = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in d["edges"]}
    assert edges[("FRA", "RUS")]["goldstein"] < 0
    assert edges[("IND", "JPN")]["events"] == 2 and edges[("JPN", "IND")]["events"] == 2
    for n in d["nodes"]:
        assert abs((n["x"] ** 2 + n["y"] ** 2) - 1) < 1e-3
    assert circle_layout([{"code": "A"}, {"code": "B"}]) == {"A": (0.0, 1.0), "B": (0.0, -1.0)}


def test_network_and_map_count_what_the_tables_and_filters_count(backend):
    """`network` expands grouped actor codes with the function that writes event_dyads, and
    `places` counts countries as the `country` filter selects them: both checked here."""
    rows = backend.query("SELECT d.source, d.target, count(*), avg(f.goldstein) FROM fused_events f "
                         "JOIN event_dyads d ON d.event_id = f.rep_event_id GROUP BY 1, 2")
    net = Q.network(backend, top=500)["edges"]
    assert {(e["source"], e["target"]): (e["events"], e["goldstein"]) for e in net} == {
        (s, t): (n, round(g, 2)) for s, t, n, g in rows}
    for c in Q.places(backend)["countries"]:
        assert Q.count_events(backend, country=c["country"]) == c["events"], c


def test_evidence_cards_highlight_trigger_and_actors(client):
    d = client.get("/api/evidence", params={"type": "SANCTION"}).json()
    assert d["total"] == 1
    card = d["items"][0]
    marks = {s["kind"]: s["text"] for s in card["segments"] if s["kind"]}
    assert marks == {"trigger": "sanctioned", "actor": "France", "recipient": "Russia"}
    assert "".join(s["text"] for s in card["segments"]) == card["event_text"]
    assert card["document"]["title"] == "France sanctions Russia" and "text" not in card["document"]
    html = client.get("/evidence", params={"type": "SANCTION"}).text
    assert '<mark class="trigger" title="trigger: trigger">sanctioned</mark>' in html
    assert re.search(r'<mark class="actor"[^>]*>France</mark>', html)


def test_evidence_lists_every_record_fused_into_each_event(backend):
    """A fused event with one mention is shown without a lookup: check that this shortcut lists
    exactly the records of fused_mentions, for every event."""
    want: dict[str, set[str]] = {}
    for event_id, fused_id in backend.query("SELECT event_id, fused_id FROM fused_mentions"):
        want.setdefault(fused_id, set()).add(event_id)
    items = Q.evidence(backend, limit=1000)
    assert len(items) == Q.count_events(backend) == len(want)
    for it in items:
        got = {m["id"] for m in it["mentions"]}
        assert got == want[it["fused"]["fused_id"]]
        assert all(m["title"] and m["event_text"] for m in it["mentions"])
        detail = Q.event_detail(backend, it["fused"]["fused_id"])
        assert {m["id"] for m in detail["mentions"]} == got


def test_fused_mentions_are_listed(client):
    d = client.get("/api/evidence", params={"dyad": "IND-JPN", "since": "2024-03", "until": "2024-03"}).json()
    assert d["total"] == 1
    card = d["items"][0]
    assert card["n_articles"] == 2
    assert {m["doc_id"] for m in card["mentions"]} == {"d-meet", "d-meet-2"}
    page = client.get(f"/events/{card['fused_id']}")
    assert page.status_code == 200
    assert "India held talks with Japan" in page.text and "India and Japan met in Tokyo" in page.text
    one = client.get(f"/api/events/{card['rep_event_id']}").json()
    assert one["fused"]["fused_id"] == card["fused_id"] and len(one["mentions"]) == 2


def test_filters_in_the_url(client):
    r = client.get("/evidence", params={"status": "future"})
    assert r.status_code == 200
    assert 'data-status="future"' in r.text and 'data-status="occurred"' not in r.text
    assert 'href="/evidence"' in r.text  # the chip that removes the filter
    low = client.get("/api/events", params={"min_confidence": 1}).json()
    everything = client.get("/api/events").json()
    assert low["total"] <= everything["total"]
    assert client.get("/api/events", params={"name": "nobody-has-this-name"}).json()["total"] == 0


def test_table_links_keep_the_pages_filters(client):
    """A table's link leads to the events its row counts, as a click on the chart does: the page's
    filters and the row's own (country, place, dyad), never the row's alone."""
    from html import unescape
    from urllib.parse import parse_qsl, urlsplit

    for path, table, filters in (("/map", "countries-table", {"type": "CONSULT"}),
                                 ("/map", "places-table", {"type": "CONSULT"}),
                                 ("/network", "edges-table", {"status": "occurred"}),
                                 ("/", "top-dyads", {"since": "2024-04"})):
        html = client.get(path, params=filters).text
        rows = re.search(rf'id="{table}".*?</table>', html, re.S).group(0)
        hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', rows)]
        assert hrefs, (path, table)
        for href in hrefs:
            url = urlsplit(href)
            query = dict(parse_qsl(url.query))
            assert query.items() >= filters.items() and len(query) == len(filters) + 1, (path, href)
            if url.path == "/evidence":
                assert client.get("/api/evidence", params=query).json()["total"] > 0, href
        assert f'data-filters="{next(iter(filters))}=' in html  # where the charts' clicks start


def test_the_filter_form_keeps_a_type_its_menu_does_not_list(client):
    """Apply sends the form: a type list or a type in lower case must be selected in it, or
    Apply would drop the filter."""
    for given, sent, label in (("AGREE,CONSULT", "AGREE,CONSULT", "AGREE,CONSULT"), ("agree", "AGREE", "AGREE"),
                               ("consult, agree", "consult, agree", "CONSULT, AGREE")):
        html = client.get("/evidence", params={"type": given}).text
        menu = re.search(r'<select name="type">.*?</select>', html, re.S).group(0)
        selected = re.findall(r'<option([^>]*)\bselected>([^<]*)</option>', menu)
        assert len(selected) == 1, (given, menu)
        attrs, text = selected[0]
        value = re.search(r'value="([^"]*)"', attrs)
        assert (value.group(1) if value else text, text) == (sent, label), given
    menu = re.search(r'<select name="type">.*?</select>', client.get("/evidence").text, re.S).group(0)
    assert "selected" not in menu


def test_a_type_of_the_users_own_is_listed_and_filtered(tmp_path):
    """A model from `dotterel train` may code types beyond PLOVER: the menu lists the ones the
    store holds and the type filter takes them (it had refused them: 400)."""
    from dotterel.store.testing import own_type_document

    path = tmp_path / "own.duckdb"
    with open_store(str(path)) as store:
        store.add([own_type_document()])
    with TestClient(create_app(str(path))) as c:
        r = c.get("/api/events", params={"type": "cyberattack"})
        assert r.status_code == 200, r.text
        assert [row["event"] for row in r.json()["items"]] == ["CYBERATTACK"]
        menu = re.search(r'<select name="type">.*?</select>', c.get("/evidence").text, re.S).group(0)
        assert re.search(r"<option[^>]*>CYBERATTACK</option>", menu), menu
        assert c.get("/api/events", params={"type": "CYBERATACK"}).status_code == 400


def test_the_event_page_says_what_each_flag_is(unfused):
    from html import unescape

    c, event_id = unfused
    text = unescape(re.sub(r"<[^>]+>", "", c.get(f"/events/{event_id}").text))
    assert "inferred_country: KEN (“Kenya”) — the dateline's country" in text
    assert "dateline_location: NAIROBI — the article's dateline" in text


def test_the_page_of_a_record_not_yet_fused_shows_its_actors(unfused):
    c, event_id = unfused
    html = c.get(f"/events/{event_id}").text
    assert '<span class="who">KEN → NOR</span>' in html
    assert 'title="verbal conflict"' in html  # its quad class, also from the record


def test_evidence_pages_past_the_end_in_either_order_and_of_an_empty_store(client, tmp_path):
    total = client.get("/api/evidence").json()["total"]
    html = client.get("/evidence", params={"offset": 100}).text
    assert "showing" not in html and "No events match" not in html
    assert f"This page is past the last of the {total} events" in html
    last = (total - 1) // 20 * 20
    assert f'<a href="/evidence?offset={last}" id="prev">← newer</a>' in html
    html = client.get("/evidence", params={"order": "oldest", "offset": 2, "limit": 2}).text
    assert 'id="prev">← earlier</a>' in html and "newer" not in html
    path = tmp_path / "empty.duckdb"
    with open_store(str(path)):
        pass
    with TestClient(create_app(str(path))) as c:
        html = c.get("/evidence", params={"offset": 20}).text
        assert 'id="prev"' not in html and 'id="next"' not in html and "No events in this store." in html


def test_the_overview_of_a_store_with_only_failures_says_so(tmp_path):
    from dotterel.store.testing import fake_pipeline

    src = tmp_path / "bad.jsonl"
    src.write_text(json.dumps({"id": "d-bad", "text": "FAIL-THIS-DOCUMENT"}) + "\n", encoding="utf-8")
    path = tmp_path / "failed.duckdb"
    with open_store(str(path)) as store:
        assert store.ingest([str(src)], pipeline=fake_pipeline(), workers=1).failed == 1
    with TestClient(create_app(str(path))) as c:
        assert c.get("/api/overview").json()["store"]["failures"] == 1
        html = c.get("/").text
        assert "No events yet" in html and "1 document could not be coded" in html and "dotterel status" in html


def test_pagination_walks_every_row_once(client):
    total = client.get("/api/events", params={"fused": "false"}).json()["total"]
    seen, url = [], "/api/events?fused=false&limit=2"
    while url:
        page = client.get(url).json()
        assert len(page["items"]) <= 2
        seen += [r["id"] for r in page["items"]]
        url = page["next"]
    assert len(seen) == total == len(set(seen)) > 2


def test_csv_and_parquet_downloads_of_a_filtered_view(client):
    import pandas as pd

    want = client.get("/api/events", params={"actor": "IND", "limit": 500}).json()
    csv = client.get("/api/events.csv", params={"actor": "IND"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    df = pd.read_csv(io.StringIO(csv.text))
    assert list(df["fused_id"]) == [r["fused_id"] for r in want["items"]]
    pq = client.get("/api/events.parquet", params={"actor": "IND", "fused": "false"})
    assert pq.status_code == 200
    df = pd.read_parquet(io.BytesIO(pq.content))
    assert len(df) == client.get("/api/events", params={"actor": "IND", "fused": "false"}).json()["total"]
    assert "event_text" in df.columns


def test_parquet_download_has_the_column_types_of_the_cli_export(client, backend, tmp_path):
    # the download took its types from the rows: a column empty in them (every `mode`; every
    # column of a view that matched nothing) was Arrow's null type and dates were timestamps,
    # while `dotterel export --format parquet` writes the store's types
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dotterel.store import Store

    assert Store(backend).export(tmp_path / "cli.parquet", "parquet") > 0
    cli = pq.read_schema(tmp_path / "cli.parquet").remove_metadata()
    for since in (None, "2030"):  # every row, and none
        params = {"fused": "false", **({"since": since} if since else {})}
        got = pq.read_schema(io.BytesIO(client.get("/api/events.parquet", params=params).content))
        assert got.remove_metadata() == cli, since
        fused = pq.read_schema(io.BytesIO(client.get("/api/events.parquet", params=params | {"fused": "true"}).content))
        types = {f.name: f.type for f in fused}
        assert types["day"] == types["first_report"] == types["last_report"] == pa.date32(), since
        assert types["mode"] == types["fused_id"] == types["event_text"] == pa.string(), since
        assert types["n_mentions"] == types["quad_code"] == pa.int64() and types["goldstein"] == pa.float64(), since


# ------------------------------------------------------------------ safety

def test_article_text_and_titles_are_escaped(client):
    for path in ("/evidence", "/", "/evidence?type=ACCUSE"):
        html = client.get(path).text
        assert "<script>alert" not in html, path
    html = client.get("/evidence", params={"type": "ACCUSE"}).text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html


def test_pages_load_nothing_from_elsewhere(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    for path in PAGES + ["/api", "/events/" + client.get("/api/events").json()["items"][0]["fused_id"]]:
        html = client.get(path).text
        for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert not attr.startswith(("http:", "https:", "//")), (path, attr)
        for src in re.findall(r'src="([^"]*)"', html):
            assert client.get(src).status_code == 200, src
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js


@pytest.mark.parametrize("url, status, words", [
    ("/api/events?limit=0", 422, "limit"),
    ("/api/events?limit=501", 422, "limit"),
    ("/api/events?offset=-1", 422, "offset"),
    ("/api/events?quad=9", 422, "quad"),
    ("/api/events?status=maybe", 422, "status"),
    ("/api/events?since=2024-13", 400, "since '2024-13' is not a date"),
    ("/api/events?since=2024%2F03", 400, "since '2024/03' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    ("/api/dyads?until=20240101", 400, "until '20240101' is not a date"),
    ("/api/events?until=yesterday", 400, "until"),
    ("/api/events?type=FOO", 400, "FOO is neither a PLOVER event type nor one the store holds"),
    ("/api/events?dyad=IND", 422, "dyad"),
    ("/api/events?min_confidence=2", 422, "min_confidence"),
    ("/api/timeline?by=hour", 422, "by"),
    ("/api/events/ev-does-not-exist", 404, "no event"),
    ("/api/nothing-here", 404, "nothing at /api/nothing-here"),
])
def test_bad_parameters_get_a_clear_4xx(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status, r.text
    body = r.json()
    assert words in body["error"] and "\n" not in body["error"]


def test_bad_parameters_on_a_page_get_an_html_error(client):
    r = client.get("/timeline", params={"since": "2024-99"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "since &#39;2024-99&#39; is not a date" in r.text


def test_request_size_limits(client):
    r = client.post("/api/extract", content=b"x" * 1_000_001, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "over" in r.json()["error"]
    r = client.get("/api/events?text=" + "a" * (MAX_QUERY + 1))
    assert r.status_code == 414
    r = client.post("/api/extract", json={"text": "x" * 100_001})
    assert r.status_code == 422 and "text" in r.json()["error"]


def test_a_chunked_body_over_the_limit_gets_413(client):
    """A body without Content-Length (sent in chunks) is held to the same limit."""
    def chunks(n, size=100_000):
        yield from (b" " * size for _ in range(n))

    r = client.post("/api/extract", content=chunks(11), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert r.status_code == 413 and "over 1000000 bytes" in r.json()["error"]
    body = json.dumps({"text": "Kenya accused Norway of spying.", "date": "2024-06-01"}).encode()
    r = client.post("/api/extract", content=iter([body[:10], body[10:]]), headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["events"][0]["event"] == "ACCUSE"


def test_read_only_by_default(client, store_path):
    r = client.post("/api/extract", json={"text": "France sanctioned Russia.", "store": True})
    assert r.status_code == 403 and "DOTTEREL_WEB_TOKEN" in r.json()["error"]
    con = client.app.state.db.raw.con
    with pytest.raises(Exception, match="(?i)read.only"):
        con.execute("DELETE FROM events")


def test_extract_codes_a_text_without_storing(client):
    before = client.get("/api/events").json()["total"]
    r = client.post("/api/extract", json={"text": "Kenya accused Norway of spying.", "date": "2024-06-01"})
    assert r.status_code == 200, r.text
    recs = r.json()["events"]
    assert [(e["event"], [a["code"] for a in e["actor"]], [a["code"] for a in e["recipient"]]) for e in recs] == [
        ("ACCUSE", ["KEN"], ["NOR"])]
    assert r.json()["stored"] == 0 and client.get("/api/events").json()["total"] == before
    bad = client.post("/api/extract", json={"text": "x", "date": "2024-02-31"})
    assert bad.status_code == 400 and "day" in bad.json()["error"]


def test_extract_says_what_is_wrong_with_the_body(client):
    r = client.post("/api/extract", content=b'{"text": "x",', headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json()["error"] == ("the request body is not valid JSON: Expecting property name enclosed in double "
                                 "quotes at character 13")
    r = client.post("/api/extract", content=b"[1]", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"].startswith("bad parameter: body: ")
    r = client.post("/api/extract", json={"text": "x", "date": "2024-13-01"})
    assert r.status_code == 400 and r.json()["error"].startswith("date: ") and "month must be in 1..12" in r.json()["error"]


def test_writing_needs_the_token(tmp_path):
    from dotterel.store.testing import fake_pipeline

    path = build_store(tmp_path / "rw.duckdb")
    app = create_app(str(path), token="s3cret", pipeline=fake_pipeline)
    with TestClient(app) as c:
        body = {"text": "Canada sanctioned Russia on 2024-06-02.", "date": "2024-06-03", "store": True}
        assert c.post("/api/extract", json=body).status_code == 401
        assert c.post("/api/extract", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        before = c.get("/api/events", params={"actor": "CAN"}).json()["total"]
        r = c.post("/api/extract", json=body, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200 and r.json()["stored"] == 1
        assert c.get("/api/events", params={"actor": "CAN"}).json()["total"] == before + 1
        assert c.get("/api/health").json()["writable"] is True


def test_openapi_and_its_html_documentation(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/overview", "/api/timeline", "/api/map", "/api/network", "/api/evidence", "/api/events",
                 "/api/events.csv", "/api/events.parquet", "/api/events/{event_id}", "/api/extract", "/api/dyads"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "type", "status", "actor", "country", "min_confidence", "text", "limit", "offset"} <= names
    html = client.get("/api").text
    assert "/api/events.parquet" in html and "min_confidence" in html
    assert client.get("/docs").status_code == 404  # FastAPI's own docs page loads from a CDN: off


def test_dyads_endpoint_is_the_cli_query(client, backend):
    d = client.get("/api/dyads", params={"by": "year"}).json()
    df = Q.dyads(backend, by="year")
    assert d["undated"] == df.attrs["undated"] == 0  # every event of this store has a day
    assert [(r["source"], r["target"], r["events"]) for r in d["items"]] == list(
        zip(df["source"], df["target"], df["events"]))


def test_dyads_take_every_filter_and_the_api_page_shows_this_server(client, backend):
    everything = client.get("/api/dyads", params={"by": "year"}).json()["items"]
    for filters in ({"country": "JPN"}, {"place": "Oslo"}, {"sector": "GOV", "min_confidence": 0.5}, {"name": "kenya"}):
        d = client.get("/api/dyads", params={"by": "year", **filters}).json()
        assert d["filters"] == filters
        df = Q.dyads(backend, by="year", **filters)
        assert [(r["source"], r["target"], r["events"]) for r in d["items"]] == list(
            zip(df["source"], df["target"], df["events"])), filters
        assert d["items"], filters
    assert len(client.get("/api/dyads", params={"place": "Oslo"}).json()["items"]) < len(everything)
    html = client.get("/api").text
    assert "127.0.0.1:8000" not in html and "curl 'http://testserver/api/events?" in html



    rec = {"event_text": "Kenya accused Uganda.", "trigger": [{"text": "accused", "start": 506, "end": 513}],
           "actor": [{"text": "Kenya", "code": "KEN", "start": 500, "end": 505}], "recipient": []}
    segs = highlights(rec, None)["segments"]
    assert [(s["text"], s["kind"]) for s in segs] == [("Kenya", "actor"), (" ", None), ("accused", "trigger"),
                                                      (" Uganda.", None)]
    doc = "x" * 500 + "Kenya accused Uganda. Kenya accused Uganda."
    rec["actor"][0].update(start=522, end=527)  # the second sentence
    rec["trigger"][0].update(start=528, end=535)
    assert [s["kind"] for s in highlights(rec, doc)["segments"]] == ["actor", None, "trigger", None]


def test_where_all_rejects_bad_filters(backend):
    from dotterel.errors import StoreError

    with pytest.raises(StoreError, match="min_confidence"):
        Q.count_events(backend, min_confidence="high")
    with pytest.raises(StoreError, match="unknown filter"):
        Q.count_events(backend, colour="red")
    assert Q.count_events(backend, place="Tokyo") == 1


@pytest.mark.postgres
def test_the_same_pages_over_postgresql(tmp_path, store_path):
    """The app over a PostgreSQL store answers like the one over DuckDB (same documents)."""
    from dotterel.store.testing import fake_pipeline, postgres_schema_url

    try:
        url, drop = postgres_schema_url()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    try:
        src = tmp_path / "docs.jsonl"
        src.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
        with open_store(url) as store:
            assert store.ingest([str(src)], pipeline=fake_pipeline(), workers=1).stored == len(DOCS)
        duck = TestClient(create_app(str(store_path)))
        with TestClient(create_app(url)) as pg:
            for path in ("/api/timeline?by=week", "/api/network", "/api/evidence?type=CONSULT",
                         "/api/events?actor=IND&fused=false", "/api/overview?since=2024-03"):
                a, b = pg.get(path), duck.get(path)
                assert a.status_code == b.status_code == 200, (path, a.text)
                if "network" in path or "timeline" in path:
                    assert a.json() == b.json(), path
                else:
                    assert a.json().get("total") == b.json().get("total"), path
            for path in PAGES:
                assert pg.get(path).status_code == 200, path
            r = pg.post("/api/extract", json={"text": "France sanctioned Russia.", "store": True})
            assert r.status_code == 403
    finally:
        drop()


# ------------------------------------------------------------------ the command

def test_serve_listens_on_this_machine_only_by_default():
    from dotterel.cli.main import build_parser

    args = build_parser().parse_args(["serve", "--db", "x.duckdb"])
    assert (args.host, args.port, args.db) == ("127.0.0.1", 8000, "x.duckdb")


def test_serve_calls_an_empty_database_empty(tmp_path):
    import duckdb

    from dotterel.errors import StoreError

    db = str(tmp_path / "new.duckdb")
    duckdb.connect(db).close()
    with pytest.raises(StoreError) as exc:
        with TestClient(create_app(db)):
            pass
    assert exc.value.code == "E405" and f"no store in {db}: it is an empty database" in exc.value.message
    assert f"`dotterel ingest PATH... --db {db}` creates the store in it" in exc.value.message


def test_serve_refuses_a_missing_store(tmp_path):
    from dotterel.cli.main import main

    r = subprocess.run([sys.executable, "-m", "dotterel.cli.main", "serve", "--db", str(tmp_path / "none.duckdb")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert "no store at" in r.stderr and "dotterel ingest" in r.stderr and "Traceback" not in r.stderr
    assert main(["serve", "--db", str(tmp_path / "x.duckdb"), "--port", "0"]) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.web
def test_dotterel_serve_answers_on_localhost(store_path, tmp_path):
    import httpx

    db = tmp_path / "copy.duckdb"
    shutil.copy(store_path, db)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DOTTEREL_WEB_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "dotterel.cli.main", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.time() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.HTTPError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("dotterel serve did not start: " + (proc.stderr.read() if proc.poll() is not None else ""))
                time.sleep(0.3)
        assert r.json()["writable"] is False
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
        assert "server" not in {k.lower() for k in r.headers}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class ServerThread:
    """uvicorn serving `app` in a thread on a free port (for the browser tests)."""

    def __init__(self, app):
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


def test_places_of_one_name_in_two_countries_come_in_a_fixed_order():
    """Two towns of one name and one count (Hyderabad in India and in Pakistan) keep one order
    whatever order the database groups them in, and so does the cut at 2,000 points."""

    class Rows:
        def __init__(self, grouped):
            self.grouped = grouped

        def query(self, sql, params=None):
            if "avg(lat)" in sql:
                return [("Hyderabad", "IND", 17.4, 78.5), ("Hyderabad", "PAK", 25.4, 68.4)]
            if "f.loc_name, f.loc_country" in sql:
                return self.grouped
            return []

    one = [("Hyderabad", "PAK", 3), ("Hyderabad", "IND", 3)]
    for rows in (one, one[::-1]):
        points = Q.places(Rows(rows))["points"]
        assert [p["country"] for p in points] == ["IND", "PAK"]


def test_a_document_url_that_is_no_web_address_is_not_a_link(tmp_path):
    """A stored 'javascript:' url was written into the evidence cards as a link; only http and
    https addresses are links now (the document's title stays, as text)."""
    from dotterel.store.testing import fake_pipeline

    src = tmp_path / "u.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in (
        {"id": "js", "date": "2024-03-05", "title": "Sly", "url": "javascript:alert(document.domain)",
         "text": "France sanctioned Russia on 2024-03-05."},
        {"id": "web", "date": "2024-03-06", "title": "Plain", "url": "https://example.org/a",
         "text": "Kenya sanctioned Norway on 2024-03-06."})), encoding="utf-8")
    db = str(tmp_path / "u.duckdb")
    with open_store(db) as store:
        store.ingest([str(src)], pipeline=fake_pipeline(), workers=1)
    with TestClient(create_app(db, pipeline=fake_pipeline)) as c:
        page = c.get("/evidence").text
    assert 'href="https://example.org/a"' in page and "javascript:" not in page and "Sly" in page
