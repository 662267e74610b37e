"""Probes in general English for case21's AGREE and RETREAT roots and the held-out half's weak subtypes (issue 22):
agreements told as the end of talks or in idioms, territory handed back or left, sexual violence named through a
complaint, an allegation or its victim, a mob's violence against people, force against a rally, and acts told as
not done. Sentences written for these tests, none taken from an evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence, want", [
    # an agreement reached at talks is AGREE (the PLOVER manual's AGREE vs CONSULT), however the parser hangs it
    ("The parties concluded talks with an agreement on elections.", "AGREE"),
    ("The parties to the conflict entered into a peace agreement.", "AGREE"),
    ("The elders brokered peace between the two clans at a meeting on Sunday.", "AGREE"),
    ("The clans buried the hatchet at a ceremony.", "AGREE"),
    ("The two sides shook hands on a deal.", "AGREE"),
    ("The two sides came to terms after talks in Cairo.", "AGREE"),
    ("The two sides resolved the dispute through dialogue.", "AGREE"),
    # territory given back or left, forces moved away (PLOVER RETREAT)
    ("The militia returned control of the airport to the government.", "RETREAT"),
    ("The army redeployed its troops away from the border town.", "RETREAT"),
    ("The insurgents quit the town.", "RETREAT"),
    ("Government troops entered the town after the militants fled.", "RETREAT"),
    ("The militia occupied the abandoned army base.", "RETREAT"),
    # access allowed (PLOVER RETREAT: allowing entry of observers, peacekeepers or aid) and security handed on
    ("The rebels gave aid agencies access to the besieged town.", "RETREAT"),
    ("The militia opened the road to humanitarian convoys.", "RETREAT"),
    ("The rebels allowed the army to deploy in the town.", "RETREAT"),
    ("Foreign forces transferred responsibility for security to local forces.", "RETREAT"),
    # forces that left told by a noun, a desertion, a departure; a siege or roadblocks given up; a force disbanded
    ("The militants took control of the town following the departure of government troops.", "RETREAT"),
    ("The army took over the base after the exit of foreign troops.", "RETREAT"),
    ("The army deserted the town as the rebels advanced.", "RETREAT"),
    ("The last foreign soldiers departed the country.", "RETREAT"),
    ("The army lifted the siege of the city.", "RETREAT"),
    ("The rebels ended their siege of the town.", "RETREAT"),
    ("The militia dismantled its roadblocks in the city.", "RETREAT"),
    ("The militia disbanded and handed its weapons to the government.", "RETREAT"),
    # an exchange of captives named as taking place (PLOVER: the actual exchange of prisoners is RETREAT)
    ("A prisoner exchange took place between the two sides on Friday.", "RETREAT"),
    # sexual violence named through the reaction to it, an allegation, a complaint, a police case or its victim
    ("The alleged rape of a schoolgirl by a policeman has angered residents.", "ASSAULT"),
    ("Allegations of rape by peacekeepers have emerged.", "ASSAULT"),
    ("A rape case was registered against the man.", "ASSAULT"),
    ("A complaint of rape was filed against the official.", "ASSAULT"),
    ("The rape victim was taken to hospital.", "ASSAULT"),
    ("The family alleged the rape of their daughter by a policeman.", "ASSAULT"),
    ("A man was arrested for rape.", "ASSAULT"),
    ("The pastor had sex with a minor.", "ASSAULT"),
    # a mob's violence against people; force used on a rally
    ("A mob set upon a man suspected of stealing a phone.", "ASSAULT"),
    ("Youths attacked members of the rival community with machetes.", "ASSAULT"),
    ("Police used stun grenades to break up the rally.", "ASSAULT"),
    ("The police manhandled the protesters and detained dozens.", "ASSAULT"),
    ("Demonstrators were hit with rubber bullets.", "ASSAULT"),
    # civilians' violence against members of the police stays a riot
    ("Youths attacked members of the police with stones.", "PROTEST"),
])
def test_probe_types(ev_nlp, sentence, want):
    assert want in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence, unwanted", [
    # rescuers leaving a burning building withdraw no forces: the participle tells a fire, not an arson
    ("Firefighters pulled out of the burning building as the roof collapsed.", "RETREAT"),
    # an act told as not done
    ("The army entered the town without firing a shot.", "ASSAULT"),
    # members of a community are no officials: their attackers do not riot
    ("Youths attacked members of the rival community with machetes.", "PROTEST"),
    # 'set upon' a course, 'quit' an office, civilians who flee: no assault, no retreat
    ("The committee set upon a new course.", "ASSAULT"),
    ("The minister quit the government.", "RETREAT"),
    ("Thousands of civilians fled the fighting.", "RETREAT"),
    # consenting adults; a house that stood empty taken by squatters
    ("The couple had sex in the car.", "ASSAULT"),
    ("Squatters occupied an abandoned house.", "RETREAT"),
    # access to papers, a road built: no retreat
    ("The minister gave journalists access to the documents.", "RETREAT"),
    ("The company opened a new road to the mine.", "RETREAT"),
    # a president's trip, a flight, a country leaving a union, a militia disbanded by others: no forces withdrew
    ("The president departed the country for a state visit.", "RETREAT"),
    ("The departure of the flight was delayed by two hours.", "RETREAT"),
    ("Britain's exit from the European Union took place in 2020.", "RETREAT"),
    ("The government disbanded the militia.", "RETREAT"),
    # a storm, a fine, a bus that hit someone
    ("The region was hit by a storm.", "ASSAULT"),
    ("The company was hit with a fine.", "ASSAULT"),
    ("The boy was hit by a bus.", "ASSAULT"),
    # what one is without is no object acted on
    ("The talks came to an end without a deal.", "AGREE"),
    # a charge in court stays the court's act (ACCUSE), as 'charged with murder' does
    ("The soldier was charged with rape.", "ASSAULT"),
])
def test_probe_not_types(ev_nlp, sentence, unwanted):
    assert unwanted not in types(run(ev_nlp, sentence))


def test_firefighters_leaving_a_fire_code_nothing(ev_nlp):
    assert run(ev_nlp, "Firefighters pulled out of the burning building as the roof collapsed.") == []
