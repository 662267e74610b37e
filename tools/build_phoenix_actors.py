#!/usr/bin/env python3
"""Build src/storyline/data/actors/phoenix.tsv.gz from the Phoenix actor dictionaries of PETRARCH2.

    python tools/build_phoenix_actors.py [PETRARCH2_DIR]     # default: ../shared/resources/petrarch2

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt (TABARI
format: an entry line ``NAME_WITH_UNDERSCORES [CODE]``, ``+ALIAS`` lines, and tab-indented ``[CODE DATES]`` lines;
DATES is ``YYMMDD-YYMMDD``, ``>YYMMDD`` (from), ``<YYMMDD`` (until), or with 8-digit years) and writes one line per
name that may stand for the actor in news copy: ``name<TAB>roles``, roles ``CODE@FROM@TO`` joined by ``|`` (dates
ISO, empty when open). Only what the resolver uses is kept: names of two words or more (after titles are
dropped: "President Barack Obama" -> "barack obama"), lower-cased; codes cut to the country and the first sector
(``USAGOVLEG`` -> ``USA GOV``). Generic phrases ("US military", "White House official") stay with the resolver's
own state and title rules.

It also writes src/storyline/data/actors/phoenix_places.tsv.gz from the country blocks of
Phoenix.Countries.actors.txt (``IRAQ_`` then ``+BASRA_``, ``+KIRKUK_``, ``+IRAQI_``): every spelling variant, city,
region and adjective listed under exactly one country, with that country's code valid now.

The dictionaries are Copyright (c) 2014 Open Event Data (Open Event Data Alliance), MIT licence; the MIT licence
text and this attribution are written into the data file's header, as the licence asks.
"""
from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "storyline" / "data" / "actors" / "phoenix.tsv.gz"
PLACES_OUT = REPO / "src" / "storyline" / "data" / "actors" / "phoenix_places.tsv.gz"
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
# words that open a name as a title, and generic words that make an entry a description rather than a name
TITLE = set("""mr mr. mrs mrs. ms ms. dr dr. president vice prime minister secretary senator sen sen. rep rep. governor
gov gov. mayor general gen gen. king queen prince princess sheikh emir sultan ambassador chancellor premier former
late the us u.s. american british chinese russian french german united states of state foreign defense defence
interior finance chairman chief justice judge lord sir colonel col admiral crown deputy acting president-elect""".split())  # noqa: E501 (a word list)
GENERIC = set("""official officials spokesman spokeswoman spokesperson government administration ministry
military army navy forces police party council committee court department office embassy parliament assembly
people citizens troops soldiers leader leaders""".split())


def _date(s: str) -> str:
    s = s.strip()
    if not s:
        return ""
    if len(s) == 6:
        yy = int(s[:2])
        s = f"{1900 + yy if yy > 30 else 2000 + yy}{s[2:]}"
    if len(s) != 8 or not s.isdigit():
        return ""
    return f"{s[:4]}-{s[4:6]}-{s[6:]}"


def _role(code: str) -> str | None:
    """'[USAGOVLEG 850103-130201]' -> 'USA GOV@1985-01-03@2013-02-01'."""
    m = re.match(r"\[\s*~?([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?)([0-9]*)-?([0-9]*)\s*\]", code)
    if not m:
        return None
    country, sector, op, a, b = m.groups()
    lo, hi = _date(a), _date(b)
    if op == "<":
        lo, hi = "", lo
    return f"{country} {sector or ''}".strip() + f"@{lo}@{hi}"


def _name(raw: str, titled: bool, one_word: bool = False, generic: bool = True) -> str | None:
    """A dictionary name as the resolver keys it (link/actors.py ``words``: lower case, no dots or apostrophes,
    hyphens as spaces); titles dropped from the names of people (``titled``); a one-word name only where
    ``one_word`` (the international bodies' acronyms and the armed groups' names: UN, NATO, UNHCR, Hamas); names
    with a generic word ("council", "party", "forces") only where not ``generic`` (the international bodies' file,
    whose every entry names one body: "UN Security Council", "Council of Europe")."""
    w = [x for x in raw.replace("_", " ").lower().split() if x]
    while w and (w[0] in TITLE if titled else w[0] == "the"):
        w = w[1:]
    if len(w) < (1 if one_word else 2) or (generic and any(x in GENERIC for x in w)) or \
            not all(re.match(r"^[a-z][a-z.'\-]*$", x) for x in w):
        return None
    return " ".join(re.findall(r"[a-z0-9&]+", " ".join(w).replace("'", "").replace(".", " ").replace("-", " ")))


# first halves of a code that name no state: international bodies, NGOs, international militarised groups and
# their sub-kinds; entries coded only with these (or a group sector below) are bodies and groups, not people
NON_STATE = ("IGO", "NGO", "IMG", "ISM")
GROUP_SECTORS = ("REB", "INS", "UAF")


