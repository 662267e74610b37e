"""Which reports are one act (storyline.link.merge): the trigger's lemma, its object, the participants in either
role, place and date overlap. Invented sentences in general English; each article reports one event."""
from __future__ import annotations

from storyline.link.merge import merge_events, trigger_lemma
from storyline.model import Annotated, Article, Event, Evidence


def _ann(aid: str, sentence: str, trigger: str, type_: str = "ASSAULT", published: str = "2024-05-20",
         **fields) -> Annotated:
    start = 0
    ev = Event(id=f"e-{aid}", type=type_, trigger=trigger,
               evidence=(Evidence(article_id=aid, sentence=sentence, start=start, end=len(sentence)),), **fields)
    art = Article(id=aid, source=aid, text=sentence, content_hash=aid, published=published)
    return Annotated(article=art, events=(ev,))


def _groups(anns) -> list[set[str]]:
    return sorted(({e[2:] for e in m.source_event_ids} for m in merge_events(anns)), key=sorted)


def test_trigger_lemma_reads_the_verb():
    assert trigger_lemma("shot") == trigger_lemma("shooting") == trigger_lemma("shoots dead") == "shoot"
    assert trigger_lemma("struck") == "strike"
    assert trigger_lemma(None) is None


def test_one_act_told_with_the_same_verb_is_one_event_whatever_the_descriptors():
    """Reports of one shooting: the agent named, described or missing; all say "shot"."""
    anns = [
        _ann("a", "A gunman shot a ten-year-old girl on her porch on Tuesday.", "shot", actor="a gunman",
             target="a ten-year-old girl"),
        _ann("b", "Police said a stray bullet shot the girl as she played.", "shot", actor="a stray bullet",
             target="the girl"),
        _ann("c", "Detectives are investigating the shooting on Tuesday near the school.", "shooting"),
    ]
    assert _groups(anns) == [{"a", "b", "c"}]


def test_swapped_roles_and_a_place_taken_for_the_target_do_not_split_an_act():
    anns = [
        _ann("a", "Prosecutors charged Dana Reyes with the killing on Monday.", "charged", type_="ACCUSE",
             actor="Prosecutors", target="Dana Reyes", target_id="person:dana-reyes"),
        _ann("b", "Dana Reyes was charged in Millbrook with murder.", "charged", type_="ACCUSE",
             actor="Dana Reyes", actor_id="person:dana-reyes", target="Millbrook", target_id="gpe:millbrook"),
    ]
    assert _groups(anns) == [{"a", "b"}]


def test_a_name_and_its_longer_form_are_one_participant():
    """"New York" and "New York State" doing the same act."""
    anns = [
        _ann("a", "New York sued the company over the spill.", "sued", type_="ACCUSE", actor="New York",
             actor_id="gpe:new-york", target="the company", target_id="org:acme-chemicals"),
        _ann("b", "New York State sued Acme Chemicals on Friday.", "sued", type_="ACCUSE",
             actor="New York State", actor_id="gpe:new-york-state", target="Acme Chemicals",
             target_id="org:acme-chemicals"),
    ]
    assert _groups(anns) == [{"a", "b"}]


def test_the_same_verb_on_other_objects_stays_apart():
    """One government bans two different things; a report naming no participant goes by what was banned."""
    anns = [
        _ann("a", "The government is banning domestic firms from working with the supplier.", "banning",
             type_="SANCTION", actor="The government", actor_id="gpe:ruritania", target="domestic firms",
             target_id="norp:domestic-firm"),
        _ann("b", "The idea of banning the export of chips remains on the table.", "banning", type_="SANCTION"),
        _ann("c", "Officials said banning the export of chips was still possible.", "banning", type_="SANCTION"),
    ]
    assert _groups(anns) == [{"a"}, {"b", "c"}]


def test_other_named_targets_of_one_actor_are_other_acts():
    anns = [
        _ann("a", "The ministry banned the supplier's equipment.", "banned", type_="SANCTION",
             actor="The ministry", actor_id="org:ministry", target="the supplier", target_id="org:supplier"),
        _ann("b", "The ministry banned the rival carrier as well.", "banned", type_="SANCTION",
             actor="The ministry", actor_id="org:ministry", target="the rival carrier", target_id="org:carrier"),
    ]
    assert _groups(anns) == [{"a"}, {"b"}]


def test_saying_is_not_one_act_because_the_verb_is_the_same():
    anns = [
        _ann("a", "The mayor said the bridge would reopen.", "said", type_="CONSULT", actor="The mayor",
             actor_id="person:ann-mayor"),
        _ann("b", "The union said its members would strike.", "said", type_="THREATEN", actor="The union",
             actor_id="org:union"),
    ]
    assert _groups(anns) == [{"a"}, {"b"}]


