"""The alerts raised by the watchlists (``storyline watch``): a page that polls for new ones, and its
JSON twin under /api/alerts (``after=SEQ`` returns only the alerts raised or updated since)."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from storyline.follow.watch import list_alerts
from storyline.web.templating import page

router = APIRouter()

After = Annotated[int, Query(ge=0, le=2_000_000_000, description="only alerts with a higher seq (for polling)")]
Limit = Annotated[int, Query(ge=1, le=500)]
WatchId = Annotated[Optional[int], Query(ge=1, le=2_000_000_000)]


def _alerts(request: Request, after: int, limit: int, watch: Optional[int]) -> dict:
    with request.app.state.pool.cursor() as cur:
        items = list_alerts(cur, limit=limit, after=after, watch_id=watch)
    return {"items": items, "last": max([a["seq"] for a in items], default=after)}


@router.get("/api/alerts", tags=["api"],
            summary="Alerts raised by the watchlists, oldest first (after=SEQ: newer only)")
def api_alerts(request: Request, after: After = 0, limit: Limit = 100, watch: WatchId = None) -> dict:
    return _alerts(request, after, limit, watch)


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request, limit: Limit = 100, watch: WatchId = None):
    data = _alerts(request, 0, limit, watch)
    return page("alerts.html", request, data=data, watch=watch,
                json_url="/api/alerts" + (f"?watch={watch}" if watch else ""))
