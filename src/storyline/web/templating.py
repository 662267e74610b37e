"""The pages' Jinja environment (autoescape on everywhere) and the page response."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from storyline.store.queries import article_link
from storyline.web import svg
from storyline.web.safe import json_for_script, safe_href

TEMPLATES = Path(__file__).resolve().parent / "templates"


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True,
                      default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["json_script"] = json_for_script
    env.filters["href"] = safe_href
    env.filters["short"] = svg.short
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.globals["article_link"] = article_link
    env.globals["event_label"] = svg.event_label
    return env


@lru_cache(maxsize=1)
def env() -> Environment:
    """One environment per process: its templates are compiled once."""
    return make_env()


def page(name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
    ctx.setdefault("json_url", None)
    html = env().get_template(name).render(request_path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status)
