"""A small corpus we wrote ourselves: two storylines reported by several outlets, one syndicated copy.

Storyline "strike": dock workers strike at the (fictional) port of Valmera; three outlets report the walkout
(one says "a few ships", another "dozens of ships"), a wire copy is re-posted by a fourth site, and a later
article reports the end of the strike. Storyline "volcano": an eruption on the (fictional) island of Kestria
grounds flights, two outlets.
"""
from __future__ import annotations

from storyline.model import Actor, Annotated, Article, Event, Evidence, Mention, Quote, Sentence, content_hash

UNION = Actor(id="org:valmera-dockers-union", name="Valmera Dockers Union", type="ORG", country="VLM", sector="labour")
PORT = Actor(id="org:valmera-port-authority", name="Valmera Port Authority", type="ORG", country="VLM",
             sector="government")
KESTRIA = Actor(id="gpe:kestria", name="Kestria", type="GPE", country="KST", sector="government")
AIRLINE = Actor(id="org:blueway-air", name="Blueway Air", type="ORG", country="KST", sector="business")

STRIKE_A = (
    "Dock workers at the port of Valmera walked out on Monday, leaving a few ships waiting outside the harbour as "
    "the Valmera Dockers Union began an indefinite strike over pay and night shifts.\n\n"
    "Cargo traffic was halted at the container terminal, port officials said.\n\n"
    "\"We will not go back until the port authority puts a fair offer on the table,\" union leader Marta Ilves said "
    "outside the container terminal.\n\n"
    "The Valmera Port Authority called the stoppage irresponsible and said talks could resume on Wednesday.")
STRIKE_B = (
    "The Valmera Dockers Union launched a strike at the port of Valmera on Monday, leaving dozens of ships stuck at "
    "anchor and cranes idle at the container terminal.\n\n"
    "Union leader Marta Ilves said the walkout over wages and night shifts would continue indefinitely.\n\n"
    "\"This strike is a disgrace and it hurts every family in the city,\" a spokesman for the Valmera Port Authority "
    "said, adding that the authority had reportedly offered a two percent raise.\n\n"
    "Shipping agents warned that cargo bound for Valmera could be diverted to other ports.")
STRIKE_WIRE = (
    "VALMERA (Wire) - Dock workers at the port of Valmera went on strike on Monday over pay and night shifts, the "
    "Valmera Dockers Union said, in a walkout that stopped cargo handling at the container terminal. Port officials "
    "said several ships were waiting to berth. The Valmera Port Authority said it was ready to meet union "
    "representatives later in the week and urged workers to return to the docks while talks continue. The union "
    "said its members had voted overwhelmingly for the indefinite stoppage after months of failed negotiations.")
STRIKE_WIRE_COPY = (
    "Dock workers at the port of Valmera went on strike on Monday over pay and night shifts, the Valmera Dockers "
    "Union said, in a walkout that stopped cargo handling at the container terminal. Port officials said several "
    "ships were waiting to berth. The Valmera Port Authority said it was ready to meet union representatives later "
    "in the week and urged workers to return to the docks while talks continue. The union said its members had "
    "voted overwhelmingly for the indefinite stoppage after months of failed negotiations.\n\nReporting by staff.")
STRIKE_END = (
    "The strike at the port of Valmera ended on Friday after the Valmera Dockers Union accepted a new pay offer from "
    "the Valmera Port Authority, union leader Marta Ilves said.\n\n"
    "Cranes at the container terminal were moving again by the evening and the ships that had waited all week "
    "began to berth, port officials said.")
VOLCANO_A = (
    "Mount Orrin on the island of Kestria erupted on Tuesday, sending a column of ash several kilometres into the "
    "sky and forcing the government of Kestria to close the main airport.\n\n"
    "Blueway Air cancelled all flights to and from the island, stranding thousands of travellers.\n\n"
    "Volcanologists said lava was flowing down the northern slope, away from villages.")
VOLCANO_B = (
    "Ash from the eruption of Mount Orrin grounded flights across Kestria on Tuesday, and Blueway Air said it had "
    "cancelled its schedule until the cloud clears.\n\n"
    "Authorities in Kestria evacuated two villages on the northern slope of the volcano as a precaution.\n\n"
    "Seismologists recorded hundreds of small earthquakes before the eruption.")


def _sentences(text: str) -> tuple[Sentence, ...]:
    out = []
    import re
    for m in re.finditer(r"[^.!?\n]+[.!?]\"?", text):
        s = m.group(0).strip()
        start = text.index(s, m.start())
        out.append(Sentence(index=len(out), start=start, end=start + len(s), text=s))
    return tuple(out)


