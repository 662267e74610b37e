#!/usr/bin/env python3
"""Rebuild src/storyline/data/link/cameo_verbs.json from PETRARCH2's CAMEO verb dictionary in ../shared/resources.

    python tools/build_cameo_verbs.py [--resources ../shared/resources] [--out src/storyline/data/link]

Reads (never at run time; the package ships only the compiled file) ``petrarch2/CAMEO.2.0.txt``, PETRARCH2's
CAMEO verb-pattern dictionary (openeventdata/petrarch2, MIT licence, Copyright (c) 2014, 2015 Open Event Data
Alliance; the dictionary's own header and ``petrarch2/LICENSE``). The compiled file lists the verbs (lower case,
base form) of its ``---  HEAD  [code]  ---`` blocks: the words that name a political act (kill, murder, arrest,
charge, bomb, shoot...). The event merge (``storyline.link.triggers``) counts a word of a multi-word trigger
other than its head ("facing charges", "dropped bombs") when it is one of them. Multi-word forms
(``+WORD_WORD``), irregular forms (``{...}``) and patterns (``- ...``) are left out: spaCy's lemma gives the
base form; verbs too general to name an act on their own (the list of tools/build_plover_lexicon.py, and verbs
of saying and light verbs) are left out too. Also compiled: ``synonyms`` (block head -> its verbs: verbs CAMEO
files as one act, "hit" and "strike"), and ``outcome_verbs``, the verbs of the KILL, DIE and HURT blocks, which
name what an act did to its victims (a death, a wound, damage) rather than the act.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(REPO / "src"))
from build_plover_lexicon import GENERAL  # noqa: E402

from storyline.link.triggers import LIGHT_VERBS as LIGHT  # noqa: E402  (one list, the merge's)

# CAMEO's blocks of verbs that name what an act did to its victims (a death, a wound, damage), not the act: the
# event merge keeps such a report apart from one of the act itself ("shells hit the school" / "40 killed").
OUTCOME_BLOCKS = ("KILL", "DIE", "HURT")


def blocks(dictionary: Path) -> dict[str, list[str]]:
    """Each verb (lower case, base form) of the dictionary's ``---  HEAD  [code]  ---`` blocks -> the heads of the
    blocks it is in."""
    out: dict[str, list[str]] = {}
    head = None
    for line in dictionary.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^---\s+(\S+)\s+\[[^\]]*\]", line)
        if m:
            head = m.group(1)
            continue
        if head is None or not line.strip() or line.startswith(("-", "#", "&", "+")):
            continue
        word = re.split(r"[#{\[]", line, maxsplit=1)[0].strip().lower()
        if re.fullmatch(r"[a-z]+", word) and head not in out.setdefault(word, []):
            out[word].append(head)
    return out


def build(dictionary: Path) -> list[str]:
    """The verbs that name a political act: every block's, less the general, light and saying verbs."""
    return sorted(w for w in blocks(dictionary) if w not in GENERAL and w not in LIGHT)


def synonyms(dictionary: Path, verbs: list[str]) -> dict[str, list[str]]:
    """Block head -> its verbs (of ``verbs``), for the blocks of two verbs or more: verbs CAMEO files as one act
    ("hit", "strike"; "accuse", "charge")."""
    by_head: dict[str, list[str]] = {}
    keep = set(verbs)
    for w, heads in sorted(blocks(dictionary).items()):
        for h in heads:
            if w in keep:
                by_head.setdefault(h, []).append(w)
    return {h: ws for h, ws in sorted(by_head.items()) if len(ws) > 1}


def outcome(dictionary: Path) -> list[str]:
    """The verbs of the blocks that name what an act did (``OUTCOME_BLOCKS``), light verbs left out."""
    return sorted(w for w, heads in blocks(dictionary).items() if set(heads) & set(OUTCOME_BLOCKS) and w not in LIGHT)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resources", type=Path, default=REPO.parent / "shared" / "resources")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "storyline" / "data" / "link")
    a = ap.parse_args(argv)
    src = a.resources / "petrarch2" / "CAMEO.2.0.txt"
    if not src.is_file():
        print(f"error: {src} is missing (point --resources at ../shared/resources)", file=sys.stderr)
        return 2
    verbs = build(src)
    out = {
        "_about": "The verbs of the CAMEO verb blocks, compiled by tools/build_cameo_verbs.py from PETRARCH2's "
                  "CAMEO verb-pattern dictionary (CAMEO.2.0.txt). Do not edit by hand.",
        "_attribution": "CAMEO.2.0.txt from openeventdata/petrarch2 (commit "
                        "676801cd9cb2924bbbad09f86d15c9323e7097bf): The MIT License (MIT), Copyright (c) 2014, 2015 "
                        "Open Event Data Alliance; the licence text is in src/storyline/data/link/NOTICE.",
        "verbs": verbs,
        "synonyms": synonyms(src, verbs),
        "outcome_verbs": outcome(src),
    }
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "cameo_verbs.json").write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    print(f"{len(verbs)} verbs -> {a.out / 'cameo_verbs.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
