"""A real HTTP server on 127.0.0.1 in a thread, serving what a test puts in ``routes`` (changeable between
polls) and counting, per path, the requests received and the responses completed, and the bytes sent."""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    ctype: str = "text/html; charset=utf-8"
    delay: float = 0.0                      # seconds before answering
    etag: str | None = None                 # answer 304 to a matching If-None-Match
    stream_bytes: int = 0                   # send this many bytes in 64 kB chunks (no Content-Length unless told)
    announce_length: bool = False
    chunk_delay: float = 0.0                # seconds between two streamed chunks (a server that dribbles)
    handler: Callable | None = None          # (request handler, count so far) -> Route, for changing answers


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request, client_address):   # clients cutting a response short is what tests do
        pass


class FollowServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: Counter = Counter()       # received
        self.completed: Counter = Counter()      # responses fully written
        self.sent: Counter = Counter()           # body bytes written
        self.request_headers: dict[str, list[dict]] = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_GET(self):
                path = self.path
                with server.lock:
                    server.requests[path] += 1
                    n = server.requests[path]
                    server.request_headers.setdefault(path, []).append({k.lower(): v for k, v in self.headers.items()})
                route = server.routes.get(path)
                if route is not None and route.handler is not None:
                    route = route.handler(self, n)
                if route is None:
                    route = Route(b"not found", status=404, ctype="text/plain")
                if route.delay:
                    time.sleep(route.delay)
                try:
                    if route.etag and self.headers.get("If-None-Match") == route.etag:
                        self.send_response(304)
                        self.send_header("ETag", route.etag)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                    elif route.stream_bytes:
                        self.send_response(route.status)
                        self.send_header("Content-Type", route.ctype)
                        if route.announce_length:
                            self.send_header("Content-Length", str(route.stream_bytes))
                        else:
                            self.send_header("Connection", "close")
                        self.end_headers()
                        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
                        left = route.stream_bytes
                        while left > 0:
                            part = chunk[:left]
                            self.wfile.write(part)
                            with server.lock:
                                server.sent[path] += len(part)
                            left -= len(part)
                            if route.chunk_delay:
                                time.sleep(route.chunk_delay)
                        self.close_connection = True
                    else:
                        self.send_response(route.status)
                        self.send_header("Content-Type", route.ctype)
                        self.send_header("Content-Length", str(len(route.body)))
                        if route.etag:
                            self.send_header("ETag", route.etag)
                        for k, v in route.headers.items():
                            self.send_header(k, v)
                        self.end_headers()
                        self.wfile.write(route.body)
                        with server.lock:
                            server.sent[path] += len(route.body)
                    self.wfile.flush()
                    with server.lock:
                        server.completed[path] += 1
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                with server.lock:
                    server.requests["POST " + self.path] += 1
                    server.posts.append((self.path, data))
                route = server.routes.get("POST " + self.path)
                if route is not None and route.handler is not None:
                    route = route.handler(self, server.requests["POST " + self.path])
                status = route.status if route else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.posts: list[tuple[str, bytes]] = []
        self.httpd = _Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(base: str, items: list[tuple[str, str | None]]) -> bytes:
    body = "".join(f"<item><title>t</title><link>{base}{p}</link>" + (f"<pubDate>{d}</pubDate>" if d else "") +
                   "</item>" for p, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title><link>{base}/</link>{body}'
            '</channel></rss>').encode()


def sitemap(base: str, items: list[tuple[str, str | None]], news: bool = False) -> bytes:
    out = []
    for p, d in items:
        date = ""
        if d and news:
            date = f"<news:news><news:publication_date>{d}</news:publication_date></news:news>"
        elif d:
            date = f"<lastmod>{d}</lastmod>"
        out.append(f"<url><loc>{base}{p}</loc>{date}</url>")
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
            + "".join(out) + "</urlset>").encode()


def article(title: str, *paras: str) -> bytes:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{ps}</article></body></html>").encode()
