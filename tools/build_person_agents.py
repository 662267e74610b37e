#!/usr/bin/env python3
"""Build src/storyline/data/actors/person_agents.txt: the one-word agent nouns of PETRARCH2's Phoenix.agents.txt
that name a single person ("arsonist", "gunman", "smuggler", "prosecutor"), one lower-case singular per line.

    python tools/build_person_agents.py [PETRARCH2_DIR]     # default: ../shared/resources/petrarch2

Phoenix lists people, bodies and machines alike (``ARSONIST [~CRM]``, ``MINISTRY``, ``BOMBER``); a person is kept
by the shape English gives a noun of a person who does something: an agent suffix (-er, -or, -ist, -ian, -ant,
-ent, -man, -ee, -eer, -ess, -ster, -ic, -ite, -ive, -ar, -ary) or one of the few base nouns Phoenix lists for a
person with no such suffix (thief, spy, judge ...: ``PERSON_BASES`` below), less the machines, vessels and
organisations those suffixes also form (bomber, tanker, carrier, manufacturer ...: ``NOT_PEOPLE``) and plurals.
The per-article resolver (understand/actors/person_agents.py) reads the file: such a noun is a mention of a person
the article ties it to, else of an unnamed actor of the article.

Phoenix.agents.txt is Copyright (c) 2014 Open Event Data Alliance, MIT licence; the attribution is written into
the data file's header, as the licence asks.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "storyline" / "data" / "actors" / "person_agents.txt"
SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "ee", "eer", "ess", "ster", "ic", "ite", "ive", "ar",
            "ary", "ie", "ier")
# a person with no agent suffix (general English)
PERSON_BASES = {"thief", "spy", "judge", "cop", "crook", "convict", "felon", "outlaw", "bandit", "brigand", "pirate",
                "envoy", "chief", "captain", "marshal", "general", "sergeant", "corporal", "colonel", "lieutenant",
                "ensign", "admiral", "consul", "delegate", "diplomat", "bureaucrat", "autocrat", "despot", "tyrant",
                "monarch", "king", "queen", "prince", "emperor", "empress", "sovereign", "dean", "cleric", "monk",
                "priest", "rabbi", "imam", "mullah", "bishop", "abbot", "nun", "pilgrim", "exile", "refugee",
                "migrant", "immigrant", "emigrant", "expatriate", "tourist", "guard", "nurse", "doctor", "medic",
                "midwife", "nanny", "athlete", "candidate", "pupil", "student", "graduate", "scholar", "expert",
                "official", "deputy", "victim", "hostage", "captive", "detainee", "culprit", "mobster", "tycoon",
                "magnate", "patriarch", "widow", "orphan", "youth", "child", "infant", "citizen", "civilian",
                "peasant", "villager", "native", "resident", "person", "lawyer", "attorney", "counsel", "hitman",
                "triggerman", "gunman", "rapist", "mugger", "thug", "vandal", "zealot", "fanatic"}
# what the suffixes also form: machines, vessels, bodies, firms, things, adjectives
NOT_PEOPLE = {"bomber", "destroyer", "cruiser", "freighter", "tanker", "supertanker", "carrier", "oiler", "liner",
              "jetliner", "airliner", "containership", "battleship", "fighter-bomber", "jetfighter", "corvette",
              "manufacturer", "manafacture", "maker", "carmaker", "automaker", "steelmaker", "provider", "publisher",
              "newspaper", "exporter", "importer", "retailer", "operator", "regulator", "supplier", "contractor",
              "dealer", "distributor", "broadcaster", "producer", "insurer", "lender", "computer", "server",
              "parliament", "government", "department", "establishment", "movement", "management", "settlement",
              "apparatus", "polity", "society", "military", "paramilitary", "judiciary", "secretary", "dignitary",
              "monastery", "chancellery", "sanatarium", "sanatorium", "sanitarium", "infirmary", "gendermarie",
              "gendarmery", "soldiery", "praesidium", "presidium", "politburo", "procuratorate", "secretariate",
              "tribunal", "media", "medical", "islamic", "jewish", "holy", "naval", "retired", "naturalized",
              "semi-official", "state-owned", "reactionary", "liberation", "insurgent", "communist", "opposition",
              "spoke", "vip", "mp", "doc", "tv", "mig", "kfir", "hmmwv", "humvee", "hebrew", "center", "order",
              "power", "member", "people", "personnel", "staff", "family", "group", "party", "business",
              "agrobusiness", "chamber", "congress", "regiment", "website", "mother", "tinginist", "branokker",
              "brigaider"}


def read(path: Path) -> list[str]:
    out = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        m = re.match(r"^([A-Z][A-Z'-]*)\s*(?:\{[^}]*\})?\s*\[~?[A-Z]+\]", line)
        if not m:
            continue
        w = m.group(1).lower()
        if not re.fullmatch(r"[a-z][a-z-]*[a-z]", w) or w in NOT_PEOPLE:
            continue
        if w.endswith(("men", "s")) and not w.endswith(("ss", "us")):
            continue   # plurals ("gunmen", "marines"): the resolver compares lemmas
        if w in PERSON_BASES or w.endswith(SUFFIXES):
            out.add(w)
    return sorted(out)


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "resources" / "petrarch2"
    path = src / "Phoenix.agents.txt"
    if not path.is_file():
        print(f"build_person_agents: {path}: no such file (the PETRARCH2 dictionaries)", file=sys.stderr)
        return 1
    words = read(path)
    OUT.write_text("# One-word person agent nouns of PETRARCH2's Phoenix.agents.txt (tools/build_person_agents.py).\n"
                   "# Phoenix.agents.txt: Copyright (c) 2014 Open Event Data Alliance, MIT licence "
                   "(openeventdata/petrarch2).\n" + "".join(w + "\n" for w in words), encoding="utf-8")
    print(f"wrote {len(words)} nouns to {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
