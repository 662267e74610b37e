"""``storyline serve``: the web app under uvicorn, read-only, on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import sys
from typing import Optional, Sequence

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


WILDCARDS = ("0.0.0.0", "::", "")


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> Optional[frozenset[str]]:
    """The names a request's ``Host`` header may carry for a server bound to ``host`` (None: any).

    Bound to this machine (127.0.0.1, localhost, ::1), the server answers its loopback names only: a web page
    elsewhere that points a DNS name of its own at 127.0.0.1 (DNS rebinding) would otherwise read the store through
    the visitor's browser. Bound to a named address, that name too. Bound to every interface (0.0.0.0, ::), the
    names are the operator's to list (``--allow-host``); without any, every name is answered, as before."""
    names = {h.lower().strip("[]") for h in extra if h}
    if host in WILDCARDS:
        return frozenset(names | set(LOCAL_HOSTS)) if names else None
    return frozenset(names | set(LOCAL_HOSTS) | {host.lower().strip("[]")})


def _host_name(header: str) -> str:
    """The name in a Host header, without its port ('[::1]:8000' -> '::1', 'Example.org:80' -> 'example.org')."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.split(":", 1)[0]


def guard_hosts(app, allowed: Optional[frozenset[str]]):
    """Answer 400 to a request whose Host header names none of ``allowed`` (None: no check)."""
    if allowed is None:
        return app
    from starlette.responses import PlainTextResponse

    @app.middleware("http")
    async def _only_known_hosts(request, call_next):
        if _host_name(request.headers.get("host", "")) not in allowed:
            return PlainTextResponse("unknown Host header: this server answers " + ", ".join(sorted(allowed)),
                                     status_code=400)
        return await call_next(request)
    return app


def make_app(db: str, host: str = "127.0.0.1", allow_hosts: Sequence[str] = ()):
    """The app `storyline serve` runs: the store's pages and API, answering only the names it is reached by."""
    from storyline.web.app import create_app
    return guard_hosts(create_app(db), allowed_hosts(host, allow_hosts))


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, allow_hosts: Sequence[str] = ()) -> None:
    """Serve the store at ``db`` (web pages and JSON API, OpenAPI at /openapi.json) until interrupted."""
    import uvicorn

    if host not in LOCAL_HOSTS:
        print(f"warning: serving on {host}:{port} makes the store readable by other machines "
              f"(read-only, no authentication)", file=sys.stderr)
    app = make_app(db, host, allow_hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False,
                proxy_headers=False)
