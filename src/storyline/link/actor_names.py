"""Names as the corpus-level actor resolution compares them (a part of ``link/actors.py``): the words of a name,
a person's name without titles, nicknames and suffixes, the keys of organisations and places, given-name
agreement, and what may stand as an alias (a name) or is an unnamed actor (a common noun)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Optional

# titles and honorifics that open a person's name as tagged ("Mr. Smith", "Secretary Jones", "Dr. No")
TITLES = set("""
mr mrs ms miss mx dr prof sir dame lord lady madam president vice prime minister secretary senator sen rep
representative gov governor mayor judge justice gen general col colonel lt lieutenant capt captain sgt sergeant
adm admiral cmdr commander officer detective det chief coach father rev reverend pope king queen prince princess
sheikh emir sultan ambassador chancellor premier deputy former late then acting state attorney chairman ceo commissioner
envoy superintendent inspector trooper
""".split())
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "junior", "senior", "esq", "phd", "md"}
PRONOUNS = set("""
i me my mine myself you your yours yourself he him his himself she her hers herself it its itself we us our ours
ourselves they them their theirs themselves who whom whose this that these those one someone
""".split())
ORG_STOP = {"the", "of", "and", "&", "for", "in", "on", "at", "a", "an"}
LEGAL = {"co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "plc", "ag", "sa",
         "nv", "gmbh", "lp", "llp", "group", "holdings"}
FACILITY_TAIL = {"center", "centre", "clinic", "facility", "treatment", "rehab", "rehabilitation", "recovery"}
PLACE_TAIL = {"state", "city", "province", "county", "region", "district", "town", "village", "municipality"}
# common English given-name short forms (general English, both directions are tried)
NICKNAMES = {
    "alex": "alexander", "al": "albert", "andy": "andrew", "ben": "benjamin", "bill": "william",
    "billy": "william", "bob": "robert", "bobby": "robert", "chris": "christopher", "dan": "daniel",
    "danny": "daniel", "dave": "david", "dick": "richard", "don": "donald", "ed": "edward", "eddie": "edward",
    "fred": "frederick", "greg": "gregory", "jack": "john", "jim": "james", "jimmy": "james", "joe": "joseph",
    "john": "jonathan", "jon": "jonathan", "ken": "kenneth", "kate": "katherine", "kathy": "katherine",
    "larry": "lawrence", "liz": "elizabeth", "beth": "elizabeth", "matt": "matthew", "mike": "michael",
    "nick": "nicholas", "pat": "patrick", "pete": "peter", "rich": "richard", "rick": "richard",
    "rob": "robert", "ron": "ronald", "sam": "samuel", "steve": "steven", "sue": "susan", "ted": "edward",
    "tom": "thomas", "tony": "anthony", "vince": "vincent", "will": "william", "zach": "zachary",
    "jeff": "jeffrey", "jerry": "gerald", "tim": "timothy", "walt": "walter", "charlie": "charles",
    "chuck": "charles", "hank": "henry", "harry": "henry", "jenny": "jennifer", "jen": "jennifer",
    "meg": "margaret", "peggy": "margaret", "abby": "abigail", "becky": "rebecca", "cathy": "catherine",
    "nate": "nathan", "phil": "philip", "ray": "raymond", "russ": "russell", "stan": "stanley", "doug": "douglas",
    "mo": "maurice", "lenny": "leonard", "manny": "manuel", "gabe": "gabriel", "bernie": "bernard",
    "ollie": "oliver", "freddie": "frederick", "sammy": "samuel", "tommy": "thomas",
}
ORG_TYPES = {"ORG", "FAC"}          # a facility is named like an organisation ("Betty Ford Center")
STATE_ID = re.compile(r"^gpe:[A-Z]{3}$")
UNNAMED_TYPES = {"NORP", "LOC"}     # the types understand gives unnamed actors (understand/actors/unnamed.py)
MIN_SHARED = 2                      # named co-actors two articles share before their unnamed "jury" is one


def made_order(cid: str) -> int:
    """The order in which canonical actors of one base id were made: 'norp:jury' 1, 'norp:jury~3' 3."""
    tail = cid.rpartition("~")[2]
    return int(tail) if "~" in cid and tail.isdigit() else 1


def words(name: str) -> list[str]:
    """Lower-case word tokens: quotes, possessives and punctuation gone; 'O'Brien' -> 'obrien'. (The same
    keying as ``understand.actor_dictionary.name_words``, kept here so the link step does not load spaCy.)"""
    s = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    s = re.sub(r"'s\b|s'(?=\s|$)", "", s)
    return re.findall(r"[a-z0-9&]+", s.replace("'", "").replace(".", " ").replace("-", " ").lower())


def person_parts(name: str) -> tuple[str, ...]:
    """'Mr. Vincent "The Chin" Gigante Jr.' -> ('vincent', 'gigante'): the name's own words, first to last."""
    s = re.sub(r"[\"\u201c\u201d][^\"\u201c\u201d]*[\"\u201c\u201d]|\([^)]*\)", " ", name)   # nicknames, asides
    w = words(_after_lead(s))
    while len(w) > 1 and w[0] in TITLES:
        w = w[1:]
    while len(w) > 1 and w[-1] in SUFFIXES:
        w = w[:-1]
    return tuple(w)


