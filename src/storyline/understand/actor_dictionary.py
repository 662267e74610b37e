"""Dictionaries the actor resolver reads: states (pycountry + data/actors/countries.tsv), role words
and titles (-> sector), organisation suffixes, descriptor nouns, news media.

All lists are general English; nothing here is keyed to a particular article.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"


def slug(text: str) -> str:
    s = re.sub(r"[^0-9a-z]+", "-", text.lower().replace("\u2019", "'").replace("'", "")).strip("-")
    return s or "x"


def norm_key(text: str) -> str:
    t = text.replace("\u2019", "'").strip()
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = re.sub(r"\s*'s?$", "", t) if t.endswith("'s") or t.endswith("s'") else t
    return re.sub(r"\s+", " ", t).strip().lower()


class CountryIndex:
    """Surface form -> ISO alpha-3, in three kinds: names (incl. codes), demonyms, capitals."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self.preferred: dict[str, str] = {}
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if v:
                    self.names.setdefault(v.lower(), c.alpha_3)
            self.preferred[c.alpha_3] = getattr(c, "common_name", None) or c.name
        text = DATA_DIR.joinpath("countries.tsv").read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = (line.split("\t") + ["", "", "", ""])[:5]
            a3, pref, others, dem, caps = cols
            self.preferred[a3] = pref
            self.names[pref.lower()] = a3
            for o in filter(None, others.split("|")):
                self.names[o.lower()] = a3
            for d in filter(None, dem.split("|")):
                self.demonyms[d.lower()] = a3
            for cap in filter(None, caps.split("|")):
                self.capitals[cap.lower()] = a3

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(alpha3, kind) with kind in name | demonym | capital; None when not a state."""
        k = norm_key(text)
        if k in self.names:
            # two-letter codes only when written in capitals ("US", not "us")
            if len(k) <= 3 and not text.replace(".", "").replace("the ", "").strip().isupper():
                return None
            return self.names[k], "name"
        if k in self.demonyms:
            return self.demonyms[k], "demonym"
        if k in self.capitals:
            return self.capitals[k], "capital"
        return None

    def name(self, a3: str) -> str:
        return self.preferred.get(a3, a3)


@lru_cache(maxsize=1)
def countries() -> CountryIndex:
    return CountryIndex()


# ---------------------------------------------------------------- titles and role words -> sector
# (multi-word first; matched on lower-cased, space-joined title text)
TITLE_SECTORS: list[tuple[str, str]] = [
    ("secretary of state", "government"), ("prime minister", "government"), ("foreign minister", "government"),
    ("attorney general", "government"), ("chief executive", "business"), ("chief financial officer", "business"),
    ("chief operating officer", "business"), ("chief technology officer", "business"),
    ("vice president", "government"), ("head of state", "government"), ("press secretary", "government"),
    ("president", "government"), ("secretary", "government"), ("minister", "government"), ("senator", "government"),
    ("sen.", "government"), ("rep.", "government"), ("governor", "government"), ("gov.", "government"),
    ("mayor", "government"), ("ambassador", "government"), ("diplomat", "government"), ("chancellor", "government"),
    ("envoy", "government"), ("emissary", "government"), ("negotiator", "government"), ("consul", "government"),
    ("delegate", "government"),
    ("premier", "government"), ("lawmaker", "government"), ("congressman", "government"),
    ("congresswoman", "government"), ("legislator", "government"), ("commissioner", "government"),
    ("king", "government"), ("queen", "government"), ("emir", "government"), ("sultan", "government"),
    ("crown prince", "government"), ("spokesman", None), ("spokeswoman", None),
    ("spokesperson", None), ("official", None),
    ("general", "military"), ("gen.", "military"), ("admiral", "military"), ("colonel", "military"),
    ("commander", "military"), ("lieutenant", "military"), ("sergeant", "military"), ("soldier", "military"),
    ("ceo", "business"), ("cfo", "business"), ("coo", "business"), ("cto", "business"), ("founder", "business"),
    ("co-founder", "business"), ("chairman", "business"), ("chairwoman", "business"), ("executive", "business"),
    ("billionaire", "business"), ("entrepreneur", "business"), ("investor", "business"), ("analyst", "business"),
    ("reporter", "media"), ("journalist", "media"), ("editor", "media"), ("columnist", "media"),
    ("correspondent", "media"), ("anchor", "media"), ("judge", "judiciary"), ("justice", "judiciary"),
    ("prosecutor", "judiciary"), ("lawyer", "legal"), ("attorney", "legal"), ("professor", "education"),
    ("researcher", "education"), ("scientist", "education"), ("activist", "civil society"),
]
TITLE_WORDS = {w for t, _ in TITLE_SECTORS for w in t.split()} | {
    "deputy", "acting", "former", "chief", "senior", "top", "head", "leader", "director", "manager", "officer",
    "vice", "assistant", "state", "foreign", "defense", "defence", "trade", "commerce", "finance", "treasury",
    "interior", "justice", "economy", "of", "the", "and", "mr.", "mrs.", "ms.", "dr.", "prof.", "lt.", "col.",
    "ceo", "co-founder", "u.s.", "u.k.",
}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "madam"}

# ---------------------------------------------------------------- organisations
LEGAL_SUFFIXES = {
    "co", "co.", "company", "corp", "corp.", "corporation", "inc", "inc.", "incorporated", "ltd", "ltd.",
    "limited", "llc", "l.l.c.", "plc", "p.l.c.", "ag", "sa", "s.a.", "nv", "n.v.", "bv", "gmbh", "se", "spa",
    "s.p.a.", "oy", "oyj", "ab", "asa", "kk", "k.k.", "pte", "pty", "lp", "l.p.", "llp", "&",
}
INDUSTRY_TAILS = {
    "technologies", "technology", "holdings", "holding", "group", "electronics", "international",
    "industries", "enterprises", "systems",
}
# heads that make "X's <head>" / "X <head>" the state of X
STATE_AGENCY_HEADS = {
    "government", "administration", "ministry", "department", "embassy", "consulate", "cabinet", "parliament",
    "congress", "senate", "military", "army", "navy", "air force", "authorities", "regime", "presidency",
    "foreign office", "state department", "officials", "leadership", "diplomats", "mission",
}
GOV_HEAD_NOUNS = {"government", "administration", "authorities", "officials", "regime", "leadership",
                  "ministry", "cabinet", "diplomats", "lawmakers", "military", "army", "navy", "forces", "embassy"}
MILITARY_HEADS = {"military", "army", "navy", "forces", "air force", "troops"}

# seats of government used as metonyms: ORG with a country and a sector
SEATS = {
    "white house": ("USA", "government"), "pentagon": ("USA", "military"), "capitol hill": ("USA", "government"),
    "kremlin": ("RUS", "government"), "downing street": ("GBR", "government"), "whitehall": ("GBR", "government"),
    "elysee": ("FRA", "government"), "élysée": ("FRA", "government"), "blue house": ("KOR", "government"),
    "zhongnanhai": ("CHN", "government"), "state department": ("USA", "government"),
    "commerce department": ("USA", "government"), "justice department": ("USA", "government"),
    "treasury department": ("USA", "government"), "defense department": ("USA", "government"),
    "congress": ("USA", "government"), "senate": (None, "government"), "parliament": (None, "government"),
}

# news organisations: name words, and a short list of well-known agencies and broadcasters
MEDIA_WORDS = {"news", "times", "post", "journal", "herald", "tribune", "gazette", "daily", "ilbo", "shimbun",
               "zeitung", "press", "telegraph", "guardian", "observer", "chronicle", "magazine", "radio",
               "television", "tv", "broadcasting", "broadcaster", "newspaper", "review", "wire", "media",
               "network", "channel", "agency", "bulletin", "monitor", "report", "economist"}
MEDIA_NAMES = {"reuters", "bloomberg", "afp", "ap", "associated press", "xinhua", "yonhap", "kyodo", "tass",
               "ria novosti", "bbc", "cnn", "cbs", "nbc", "abc", "fox", "fox news", "fox business", "msnbc", "npr",
               "pbs", "al jazeera", "cnbc", "axios", "politico", "cnet", "the verge", "wired", "techcrunch",
               "nikkei", "sputnik", "rt", "dpa", "efe", "ansa", "global times", "people's daily", "cgtn"}

# descriptor nouns (definite NPs that corefer with an organisation / a state)
BUSINESS_DESCRIPTORS = {
    "company", "firm", "giant", "titan", "maker", "group", "carrier", "operator", "manufacturer", "vendor",
    "supplier", "producer", "corporation", "conglomerate", "retailer", "bank", "lender", "insurer", "automaker",
    "carmaker", "chipmaker", "telco", "startup", "business", "brand", "provider", "developer", "platform",
    "multinational", "behemoth", "heavyweight", "rival", "incumbent", "exporter", "importer", "airline",
}
MEDIA_DESCRIPTORS = {"newspaper", "paper", "daily", "broadcaster", "outlet", "tabloid", "agency", "magazine"}
STATE_DESCRIPTORS = {"country", "nation", "government", "administration", "state", "regime"}
OFFICIAL_NOUNS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "representative",
                  "executive", "source", "sources", "officer", "diplomat", "aide", "insider", "employee",
                  "lawyer", "analyst", "minister", "ministry"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}

# ---------------------------------------------------------------- groups named by nationality or place
# "Moroccan diplomats", "a Russian official", "Turkish police": people acting for the state -> the state.
STATE_GROUP_HEADS = {
    "official", "diplomat", "minister", "authority", "government", "administration", "regime", "ministry",
    "cabinet", "parliament", "lawmaker", "legislator", "negotiator", "envoy", "delegation", "embassy",
    "consulate", "ambassador", "spokesman", "spokeswoman", "spokesperson", "leadership", "troop", "soldier",
    "force", "police", "policeman", "army", "military", "navy", "warship", "warplane", "jet", "aircraft",
    "gunboat", "vessel", "tank", "artillery", "bomber", "helicopter", "agent", "guard", "officer", "paratrooper",
    "marine", "commando", "peacekeeper", "patrol", "security", "intelligence", "investigator", "inspector",
    "prosecutor", "judge", "court", "representative", "mission",
}
# "Ugandan rebels", "Swiss doctors", "French farmers": people of a country who are not its state.
GROUP_SECTORS = {
    "rebel": "rebels", "guerrilla": "rebels", "guerilla": "rebels", "militant": "rebels", "insurgent": "rebels",
    "separatist": "rebels", "fighter": "rebels", "militiaman": "rebels", "militia": "rebels", "gunman": "rebels",
    "extremist": "rebels", "terrorist": "rebels", "hacker": "rebels", "faction": "rebels",
    "protester": "civil society", "protestor": "civil society", "demonstrator": "civil society",
    "activist": "civil society", "student": "civil society", "worker": "civil society",
    "farmer": "civil society", "union": "civil society", "teacher": "civil society", "doctor": "civil society",
    "nurse": "civil society", "lawyer": "legal", "opposition": "political", "leader": "political",
    "party": "political", "politician": "political", "businessman": "business", "businesswoman": "business",
    "company": "business", "firm": "business", "bank": "business", "investor": "business",
    "newspaper": "media", "paper": "media", "daily": "media", "weekly": "media", "radio": "media",
    "television": "media", "media": "media", "journalist": "media", "reporter": "media", "press": "media",
    "citizen": "civilians", "national": "civilians", "people": "civilians", "civilian": "civilians",
    "refugee": "civilians", "immigrant": "civilians", "migrant": "civilians", "prisoner": "civilians",
    "hostage": "civilians", "villager": "civilians", "resident": "civilians", "inhabitant": "civilians",
    "pilgrim": "civilians", "tourist": "civilians", "fisherman": "civilians", "crowd": "civilians",
    "youth": "civilians", "group": None, "community": "civilians", "minority": "civilians",
    "cleric": "religion", "priest": "religion", "monk": "religion", "bishop": "religion",
    "archbishop": "religion", "expert": None, "scientist": "education", "adviser": None, "advisor": None,
    "volunteer": "civil society", "victim": "civilians", "settler": "civilians", "mob": "civilians",
    # Phoenix.agents.txt's criminals (~CRM): 'Somali pirates' are a group of Somalia, not its state
    "pirate": "criminals", "smuggler": "criminals", "trafficker": "criminals", "kidnapper": "criminals",
    "bandit": "criminals", "robber": "criminals", "gang": "criminals", "gangster": "criminals",
    "criminal": "criminals", "hijacker": "criminals", "poacher": "criminals", "cartel": "criminals",
}
GROUP_HEADS = STATE_GROUP_HEADS | set(GROUP_SECTORS)

IT_PRONOUNS = {"it", "its", "itself"}
THEY_PRONOUNS = {"they", "their", "them", "themselves", "theirs"}


# ---------------------------------------------------------------- well-known leaders (data/actors/leaders.tsv)
@lru_cache(maxsize=1)
def leaders() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(full name -> (alpha3, sector), unambiguous surname -> (alpha3, sector)), lower-cased keys."""
    full: dict[str, tuple[str, str]] = {}
    by_surname: dict[str, set[tuple[str, str]]] = {}
    path = DATA_DIR / "leaders.tsv"
    if not path.exists():
        return {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", ""])[:3]
        names, a3, sector = cols[0], cols[1].strip(), cols[2].strip() or "government"
        for i, name in enumerate(filter(None, (n.strip() for n in names.split("|")))):
            key = name.lower()
            full[key] = (a3, sector)
            if i == 0 and " " in key:
                by_surname.setdefault(key.split()[-1], set()).add((a3, sector))
    surnames = {s: next(iter(v)) for s, v in by_surname.items()
                if len({a for a, _ in v}) == 1 and len(s) >= 4 and s not in AMBIGUOUS_SURNAMES}
    return full, surnames


# surnames too common to name one leader without a first name or a title
AMBIGUOUS_SURNAMES = {"khan", "singh", "kim", "park", "lee", "wang", "zhang", "chen", "nguyen", "ali",
                      "ahmed", "hussein", "smith", "johnson", "jones", "brown", "taylor", "williams", "davis",
                      "king", "young", "hall", "rahman", "abdullah", "santos", "silva", "martin", "thomas",
                      "lopez", "garcia", "rodriguez", "gonzalez", "fernandez", "perez", "sanchez"}


# ---------------------------------------------------------------- people named by a role ("the actress", "the driver")
# General English nouns for a single person, by grammatical gender where English marks it. RELATIONAL ones
# ("his wife", "her lawyer") name someone other than the person they relate to: they resolve only through a tie
# written in the article ("Doe's lawyer, Jane Roe"; "the lawyer Jane Roe"), never to the article's main person.
FEMALE_ROLES = {"woman", "girl", "actress", "lady", "waitress", "businesswoman", "policewoman", "spokeswoman",
                "starlet", "heiress", "chairwoman", "congresswoman", "sportswoman", "schoolgirl", "widow"}
MALE_ROLES = {"man", "boy", "gentleman", "businessman", "policeman", "widower", "schoolboy", "congressman",
              "sportsman", "chairman", "spokesman"}
NEUTRAL_ROLES = {
    "teen", "teenager", "youth", "child", "kid", "toddler", "infant", "student", "driver", "motorist",
    "pedestrian", "cyclist", "victim", "suspect", "gunman", "shooter", "attacker", "assailant", "killer",
    "robber", "thief", "inmate", "prisoner", "convict", "escapee", "fugitive", "defendant", "offender",
    "climber", "hiker", "mountaineer", "skier", "swimmer", "diver", "singer", "rapper", "musician", "star",
    "celebrity", "actor", "comedian", "model", "director", "producer", "writer", "author", "novelist",
    "artist", "coach", "player", "athlete", "quarterback", "receiver", "striker", "goalkeeper", "pitcher",
    "champion", "challenger", "boxer", "rookie", "veteran", "doctor", "physician", "surgeon", "nurse",
    "patient", "detective", "trooper", "sheriff", "juror", "witness", "resident", "homeowner", "owner",
    "worker", "employee", "executive", "founder", "candidate", "nominee", "winner", "survivor", "passenger",
    "pilot", "sailor", "soldier", "senator", "governor", "mayor", "lawmaker", "politician", "activist",
    "journalist", "reporter", "photographer", "scientist", "researcher", "professor", "teacher", "priest",
    "pastor", "bishop", "veterinarian", "entrepreneur", "billionaire", "millionaire", "officer", "scorer",
}
RELATIONAL_ROLES = {
    "wife", "husband", "girlfriend", "boyfriend", "fiancee", "fiance", "partner", "mother", "father", "mom",
    "dad", "son", "daughter", "brother", "sister", "grandmother", "grandfather", "grandson", "granddaughter",
    "aunt", "uncle", "niece", "nephew", "cousin", "stepfather", "stepmother", "parent", "relative", "friend",
    "neighbor", "neighbour", "lawyer", "attorney", "spokesperson", "agent", "publicist", "manager", "client",
    "boss", "colleague", "teammate", "rival", "opponent", "successor", "predecessor", "assistant", "aide",
    "bodyguard", "landlord", "tenant", "employer", "rep", "representative",
}
PERSON_ROLES = FEMALE_ROLES | MALE_ROLES | NEUTRAL_ROLES | RELATIONAL_ROLES
FEMALE_RELATIONAL = {"wife", "girlfriend", "fiancee", "mother", "mom", "daughter", "sister", "grandmother",
                     "granddaughter", "aunt", "niece", "stepmother"}
MALE_RELATIONAL = {"husband", "boyfriend", "fiance", "father", "dad", "son", "brother", "grandfather", "grandson",
                   "uncle", "nephew", "stepfather"}
# descriptors of an organisation that plays (a team, a club)
TEAM_DESCRIPTORS = {"team", "club", "franchise", "squad"}

# common nouns (lemmas) that name an actor: a state or a group of them, a body, people; the roles of events are
# these, never things ("shots", "two counts", "the allegations", "threats")
STATE_NOUNS = {"country", "nation", "state", "ally", "partner", "neighbour", "neighbor", "member",
               "superpower", "coalition", "bloc", "alliance", "kingdom", "republic"}
BODY_NOUNS = {"agency", "body", "institution", "organisation", "organization", "committee", "council", "board",
              "commission", "department", "office", "bureau", "corporation", "business", "carrier", "operator",
              "supplier", "manufacturer", "maker", "vendor", "giant", "provider", "contractor", "club", "team",
              "movement", "association", "federation", "regulator", "watchdog", "authority"}
ACTOR_NOUNS = ((STATE_NOUNS | BODY_NOUNS | STATE_DESCRIPTORS | STATE_GROUP_HEADS | set(GROUP_SECTORS) | PERSON_ROLES
                | BUSINESS_DESCRIPTORS) - {"brand", "platform", "paper", "security", "intelligence"}
               | {"person", "man", "woman", "official", "family", "everyone", "somebody", "someone", "public",
                  "customer", "user", "consumer", "voter", "kid", "criminal", "murderer", "fan", "crew", "staff",
                  "personnel", "guest", "visitor", "traveller", "traveler", "commuter", "taxpayer", "shareholder",
                  "participant", "delegate", "campaigner", "supporter", "follower", "critic", "opponent",
                  "enemy", "detainee", "captive", "hostage", "suspect", "attendee", "applicant", "child",
                  # people news names as the ones acted on or acting: victims, bystanders, followers of a cause
                  "schoolchild", "schoolchildren", "pupil", "baby", "nun", "foreigner", "observer", "tribesman",
                  "tribesmen", "clansman", "clansmen", "warlord", "bystander", "shopper", "abductee", "elder",
                  "chieftain", "loyalist", "partisan", "sniper", "fundamentalist", "nationalist", "royalist",
                  "communist", "maoist", "socialist", "democrat", "sheikh", "emir", "ayatollah", "pope", "seeker"})


# ------------------------------------------------------- Phoenix actor dictionaries (data/actors/phoenix.tsv.gz)
# built by tools/build_phoenix_actors.py from PETRARCH2's Phoenix.*.actors.txt (MIT, Open Event Data): people and
# organisations with CAMEO codes, date-ranged for offices ("USA GOV" from 2009-01-20)
PHOENIX_SECTORS = {
    "GOV": "government", "LEG": "government", "SPY": "government", "COP": "government", "MIL": "military",
    "ELI": "political", "OPP": "political", "PTY": "political", "BUS": "business", "MNC": "business",
    "MED": "media", "JUD": "judiciary", "EDU": "education", "REB": "rebels", "INS": "rebels", "UAF": "rebels",
    "IGO": "international", "NGO": "civil society", "HRI": "civil society", "CVL": "civilians",
    "LAB": "civil society", "REL": "religion", "CHR": "religion", "MOS": "religion", "HLH": "health",
    "CRM": "criminals", "IMG": "rebels", "ISM": "rebels",
}
_NAME_TITLES = HONORIFICS | {w.rstrip(".") for w in HONORIFICS} | {
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative", "governor",
    "gov", "mayor", "judge", "justice", "general", "gen", "colonel", "col", "admiral", "adm", "king", "queen",
    "prince", "princess", "sheikh", "emir", "sultan", "ambassador", "chancellor", "premier", "former", "late",
    "deputy", "acting", "lt", "capt", "captain", "sgt", "pope", "rev", "reverend", "chairman", "ceo", "coach"}


def name_words(name: str) -> list[str]:
    """A name's words as dictionaries key them: lower case, no dots or apostrophes, hyphens as spaces, a
    possessive dropped ("O'Brien's" -> ["obrien"])."""
    import unicodedata
    s = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    s = re.sub(r"'s\b|s'(?=\s|$)", "", s)
    return re.findall(r"[a-z0-9&]+", s.replace("'", "").replace(".", " ").replace("-", " ").lower())


def name_key(name: str) -> str:
    """A person's or organisation's name without nicknames in quotes, asides, leading titles ("President",
    "Mr.") and a leading "the": the key of the Phoenix dictionary."""
    s = re.sub(r"[\"\u201c\u201d][^\"\u201c\u201d]*[\"\u201c\u201d]|\([^)]*\)", " ", name)
    w = name_words(s)
    while len(w) > 1 and (w[0] in _NAME_TITLES or w[0] == "the"):
        w = w[1:]
    while len(w) > 1 and w[-1] in {"jr", "sr", "ii", "iii", "iv"}:
        w = w[:-1]
    return " ".join(w)


@lru_cache(maxsize=1)
def phoenix() -> dict[str, str]:
    import gzip
    path = DATA_DIR / "phoenix.tsv.gz"
    if not path.exists():
        return {}
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            k, v = line.rstrip("\n").split("\t", 1)
            out[k] = v
    return out


def phoenix_role(name: str, date: str | None = None) -> tuple[str | None, str | None] | None:
    """(ISO alpha-3 country or None, sector) of a named person or organisation in the Phoenix dictionaries, from
    the role valid at ``date`` (YYYY-MM-DD; else the open-ended, latest one); None when the name is not there.
    A one-word name is looked up only as an international body's acronym written in capitals ("NATO", "UNHCR"),
    an armed group's acronym so written ("FARC") or an armed group's own name ("Hamas", "Taliban")."""
    key = name_key(name)
    if " " in key:
        roles = phoenix().get(key)
    else:
        raw = re.findall(r"[^\W_]+", name.replace(".", "").replace("\u2019", "").replace("'", ""))
        word = raw[-1] if raw else ""
        if len(key) < 2 or not word[:1].isupper() or \
                not word.isupper() and word.lower().endswith(("ers", "ors", "ies", "ves")):
            return None   # a plural of people or things in title case ("the Tigers", "the Rangers") is a team
        roles = (phoenix().get(key.upper()) if word.isupper() else None) or phoenix().get(key)
        if roles and not word.isupper() and roles.startswith(("IGO", "NGO", "MNC")):
            return None   # a body's one-word name is an acronym ("UNHCR"); "Amit" written as a name is a person
    if not roles:
        return None
    parsed = []
    for r in roles.split("|"):
        code, lo, hi = (r.split("@") + ["", ""])[:3]
        parsed.append((code.split(" "), lo, hi))
    d = date if date and re.match(r"^\d{4}-\d{2}-\d{2}$", date) else None

    def dist(p):
        _, lo, hi = p
        if d is None:
            return (0 if not hi else 1, "" if not hi else "~" + hi)   # open-ended first, then the latest
        if (not lo or lo <= d) and (not hi or d <= hi):
            return (0, "")
        return (1, min(abs(_days(d) - _days(x)) for x in (lo, hi) if x) if (lo or hi) else 10 ** 6)
    code, _, _ = min(parsed, key=dist)
    first, second = code[0], (code[1] if len(code) > 1 else "")
    if first in {"IGO", "NGO", "MNC", "IMG", "ISM"}:   # no state: a home country only when the code gives one
        country = second if second in countries().preferred and first != "IMG" and first != "ISM" else None
        return country, PHOENIX_SECTORS[first]   # an IMG's second half is a region or creed ("IMG MUS"), no state
    country = first if first in countries().preferred else None
    return country, PHOENIX_SECTORS.get(second[:3]) if second else None


def _days(iso: str) -> int:
    import datetime as _dt
    try:
        return _dt.date.fromisoformat(iso).toordinal()
    except ValueError:
        return 0


# ------------------------------------------------ Phoenix country blocks (data/actors/phoenix_places.tsv.gz)
# built by tools/build_phoenix_actors.py from the country entries of Phoenix.Countries.actors.txt (MIT, Open Event
# Data): spelling variants, cities, regions and adjectives listed under one country ("kabul", "helmand", "basra",
# "afganistan", "tyumen") -> its ISO alpha-3 code
@lru_cache(maxsize=1)
def phoenix_places() -> dict[str, str]:
    import gzip
    path = DATA_DIR / "phoenix_places.tsv.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t", 1) for line in f if "\t" in line and not line.startswith("#"))
        return {k: v for k, v in rows if v in countries().preferred}


