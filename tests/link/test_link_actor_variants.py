"""Name variants across articles the corpus-level index joins (link/actors.py): "the jury" and "the jurors"; a
person's full name the tagger read as an organisation (and gave a country) in a later link run; a given name tagged
as a place beside the full name. Names of our own; the index alone, the evidence of each join checked."""
from __future__ import annotations

import json

from storyline.link.actor_names import unnamed_key
from storyline.link.actors import ActorIndex, Local


def _l(art: str, lid: str, name: str, type_: str, **kw) -> Local:
    return Local(article_id=art, id=lid, name=name, type=type_, **kw)


def _filed(out, local_id):
    return next(f for f in out if f.local_id == local_id)


def _named(art: str) -> list[Local]:
    return [_l(art, "person:max-doe", "Max Doe", "PERSON"), _l(art, "person:tom-smith", "Tom Smith", "PERSON")]


def test_the_jury_and_the_jurors_of_one_trial_are_one_unnamed_actor():
    assert unnamed_key("jurors") == unnamed_key("the jury") == "jury"
    assert unnamed_key("officers") == "officer"
    idx = ActorIndex()
    idx.file("a1", _named("a1") + [_l("a1", "norp:jury", "jury", "NORP")])
    out = idx.file("a2", _named("a2") + [_l("a2", "norp:juror", "jurors", "NORP")])
    f = _filed(out, "norp:juror")
    assert f.canonical_id == "norp:jury" and f.evidence.startswith("same noun")


def test_a_known_persons_full_name_tagged_an_organisation_with_a_country_is_the_person():
    idx = ActorIndex()
    idx.file_batch([(a, [_l(a, "person:maurice-quill", "Maurice Quill", "PERSON")]) for a in ("a1", "a2")])
    idx = ActorIndex.from_state(json.loads(json.dumps(idx.to_state())))      # the next link run
    out = idx.file("a3", [_l("a3", "org:mo-quill", "Mo Quill", "ORG", country="USA", sector="business")])
    assert out[0].canonical_id == "person:maurice-quill"
    assert out[0].evidence == "full name of a known person (tagged ORG)"
    # a person filed once is not enough where the tagger gave the organisation a country
    idx.file("a4", [_l("a4", "person:sam-cole", "Sam Cole", "PERSON")])
    out = idx.file("a5", [_l("a5", "org:sam-cole", "Sam Cole", "ORG", country="USA")])
    assert out[0].canonical_id == "org:sam-cole"


def test_a_given_name_tagged_a_place_beside_that_persons_full_name_is_the_person():
    idx = ActorIndex()
    out = idx.file("a1", [_l("a1", "person:kathina-thomas", "Kathina Thomas", "PERSON"),
                          _l("a1", "gpe:kathina", "Kathina", "GPE")])
    f = _filed(out, "gpe:kathina")
    assert f.canonical_id == "person:kathina-thomas"
    assert f.evidence == "given name of the one person of that given name the same article names (tagged GPE)"
    # a place the gazetteer knows (it gave a country) stays a place
    out = idx.file("a2", [_l("a2", "person:austin-reed", "Austin Reed", "PERSON"),
                          _l("a2", "gpe:austin", "Austin", "GPE", country="USA")])
    assert _filed(out, "gpe:austin").canonical_id == "gpe:austin"
