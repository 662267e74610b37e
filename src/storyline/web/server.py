"""``storyline serve``: the web app under uvicorn, read-only, on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Optional

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


ENV_DB, ENV_HOST, ENV_ALLOW = "STORYLINE_SERVE_DB", "STORYLINE_SERVE_HOST", "STORYLINE_SERVE_ALLOW_HOSTS"


def _watch_parent(parent: int) -> None:
    """Stop this worker (as SIGTERM would) when the process that started it is gone: a supervisor killed with
    SIGKILL cannot stop its workers, which would keep the port and the store open."""
    import signal
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="storyline-parent-watch", daemon=True).start()


def app_from_env():
    """The app of one worker process of ``storyline serve --workers N`` (uvicorn's factory: the store, the bound
    host and the allowed names come from the environment the supervisor set)."""
    _watch_parent(os.getppid())
    allow = [h for h in os.environ.get(ENV_ALLOW, "").split("\n") if h]
    return make_app(os.environ[ENV_DB], os.environ.get(ENV_HOST, "127.0.0.1"), allow)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, allow_hosts: Sequence[str] = (),
          workers: int = 1) -> None:
    """Serve the store at ``db`` (web pages and JSON API, OpenAPI at /openapi.json) until interrupted. With
    ``workers`` > 1, that many processes share the listening socket (uvicorn's supervisor starts them and restarts
    one that dies); each opens the store read-only, as one process does (DuckDB lets several processes read it)."""
    import uvicorn

    if host not in LOCAL_HOSTS:
        print(f"warning: serving on {host}:{port} makes the store readable by other machines "
              f"(read-only, no authentication)", file=sys.stderr)
    options = dict(host=host, port=port, log_level="warning", access_log=False, server_header=False,
                   proxy_headers=False)
    if workers > 1:
        os.environ.update({ENV_DB: str(db), ENV_HOST: host, ENV_ALLOW: "\n".join(allow_hosts)})
        uvicorn.run("storyline.web.server:app_from_env", factory=True, workers=workers, **options)
        return
    uvicorn.run(make_app(db, host, allow_hosts), **options)
