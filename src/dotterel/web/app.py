"""The dashboard and REST API (`dotterel serve`): FastAPI over the store's query functions.

Every HTML page has a JSON twin under /api with the same query string (`/timeline?actor=IND`
and `/api/timeline?actor=IND`); the pages draw their charts from their twin, so the two cannot
disagree. The data come from `dotterel.store.query`, the functions the CLI uses.

Safe by default: read-only (the DuckDB file is opened read-only) unless a token is given, and
then only requests with `Authorization: Bearer TOKEN` may write; every value is escaped by the
templates (autoescape) or set as text by the scripts; request bodies and query strings are
size-limited; bad parameters get a 4xx with a one-line `error`; a Content-Security-Policy lets
the browser load nothing but this server's own files.
"""

from __future__ import annotations

import hmac
import io
import logging
import threading
from collections.abc import Callable
from importlib import resources
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import DotterelError
from ..store import query as Q
from ..store.export import parquet_table
from .db import Database
from .render import QUADS, circle_layout, country_names, highlights, numeric_codes

log = logging.getLogger("dotterel.web")

MAX_BODY = 1_000_000  # bytes of a request body
MAX_QUERY = 4_096  # bytes of a query string
MAX_TEXT = 100_000  # characters of a text to code (POST /api/extract)
MAX_PAGE = 500  # rows per page of /api/events
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PAGES = {"overview": "/", "timeline": "/timeline", "map": "/map", "network": "/network", "evidence": "/evidence"}
PAGE_TITLES = {"overview": "Overview", "timeline": "Timeline", "map": "Map", "network": "Network",
               "evidence": "Evidence"}

Status = Literal["occurred", "ongoing", "future", "hypothetical", "negated", "historical"]
Period = Literal["day", "week", "month", "year"]
CODE = rf"^{Q.CODE.pattern}$"  # one actor code, as the CLI filters take it (store.query.CODE)


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


# ----------------------------------------------------------------------------- parameters

def web_link(url: Any) -> bool:
    """A document's url is shown as a link only when it is a web address (http, https): a
    stored 'javascript:' or 'data:' url would run in the page when clicked."""
    return isinstance(url, str) and url.strip().lower().startswith(("http://", "https://"))


def cli_filters(
    request: Request,
    actor: Annotated[str | None, Query(pattern=CODE, description="an actor's code (IND, EU, GOV...)")] = None,
    recipient: Annotated[str | None, Query(pattern=CODE, description="a recipient's code")] = None,
    dyad: Annotated[str | None, Query(pattern=rf"^{Q.CODE.pattern}[->]{Q.CODE.pattern}$",
                                      description="directed dyad A-B: A acts towards B")] = None,
    type: Annotated[str | None, Query(max_length=200, description="PLOVER type(s), comma separated")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="quad class 1-4")] = None,
    status: Annotated[Status | None, Query(description="the event's status")] = None,
    since: Annotated[str | None, Query(max_length=10, description="first day: YYYY-MM-DD, YYYY-MM or YYYY")] = None,
    until: Annotated[str | None, Query(max_length=10, description="last day, inclusive")] = None,
    text: Annotated[str | None, Query(max_length=500, description="words that must all appear in the sentence")] = None,
) -> dict[str, Any]:
    """The filters of the CLI's query commands (`dotterel events`, `dyads`, `summary`, `export`)."""
    if type:
        # the store's own types (kept like page data) are looked up only for a type not PLOVER's
        bad, known = Q.unknown_types(Q.type_list(type), request.app.state.types)
        if bad:
            raise BadRequest(f"type {', '.join(bad)!s} is neither a PLOVER event type nor one the store holds; "
                             f"use {', '.join(sorted(known))}")
    f = {"actor": actor, "recipient": recipient, "dyad": dyad, "type": type, "quad": quad, "status": status,
         "since": since, "until": until, "text": text}
    out = {k: v for k, v in f.items() if v not in (None, "")}
    for key in ("since", "until"):  # the same check (and message) as the CLI's, before any query runs
        if key in out:
            try:
                Q._date(out[key], key)
            except DotterelError as exc:
                raise BadRequest(_msg(exc)) from None
    return out