def _mentions(text: str, sentences, actors) -> tuple[Mention, ...]:
    out = []
    for act in actors:
        for name in (act.name, *act.aliases):
            start = text.find(name)
            while start >= 0:
                sent = next((s.index for s in sentences if s.start <= start < s.end), 0)
                out.append(Mention(start=start, end=start + len(name), text=name, label=act.type, actor_id=act.id,
                                   sentence=sent))
                start = text.find(name, start + 1)
    return tuple(sorted(out, key=lambda m: m.start))


def _event(aid: str, text: str, sentence_with: str, type_: str, actor: Actor, target: Actor, date=None,
           hedged=False, mode=None, date_inferred=False) -> Event:
    sents = _sentences(text)
    s = next(s for s in sents if sentence_with in s.text)
    return Event(id=f"{aid}-{type_}-{s.index}", type=type_, mode=mode,
                 evidence=(Evidence(article_id=aid, sentence=s.text, start=s.start, end=s.end),),
                 actor=actor.name, actor_id=actor.id, target=target.name, target_id=target.id, date=date,
                 date_inferred=date_inferred, hedged=hedged)


def make(aid: str, text: str, outlet: str, published: str, title: str, actors=(), events=(), quotes=()) -> Annotated:
    art = Article(id=aid, source=f"fixture/{aid}.txt", text=text, content_hash=content_hash(text), outlet=outlet,
                  title=title, published=published)
    sents = _sentences(text)
    return Annotated(article=art, sentences=sents, actors=tuple(actors), mentions=_mentions(text, sents, actors),
                     quotes=tuple(quotes), events=tuple(events))


def _quote(aid: str, text: str, words: str, speaker: str, actor: Actor | None) -> Quote:
    start = text.index(words)
    return Quote(id=f"{aid}-q{start}", article_id=aid, text=words, kind="direct", sentence=words, start=start,
                 end=start + len(words), speaker=speaker, speaker_name=actor.name if actor else speaker,
                 speaker_id=actor.id if actor else None)


def build_corpus() -> dict[str, Annotated]:
    docs = [
        make("strike-a", STRIKE_A, "Harbour Times", "2024-03-04", "Valmera dockers walk out over pay",
             actors=(UNION, PORT),
             events=(_event("strike-a", STRIKE_A, "walked out on Monday", "PROTEST", UNION, PORT, date="2024-03-04",
                            mode="strike"),),
             quotes=(_quote("strike-a", STRIKE_A, "We will not go back until the port authority puts a fair offer "
                            "on the table,", "Marta Ilves", UNION),)),
        make("strike-b", STRIKE_B, "Coastal Daily", "2024-03-04", "Strike leaves ships stranded at Valmera",
             actors=(UNION, PORT),
             events=(_event("strike-b", STRIKE_B, "launched a strike", "PROTEST", UNION, PORT, date="2024-03-04",
                            mode="strike"),),
             quotes=(_quote("strike-b", STRIKE_B, "This strike is a disgrace and it hurts every family in the city,",
                            "a spokesman", PORT),)),
        make("strike-wire", STRIKE_WIRE, "Wire", "2024-03-04", "Valmera port workers strike",
             actors=(UNION, PORT),
             events=(_event("strike-wire", STRIKE_WIRE, "went on strike", "PROTEST", UNION, PORT,
                            date="2024-03-04", mode="strike"),)),
        make("strike-copy", STRIKE_WIRE_COPY, "Valmera Online", "2024-03-05", "Port workers strike",
             actors=(UNION, PORT),
             events=(_event("strike-copy", STRIKE_WIRE_COPY, "went on strike", "PROTEST", UNION, PORT,
                            date="2024-03-04", mode="strike"),)),
        make("strike-end", STRIKE_END, "Harbour Times", "2024-03-08", "Valmera strike ends with pay deal",
             actors=(UNION, PORT),
             events=(_event("strike-end", STRIKE_END, "accepted a new pay offer", "AGREE", UNION, PORT,
                            date="2024-03-08"),)),
        make("volcano-a", VOLCANO_A, "Island News", "2024-05-14", "Mount Orrin erupts, airport closed",
             actors=(KESTRIA, AIRLINE),
             events=(_event("volcano-a", VOLCANO_A, "cancelled all flights", "RETREAT", AIRLINE, KESTRIA,
                            date_inferred=True, date="2024-05-14"),)),
        make("volcano-b", VOLCANO_B, "Coastal Daily", "2024-05-14", "Ash cloud grounds Kestria flights",
             actors=(KESTRIA, AIRLINE),
             events=(_event("volcano-b", VOLCANO_B, "cancelled its schedule", "RETREAT", AIRLINE, KESTRIA),)),
    ]
    return {d.article.id: d for d in docs}