def _group(codes: list[str], armed: bool) -> bool:
    """All of an entry's codes name a body or a group: an international body or NGO (IGO / NGO), or, in the armed
    groups' file (``armed``), also an international militarised group (IMG) or a rebel force (``AFGREB``). Its
    one-word names are acronyms or a group's own name ("NATO", "Hamas")."""
    cs = [c.lstrip("[ ~") for c in codes]
    return bool(cs) and all(c.startswith(NON_STATE[:2]) or armed and (c.startswith(NON_STATE[2:]) or
                                                                        c[3:6] in GROUP_SECTORS) for c in cs)


def _near(a: str, b: str) -> bool:
    """Two spellings of one word: at most two letters apart ("hizbullah", "hezbollah"; "taleban", "taliban")."""
    if abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 4:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2


def _one_word_kept(names: list[str], head: str | None) -> list[str]:
    """An armed group's names with its one-word aliases kept only when they are its headword ("HAMAS_") or a
    spelling of a one-word headword ("+HIZBULLAH" under "HEZBOLLAH_"), or as an acronym (five letters or fewer,
    keyed in capitals: the resolver matches them only as written in capitals); names of two words or more stay."""
    heads = [head] if head and " " not in head else []
    kept = [n for n in names if " " in n or n in heads or any(_near(n, h) for h in heads)]
    # other short aliases are acronyms ("+FARC", "+PLO", "+ETA"): keyed in capitals, for names written so
    return kept + [n.upper() for n in names if n not in kept and len(n) <= 5]


# sectors of a state's own institutions: an entry coded only with these and no dates is a body of the state
# ("KNESSET_ [ISRGOVLEG]", "DUMA [RUSLEG]", "MOSSAD [ISRSPY]"), not a person holding an office for a time
INSTITUTION_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY"}


def _institution(codes: list[str]) -> bool:
    """All of an entry's codes name one state's institution, undated: its one-word names ("Bundestag", "Knesset",
    "Duma", "IDF") stand for that state in news copy."""
    ms = [re.match(r"\[\s*~?([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>0-9\- ]*)\]", c) for c in codes]
    return bool(ms) and all(m is not None and (m.group(2) or "") in INSTITUTION_SECTORS and not m.group(3).strip()
                            for m in ms)


def _institution_names(names: list[str], shared: frozenset) -> list[str]:
    """A state institution's one-word names: three letters or fewer keyed in capitals, as the resolver matches them
    only so written ("IDF", "FSB"; "Dea" is a name); longer ones lower-cased, matched written in capitals or as a
    name ("Duma", "DUMA", "Knesset", "NASA"), except a word that names the same body in any state (``shared``:
    "Senate")."""
    return [n.upper() if len(n) <= 3 else n for n in names if " " not in n and n not in shared]


def parse(path: Path, titled: bool, armed: bool = False, shared: frozenset = frozenset()) -> dict[str, list[str]]:
    """``name -> roles`` of one dictionary file. An entry's one-word names are kept once all its codes are read
    (NATO's come on a line of their own after its aliases) and only when they name a body or a group. Names with
    a generic word are kept from the international bodies' file only: there every entry names one body ("UN
    Security Council"); an armed group's ("People's Liberation Army", "Revolutionary Army") may name a state's."""
    out: dict[str, list[str]] = {}
    raws: list[str] = []
    codes: list[str] = []

    def flush():
        one = _group(codes, armed)
        names = [n for n in (_name(r, titled, one_word=one, generic=titled or armed) for r in raws) if n]
        if armed:   # an armed group's one-word alias may be a nickname in plain English ("+YOUTH", "+FALCON"):
            names = _one_word_kept(names, _name(raws[0], titled, one_word=True, generic=False) if raws else None)
        elif titled and not one and _institution(codes):
            names += _institution_names([n for n in (_name(r, False, one_word=True, generic=False) for r in raws)
                                         if n], shared)
        roles = [r for r in map(_role, codes) if r]
        for n in names:
            for r in roles:
                if r not in out.setdefault(n, []):
                    out[n].append(r)
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        found = re.findall(r"\[[^\]]*\]", body)
        if body.startswith(("\t", " ")):
            codes.extend(found)
            continue
        word = re.sub(r"\[[^\]]*\]", "", body).strip()
        if body.startswith("+"):
            raws.append(word[1:])
            codes.extend(found)
            continue
        flush()
        raws, codes = [word], list(found)
    flush()
    return out


# the second half of an actor code that names a sector (an office, a force, a party): such an entry is an actor,
# not a place; every other suffix is a region or an occupation status ("PSEGZA", "IRQOCC", "BIHSRP")
SECTOR_CODES = set("""GOV ELI MIL OPP REB SPY COP LEG INS MUS JUD BUS MED EDU CVL LAB REL CHR MOS HLH CRM PTY IGO
NGO MNC HRI UAF AGR DEV ENV REF SET MOD RAD JEW BUD HIN UNO UNR EUR""".split())


