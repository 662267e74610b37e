"""clean_text on pages written by hand (not the seeds)."""
from datetime import date

from storyline.clean.text import classify_lines, clean_text, split_dateline
from storyline.model import Page, content_hash

TODAY = date(2024, 6, 1)

PAGE_A = """Home News Sport Weather Business Culture Travel Opinion Video Audio Podcasts Games Shop
Want Daily Planet to notify you of breaking news?
No, thanks

Harbour council approves new ferry terminal after long debate

The vote ends a two-year dispute over the waterfront site.

Mayor Jane Holt
Mayor Jane Holt speaks to reporters outside the town hall.
Getty Images

Portsmouth - The harbour council on Tuesday approved plans for a new ferry terminal, ending a dispute that has divided residents for two years.

Councillors voted nine to four in favour of the scheme, which will replace the old pier with a larger building and a car park.

Now playing: Watch this: Inside the old ferry pier

"This is a good day for the town and for the people who work on the water," the mayor said after the vote.

Opponents said they would consider a legal challenge to the decision.

First published on March 12, 9:15 a.m. ET.

Updates on March 13, 8:00 a.m. ET: Adds reaction from opponents.

Related Stories
Ferry Operator Announces New Summer Timetable
Harbour Festival Returns With Record Crowds
ferries, harbour, council, planning
"""  # noqa: E501 (a page as written: one paragraph a line)

PAGE_B = """08:12 GMT14 May 2023
Listen Live
    Copy link

    The airline has been trying to sell its regional unit since last year, according to people familiar with the talks, and has held meetings with several buyers.

    Executives met with bankers last week to discuss the timing of the sale, the people said, adding that no decision had been made.

    A passenger plane is seen on the tarmac in this picture taken March 3, 2023
    A passenger plane is seen on the tarmac in this picture taken March 3, 2023

    The company declined to comment on the report when contacted by phone on Friday afternoon.

    Airline Shares Rise After Sale Report
    Pilots Union Warns Over Regional Cuts
    airline, sale, regional, shares
"""  # noqa: E501 (a page as written: one paragraph a line)

PAGE_C = """City library reopens after flood repairs

June 4, 2021
| Valley Courier

Riverton \u2013 The city library reopened on Friday after eight months of repairs to its flooded basement and reading rooms.

Staff said visitors had returned in large numbers on the first morning, and that the children's section was the busiest part of the building.

\u00a9 2021 Valley Courier. All rights reserved.
"""  # noqa: E501 (a page as written: one paragraph a line)


def page(text: str, source: str = "x.txt") -> Page:
    return Page(source=source, kind="text", content=text, content_hash=content_hash(text))


def test_text_keeps_body_and_drops_furniture():
    a = clean_text(page(PAGE_A), today=TODAY)
    paras = a.text.split("\n\n")
    assert paras[0].startswith("Portsmouth - The harbour council on Tuesday approved")
    assert paras[-1] == "Opponents said they would consider a legal challenge to the decision."
    assert len(paras) == 4
    for junk in ("No, thanks", "Getty Images", "Now playing", "Mayor Jane Holt", "First published",
                 "Updates on", "Related Stories", "Ferry Operator", "ferries, harbour", "notify you"):
        assert junk not in a.text


def test_text_title_subtitle_outlet_dateline():
    a = clean_text(page(PAGE_A), today=TODAY)
    assert a.title == "Harbour council approves new ferry terminal after long debate"
    assert a.subtitle == "The vote ends a two-year dispute over the waterfront site."
    assert a.outlet == "Daily Planet"
    assert a.dateline == "Portsmouth"
    assert a.id == page(PAGE_A).id and a.source == "x.txt"


def test_text_yearless_stamp_completed_by_weekday():
    a = clean_text(page(PAGE_A), today=TODAY)
    # March 12 is a Tuesday in 2024, 2019, 2013, ...: the latest not after "today" wins
    assert a.published == "2024-03-12"
    assert a.published_candidates[0] == 2024 and 2019 in a.published_candidates
    assert "March 12" in a.published_evidence
    assert a.updated == "2024-03-13"


def test_text_clock_is_a_bound_never_the_date():
    a = clean_text(page(PAGE_B), today=TODAY)
    assert a.title is None
    assert a.published is None
    assert a.published_range == ("2023-03-03", "2023-05-14")
    assert "picture taken" not in a.text and "Listen Live" not in a.text
    assert "Airline Shares Rise" not in a.text and "airline, sale" not in a.text
    assert a.text.startswith("The airline has been trying to sell")
    assert a.text.endswith("on Friday afternoon.")


def test_text_stated_date_and_site_line():
    a = clean_text(page(PAGE_C), today=TODAY)
    assert a.title == "City library reopens after flood repairs"
    assert a.published == "2021-06-04" and a.published_evidence == "June 4, 2021"
    assert a.outlet == "Valley Courier"
    assert a.dateline == "Riverton"
    assert "All rights reserved" not in a.text and "June 4, 2021" not in a.text.split("\n\n")


