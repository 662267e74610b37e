"""Shared fixtures: small pages we write ourselves (tests never need ../shared)."""
from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE_A = """Ministers agree new port deal

Lisbon – Portugal and Morocco signed an agreement on Tuesday to expand the port of Sines, the two governments said.

"This deal opens a new route for trade between our countries," Prime Minister Ana Costa said at the ceremony.

The agreement follows months of talks between the two foreign ministries, officials said.
"""

ARTICLE_B = """Union calls strike at steel plant

Workers at the Northfield steel plant will strike next week, the union announced on Monday.

"We have no choice but to stop work until the company listens," union leader Tom Baker told reporters.

The company said it regretted the decision and remained open to talks.
"""


@pytest.fixture
def article_a() -> str:
    return ARTICLE_A


@pytest.fixture
def pages_dir(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (d / "c.html").write_text(
        "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
        "<p>The harbour of Northfield reopened on Friday after a week of repairs, the city council said in a "
        "statement that thanked the crews who worked through the storm.</p>"
        "<p>Fishing boats returned to their moorings by the afternoon, and the ferry service to the islands is "
        "expected to resume its normal timetable on Monday morning.</p></article></body></html>", encoding="utf-8")
    return d