def test_other_words_join_with_a_shared_participant_and_much_of_the_sentence():
    anns = [
        _ann("a", "Rebels attacked the border town of Kora overnight, killing four soldiers.", "attacked",
             actor="Rebels", actor_id="org:rebels", target="Kora", target_id="gpe:kora"),
        _ann("b", "Rebels stormed the border town of Kora overnight and four soldiers died.", "stormed",
             actor="the rebels", actor_id="org:rebels", target="Kora", target_id="gpe:kora"),
        _ann("c", "Rebels raided a bank in the capital last spring.", "raided", actor="Rebels",
             actor_id="org:rebels", target="a bank"),
    ]
    assert _groups(anns) == [{"a", "b"}, {"c"}]


def test_a_report_giving_only_a_span_attaches_without_widening_the_date():
    """One report places the act "since last year" (2019..2020); another, of 2019-02-21, reports it undated:
    the act is about 2019-02-21 (from the report), never "2019 .. 2020"."""
    anns = [
        _ann("a", "Several countries have banned the carrier's equipment.", "banned", type_="SANCTION",
             published="2019-02-21", actor="Several countries", target="the carrier", target_id="org:carrier",
             date="2019-02-21", date_inferred=True),
        _ann("b", "Since last year several countries ban the carrier from their networks.", "ban",
             type_="SANCTION", published="2020-03-01", actor="several countries", target="the carrier",
             target_id="org:carrier", date_range=("2019", "2020")),
    ]
    (m,) = merge_events(anns)
    assert m.event.date == "2019-02-21" and m.event.date_range is None and m.event.date_inferred


def test_two_spans_keep_the_narrowest():
    anns = [
        _ann("a", "The carrier was banned last spring.", "banned", type_="SANCTION", target="the carrier",
             target_id="org:carrier", date_range=("2019-03", "2019-05")),
        _ann("b", "The carrier has been banned since 2019.", "banned", type_="SANCTION", target="the carrier",
             target_id="org:carrier", date_range=("2019", "2020")),
    ]
    (m,) = merge_events(anns)
    assert m.event.date_range == ("2019-03", "2019-05")


def test_the_place_of_the_act_keeps_two_protests_apart():
    anns = [
        _ann("a", "Farmers protested against the tax in Lyon on Monday.", "protested", type_="PROTEST",
             actor="Farmers", location="Lyon"),
        _ann("b", "Farmers protested against the tax in Lille on Monday.", "protested", type_="PROTEST",
             actor="Farmers", location="Lille"),
        _ann("c", "Farmers protested in central Lyon against the new tax.", "protested", type_="PROTEST",
             actor="farmers", location="central Lyon"),
    ]
    assert _groups(anns) == [{"a", "c"}, {"b"}]


def test_words_of_time_and_saying_are_no_evidence_of_one_act():
    """Two acts of one participant whose sentences share only "made", "first", "last year", "according to": the
    general stop list of link/text.py (one list for the link step) leaves them apart."""
    anns = [
        _ann("a", "Rebels made their first raid on the depot last year, according to officials.", "raid",
             actor="Rebels", actor_id="org:rebels", target="the depot"),
        _ann("b", "The army made the first arrests of rebels last year, according to sources.", "arrests",
             actor="The army", target="rebels", target_id="org:rebels"),
    ]
    assert _groups(anns) == [{"a"}, {"b"}]


def test_a_week_narrows_a_month_and_two_spans_narrow_each_other():
    """"In May" and "last week" (13-19 May) are one ban of 13-19 May; "between March and June" and "this spring,
    from May to August" leave May-June: the merged act carries the tightest date its reports allow together."""
    week = [
        _ann("a", "Regulators banned the carrier's equipment in May.", "banned", type_="SANCTION",
             target="the carrier", target_id="org:carrier", date="2024-05"),
        _ann("b", "Regulators banned the carrier's equipment last week.", "banned", type_="SANCTION",
             target="the carrier", target_id="org:carrier", date_range=("2024-05-13", "2024-05-19")),
    ]
    (m,) = merge_events(week)
    assert (m.event.date, m.event.date_range) == (None, ("2024-05-13", "2024-05-19"))
    spans = [
        _ann("a", "The carrier was banned between March and June.", "banned", type_="SANCTION",
             target="the carrier", target_id="org:carrier", date_range=("2024-03", "2024-06")),
        _ann("b", "The carrier was banned at some point from May to August.", "banned", type_="SANCTION",
             target="the carrier", target_id="org:carrier", date_range=("2024-05", "2024-08")),
    ]
    (m,) = merge_events(spans)
    assert (m.event.date, m.event.date_range) == (None, ("2024-05-01", "2024-06-30"))


