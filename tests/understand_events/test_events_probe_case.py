"""Probes in general English for the case21 subtypes the held-out half codes worst (issue 22): force against
protesters, sexual violence, weapons made safe, mob violence, territory handed over, agreements. Sentences written
for these tests, none taken from an evaluation set; each names the way reporters write that kind of event."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence, want", [
    # force against protesters: CAMEO 175 (violent repression) is PLOVER ASSAULT
    ("Police teargassed the protesters.", "ASSAULT"),
    ("Riot police charged at the crowd of students.", "ASSAULT"),
    ("Police lathi-charged the students who were protesting.", "ASSAULT"),
    ("Police cracked down on protesters, killing three.", "ASSAULT"),
    ("Security forces violently dispersed the protest.", "ASSAULT"),
    ("Police violently broke up a peaceful protest.", "ASSAULT"),
    ("Soldiers brutally suppressed the demonstration.", "ASSAULT"),
    # sexual violence, told as an allegation, a complaint, a noun or a euphemism
    ("A minor was defiled by a 40-year-old man in the district.", "ASSAULT"),
    ("She was forced to have sex with the soldiers.", "ASSAULT"),
    ("A sexual assault was reported on the university campus.", "ASSAULT"),
    ("Soldiers are alleged to have raped dozens of women.", "ASSAULT"),
    ("A 15-year-old girl has alleged that she was raped by her teacher.", "ASSAULT"),
    ("A case of rape has been registered against the man.", "ASSAULT"),
    ("The man allegedly outraged the modesty of a woman in the bus.", "ASSAULT"),
    ("The accused had been sexually exploiting the girl for months.", "ASSAULT"),
    ("The boy was sodomized by a cleric at the seminary.", "ASSAULT"),
    ("The girl was groped by a man on the metro.", "ASSAULT"),
    ("A woman was stripped and paraded naked in the village.", "ASSAULT"),
    ("A man had carnal knowledge of a minor, the court heard.", "ASSAULT"),
    # mob violence
    ("Residents took the law into their own hands and beat the suspect.", "ASSAULT"),
    # weapons made safe or an attack foiled by security forces (CAMEO 1721 seize: PLOVER COERCE)
    ("Police carried out a controlled explosion of a suspicious package.", "COERCE"),
    ("The army conducted a controlled detonation of the shells.", "COERCE"),
    ("Police foiled a militants' bid in the district.", "COERCE"),
    # bombs made safe, told with a pronoun, a common misspelling, or the bomber disarmed
    ("Maoists planted landmines on the road, but security forces detected and defused them.", "COERCE"),
    ("The bomb disposal team diffused the bomb.", "COERCE"),
    ("Police disarmed a suicide bomber before he could detonate his vest.", "COERCE"),
    # rioting named as happening; civilians' violence against the state or its forces (PLOVER PROTEST 'riot')
    ("Rioting broke out after the election result.", "PROTEST"),
    ("Youths pelted police with stones after the arrest of a local leader.", "PROTEST"),
    ("Angry residents threw stones at police and set tyres on fire.", "PROTEST"),
    ("Villagers attacked the police station after a man died in custody.", "PROTEST"),
    ("Supporters of the opposition clashed with police in the capital.", "PROTEST"),
    ("Youths set fire to a police station after the death of a boy.", "PROTEST"),
    ("Angry residents torched a police van.", "PROTEST"),
    # territory taken over from a side that left, a withdrawal that took place, control handed on
    ("The army took over positions from the departing peacekeepers.", "RETREAT"),
    ("Fighting resumed after the withdrawal of the peacekeepers.", "RETREAT"),
    ("Control of the town passed to the militia.", "RETREAT"),
])
def test_probe_types(ev_nlp, sentence, want):
    assert want in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence, unwanted", [
    # a blast set off on purpose by a quarry is no bomb disposal
    ("A controlled explosion was carried out at the quarry by the mining company.", "COERCE"),
    # a subsidy withdrawn is no retreat of forces
    ("Prices rose after the withdrawal of the subsidy.", "RETREAT"),
    # a legal charge is no baton charge; a team beaten is no assault
    ("The prosecutor charged the man with fraud.", "ASSAULT"),
    ("The home side beat the champions on Sunday.", "ASSAULT"),
    # a mob's violence, and civilians' against people, stay assaults (no riot)
    ("A mob attacked a police station and lynched the suspect held there.", "PROTEST"),
    ("Villagers attacked a group of herders, killing three.", "PROTEST"),
    # 'exploit' and 'outrage' are no assault in other senses
    ("The company exploited a loophole in the tax law.", "ASSAULT"),
    ("The fans were outraged by the decision.", "ASSAULT"),
    # rebels who disarm retreat; a mediator who defuses tension seizes nothing
    ("The rebels disarmed and handed over their weapons.", "COERCE"),
    ("The mediator tried to defuse the tension and calm it down.", "COERCE"),
    # a protest broken up without force is coercion, not an assault
    ("Police broke up the sit-in outside the ministry.", "ASSAULT"),
])
def test_probe_not_types(ev_nlp, sentence, unwanted):
    assert unwanted not in types(run(ev_nlp, sentence))


def test_broken_up_sit_in_is_coerce(ev_nlp):
    assert "COERCE" in types(run(ev_nlp, "Police broke up the sit-in outside the ministry."))
