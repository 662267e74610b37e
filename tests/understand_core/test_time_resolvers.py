"""Every rule of the time-expression grammar has a resolver (time._RESOLVERS): a rule added without one would
match and silently resolve to nothing."""
from __future__ import annotations

import datetime as dt

from storyline.understand import time as T


def test_every_rule_kind_has_a_resolver_and_no_resolver_is_orphaned():
    assert {name for name, _ in T._RULES} == set(T._RESOLVERS)


def test_each_kind_resolves_one_example_against_a_known_day():
    ref = T._Ref(dt.date(2019, 5, 23), 2019, None, None)     # a Thursday
    examples = {"iso": "2019-05-01", "mdy": "May 3", "dmy": "3 May 2018", "since_rel": "since last year",
                "early_this": "earlier this week", "rel_unit": "last month", "ago": "two weeks ago",
                "recent_units": "in recent weeks", "rel_wd": "last Monday", "on_wd": "on Tuesday",
                "rel_month": "last November", "month_year": "January 2020", "day_word": "yesterday",
                "recent": "recently", "year": "in 2017"}
    assert set(examples) == set(T._RESOLVERS)
    rules = dict(T._COMPILED)
    got = {}
    for kind, text in examples.items():
        m = rules[kind].search(text)
        assert m is not None, (kind, text)
        got[kind] = T._resolve(kind, m, ref)
    assert got == {
        "iso": ("2019-05-01", None), "mdy": ("2019-05-03", None), "dmy": ("2018-05-03", None),
        "since_rel": (None, ("2018-01-01", "2019-05-23")), "early_this": (None, ("2019-05-20", "2019-05-23")),
        "rel_unit": ("2019-04", None), "ago": (None, ("2019-05-06", "2019-05-12")),
        "recent_units": (None, ("2019-05-09", "2019-05-23")), "rel_wd": ("2019-05-20", None),
        "on_wd": ("2019-05-21", None), "rel_month": ("2018-11", None), "month_year": ("2020-01", None),
        "day_word": ("2019-05-22", None), "recent": (None, ("2019-04-23", "2019-05-23")), "year": ("2017", None)}