def _after_lead(name: str) -> str:
    """A person's name without the words that open it up to an upper-case abbreviation ('Colts QB Andrew Luck',
    'NFL Commissioner Jane Roe' -> 'Andrew Luck', 'Commissioner Jane Roe'): a team, an agency or a role written
    before the name. Only in a name written in mixed case, and only when two words are left after it."""
    toks = name.split()
    caps = [i for i, t in enumerate(toks) if len(t) >= 2 and t.isalpha() and t.isupper()]
    if not caps or len(toks) - caps[-1] - 1 < 2 or all(t.isupper() for t in toks[caps[-1] + 1:]):
        return name
    return " ".join(toks[caps[-1] + 1:])


def org_key(name: str) -> str:
    """'The Advanced Micro Devices Inc.' -> 'advanced micro devices'; 'Betty Ford Treatment Center' and
    'Betty Ford Clinic' -> 'betty ford' (legal suffixes and generic facility words dropped at the end); a state
    written as 'U.S.', 'US' or 'United States' is one key ('u s geological survey')."""
    w = [x for x in _state_abbrev(words(name)) if x not in ORG_STOP]
    while len(w) > 1 and (w[-1] in LEGAL or w[-1] in FACILITY_TAIL):
        w = w[:-1]
    return " ".join(w)


STATE_ABBREV = {("united", "states"): ("u", "s"), ("united", "kingdom"): ("u", "k"), ("us",): ("u", "s"),
                ("uk",): ("u", "k"), ("usa",): ("u", "s", "a")}


def _state_abbrev(w: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(w):
        two = tuple(w[i:i + 2])
        if two in STATE_ABBREV:
            out.extend(STATE_ABBREV[two])
            i += 2
        elif (w[i],) in STATE_ABBREV and len(w) > 1:      # 'US' alone stays a name of its own
            out.extend(STATE_ABBREV[(w[i],)])
            i += 1
        else:
            out.append(w[i])
            i += 1
    return out


# place words that make a name of another place when they close it: Kansas City is not Kansas, San Diego County
# not San Diego (a city or a county named after a state, a region or a town is a place of its own)
OWN_PLACE_TAIL = {"city", "county"}


def place_key(name: str) -> str:
    """'New York State', 'Aceh province' and 'the City of New York' -> 'new york', 'aceh': a place word at the end,
    or opening the name before 'of', is dropped; but 'Kansas City' and 'San Diego County' keep theirs
    (``OWN_PLACE_TAIL``), and 'the County of San Diego' is 'san diego county'."""
    w = [x for x in words(name) if x != "the"]
    if len(w) > 2 and w[0] in PLACE_TAIL and w[1] == "of":
        w = w[2:] + (["county"] if w[0] == "county" else [])
    while len(w) > 1 and w[-1] in PLACE_TAIL - OWN_PLACE_TAIL:
        w = w[:-1]
    return " ".join(w)


def initials(name: str) -> str:
    """What a name spells as an acronym. (Spelling a city's police named without "department" as its
    department's, "New York Police" as "NYPD", joined one such pair on ECB+: entities of topics A +0.001, B
    unchanged, but merged events of topics B 0.770 -> 0.764: left out.)"""
    return "".join(x[0] for x in words(name) if x not in ORG_STOP)


def first_names_agree(a: str, b: str) -> Optional[str]:
    """How two given names agree (None when they do not)."""
    if a == b:
        return "same given name"
    if len(a) == 1 or len(b) == 1:
        return "initial" if a[0] == b[0] else None
    if NICKNAMES.get(a) == b or NICKNAMES.get(b) == a or (NICKNAMES.get(a) and NICKNAMES.get(a) == NICKNAMES.get(b)):
        return "short form of the given name"
    if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a)):
        return "short form of the given name"
    return None