def web_filters(
    base: Annotated[dict, Depends(cli_filters)],
    country: Annotated[str | None, Query(pattern=CODE, description="where it happened: the place's country, "
                                         "or an actor's country when no place is coded")] = None,
    sector: Annotated[str | None, Query(pattern=CODE, description="an actor's PLOVER sector (GOV, MIL, ...)")] = None,
    name: Annotated[str | None, Query(max_length=200, description="words in an actor's name (a person, an organisation)")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="lowest confidence, 0-1")] = None,
    place: Annotated[str | None, Query(max_length=200, description="a coded place's name")] = None,
) -> dict[str, Any]:
    out = dict(base)
    more = {"country": country, "sector": sector, "name": name, "min_confidence": min_confidence, "place": place}
    out.update({k: v for k, v in more.items() if v not in (None, "")})
    return out


Filters = Annotated[dict, Depends(web_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="rows to skip")]


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="the text to code (plain text)")
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="publication date YYYY-MM-DD")
    title: str | None = Field(None, max_length=1000)
    store: bool = Field(False, description="also store the document and its events (needs the token)")


def _msg(exc: Exception) -> str:
    """One line; the CLI's option names (`--since`) become the API's parameter names (`since`)."""
    import re

    text = str(getattr(exc, "message", None) or exc).splitlines()[0]
    return re.sub(r"(?<![\w-])--(?=[a-z])", "", text)


# ----------------------------------------------------------------------------- the app