# words that name a part of any country ("North", "Central", "Capital"): no subdivision name made of them says which
GENERIC_PLACE_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                       "centre", "center", "capital", "coast", "coastal", "islands", "island", "lakes", "upper",
                       "lower", "middle", "north-east", "north-west", "south-east", "south-west", "northeast",
                       "northwest", "southeast", "southwest", "interior", "highlands", "mountain", "river", "city"}
PLACE_TAILS = {"province", "city", "region", "district", "governorate", "state", "county", "oblast", "prefecture",
               "territory"}


@lru_cache(maxsize=1)
def subdivisions() -> dict[str, str]:
    """ISO 3166-2 subdivision names (pycountry) that name a part of one country only ("sindh" -> PAK,
    "western cape" -> ZAF); names of generic words only ("Centre", "North") are left out."""
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        c = pycountry.countries.get(alpha_2=sub.country_code)
        for n in {sub.name, sub.name.split(",")[0]}:
            w = name_words(n)
            if w and not all(x in GENERIC_PLACE_WORDS for x in w) and c is not None:
                found.setdefault(" ".join(w), set()).add(c.alpha_3)
    return {n: next(iter(cs)) for n, cs in found.items() if len(cs) == 1}


def place_country(text: str, subdivision: bool = False) -> str | None:
    """The country of a place that the Phoenix country blocks list under one country ("Basra" -> IRQ, "Kabul
    province" -> AFG via "kabul"); with ``subdivision``, also an ISO 3166-2 subdivision of one country ("Sindh");
    a trailing place word ("province", "city", "region") may be dropped."""
    w = name_words(re.sub(r"^(?:the|The|THE)\s+", "", text))
    if not w:
        return None
    keys = [" ".join(w)] + ([" ".join(w[:-1])] if len(w) > 1 and w[-1] in PLACE_TAILS else [])
    tables = [phoenix_places()] + ([subdivisions()] if subdivision else [])
    return next((t[k] for t in tables for k in keys if k in t), None)