def is_name(alias: str) -> bool:
    """A name as written (capitalised, not a pronoun): what may stand as an alias."""
    a = alias.strip()
    return bool(a) and a.lower() not in PRONOUNS and any(w[:1].isupper() for w in a.split()) \
        and not a.lower().startswith(("the ", "a ", "an ")) or bool(re.match(r"^[A-Z]{2,}", a))


def is_unnamed(type_: str, name: str, country: Optional[str] = None) -> bool:
    """An unnamed person, group or place ("jury", "driver", "scene": understand/actors/unnamed.py): named by a
    lower-case common noun, no country. No evidence of who a story is about: stories should not count it."""
    return type_ in UNNAMED_TYPES and not country and not is_name(name)



def role_key(noun: str) -> str:
    """A role noun as roles are compared across articles: the last word, lower case, singular ('the trial
    judge' -> 'judge', 'attorneys' -> 'attorney', 'facilities' -> 'facility')."""
    w = words(noun)
    if not w:
        return ""
    r = w[-1]
    if len(r) > 4 and r.endswith("ies"):
        r = r[:-3] + "y"
    elif len(r) > 3 and r.endswith("s") and not r.endswith(("ss", "us", "is")):
        r = r[:-1]
    return ROLE_SYNONYMS.get(r, r)


# role nouns of one meaning in general English, compared as one ("her lawyer" there, "the attorney" here)
ROLE_SYNONYMS = {"lawyer": "attorney", "counsel": "attorney", "mom": "mother", "mum": "mother", "dad": "father",
                 "cop": "officer", "policeman": "officer", "policewoman": "officer", "physician": "doctor"}


def roles_of(name: str, aliases: tuple[str, ...], descriptors: Iterable[str]) -> set[str]:
    """The role nouns an article ties to one of its named actors: its descriptors (the mentions by a common
    noun understand gave it: 'Doe, the judge', 'lawyer Jane Doe', 'the actress' read as the article's main
    person) and a title opening its name or an alias ('Judge Jane Doe', 'Coach Roe')."""
    out = {role_key(d) for d in descriptors}
    for n in (name, *aliases):
        w = words(n)
        if len(w) > 1 and w[0] in TITLES and w[0] not in ROLELESS_TITLES:
            out.add(w[0])
    return out - {""}


# titles that are no role noun an unnamed actor is named by (honorifics, abbreviations, time words)
ROLELESS_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "madam", "sen",
                   "rep", "gov", "gen", "col", "lt", "capt", "sgt", "adm", "cmdr", "det", "rev", "former", "late",
                   "then", "acting", "state", "deputy", "vice", "prime"}


# nouns that say what a person is, not which role they play, or name a group: no evidence of one person
GENERIC_ROLES = set("""
man woman boy girl person people child kid baby teen teenager adult youth guy lady gentleman resident citizen
member group team squad crew family police force staff people public crowd
""".split())



# a group and its members, one actor in general English ("the jury" and "the jurors" of one trial)
COLLECTIVES = {"juror": "jury"}


def unnamed_key(noun: str) -> str:
    """How unnamed actors of one noun are told apart across articles: the noun, lower case, singular, a member
    as its group ('jurors' -> 'jury', 'the jury' -> 'jury', 'officers' -> 'officer')."""
    w = [x for x in words(noun) if x not in {"the", "a", "an"}]
    if not w:
        return noun.lower()
    r = role_key(w[-1])
    r = COLLECTIVES.get(r, r)
    return " ".join([*w[:-1], r])
