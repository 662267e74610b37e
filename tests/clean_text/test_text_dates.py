"""dates.py: stated dates, stamps, clocks, weekday agreement, year completion."""
from datetime import date

from storyline.clean.dates import complete_year, date_line_kind, find_dates, publication_dates, weekday_candidates


def test_dates_find_month_name_and_iso_forms():
    got = [h.iso for h in find_dates("On May 23, 2019 and 3 March 2020, then 2021-07-04; and Feb. 21.")]
    assert got == ["2019-05-23", "2020-03-03", "2021-07-04", "--02-21"]


def test_dates_ambiguous_numeric_is_never_a_date():
    h = find_dates("08/01/2008")[0]
    assert h.ambiguous
    assert publication_dates([("date", "08/01/2008")], "").published is None
    assert publication_dates([("date", "14/01/2008")], "").published == "2008-01-14"


def test_dates_line_kinds():
    assert date_line_kind("May 23, 2019") == "date"
    assert date_line_kind("Published 3 March 2020") == "published"
    assert date_line_kind("Last updated: 4 March 2020, 10:02 GMT") == "updated"
    assert date_line_kind("21:09 GMT02 March 2021", position=0) == "clock"
    assert date_line_kind("2 hours ago") == "relative"
    assert date_line_kind("\u00a9 2020 Some Outlet") is None
    assert date_line_kind(
        "The talks began on May 23, 2019 in Geneva and went on for several days without a deal.") is None


def test_dates_weekday_candidates_are_real_weekdays():
    cands = weekday_candidates(2, 21, "Thursday", date(2026, 1, 1))
    assert all(date(y, 2, 21).weekday() == 3 for y in cands)
    assert cands[0] == 2019                       # latest past year first
    assert cands[-1] == 2030                      # future years last


def test_dates_complete_year_nearest_corpus_else_latest_past():
    today = date(2024, 1, 1)
    assert complete_year("--02-21", (2019, 2013, 2008, 2030), (), today) == 2019
    assert complete_year("--02-21", (2019, 2013, 2008, 2030), (2012, 2013, 2014), today) == 2013
    assert complete_year("--02-21", (2030,), (), today) is None
    assert complete_year("--02-21", (), (2019,), today) is None


def test_dates_copyright_year_is_not_a_date():
    got = publication_dates([], "Some body text.", captions=["\u00a9 2019 Photo Agency"])
    assert got.published is None and got.published_range is None
