"""Language identification on the development sets: how often the article's language is right, and its cost.

- readability-news: the gold ``lang`` of each page (where stated) against the HTML cleaner's ``language``;
- l3s-text: English Google News pages as scraped text: the share the text cleaner calls English (any other
  answer would leave an English article unanalysed);
- ecbplus: short English news articles, likewise.
Prints ms per article of the identification alone (clean/language.py on the clean body).

    python bench/eval_language.py [--gate]
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, gate, help_requested  # noqa: E402


def main() -> int:
    from storyline.clean import clean
    from storyline.clean.language import detect_language, language_of
    from storyline.model import Page, content_hash

    figures: dict[str, float] = {}
    bodies: list[str] = []

    rn = data_dir("readability-news")
    if rn:
        right = total = 0
        for d in sorted(p for p in rn.iterdir() if p.is_dir()):
            gold = (json.loads((d / "expected-metadata.json").read_text()).get("lang") or "")[:2].lower()
            html = (d / "source.html").read_text(encoding="utf-8", errors="replace")
            art = clean(Page(source=str(d), kind="html", content=html, content_hash=content_hash(html)))
            bodies.append(art.text)
            if not gold:
                continue
            total += 1
            right += art.language == gold
            if art.language != gold:
                print(f"  readability-news {d.name}: gold {gold}, found {art.language}")
        figures["readability_news_accuracy"] = right / total if total else 0.0
        print(f"readability-news: language right on {right} of {total} pages with a stated language")

    l3s = data_dir("l3s-text")
    if l3s:
        langs = []
        for p in sorted((l3s / "pages").glob("*.txt")):
            text = p.read_text(encoding="utf-8", errors="replace")
            art = clean(Page(source=str(p), kind="text", content=text, content_hash=content_hash(text)))
            if art.text:
                bodies.append(art.text)
                langs.append(art.language)
                if art.language not in ("en", None):
                    print(f"  l3s-text {p.name}: {art.language} ({language_of(art.text)[1]:.2f}) {art.text[:80]!r}")
        figures["l3s_english_share"] = sum(1 for x in langs if x in ("en", None)) / len(langs) if langs else 0.0
        print(f"l3s-text: {figures['l3s_english_share']:.3f} of {len(langs)} English pages analysed as English "
              f"(unknown counts as English), {sum(1 for x in langs if x == 'en')} identified as 'en'")

    ecb = data_dir("ecbplus")
    if ecb:
        langs = []
        with open(ecb / "docs.jsonl", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"]
                bodies.append(text)
                langs.append(detect_language(text))
        figures["ecbplus_english_share"] = sum(1 for x in langs if x in ("en", None)) / len(langs) if langs else 0.0
        print(f"ecbplus: {figures['ecbplus_english_share']:.3f} of {len(langs)} English articles analysed as English")

    if bodies:
        detect_language(bodies[0])      # the model loads once per process (~1 s): not counted
        t = time.perf_counter()
        for b in bodies:
            detect_language(b)
        ms = (time.perf_counter() - t) * 1000 / len(bodies)
        print(f"identification: {ms:.2f} ms per article over {len(bodies)} clean bodies "
              f"(mean {sum(map(len, bodies)) / len(bodies):,.0f} characters)")
    return gate("eval_language", figures)


if __name__ == "__main__":
    help_requested(__doc__)
    sys.exit(main())