def test_an_act_no_sentence_dates_is_not_pinned_to_its_report_day():
    """Reports four days apart that date the shooting by nothing but their own publication (the coder fills it
    in, marked inferred) are one act: the act happened on or before each report, not on its day."""
    anns = [
        _ann("a", "Police shot Sam Ortiz outside the bakery.", "shot", published="2024-05-16",
             actor="Police", target="Sam Ortiz", target_id="person:sam-ortiz", date="2024-05-16", date_inferred=True),
        _ann("b", "Officers shot Sam Ortiz, his lawyer said at the hearing.", "shot", published="2024-05-20",
             actor="Officers", target="Ortiz", target_id="person:sam-ortiz", date="2024-05-20", date_inferred=True),
    ]
    assert _groups(anns) == [{"a", "b"}]


def test_a_one_word_name_and_the_longer_name_it_opens_are_one_participant():
    """A foundation named by its first word in one report, in full in another, sued by the same company: one act."""
    anns = [
        _ann("a", "Acme Chemicals sued Kessler over the grant.", "sued", type_="ACCUSE", actor="Acme Chemicals",
             actor_id="org:acme-chemicals", target="Kessler", target_id="org:kessler"),
        _ann("b", "Acme Chemicals sued the Kessler Foundation on Friday.", "sued", type_="ACCUSE",
             actor="Acme Chemicals", actor_id="org:acme-chemicals", target="the Kessler Foundation",
             target_id="org:kessler-foundation"),
    ]
    assert _groups(anns) == [{"a", "b"}]


def test_a_person_told_by_name_and_by_description_is_one_target():
    """One report names the victim; another names no participant and describes her after the verb: the words
    after the verb ("his pregnant girlfriend") cannot refute a named person, as they refute another object."""
    anns = [
        _ann("a", "Prosecutors say Dale Orrin shot Ann Lee twice on a rural road.", "shot",
             actor="Dale Orrin", actor_id="person:dale-orrin", target="Ann Lee", target_id="person:ann-lee"),
        _ann("b", "A jury has convicted a 27-year-old man of shooting his pregnant girlfriend.", "shooting"),
    ]
    assert _groups(anns) == [{"a", "b"}]


def test_other_objects_of_a_verb_stay_apart_when_no_person_is_named():
    anns = [
        _ann("a", "The ministry is banning imports of steel from the region.", "banning", type_="SANCTION",
             actor="The ministry", actor_id="org:trade-ministry", target="imports", target_id="norp:import"),
        _ann("b", "Officials said banning the export of chips was still possible.", "banning", type_="SANCTION"),
    ]
    assert _groups(anns) == [{"a"}, {"b"}]


def test_one_named_person_attacked_told_with_two_verbs_is_one_act():
    """Two outlets name one victim of one kind of act with other verbs and few words in common: the named person
    is the link (as a shared word of the trigger is); another named victim stays another act."""
    anns = [
        _ann("a", "A gunman shot Ann Lee outside her home on Friday night, police said.", "shot",
             actor="A gunman", target="Ann Lee", target_id="person:ann-lee"),
        _ann("b", "Ann Lee was attacked as she walked back from the station.", "attacked",
             target="Ann Lee", target_id="person:ann-lee"),
        _ann("c", "Bo Park was attacked as he walked back from the station.", "attacked",
             target="Bo Park", target_id="person:bo-park"),
    ]
    assert _groups(anns) == [{"a", "b"}, {"c"}]


def test_a_target_misread_from_a_sentence_naming_the_other_reports_target_is_no_conflict():
    """One parse took a word near the victim for the target; its sentence names the victim the other report names,
    so the two named targets are no evidence of two acts. A victim neither sentence names is another act."""
    anns = [
        _ann("a", "Mara Quinn was struck by a grey sedan as she walked toward the Sikh temple on Friday.", "struck",
             target="Sikh", target_id="person:sikh"),
        _ann("b", "A driver struck Mara Quinn on Friday and drove off, police said.", "struck",
             actor="A driver", target="Mara Quinn", target_id="person:mara-quinn"),
        _ann("c", "A driver struck Lena Ortiz on Friday and drove off, police said.", "struck",
             actor="A driver", target="Lena Ortiz", target_id="person:lena-ortiz"),
    ]
    assert _groups(anns) == [{"a", "b"}, {"c"}]