def parse_places(path: Path) -> dict[str, str]:
    """The country blocks of Phoenix.Countries.actors.txt: every spelling, city, region and adjective listed
    under a country's entry (``AFGHANISTAN_ [AFG]`` then ``+KABUL_``, ``+HELMAND``) -> the country's code
    valid now (the open-ended one, else the latest). Entries whose codes carry a sector are actors, not places.
    A name listed under two countries is left out (it does not say which)."""
    entries: list[tuple[list[str], list[str]]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        if body.startswith(("\t", " ")):
            if entries:
                entries[-1][1].extend(codes)
            continue
        word = re.sub(r"\[[^\]]*\]", "", body).strip()
        if body.startswith("+"):
            if entries:
                entries[-1][0].append(word[1:])
                entries[-1][1].extend(codes)
            continue
        entries.append(([word], list(codes)))
    out: dict[str, set[str]] = {}
    for names, codes in entries:
        parsed = []
        for c in codes:
            m = re.match(r"^\s*~?([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?)([0-9]*)-?([0-9]*)\s*$", c)
            if m is None or (m.group(2) or "") in SECTOR_CODES:
                parsed = []
                break
            country, _, op, a, b = m.groups()
            hi = _date(a) if op == "<" else _date(b)
            parsed.append((hi, country))
        if not parsed:
            continue
        open_ended = [c for hi, c in parsed if not hi]
        country = open_ended[-1] if open_ended else max(parsed)[1]
        for raw in names:
            w = re.findall(r"[a-z0-9&]+", raw.replace("_", " ").lower().replace("'", "").replace(".", " ")
                           .replace("-", " "))
            if w and not all(x.isdigit() for x in w):
                out.setdefault(" ".join(w), set()).add(country)
    return {n: next(iter(cs)) for n, cs in out.items() if len(cs) == 1}


# international bodies the dictionaries know only by a former name: the new name takes the old one's codes
SUCCESSORS = {"african union": "organization of african unity"}


def shared_bodies() -> frozenset:
    """Words for a body every state may have ("senate", "parliament", "congress"): the resolver's seats of
    government without a country (storyline.understand.actor_dictionary.SEATS); empty when it cannot be read."""
    sys.path.insert(0, str(REPO / "src"))
    try:
        from storyline.understand.actor_dictionary import SEATS
    except ImportError:
        return frozenset({"senate", "parliament", "congress"})
    return frozenset(k for k, (country, _) in SEATS.items() if country is None) | {"congress"}


def _write(path: Path, lines: list[str]) -> None:
    """Gzipped text with no time stamp in its header: the same dictionaries give the same bytes."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else REPO.parent / "shared" / "resources" / "petrarch2"
    merged: dict[str, list[str]] = {}
    for f in FILES:
        p = src / f
        if not p.exists():
            print(f"build_phoenix_actors: {p}: missing", file=sys.stderr)
            return 1
        for n, rs in parse(p, titled=f.startswith("Phoenix.Countries"),
                           armed=f.startswith("Phoenix.MilNonState"), shared=shared_bodies()).items():
            for r in rs:
                if r not in merged.setdefault(n, []):
                    merged[n].append(r)
    for new, old in SUCCESSORS.items():   # a body renamed after the dictionaries were written: its forerunner's roles
        if old in merged and new not in merged:
            merged[new] = list(merged[old])
    licence = (src / "LICENSE").read_text(encoding="utf-8").strip().splitlines() if (src / "LICENSE").exists() else []
    header = ["# Derived from the Phoenix actor dictionaries of PETRARCH2 (openeventdata/petrarch2:",
              "# Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt)",
              "# by tools/build_phoenix_actors.py: name<TAB>roles (COUNTRY SECTOR@from@to, |-joined).", "#"]
    header += ["# " + x if x else "#" for x in licence]
    rows = [f"{n}\t{'|'.join(rs)}" for n, rs in sorted(merged.items()) if rs]
    _write(OUT, header + rows)
    print(f"wrote {len(rows)} names to {OUT} ({OUT.stat().st_size // 1024} KB)")
    places = parse_places(src / FILES[0])
    header[:3] = ["# Derived from the country blocks of the Phoenix actor dictionaries of PETRARCH2",
                  "# (openeventdata/petrarch2: Phoenix.Countries.actors.txt) by tools/build_phoenix_actors.py:",
                  "# place name (spelling variant, city, region, adjective)<TAB>country code valid now."]
    _write(PLACES_OUT, header + [f"{n}\t{c}" for n, c in sorted(places.items())])
    print(f"wrote {len(places)} place names to {PLACES_OUT} ({PLACES_OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