def create_app(url: str, *, token: str | None = None, pipeline: Callable[[], Any] | None = None,
               max_body: int = MAX_BODY, cache: bool | None = None) -> FastAPI:
    """The app over the store at `url`. `token` enables writing (POST /api/extract with store);
    `pipeline` is a factory for the coder of /api/extract (default: the shipped pipeline).
    `cache` keeps the last pages' data in memory (default: on for a read-only DuckDB file, which
    no process can change while the server holds it; off for PostgreSQL and when writable), so
    that a page and its JSON twin, fetched by the page's script, query the store once."""
    db = Database(url, writable=bool(token))
    if cache is None:
        cache = not db.writable and db.backend.kind == "duckdb"
    memo = _Memo(128 if cache else 0)
    app = FastAPI(
        title="dotterel", version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        description="Political events coded from news text: the store's queries as JSON, CSV and Parquet. "
        "Every page of the dashboard has a JSON twin under /api with the same parameters.",
    )
    app.state.db = db
    app.state.token = token
    app.state.pipeline_factory = pipeline
    app.state.pipeline = None
    app.state.pipeline_lock = threading.Lock()
    templates = Jinja2Templates(directory=str(resources.files("dotterel.web") / "templates"))
    templates.env.autoescape = True
    templates.env.globals.update(version=__version__, pages=PAGES, page_titles=PAGE_TITLES, quads=QUADS)
    templates.env.tests["web_link"] = web_link
    app.mount("/static", StaticFiles(directory=str(resources.files("dotterel.web") / "static")), name="static")
    app.add_middleware(_Limits, max_body=max_body)
    B = db.backend

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith(("/api", "/openapi"))

    def error(request: Request, status: int, message: str) -> Response:
        if wants_html(request):
            return templates.TemplateResponse(request, "error.html", {"status": status, "message": message,
                                                                      "page": None, "filters": {}}, status_code=status)
        return JSONResponse({"error": message, "status": status}, status_code=status)

    @app.exception_handler(BadRequest)
    async def _bad(request: Request, exc: BadRequest):
        return error(request, exc.status, exc.message)

    @app.exception_handler(DotterelError)
    async def _dotterel(request: Request, exc: DotterelError):
        return error(request, 400, _msg(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            if e.get("type") == "json_invalid":  # its loc is ("body", the character where the JSON breaks)
                why = (e.get("ctx") or {}).get("error") or e.get("msg")
                return error(request, 422, f"the request body is not valid JSON: {why} at character "
                             f"{e.get('loc', ('', '?'))[-1]}")
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where or ('body' if e.get('loc', ())[:1] == ('body',) else 'request')}: {e.get('msg')}")
        return error(request, 422, "bad parameter: " + "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}: see /api for the API, / for the dashboard"
        return error(request, exc.status_code, message)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        try:
            response = await call_next(request)
        except Exception:  # noqa: BLE001 - the last resort: log it, answer in one line
            log.exception("error while serving %s", request.url.path)
            response = error(request, 500, "internal error: see the server's log")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    # ------------------------------------------------------------------------- data (JSON twins)

    @memo
    def store_types() -> tuple[str, ...]:
        """PLOVER's types and the store's own (the menu and the type filter), kept like page data."""
        return Q.known_types(db.backend)

    app.state.types = store_types

    @memo
    def overview_data(filters: dict[str, Any], by: str) -> dict[str, Any]:
        latest = Q.events_page(B, fused=True, limit=10, newest_first=True, **filters)
        return {
            "store": {**Q.store_counts(B), "writable": db.writable},
            "filters": filters,
            "matching": Q.count_events(B, **filters),
            "dates": Q.date_range(B, **filters),
            "by": by,
            "series": Q.timeline(B, by=by, **filters),
            "by_type": Q.counts(B, "event", **filters),
            "by_status": Q.counts(B, "status", **filters),
            "by_quad": [{**r, "label": QUADS.get(r["quad_code"])} for r in Q.counts(B, "quad_code", **filters)],
            "top_dyads": Q.network(B, top=10, **filters)["edges"],
            "latest": _rows(latest),
        }

    @memo
    def timeline_data(filters: dict[str, Any], by: str) -> dict[str, Any]:
        out = {"filters": filters, "by": by, "series": Q.timeline(B, by=by, **filters)}
        if filters.get("dyad"):
            a, b = str(filters["dyad"]).upper().replace(">", "-").split("-")
            out["reverse"] = {"dyad": f"{b}-{a}", "series": Q.timeline(B, by=by, **{**filters, "dyad": f"{b}-{a}"})}
        return out

    @memo
    def map_data(filters: dict[str, Any]) -> dict[str, Any]:
        p = Q.places(B, **filters)
        nums, names = numeric_codes(), country_names()
        for c in p["countries"]:
            c["numeric"] = nums.get(c["country"])
            c["name"] = names.get(c["country"], c["country"])
        p["unmapped"] = [c for c in p["countries"] if c["numeric"] is None]
        return {"filters": filters, **p}

    @memo
    def network_data(filters: dict[str, Any], top: int) -> dict[str, Any]:
        n = Q.network(B, top=top, **filters)
        pos = circle_layout(n["nodes"])
        names = country_names()
        for node in n["nodes"]:
            node["x"], node["y"] = pos[node["code"]]
            node["name"] = names.get(node["code"], node["code"])
        for e in n["edges"]:
            (e["x"], e["y"]), (e["x2"], e["y2"]) = pos[e["source"]], pos[e["target"]]
        return {"filters": filters, **n}

    @memo
    def evidence_data(filters: dict[str, Any], offset: int, limit: int, order: str) -> dict[str, Any]:
        items = Q.evidence(B, offset=offset, limit=limit, newest_first=order == "newest", **filters)
        total = Q.count_events(B, **filters)
        cards = []
        for it in items:
            doc = it["document"] or {}
            h = highlights(it["record"], doc.get("text"))
            rec = it["record"]
            cards.append({
                **it["fused"],
                "quad": QUADS.get(it["fused"].get("quad_code")),
                "segments": h["segments"],
                "actors": [_entity(e) for e in rec.get("actor") or []],
                "recipients": [_entity(e) for e in rec.get("recipient") or []],
                "trigger": [t.get("text") for t in rec.get("trigger") or []],
                "flags": rec.get("flags") or [],
                "context": rec.get("context") or [],
                "date_text": rec.get("date_text"),
                "confidence": rec.get("confidence", it["fused"].get("confidence")),
                "document": {k: v for k, v in doc.items() if k != "text"} or None,
                "mentions": it["mentions"],
            })
        return {"filters": filters, "total": total, "offset": offset, "limit": limit, "order": order,
                "items": cards}

    # ------------------------------------------------------------------------- API

    @app.get("/api/overview", tags=["pages"], summary="Overview: counts by type, status, quad class over time")
    def api_overview(filters: Filters, by: Period = "month") -> dict[str, Any]:
        return overview_data(filters, by)

    @app.get("/api/timeline", tags=["pages"], summary="Timeline and dyad series: quad classes, mean Goldstein "
             "and the status split per period")
    def api_timeline(filters: Filters, by: Period = "month") -> dict[str, Any]:
        return timeline_data(filters, by)

    @app.get("/api/map", tags=["pages"], summary="Map: coded places (points) and events per country")
    def api_map(filters: Filters) -> dict[str, Any]:
        return map_data(filters)

    @app.get("/api/network", tags=["pages"], summary="Actor network: who acts on whom, edge weight and tone")
    def api_network(filters: Filters,
                    top: Annotated[int, Query(ge=1, le=500, description="heaviest edges to keep")] = 60) -> dict[str, Any]:
        return network_data(filters, top)

    @app.get("/api/evidence", tags=["pages"], summary="Evidence: fused events with their sentence, "
             "highlighted trigger and actors, document, mentions, flags and confidence")
    def api_evidence(filters: Filters, offset: Offset = 0,
                     limit: Annotated[int, Query(ge=1, le=100)] = 20,
                     order: Literal["newest", "oldest"] = "newest") -> dict[str, Any]:
        return evidence_data(filters, offset, limit, order)

    @app.get("/api/events", tags=["data"], summary="Events (fused or records), a page at a time")
    def api_events(request: Request, filters: Filters, offset: Offset = 0, limit: Limit = 50,
                   fused: Annotated[bool, Query(description="fused events (default) or records")] = True,
                   order: Literal["oldest", "newest"] = "oldest") -> dict[str, Any]:
        df = Q.events_page(B, fused=fused, offset=offset, limit=limit, newest_first=order == "newest", **filters)
        total = Q.count_events(B, fused=fused, **filters)
        params = dict(request.query_params)
        nxt = None
        if offset + limit < total:
            nxt = "/api/events?" + urlencode({**params, "offset": offset + limit, "limit": limit})
        return {"total": total, "offset": offset, "limit": limit, "next": nxt, "items": _rows(df)}

    def download(filters: dict[str, Any], fused: bool, fmt: str) -> Response:
        df = Q.events_page(B, fused=fused, offset=0, limit=2**62, **filters)
        name = "dotterel-" + ("fused-events" if fused else "records")
        if fmt == "csv":
            return Response(df.to_csv(index=False), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
        import pyarrow.parquet as pq

        buf = io.BytesIO()
        pq.write_table(parquet_table(df), buf)  # the column types of `dotterel export --format parquet`
        return Response(buf.getvalue(), media_type="application/vnd.apache.parquet",
                        headers={"Content-Disposition": f'attachment; filename="{name}.parquet"'})

    @app.get("/api/events.csv", tags=["data"], summary="Download the filtered events as CSV",
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def api_events_csv(filters: Filters, fused: bool = True) -> Response:
        return download(filters, fused, "csv")

    @app.get("/api/events.parquet", tags=["data"], summary="Download the filtered events as Parquet",
             response_class=Response, responses={200: {"content": {"application/vnd.apache.parquet": {}}}})
    def api_events_parquet(filters: Filters, fused: bool = True) -> Response:
        return download(filters, fused, "parquet")

    @app.get("/api/events/{event_id}", tags=["data"], summary="One event: record, document, fused event, mentions")
    def api_event(event_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,100}$")]) -> dict[str, Any]:
        return event_data(event_id)

    def event_data(event_id: str) -> dict[str, Any]:
        d = Q.event_detail(B, event_id)
        if d is None:
            raise BadRequest(f"no event {event_id!r} in this store", 404)
        doc = d["document"] or {}
        d["segments"] = highlights(d["record"], doc.get("text"))["segments"]
        if doc:
            d["document"] = {k: v for k, v in doc.items() if k != "text"}
        if d["fused"]:
            d["fused"]["quad"] = QUADS.get(d["fused"].get("quad_code"))
        return d

    @app.get("/api/dyads", tags=["data"], summary="The CLI's `dotterel dyads`: per period and directed dyad")
    def api_dyads(filters: Filters, by: Period = "month") -> dict[str, Any]:
        df = Q.dyads(B, by=by, **filters)
        return {"by": by, "filters": filters, "items": _rows(df), "undated": df.attrs.get("undated", 0)}

    @app.post("/api/extract", tags=["coding"], summary="Code a text on the fly (store it with the token)")
    def api_extract(body: ExtractRequest, request: Request) -> dict[str, Any]:
        if body.store:
            _authorise(request)
        from ..document import Document, publication_date

        try:
            date = publication_date(body.date)
        except DotterelError as exc:
            raise BadRequest(f"date: {_msg(exc)}") from None
        try:
            doc = Document.from_text(body.text, date=date, **({"title": body.title} if body.title else {}))
        except (DotterelError, ValueError, TypeError) as exc:
            raise BadRequest(_msg(exc)) from None
        nlp = _pipeline()
        if body.store:
            with db.backend.lock:
                report = db.store.ingest([doc], pipeline=nlp, workers=1)
                records = _records_of(db.raw, doc.id)
            return {"stored": report.stored, "doc_id": doc.id, "events": records}
        from ..api import extract

        records = [r for _, recs in extract([doc], pipeline=nlp) for r in recs]
        return {"stored": 0, "doc_id": doc.id, "events": records}

    def _authorise(request: Request) -> None:
        if not app.state.token:
            raise BadRequest("this server is read-only: start it with DOTTEREL_WEB_TOKEN set to allow writing", 403)
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {app.state.token}".encode()):
            raise BadRequest("writing needs the header `Authorization: Bearer TOKEN` (the server's DOTTEREL_WEB_TOKEN)", 401)

    def _pipeline():
        with app.state.pipeline_lock:
            if app.state.pipeline is None:
                if app.state.pipeline_factory is not None:
                    app.state.pipeline = app.state.pipeline_factory()
                else:
                    from ..pipeline import Pipeline

                    app.state.pipeline = Pipeline.default()
            return app.state.pipeline

    @app.get("/api/health", tags=["data"], summary="Is the server up; is it writable")
    def api_health() -> dict[str, Any]:
        return {"ok": True, "version": __version__, "writable": db.writable, "backend": db.backend.kind}

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        return templates.TemplateResponse(request, "api.html", {"page": "api", "filters": {},
                                                               "endpoints": _endpoints(app.openapi()),
                                                               "base": str(request.base_url).rstrip("/")})

    # ------------------------------------------------------------------------- pages

    def page(request: Request, name: str, filters: dict[str, Any], **ctx: Any) -> Response:
        query = str(request.url.query)
        api = f"/api/{name}" + (f"?{query}" if query else "")
        chips = [(k, v, _without(request, k)) for k, v in filters.items()]

        def link(path: str, **extra: Any) -> str:
            """`path` with the page's filters, `extra` replacing theirs: the tables' links; the charts'
            clicks (app.js `evidence`) start from the same filters, the body's `data-filters`."""
            return path + "?" + urlencode({**filters, **extra})

        return templates.TemplateResponse(request, f"{name}.html", {
            "page": name, "filters": filters, "api": api, "query": query, "chips": chips,
            "filter_query": urlencode(filters), "link": link,
            "types": store_types(), "statuses": Q.STATUSES, "writable": db.writable, **ctx})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request, filters: Filters, by: Period = "month"):
        return page(request, "overview", filters, by=by, data=overview_data(filters, by))

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, filters: Filters, by: Period = "month"):
        return page(request, "timeline", filters, by=by, data=timeline_data(filters, by))

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, filters: Filters):
        return page(request, "map", filters, data=map_data(filters))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, filters: Filters, top: Annotated[int, Query(ge=1, le=500)] = 60):
        return page(request, "network", filters, top=top, data=network_data(filters, top))

    @app.get("/evidence", response_class=HTMLResponse, include_in_schema=False)
    def evidence_page(request: Request, filters: Filters, offset: Offset = 0,
                      limit: Annotated[int, Query(ge=1, le=100)] = 20,
                      order: Literal["newest", "oldest"] = "newest"):
        data = evidence_data(filters, offset, limit, order)
        last = (data["total"] - 1) // limit * limit if data["total"] else 0  # the last page's offset
        prev_url = _with(request, offset=max(0, min(offset - limit, last))) if offset > 0 and data["total"] else None
        next_url = _with(request, offset=offset + limit) if offset + limit < data["total"] else None
        return page(request, "evidence", filters, data=data, prev_url=prev_url, next_url=next_url,
                    order=order, csv_url=_api_with(request, "/api/events.csv"),
                    parquet_url=_api_with(request, "/api/events.parquet"))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,100}$")]):
        from ..fuse import codes

        d = event_data(event_id)
        own = {role: ";".join(codes(d["record"].get(role) or [])) for role in ("actor", "recipient")}
        return templates.TemplateResponse(request, "event.html", {
            "page": "evidence", "filters": {}, "d": d, "own": own, "api": f"/api/events/{event_id}", "chips": []})

    return app


