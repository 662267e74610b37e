"""``storyline serve``: the web app under uvicorn, read-only, on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import sys

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store at ``db`` (web pages and JSON API, OpenAPI at /openapi.json) until interrupted."""
    import uvicorn

    from storyline.web.app import create_app

    if host not in LOCAL_HOSTS:
        print(f"warning: serving on {host}:{port} makes the store readable by other machines "
              f"(read-only, no authentication)", file=sys.stderr)
    app = create_app(db)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False,
                proxy_headers=False)
