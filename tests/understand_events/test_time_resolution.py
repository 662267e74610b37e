from storyline.model import Article
from storyline.understand.time import find_times, weekday_years


def art(text, **kw):
    return Article(id="t1", source="t", text=text, content_hash="h", **kw)


def by_text(times):
    return {t.text.lower(): t for t in times}


def test_time_weekday_is_the_publication_weeks_day_not_after():
    # 2019-05-23 is a Thursday
    t = by_text(find_times(None, art("Officials met on Monday. They spoke on Thursday. A vote came on Friday.",
                                     published="2019-05-23")))
    assert t["on monday"].date == "2019-05-20"
    assert t["on thursday"].date == "2019-05-23"
    assert t["on friday"].date == "2019-05-17"   # the Friday before, not the day after publication


def test_time_last_week_is_a_monday_sunday_range():
    t = by_text(find_times(None, art("The campaign intensified last week.", published="2019-05-23")))
    assert t["last week"].date_range == ("2019-05-13", "2019-05-19")


def test_time_month_and_year_relative():
    text = "Earlier this month, the ministry acted. It had warned last year and since last year has pushed."
    t = by_text(find_times(None, art(text, published="2019-02-21")))
    # the act lies between the month's start and the report, not anywhere in the month
    assert t["earlier this month"].date_range == ("2019-02-01", "2019-02-21")
    assert t["last year"].date == "2018"
    assert t["since last year"].date_range == ("2018-01-01", "2019-02-21")


def test_time_explicit_dates_with_and_without_year():
    t = by_text(find_times(None, art("It was signed on March 3, 2018 and renewed on Dec. 30.", published="2019-01-10")))
    assert t["march 3, 2018"].date == "2018-03-03"
    assert t["dec. 30"].date == "2018-12-30"   # a year-less date lands near the publication date


def test_time_recent_is_a_range_ending_at_publication():
    t = by_text(find_times(None, art("In a recent meeting they talked.", published="2019-05-23")))
    assert t["recent"].date_range[1] == "2019-05-23"


def test_time_yearless_publication_uses_weekday_candidates():
    a = art("He said on Thursday that talks failed.", published="--02-21", published_candidates=(2013, 2019, 2030))
    t = by_text(find_times(None, a))
    assert t["on thursday"].date in ("2019-02-21", "2013-02-21")


def test_time_weekday_years_agree_with_calendar():
    assert weekday_years("--02-21", "Thursday", 2010, 2031) == [2013, 2019, 2030]
    assert weekday_years("05-23", 3, 2019, 2019) == [2019]


def test_time_no_publication_date_leaves_day_expressions_unresolved():
    t = by_text(find_times(None, art("They met on Tuesday.")))
    assert t["on tuesday"].date is None


def test_time_lowercase_may_is_not_a_month():
    t = find_times(None, art("The minister may 12 times refuse.", published="2019-05-23"))
    assert not any("may" in x.text.lower() for x in t)


def test_time_offsets_point_into_the_text():
    text = "Talks resumed. Then last week they broke down."
    for x in find_times(None, art(text, published="2020-06-10")):
        assert text[x.start:x.end] == x.text


def test_time_earlier_and_later_narrow_a_month_or_a_year_to_one_side_of_publication():
    text = ("Earlier this year the council froze the fund. Later this month it votes again, "
            "and later this year it may sell the land. This month the fund lost money.")
    t = by_text(find_times(None, art(text, published="2021-06-10")))
    assert t["earlier this year"].date_range == ("2021-01-01", "2021-06-10")
    assert t["later this month"].date_range == ("2021-06-10", "2021-06-30")
    assert t["later this year"].date_range == ("2021-06-10", "2021-12-31")
    assert t["this month"].date == "2021-06"       # no side: the whole month