def _records_of(backend: Any, doc_id: str) -> list[dict[str, Any]]:
    import json

    return [json.loads(r[0]) for r in backend.query(
        "SELECT record FROM events WHERE doc_id = ? ORDER BY sentence_index, id", [doc_id])]


def _entity(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e.get(k) for k in ("text", "code", "sector", "name", "kb_id")}


def _rows(df) -> list[dict[str, Any]]:
    from ..store.cli_common import _jsonable

    return [{k: _jsonable(v) for k, v in r.items()} for r in df.to_dict("records")]


def _without(request: Request, key: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in (key, "offset")]
    return request.url.path + ("?" + urlencode(params) if params else "")


def _with(request: Request, **changes: Any) -> str:
    params = dict(request.query_params)
    params.update({k: str(v) for k, v in changes.items()})
    return request.url.path + "?" + urlencode(params)


def _api_with(request: Request, path: str) -> str:
    params = {k: v for k, v in request.query_params.items() if k not in ("offset", "limit", "order")}
    return path + ("?" + urlencode(params) if params else "")


def _endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", ""),
                       "type": _type_of(p.get("schema", {}))} for p in op.get("parameters", [])]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "tag": (op.get("tags") or [""])[0], "params": params,
                        "body": "requestBody" in op})
    order = {"pages": 0, "data": 1, "coding": 2}
    return sorted(out, key=lambda e: (order.get(e["tag"], 9), e["path"]))


