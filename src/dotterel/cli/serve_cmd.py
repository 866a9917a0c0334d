"""`dotterel serve`: the web dashboard and REST API over a store (docs/web.md)."""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="a local web dashboard and REST API over the store",
                       description="Start a local web app over the store: overview, timeline and dyad series, "
                       "map, actor network and the evidence (sentences) behind every point, each page with a "
                       "JSON twin under /api, CSV/Parquet downloads and OpenAPI documentation at /api. "
                       "Read-only unless the environment variable DOTTEREL_WEB_TOKEN is set; then "
                       "POST /api/extract may store documents when sent `Authorization: Bearer TOKEN`. "
                       "Everything it serves ships with dotterel: no internet is used.")
    p.add_argument("--db", metavar="URL", default=None,
                   help="DuckDB file or postgresql:// URL (default: $DOTTEREL_DB, else ./dotterel.duckdb)")
    p.add_argument("--host", default="127.0.0.1", metavar="HOST",
                   help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 exposes it)")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="port (default 8000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import StoreError
    from ..store import default_url
    from ..web import TOKEN_ENV, create_app

    if not 0 < args.port < 65536:
        raise StoreError("E440", f"--port {args.port} must be between 1 and 65535")
    url = args.db or default_url()
    token = os.environ.get(TOKEN_ENV) or None
    app = create_app(url, token=token)
    import uvicorn

    mode = "read-write (token set)" if token else f"read-only (set {TOKEN_ENV} to allow writing)"
    print(f"dotterel serve: {url} at http://{args.host}:{args.port}/ ({mode}); Ctrl-C stops it", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False,
                limit_concurrency=64, timeout_keep_alive=5)
    return 0
