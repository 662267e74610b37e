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
    ("premier", "government"), ("lawmaker", "government"), ("congressman", "government"),
    ("congresswoman", "government"), ("legislator", "government"), ("commissioner", "government"),
    ("king", "government"), ("queen", "government"), ("spokesman", None), ("spokeswoman", None),
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