def _type_of(s: dict[str, Any]) -> str:
    if "anyOf" in s:
        return " | ".join(_type_of(x) for x in s["anyOf"] if x.get("type") != "null")
    if "enum" in s:
        return " | ".join(map(str, s["enum"]))
    t = s.get("type", "")
    bounds = [f"{k[:3]} {s[k]}" for k in ("minimum", "maximum") if k in s]
    return t + (f" ({', '.join(bounds)})" if bounds else "")


class _Limits:
    """Refuse request bodies over `max_body` bytes (413) and query strings over MAX_QUERY (414)."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if len(scope.get("query_string", b"")) > MAX_QUERY:
            return await _plain(send, 414, f"the query string is over {MAX_QUERY} bytes")
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                n = int(length)
            except ValueError:
                return await _plain(send, 400, "Content-Length is not a number")
            if n > self.max_body:
                return await _plain(send, 413, f"the request body is over {self.max_body} bytes")
            return await self.app(scope, receive, send)
        # no Content-Length (a chunked body): read it here, at most max_body bytes, and hand it on.
        # Counting while the app reads would not do: FastAPI answers any error raised while it
        # reads a body with 400 "There was an error parsing the body".
        messages, seen = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                return await _plain(send, 413, f"the request body is over {self.max_body} bytes")
            if not message.get("more_body"):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


class _Memo:
    """A small LRU cache of the pages' data, keyed by function and arguments (size 0: off)."""

    def __init__(self, size: int):
        from collections import OrderedDict

        self.size = size
        self.data: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, fn):
        import functools
        import json

        if not self.size:
            return fn

        @functools.wraps(fn)
        def wrapper(*args):
            key = (fn.__name__, json.dumps(args, sort_keys=True, default=str))
            with self.lock:
                if key in self.data:
                    self.data.move_to_end(key)
                    return self.data[key]
            value = fn(*args)
            with self.lock:
                self.data[key] = value
                while len(self.data) > self.size:
                    self.data.popitem(last=False)
            return value

        return wrapper


async def _plain(send, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": message, "status": status}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"content-security-policy", CSP.encode())]})
    await send({"type": "http.response.body", "body": body})
