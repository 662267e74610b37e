"""PLOVER events from the dependency parse and a verb/pattern dictionary (see plover.py).

``find_events(doc, article, mentions, actors, times)`` walks each sentence:

1. **triggers**: a verb whose lemma has an entry in the dictionary and whose constraints hold
   (object lemma, particle, preposition, words in its clause, object is an actor), or a noun entry
   governed by a light verb ("held a meeting", "orchestrating the arrest") or inside "in talks";
   behind them the CAMEO lexicon (an actor subject required, as PETRARCH does), an event noun named
   as happening ("protests erupted", "came under attack") and what protesters do;
2. **folding**: a trigger marked ``fold`` (urge, accuse, threaten, refuse, deny, ban, ...) owns its
   clausal complement: "urged X to reject Y" is one REQUEST, not also a REJECT;
3. **intent**: a future modal turns material conflict ("will impose sanctions") and withheld
   material cooperation ("won't partner with", "we won't share information if ...") into THREATEN,
   a conditional ("if/unless") with a future modal into THREATEN, a future cooperative act
   ("will provide aid") into AGREE, and a withheld verbal cooperation ("will not accept") into REJECT;
4. **roles**: actor = the subject (agent of a passive; antecedent of a relative pronoun; the
   governing clause's subject for xcomp/conj), target = the object or prepositional object
   (patient of a passive), both mapped to the given Mentions by character offsets;
5. **attributes**: date from a time expression in the clause/sentence (else the article date,
   ``date_inferred``), location from an "in/at/near <place>" attachment, ``hedged`` from report
   cues ("reportedly", "according to", "X reported", "citing"), ``negated`` from negation on the
   trigger's clause or its subject ("not all ...");
6. **non-events**: Phoenix discard sentences (sports), an act whose subject is a natural force or an
   accident ("an earthquake killed", "a tank exploded"), actorless harm, evacuations and emergency
   measures beside a named hazard with no sign of violence (data/plover/nonevents.json).

A doc without a dependency parse (spaCy model missing: blank + sentencizer) goes through a cruder
lemma-window path (``crude.py``) instead of failing.

Modules: ``tokens`` (word lists, token helpers, the per-article context), ``triggers`` (dictionary matching,
event nouns, folding content), ``nonevents`` (disasters, accidents, discards), ``roles`` (actor and target),
``modality`` (negation, intent, hedging, place, date), ``territory`` (a take-over without a fight), ``learned``
(the sentence classifier where the rules stop), ``coder`` (``find_events``), ``crude`` (no parse; stand-in actors).
"""
from storyline.understand.events.coder import find_events
from storyline.understand.events.crude import mentions_from_ents

__all__ = ["find_events", "mentions_from_ents"]