def test_text_learned_furniture_is_dropped():
    extra = PAGE_C.replace("Staff said",
                           "Sign in to read our members' stories and get the weekly digest.\n\nStaff said")
    plain = clean_text(page(extra), today=TODAY)
    learned = clean_text(page(extra),
                         furniture=frozenset({"sign in to read our members stories and get the weekly digest"}),
                         today=TODAY)
    assert "weekly digest" not in learned.text
    assert "Staff said visitors" in learned.text
    assert len(learned.text) <= len(plain.text)


def test_text_empty_page_gives_empty_article():
    a = clean_text(page(""), today=TODAY)
    assert a.text == "" and a.title is None and a.published is None


def test_text_classify_labels_related_run_after_body():
    c = classify_lines(PAGE_A)
    lab = dict((li.text, label) for li, label in zip(c.lines, c.labels))
    assert lab["Harbour Festival Returns With Record Crowds"] != "body"
    assert lab["Getty Images"] == "caption"


def test_text_dateline_needs_a_place():
    assert split_dateline("Seoul \u2013 The US government said") == "Seoul"
    assert split_dateline("NEW YORK (Reuters) - Stocks fell") == "NEW YORK"
    assert split_dateline("The government said - nothing") is None
    assert split_dateline("In 2019 - things") is None
    assert split_dateline("AUSTIN (KXAN) \u2014 Texas voters approved") == "AUSTIN"       # a station's call sign
    assert split_dateline("Washington.- El senador republicano") == "Washington"
    assert split_dateline("NEW DELHI: The ministry said") == "NEW DELHI"
    assert split_dateline("Question: What soil suits it best?") is None                 # a label, not a place


ARTICLE_THEN_NOISE = """Bridge reopens to traffic after repairs

The old river bridge reopened to cars on Monday after six months of repairs to its steel frame and deck.

Engineers said the work had cost less than expected, and that the bridge should now last another forty years.

The city plans to add a cycle lane next spring, once the council has approved the budget for the project.

Posted by: reader one | Jan 10, 2008 4:49 PM
About time too, the detour through the town centre added twenty minutes to my drive every single day.
Posted by: reader two | Jan 10, 2008 6:02 PM
I hope they fix the potholes on the approach road as well, because those are even worse than the bridge was.

More Local Headlines
Council Approves New Budget Plan
The council voted on Tuesday to approve a budget that raises spending on roads and schools next year.
School Opens New Science Wing
Pupils moved into the new science wing this week after two years of building work on the old site.
Library Extends Weekend Hours
The central library will stay open until eight on Saturdays from next month, the city said on Friday.
"""


def test_text_comments_and_teasers_are_not_body():
    a = clean_text(page(ARTICLE_THEN_NOISE), today=TODAY)
    assert a.title == "Bridge reopens to traffic after repairs"
    assert a.text.startswith("The old river bridge reopened")
    assert a.text.endswith("approved the budget for the project.")
    assert "detour" not in a.text and "potholes" not in a.text
    assert "science wing" not in a.text and "central library" not in a.text


PAGE_WIRE = """Home
World
Business
Do More With Daily Planet
Sports
About Daily Planet
Rebels claim attacks on tankers, threaten more
Thu Jan 10, 2008 7:10am EST
Email | Print |
By Tom Ash
PORTVILLE, Jan 10 (Daily Planet) - A rebel group said on Thursday it backed gunmen who shot at six tankers on Wednesday, and threatened a bigger attack on the port.
Attacks on shipping in the region have been rising since September, when talks between the government and the rebels broke down.
The group said in an email that more small groups would harass the oil industry, and told civilians to keep clear of checkpoints.
"""  # noqa: E501 (a page as written: one paragraph a line)


def test_text_headline_above_its_dateline_beats_a_menu_line_naming_the_outlet():
    # "Do More With Daily Planet" repeats the lead's words too (the outlet in "(Daily Planet)"), but the
    # headline is the line the date stamp and byline follow
    a = clean_text(page(PAGE_WIRE), today=TODAY)
    assert a.title == "Rebels claim attacks on tankers, threaten more"
    assert a.byline == "Tom Ash"


def test_text_site_controls_are_never_the_title_but_headlines_with_like_words_are_not_refused():
    from storyline.clean.text import _NOT_TITLE
    for ui in ("New User ? Sign In", "E-mail Article Print-Friendly Subscribe to RSS Feed",
               "All Anne Perkins articles", "More News related to Press Releases",
               "View seven day Editorial Archive for previous issues"):
        assert _NOT_TITLE.search(ui), ui
    for head in ("President to sign the budget bill on Friday", "More than 40 dead as floods hit the coast",
                 "Readers print their own newspaper", "Council signs up for new recycling scheme"):
        assert not _NOT_TITLE.search(head), head
