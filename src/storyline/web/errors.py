"""Errors as the API and the pages answer them, and the headers and guards every response goes through."""
from __future__ import annotations

from typing import Any
from urllib.parse import unquote, unquote_plus

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.store.db import StoreError
from storyline.web.templating import page

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class NotAnswerable(Exception):
    """A request the store cannot answer as asked (no such record: 404)."""

    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


def need(value: Any, what: str, ident: str) -> Any:
    if value is None:
        raise NotAnswerable(404, f"no {what} with id {ident!r}")
    return value


class BlankParams:
    """HTML forms send every field, the blank ones too (``/search?q=``, ``/?actor=&outlet=``): on the pages
    (not under /api, where a blank value stays an error) a blank parameter means 'not given'."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and not scope["path"].startswith("/api") and scope.get("query_string"):
            raw = scope["query_string"].split(b"&")
            kept = [p for p in raw if p and unquote_plus(p.partition(b"=")[2].decode("latin-1")).strip()]
            if len(kept) != len(raw):
                scope = dict(scope, query_string=b"&".join(kept))
        await self.app(scope, receive, send)


def error(status: int, message: str, details: Any = None) -> JSONResponse:
    body: dict[str, Any] = {"error": {"status": status, "message": message}}
    if details:
        body["error"]["details"] = details
    return JSONResponse(body, status_code=status)


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


async def guard(request: Request, call_next):
    """Control characters refused in the path and parameters; security headers on every response."""
    raw = request.url.path + "?" + request.url.query
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in unquote(raw)):
        return error(400, "control characters are not allowed in the path or parameters")
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response


async def invalid(request: Request, exc: RequestValidationError):
    details = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ())]
        details.append({"in": loc[0] if loc else None, "param": ".".join(loc[1:]) or None, "message": e.get("msg")})
    msg = "; ".join(f"{d['param']}: {d['message']}" for d in details) or "invalid request"
    if wants_html(request):
        return page("error.html", request, status=422, status_code=422, message=f"invalid parameter(s): {msg}")
    return error(422, f"invalid parameter(s): {msg}", details)


async def http_error(request: Request, exc: StarletteHTTPException):
    if wants_html(request) and exc.status_code == 404:
        return page("error.html", request, status=404, status_code=404, message=str(exc.detail))
    return error(exc.status_code, str(exc.detail))


async def not_answerable(request: Request, exc: NotAnswerable):
    if wants_html(request):
        return page("error.html", request, status=exc.status, status_code=exc.status, message=exc.message)
    return error(exc.status, exc.message)


async def store_error(request: Request, exc: StoreError):
    return error(503, str(exc))


async def db_error(request: Request, exc: duckdb.Error):
    return error(503, f"the store could not answer ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})")


def install(app: FastAPI) -> None:
    """The guards and error handlers of ``app``."""
    app.add_middleware(BlankParams)
    app.middleware("http")(guard)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(NotAnswerable, not_answerable)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(duckdb.Error, db_error)
