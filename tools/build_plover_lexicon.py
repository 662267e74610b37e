#!/usr/bin/env python3
"""Rebuild src/storyline/data/plover/cameo_verbs.json from the field's dictionaries in ../shared/resources.

    python tools/build_plover_lexicon.py [--resources ../shared/resources] [--out src/storyline/data/plover]

Reads (never at run time; the package ships only the compiled file):
- ``petrarch2/CAMEO.2.0.txt``: PETRARCH2's CAMEO verb-pattern dictionary (openeventdata/petrarch2, MIT licence,
  Copyright (c) 2015 Open Event Data Alliance; the dictionary's own header and ``petrarch2/LICENSE``);
- ``plover/CAMEO2PLOVER-2021.txt``: the official CAMEO -> PLOVER conversion table (openeventdata/PLOVER,
  CC BY-SA 4.0, Open Event Data Alliance).

How a CAMEO block becomes entries (the dictionary's syntax is explained in its header and in PETRARCH2's
``PETRreader.read_verb_dictionary``):
- ``---  HEAD  [code]  ---`` opens a block; its code is the default of the verbs listed under it, a verb's own
  ``[code]`` overrides it, ``[---]`` means the verbs code nothing unless a pattern matches;
- ``+WORD_WORD`` forms are a verb and its particle or preposition ("+ASK_FOR"); ``{...}`` irregular forms are
  dropped (spaCy's lemma gives the base form);
- ``- left * right [code] # VERB`` patterns: the words after ``*`` name the verb's object (the last noun, with
  its preposition when it sits in ``(PREP NOUN)``; a leading particle becomes the particle); ``{A B}`` is a
  multi-word noun (its head, the last word, is kept); ``&SYNSET`` expands to the synset's words; the words before
  ``*`` constrain the subject; ``$ + ^ %`` (PETRARCH's actor slots) are dropped. A pattern applies to the verb
  its comment names when that verb is in the block (the file's comments name the verb the pattern was found
  with), else to every verb of the block. ``[a:b]`` paired codes keep the first one that is given.
- CAMEO code -> PLOVER: the 4-digit row of the table, else its 3-digit, else its 2-digit row. The table drops
  CAMEO 01 (public statements) and 02 (appeals); we keep 02 as PLOVER REQUEST (the manual: REQUEST is "all
  requests, demands and orders"; CAMEO 02x read as the 10x row of the same last digit for the mode), and we
  document that here as the manual's Note 2 asks. 01x entries are dropped. CAMEO 163 (impose embargo, boycott or
  sanctions), which the table sends to COERCE, is read as SANCTION 'discontinue' as the manual's SANCTION section
  says of international sanctions.

The coder uses these entries *behind* the hand-made verbs.json, and only with PETRARCH's own safeguard: the
subject must be an actor, and a verb's bare default code (no pattern) fires only with an actor as its object.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTICLES = {"out", "up", "off", "down", "in", "on", "away", "back", "over", "forward", "aside", "through",
             "together", "around", "apart", "ahead", "along", "across", "into", "onto"}
PREPS = {"to", "with", "against", "on", "from", "into", "of", "for", "at", "toward", "towards", "over", "in",
         "between", "upon", "onto", "by", "about", "under", "after", "behind", "before", "through", "as", "within",
         "without", "across", "among", "near", "along", "beyond", "during", "outside", "inside", "until", "like"}
STOP = {"a", "an", "the", "its", "their", "his", "her", "own", "new", "first", "all", "any", "some", "that", "this"}
# verbs too general to carry a CAMEO default code on their own (the pattern still may): general English
GENERAL = {"be", "have", "do", "make", "take", "get", "give", "go", "come", "put", "set", "say", "tell", "see",
           "look", "seem", "appear", "keep", "hold", "bring", "run", "move", "turn", "show", "use", "find", "leave",
           "call", "work", "play", "let", "stand", "hear", "consider", "hope", "prepare", "arrive", "expect",
           "plan", "want", "need", "try", "seek", "ask", "add", "continue", "start", "begin", "end", "follow",
           "include", "change", "meet_people", "explain_verbal", "go_somewhere", "raise", "send", "receive",
           "open", "close", "return", "remain", "stay", "pass", "lead", "report", "claim", "note", "express",
           "reach", "sign", "accept", "allow", "help", "carry", "provide", "offer", "join", "form", "build",
           # states, feelings and things that happen to the subject (WordNet synonyms in CAMEO's blocks), not acts
           "die", "suffer", "perish", "reside", "inhabit", "infest", "match", "master", "best", "tend", "spoil", "ring",
           "pit", "moderate", "overshadow", "struggle", "rag", "plague", "tarnish", "mar", "revolutionise",
           "revolutionize", "dominate", "overcome", "surmount", "overtake", "pull", "remove", "tax", "bill", "bother",
           "annoy", "irk", "irritate", "disquiet", "disconcert", "discomfit", "arouse", "enkindle", "agonise",
           "agonize", "garner", "correlate", "corrupt", "dishonor", "dishonour", "disorder", "disarray", "impair",
           "worry", "concern", "anger", "upset", "fear", "feel", "think", "believe", "know", "wish"}


def naive_singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def word(w: str) -> str:
    return w.strip().strip("_").lower().replace("_", " ")


def read_table(path: Path) -> dict[str, tuple[str, str | None]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if m:
            mode = m.group(3).strip() or None
            out.setdefault(m.group(1), (m.group(2), mode))
    return out


def plover(code: str, table: dict) -> tuple[str, str | None] | None:
    code = code.strip()
    if not re.fullmatch(r"\d{3,4}", code) or code.startswith("01"):
        return None
    if code.startswith("02"):   # appeals: read as the demand of the same subject (see the docstring)
        code = "10" + code[2:]
    if code.startswith("163"):  # sanctions: the manual's SANCTION 'discontinue', not the table's COERCE (docstring)
        return ("SANCTION", "discontinue")
    for k in (code, code[:3], code[:2]):
        if k in table:
            return table[k]
    return None


def first_code(s: str) -> str | None:
    for part in s.split(":"):
        part = part.strip()
        if part and part != "---":
            return part
    return None


def weapons(synsets: dict) -> list[str]:
    return sorted({w for w in synsets.get("&WEAPON", []) if w and " " not in w})


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    cur = None
    for line in lines:
        line = line.split("#")[0].rstrip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            cur = line.strip()
            sets[cur] = []
        elif line.startswith("+") and cur:
            sets[cur].append(word(line[1:]))
        elif not line.strip():
            continue
    return sets


def words_of(tok: str, synsets: dict) -> list[str]:
    tok = tok.strip()
    if tok.startswith("&"):
        return [w for w in synsets.get(tok, []) if w]
    w = word(tok)
    return [w] if w and re.fullmatch(r"[a-z][a-z' -]*", w) else []


def parse_pattern(body: str, synsets: dict) -> dict | None:
    """'left * right' -> {subj, obj, prep, prt} (None when nothing is left to match on)."""
    body = re.sub(r"[$+^%=|]", " ", body)
    if "*" not in body:
        return None
    left, right = body.split("*", 1)
    subj = [w for t in re.findall(r"[&\w'-]+", left) for w in words_of(t, synsets) if w not in STOP]
    groups = re.findall(r"\(([^()]*)\)|\{([^{}]*)\}|([&\w'-]+)", right)
    prt, obj, prep = None, None, None
    first_prep = None
    needs: list[str] = []   # the other words of the phrase: 'declare {INDEPENDENT STATE}' needs 'independent'

    def plain_words(toks):
        return [naive_singular(word(t)) for t in toks if not t.startswith("&") and word(t) and " " not in word(t)]

    for i, (paren, brace, plain) in enumerate(groups):
        if paren:
            toks = [t for t in re.sub(r"[{}]", " ", paren).split() if t]
            if not toks:
                continue
            p = toks[0].lower()
            rest = [t for t in toks[1:] if word(t) not in STOP and word(t) not in PREPS]
            if p in PREPS:
                first_prep = first_prep or p
                if rest:
                    ws = words_of(rest[-1], synsets)
                    if ws:
                        if p == "of" and obj:   # '* STATE (OF EMERGENCY)': the object's of-phrase names it
                            needs += [w for w in obj if " " not in w][:1]
                            obj, prep = ws, None
                        else:
                            obj, prep = ws, p
                        needs += plain_words(rest[:-1])
            elif rest or toks:
                ws = words_of((rest or toks)[-1], synsets)
                if ws:
                    obj, prep = ws, None
                    needs += plain_words((rest or toks)[:-1])
        elif brace:
            toks = [t for t in brace.split() if word(t) not in STOP]
            if toks:
                ws = words_of(toks[-1], synsets)
                if ws:
                    obj, prep = ws, None
                    needs += plain_words(toks[:-1])
        elif plain:
            w = word(plain)
            if i == 0 and w in PARTICLES:
                prt = w
                continue
            if w in STOP or w in PREPS:
                continue
            ws = words_of(plain, synsets)
            if ws:
                obj, prep = ws, None
    if obj is None and first_prep:
        prep = first_prep
    if obj is None and prep is None and prt is None:
        return None if not subj else {"subj": subj}
    out: dict = {}
    if subj:
        out["subj"] = subj
    if obj:
        out["obj"] = sorted({x for w in obj for x in (w, naive_singular(w)) if " " not in x})
        if not out["obj"]:
            return None
    if prep:
        out["prep"] = [prep]
    if prt:
        out["prt"] = [prt]
    needs = sorted({n for n in needs if n and n not in STOP and n not in PREPS and n not in out.get("obj", [])})
    if needs:
        out["needs"] = needs
    if not obj:
        out["actor_obj"] = True   # only a particle or preposition named: PETRARCH wants an actor after it
    return out


def build(resources: Path) -> dict:
    table = read_table(resources / "plover" / "CAMEO2PLOVER-2021.txt")
    lines = (resources / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("####### VERB PATTERNS"))
    entries: list[dict] = []
    block_code = None
    verbs: list[tuple[str, str | None, str | None]] = []   # (lemma, particle, own code)
    stats = {"blocks": 0, "verb_forms": 0, "patterns": 0, "patterns_kept": 0, "defaults_kept": 0}

    def flush():
        for lemma, part, own in verbs:
            code = own or block_code
            if not code or lemma in GENERAL and not part:
                continue
            pl = plover(code, table)
            if pl is None:
                continue
            e = {"lemma": lemma, "type": pl[0], "mode": pl[1], "code": code, "actor_obj": True}
            if part:
                e["prt" if part in PARTICLES else "prep"] = [part]
            entries.append(e)
            stats["defaults_kept"] += 1

    for raw in lines[start + 1:]:
        line = raw.rstrip()
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            flush()
            verbs, block_code = [], first_code(m.group(2))
            stats["blocks"] += 1
            continue
        if line.startswith("- "):
            stats["patterns"] += 1
            pm = re.match(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*(?:#\s*(.*))?$", line)
            if not pm:
                continue
            code = first_code(pm.group(2))
            pl = plover(code, table) if code else None
            pat = parse_pattern(pm.group(1), synsets)
            if pl is None or pat is None or set(pat) == {"subj"}:
                continue
            named = (pm.group(3) or "").split()
            named_lemma = named[0].lower() if named else ""
            block_lemmas = [v for v, part, _ in verbs if not part]
            targets = [named_lemma] if named_lemma in block_lemmas else block_lemmas
            for lemma in targets:
                entries.append({"lemma": lemma, "type": pl[0], "mode": pl[1], "code": code, **pat})
            stats["patterns_kept"] += 1
            continue
        if not line.strip() or line.startswith("#") or line.startswith("&"):
            continue
        body = line.split("#")[0]
        own = re.search(r"\[([^\]]*)\]", body)
        own_code = first_code(own.group(1)) if own else None
        form = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).strip().split()
        if not form:
            continue
        f = form[0].lstrip("+").lower()
        parts = [p for p in f.split("_") if p]
        if not parts or not re.fullmatch(r"[a-z][a-z'-]*", parts[0]):
            continue
        stats["verb_forms"] += 1
        part = parts[1] if len(parts) == 2 and (parts[1] in PARTICLES or parts[1] in PREPS) else None
        if len(parts) > 1 and part is None:
            continue   # longer multi-word forms: left to the patterns
        verbs.append((parts[0], part, own_code))
    flush()
    # one entry per (lemma, constraints): the first wins, as in the file's order
    seen, uniq = set(), []
    for e in entries:
        key = (e["lemma"], tuple(e.get("obj", ())), tuple(e.get("prep", ())), tuple(e.get("prt", ())),
               tuple(e.get("subj", ())), e.get("actor_obj", False))
        if key in seen:
            continue
        seen.add(key)
        uniq.append(e)
    return {"stats": stats, "entries": uniq, "weapons": weapons(synsets)}


HEADER = {
    "_about": ("PLOVER entries compiled by tools/build_plover_lexicon.py from PETRARCH2's CAMEO verb-pattern "
               "dictionary (CAMEO.2.0.txt) through the official CAMEO -> PLOVER conversion table "
               "(CAMEO2PLOVER-2021.txt). Each entry: lemma, PLOVER type and mode, the CAMEO code it came from, "
               "and the constraints of the entry format of verbs.json (obj, prep, prt, actor_obj) plus subj (the "
               "subject's lemma among these). Do not edit by hand: rebuild with the script."),
    "_attribution": [
        "CAMEO.2.0.txt from openeventdata/petrarch2 (commit 676801cd9cb2924bbbad09f86d15c9323e7097bf): The MIT "
        "License (MIT), Copyright (c) 2015 Open Event Data Alliance; dictionary development funded by the U.S. "
        "National Science Foundation (see the dictionary's header). The MIT licence text is in "
        "src/storyline/data/plover/NOTICE.",
        "CAMEO2PLOVER-2021.txt from openeventdata/PLOVER (commit 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f), edited "
        "by Philip Schrodt: Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0), "
        "https://creativecommons.org/licenses/by-sa/4.0/. This compiled file adapts it and is shared under the "
        "same licence.",
    ],
    "_changes": ("CAMEO 02x (appeal), which the table drops, is read as PLOVER REQUEST with the mode of the 10x row "
                 "of the same last digits; CAMEO 163 (sanctions) is read as SANCTION discontinue (the manual's "
                 "SANCTION section) where the table says COERCE; CAMEO 01x entries are dropped; verbs too general "
                 "to carry a code on their own keep only their patterns."),
}


# heads of multi-word Phoenix agents that name things or fields, not agents ("POLICE_POST", "ARMY_JET")
THING_HEADS = {"ship", "jet", "missile", "aircraft", "vessel", "drone", "plane", "helicopter", "system", "building",
               "hospital", "base", "station", "site", "vehicle", "machine", "position", "house", "environment",
               "agriculture", "commerce", "tourism", "revenue", "protocol", "rights", "operations", "intelligence",
               "defense", "defence", "control", "enforcement", "industry", "in", "of", "run", "raptor", "predator",
               "grader", "schooler", "palace", "monastary", "school", "post", "check", "prison", "media", "press",
               "television", "newspaper", "magazine", "order", "reserve", "wing", "unit", "body", "source",
               "insurgency", "justice", "state", "nations", "service", "office", "bureau", "department", "agency"}


def read_agents(path: Path) -> dict[str, str]:
    """Phoenix.agents.txt -> {lowercase agent noun: sector code}: one-word agents, and the heads of multi-word
    ones that are agents too ("PRIME_MINISTER" -> minister; "!MINIST!" -> minister, ministry) and recur (at least
    twice), less heads that name things ("POLICE_POST")."""
    out: dict[str, str] = {}
    heads: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        m = re.match(r"^([A-Z!][A-Z'!_-]*?)(?:!PERSON!)?\s*(?:\{[^}]*\})?\s*\[~?([A-Z]+)\]", line)
        if not m:
            continue
        form = m.group(1).replace("!MINIST!", "MINISTER").replace("!PERSON!", "").strip("_")
        parts = [p for p in re.split(r"[_ ]", form.lower()) if p]
        if not parts or not re.fullmatch(r"[a-z][a-z'-]*", parts[-1]):
            continue
        if len(parts) == 1:
            out.setdefault(parts[0], m.group(2))
            out.setdefault(naive_singular(parts[0]), m.group(2))
        else:
            heads.setdefault(parts[-1], []).append(m.group(2))
    for h, codes in heads.items():
        if len(codes) >= 2 and h not in THING_HEADS and naive_singular(h) not in THING_HEADS:
            code = max(sorted(set(codes)), key=codes.count)   # ties: alphabetical, so a rebuild is byte-identical
            out.setdefault(h, code)
            out.setdefault(naive_singular(h), code)
    if "minister" in out:
        out.setdefault("ministry", out["minister"])
    return out


def read_discards(path: Path) -> list[str]:
    """Phoenix.discards.txt -> sentence-level discard phrases (sports, entertainment), lowercase. Left out: bare
    numbers (years) and time phrases ("years ago"): storyline dates events itself and keeps references."""
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].split(";")[0].strip()
        if not line or line.startswith("+"):
            continue
        w = re.sub(r"\s+", " ", line.lower())
        if re.search(r"\d", w) or re.search(r"\b(ago|later|earlier)\b", w) or len(w) < 4:
            continue
        out.append(w)
    return sorted(set(out))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resources", type=Path, default=REPO.parent / "shared" / "resources")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "storyline" / "data" / "plover")
    a = ap.parse_args(argv)
    for need in ("petrarch2/CAMEO.2.0.txt", "plover/CAMEO2PLOVER-2021.txt", "petrarch2/Phoenix.agents.txt",
                 "petrarch2/Phoenix.discards.txt"):
        if not (a.resources / need).is_file():
            print(f"error: {a.resources / need} is missing (point --resources at ../shared/resources)", file=sys.stderr)
            return 2
    res = build(a.resources)
    out = dict(HEADER)
    out["stats"] = res["stats"]
    out["weapons"] = res["weapons"]
    out["verbs"] = res["entries"]
    a.out.mkdir(parents=True, exist_ok=True)
    dest = a.out / "cameo_verbs.json"
    dest.write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{dest}: {len(res['entries'])} entries ({res['stats']})")
    agents = read_agents(a.resources / "petrarch2" / "Phoenix.agents.txt")
    discards = read_discards(a.resources / "petrarch2" / "Phoenix.discards.txt")
    dest2 = a.out / "phoenix_agents.json"
    dest2.write_text(json.dumps({
        "_about": ("Generic agents (one-word nouns: police, protester, lawmaker ...) with their CAMEO sector code, and "
                   "sentence-level discard phrases (sports, entertainment), compiled by tools/build_plover_lexicon.py "
                   "from PETRARCH2's Phoenix.agents.txt and Phoenix.discards.txt (openeventdata/petrarch2, MIT "
                   "licence, Copyright (c) 2014 Open Event Data Alliance; licence text in NOTICE). Do not edit by "
                   "hand: rebuild with the script."),
        "agents": dict(sorted(agents.items())), "discards": discards}, indent=0) + "\n", encoding="utf-8")
    print(f"{dest2}: {len(agents)} agent nouns, {len(discards)} discard phrases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
