"""Actors: entity mentions (spaCy NER + descriptors + pronouns) resolved to canonical actors.

Ids are stable across articles because they are made from the type and the normalised canonical name:
``gpe:USA`` for states (ISO alpha-3), ``org:acme`` for organisations, ``person:jane-doe`` for people,
``loc:europe`` / ``fac:...`` / ``gpe:seoul`` for places that are not states.

Within an article:
- states: pycountry names plus common names, codes written in capitals, demonyms and capitals used as
  metonyms ("Washington said") -> the state; "US government", "South Korea's Foreign Ministry" -> the state
  with sector government;
- organisations: a plural proper noun the tagger left untagged ("the Colts") is one, or the article's organisation
  whose name it ends ("the Kansas City Chiefs ... the Chiefs", ``untagged.py``); legal suffixes stripped
  ("Acme Technologies Co Ltd" -> "Acme"), a long form merged with its short form; canonical name = the short form;
- people: a full name introduced once, later the surname alone -> the same actor; titles and role words
  around the name ("US Secretary of State X", "X, CEO of Y") give the sector and country; the person the
  headline names ("Jane Doe Checks Into Rehab") is who a surname alone, or a pronoun or role before anyone is
  named, refers to (``headline.py``);
- descriptors ("the company", "the Ruritanian tech giant") -> the most recent (else the most frequent)
  organisation of that kind; "the facility", "the school", "rehab" -> the place of that kind named last
  (``facilities.py``); "police", "officers", "cops" -> the one police force the article names (``bodies.py``);
  he/she -> the most salient earlier person whose grammatical gender (pronouns given before, "Mrs.",
  "actress Jane Doe") does not disagree; it/its/they/their -> the subject of the
  clause governing the pronoun (not of a copula: "X is its ally"), else the salient organisation, state or
  group of this or the previous sentence ("it is expected that" has no referent);
- roles ("the actress", "a 49-year-old man", "an Oklahoma man") -> the person the article ties them to, else
  its main person of that gender, or, for a lede's "an Ruritanian woman" before anyone is named, the one untitled
  person of that gender named after it (``roles.py``); a role the article ties where it is written is that
  person even where it ties the noun to others elsewhere ("fired X as coach ... hired Y as coach"), a role noun in
  a name's title ("her lawyer, Tom Brandt") a mention of that person, a relative named by a possessor ("his wife")
  the one other person of the possessor's surname; Phoenix's person agents ("an arsonist", "a burglar") -> the
  person the article ties them to, else an unnamed person (``person_agents.py``); an age ("the 10-year-old", "a
  59-year-old woman") -> the one named person of that age (``ages.py``); "I", "my" in a quotation -> its speaker
  (``quoted.py``); pronouns, roles and descriptors are mentions, never aliases;
- groups: a state name or demonym on a people noun -> the state when they act for it ("a Utopian official",
  "Utopian troops"), else a NORP group with that country ("Ruritanian rebels" -> ``norp:ruritanian-rebel``);
  on any other noun the adjective alone is a mention of the state ("an Utopian proposal");
  people named by a place ("demonstrators in Springfield", "a paper based in X") -> a group of X's country;
- unnamed actors ("the jury", "prosecutors", "the scene") no pass tied to a named actor: one actor per noun,
  named by its lemma (``unnamed.py``); the headline's words resolved by the text's mentions (``headline_mentions.py``);
  both added after quotes and events;
- defaults: a well-known head of state or government (data/actors/leaders.tsv) gets its country; a titled
  official with no country, and a region ("X province") with none, get the state the article names most;
  a place no gazetteer knows acting as a subject is most likely a mislabelled organisation -> ORG.
"""
from storyline.understand.actors.base import strip_org_suffixes
from storyline.understand.actors.headline_mentions import HEADLINE, headline_mentions
from storyline.understand.actors.resolver import last_person_before, mention_at, resolve_actors
from storyline.understand.actors.unnamed import unnamed_mentions

__all__ = ["HEADLINE", "headline_mentions", "resolve_actors", "unnamed_mentions", "strip_org_suffixes",
           "mention_at", "last_person_before"]
