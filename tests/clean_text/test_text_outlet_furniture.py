"""outlet.py and furniture.py."""
from storyline.clean.furniture import learn_furniture, line_key
from storyline.clean.outlet import find_outlet, outlet_from_line


def test_outlet_signals():
    assert outlet_from_line("| Some News Site") == ("Some News Site", "site")
    assert outlet_from_line("Want XYZ to notify you of price drops?") == ("XYZ", "notify")
    assert outlet_from_line("\u00a9 2020 Harbour Gazette")[0] == "Harbour Gazette"
    assert outlet_from_line("Copyright 2008 The Daily Star Ltd. All rights reserved.")[0] == "The Daily Star"
    assert outlet_from_line("He said the copyright law was unfair.") == (None, "")


def test_outlet_never_guessed():
    assert find_outlet(["A body paragraph that names Reuters and the BBC.", "Home"]) is None
    assert find_outlet(["\u00a9 2020 Copy Co", "| Site Name"]) == "Site Name"


def test_furniture_line_key_normalises():
    assert line_key("  Updated 3 hours ago! ") == line_key("updated 15 HOURS ago")
    assert line_key("") == ""


def test_furniture_learned_from_repeats():
    words = ["harbour", "ferry", "library", "council", "airline", "river"]
    pages = [f"Sign up for our newsletter\nA story about the {w} that is unique to this page.\nShare this"
             for w in words]
    pages.append("A page of its own.\nNothing shared here.")
    f = learn_furniture(pages, min_pages=3, min_share=0.3)
    assert line_key("Sign up for our newsletter") in f
    assert line_key("Share this") in f
    assert not any("unique" in k for k in f)       # each page's own lines stay
    assert learn_furniture([]) == frozenset()


def test_furniture_share_threshold():
    pages = ["Footer line\nbody a"] * 3 + [f"other {c}" for c in "abcdefghijklmnop"]
    assert line_key("Footer line") not in learn_furniture(pages, min_pages=3, min_share=0.3)
    assert line_key("Footer line") in learn_furniture(pages, min_pages=3, min_share=0.1)
