"""Every route of the OpenAPI schema, fuzzed by schemathesis: never a 5xx. Plus a hypothesis sweep over the
HTML pages' parameters (they are not in the schema)."""
from __future__ import annotations

from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow


def test_fuzz_api_routes_never_5xx(web_store):
    """schemathesis generates requests for each operation of /openapi.json (driven here with plain hypothesis:
    its pytest plugin does not run under this pytest)."""
    from storyline.web.app import create_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(web_store)))
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 9
    for op in operations:
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=op.as_strategy())
        def check(case):
            response = case.call()
            assert response.status_code < 500, (case.path, case.query, response.text[:300])
            if response.status_code >= 400:
                assert "error" in response.json(), response.text[:300]
        check()


PAGES = ["/", "/articles", "/actors", "/events", "/search", "/story/{id}", "/article/{id}", "/actor/{id}"]
PARAMS = ["q", "actor", "outlet", "date_from", "date_to", "limit", "offset", "type", "hedged", "merged", "hl",
          "target", "story"]
text = st.text(min_size=0, max_size=60)
values = st.one_of(text, st.integers(-10**12, 10**12).map(str), st.sampled_from(
    ["2019", "2019-05", "2019-05-23", "0-10", "5-2", "AGREE", "true", "1e9", "../../etc/passwd", "%00", "\u2028"]))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(page=st.sampled_from(PAGES), ident=text, params=st.dictionaries(st.sampled_from(PARAMS), values, max_size=4))
def test_fuzz_pages_never_5xx(client, page, ident, params):
    path = page.replace("{id}", quote(ident, safe="") or "x")
    r = client.get(path, params=params, headers={"accept": "text/html"})
    assert r.status_code < 500, (path, params, r.text[:300])
