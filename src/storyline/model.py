"""The records that flow through storyline: read -> clean -> understand -> link.

Every record is a frozen dataclass; lists are tuples so records can be shared between
processes and compared for equality (the local and distributed executors must give
identical records). ``to_dict`` gives the JSON-ready form used by the store and exports.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

PIPELINE_VERSION = "0.1.0"

PageKind = Literal["text", "html"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# quad class follows from the type: (verbal|material) x (cooperation|conflict)
QUAD_CLASS = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "material cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict", "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "PROTEST": "material conflict", "SANCTION": "material conflict", "MOBILIZE": "material conflict",
    "COERCE": "material conflict", "ASSAULT": "material conflict",
}


def content_hash(data: bytes | str) -> str:
    """sha256 hex of the raw content: the identity of a page (same content -> same id)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def short_id(*parts: str, n: int = 16) -> str:
    """A stable id made from its parts (used for quotes, events, mentions)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:n]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


# ---------------------------------------------------------------- read
@dataclass(frozen=True)
class Page(Record):
    """One input document as read: raw content plus where it came from."""
    source: str                 # path (or path#record for WARC/JSONL members)
    kind: PageKind              # "text" (scraped text) or "html"
    content: str                # decoded text or HTML
    content_hash: str           # sha256 of the raw bytes
    url: Optional[str] = None
    captured: Optional[str] = None   # capture time (WARC-Date, file mtime is NOT used): a bound, never a date
    encoding: Optional[str] = None
    # what the record itself states about its article (a JSON line's title, date, authors, site):
    # (field, the record's key, value), field one of title | published | byline | outlet
    stated: tuple[tuple[str, str, str], ...] = ()

    @property
    def id(self) -> str:
        return self.content_hash[:16]


@dataclass(frozen=True)
class ReadError(Record):
    """A refused input: the file (or member) and one readable reason."""
    source: str
    reason: str


# ---------------------------------------------------------------- clean
@dataclass(frozen=True)
class Article(Record):
    id: str
    source: str
    text: str                                   # clean body, paragraphs separated by a blank line
    content_hash: str
    kind: PageKind = "text"
    url: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    subtitle: Optional[str] = None
    published: Optional[str] = None             # YYYY-MM-DD, or --MM-DD when the year is unknown
    published_range: Optional[tuple[str, str]] = None
    published_evidence: Optional[str] = None
    published_candidates: tuple[int, ...] = ()  # years that agree with a year-less date (weekday agreement)
    updated: Optional[str] = None
    byline: Optional[str] = None
    dateline: Optional[str] = None
    language: Optional[str] = "en"
    captured: Optional[str] = None
    dropped_lines: tuple[str, ...] = ()         # furniture removed (kept for inspection)
    pipeline_version: str = PIPELINE_VERSION
    notes: tuple[str, ...] = ()                 # what failed while cleaning (an upstream call) and what was done


# ---------------------------------------------------------------- understand
@dataclass(frozen=True)
class Sentence(Record):
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor(Record):
    """A canonical actor. ``id`` is stable across articles (derived from type + canonical name)."""
    id: str
    name: str
    type: str                      # PERSON | ORG | GPE | LOC | NORP | ...
    country: Optional[str] = None  # ISO 3166 alpha-3
    sector: Optional[str] = None   # government | military | business | media | ...
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention(Record):
    """A stretch of article text that refers to an actor."""
    start: int
    end: int
    text: str
    label: str                     # PERSON | ORG | GPE | ... or DESC / PRON for descriptors and pronouns
    actor_id: Optional[str]
    sentence: int


@dataclass(frozen=True)
class TimeExpr(Record):
    start: int
    end: int
    text: str
    date: Optional[str] = None                   # YYYY-MM-DD or YYYY-MM or YYYY
    date_range: Optional[tuple[str, str]] = None
    sentence: int = 0


@dataclass(frozen=True)
class Evidence(Record):
    article_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote(Record):
    id: str
    article_id: str
    text: str
    kind: Literal["direct", "partial", "reported"]
    sentence: str
    start: int                 # offsets of the quoted words in the article text
    end: int
    speaker: Optional[str] = None        # surface form as written
    speaker_name: Optional[str] = None   # canonical actor name
    speaker_id: Optional[str] = None


@dataclass(frozen=True)
class Event(Record):
    id: str
    type: str                  # one of PLOVER_TYPES
    evidence: tuple[Evidence, ...]
    mode: Optional[str] = None
    actor: Optional[str] = None
    actor_id: Optional[str] = None
    target: Optional[str] = None
    target_id: Optional[str] = None
    date: Optional[str] = None
    date_range: Optional[tuple[str, str]] = None
    date_inferred: bool = False   # True when the date is the article's, not stated for the event
    location: Optional[str] = None
    hedged: bool = False
    negated: bool = False
    trigger: Optional[str] = None
    reference: bool = False       # the sentence only mentions an earlier act ("the ban imposed last year"): no new act


@dataclass(frozen=True)
class Annotated(Record):
    """The understand stage's output for one article."""
    article: Article
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    notes: tuple[str, ...] = ()     # e.g. "spaCy model missing: rule-based fallback"


# ---------------------------------------------------------------- link
@dataclass(frozen=True)
class Story(Record):
    id: str
    title: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    first_date: Optional[str] = None
    last_date: Optional[str] = None
    summary: tuple[dict, ...] = field(default_factory=tuple)   # ({text, article_id}, ...)
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergedEvent(Record):
    """One real-world event from the reports of several articles (``storyline.link.merge``)."""
    event: Event                                   # merged record: evidence from every source
    source_event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]                   # every article that reports it
    sources: tuple[str, ...]                       # independent sources (near-duplicate copies folded)
    outlets: tuple[str, ...] = ()
    conflicts: tuple[dict, ...] = ()               # {field, values: [{value, article_ids}]}

    def to_dict(self) -> dict[str, Any]:
        d = self.event.to_dict()
        d.update(source_event_ids=list(self.source_event_ids), article_ids=list(self.article_ids),
                 sources=list(self.sources), outlets=list(self.outlets), conflicts=[dict(c) for c in self.conflicts])
        return d


Placement = Literal["stated", "article", "undated"]


@dataclass(frozen=True)
class TimelineEntry(Record):
    """A merged event placed in a story's timeline (``storyline.link.timeline``)."""
    event: Event
    start: Optional[str]            # ISO day
    end: Optional[str]
    label: str                      # "2019-05-15", "2019-05", "2019-05-15 .. 2019-05-20", "~2019-05-23 (report date)"
    placement: Placement
    article_ids: tuple[str, ...]
    n_sources: int
    conflicts: tuple[dict, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event.to_dict(), "start": self.start, "end": self.end, "label": self.label,
                "placement": self.placement, "article_ids": list(self.article_ids), "n_sources": self.n_sources,
                "conflicts": [dict(c) for c in self.conflicts]}


@dataclass(frozen=True)
class Wording(Record):
    """How one article words one merged event that another outlet words differently (``storyline.link.framing``):
    its verb, its labels for the actor and the target, its hedging cues, and where they stand in the sentence
    (``marks``: (start, end, kind), offsets into ``sentence``); ``differs``: its words no other outlet uses."""
    article_id: str
    sentence: str
    start: int
    end: int
    verb: Optional[str]
    actor_labels: tuple[str, ...] = ()
    target_labels: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    marks: tuple[tuple[int, int, str], ...] = ()
    differs: tuple[str, ...] = ()
    event_id: Optional[str] = None


@dataclass(frozen=True)
class ArticleFraming(Record):
    """How one article tells its story (``storyline.link.framing``)."""
    article_id: str
    outlet: str
    voices: dict = field(default_factory=dict)           # speaker -> quotes
    voices_by_side: dict = field(default_factory=dict)   # side -> quotes
    events: tuple[str, ...] = ()                         # merged event ids reported
    hedged_events: int = 0
    asserted_events: int = 0
    hedged_sentences: int = 0
    sentences: int = 0
    tone: dict = field(default_factory=dict)             # actor name -> mean VADER compound
    tone_sentences: dict = field(default_factory=dict)   # actor name -> sentences scored


@dataclass(frozen=True)
class OutletFraming(Record):
    """How one outlet tells a story: its articles' framing summed, what it leaves out, its own wording."""
    outlet: str
    article_ids: tuple[str, ...] = ()
    voices: dict = field(default_factory=dict)
    voices_by_side: dict = field(default_factory=dict)
    events_reported: tuple[str, ...] = ()
    events_omitted: tuple[str, ...] = ()                 # reported by other outlets, not this one
    hedged_events: int = 0
    asserted_events: int = 0
    hedged_sentences: int = 0
    sentences: int = 0
    tone: dict = field(default_factory=dict)             # actor name -> mean compound over its sentences
    wording: tuple[Wording, ...] = ()                    # this outlet's entries (events worded differently)


@dataclass(frozen=True)
class Framing(Record):
    """A story's framing: per article and per outlet (most articles first)."""
    articles: tuple[ArticleFraming, ...] = ()
    outlets: tuple[OutletFraming, ...] = ()


@dataclass(frozen=True)
class LinkedStory(Record):
    """What the link stage gives the store for one story: the story, its merged events (computed once, read by
    every view), its timeline and its framing (None when that view failed: the story is kept without it)."""
    story: Story
    merged: tuple[MergedEvent, ...] = ()
    timeline: Optional[tuple[TimelineEntry, ...]] = None
    framing: Optional[Framing] = None
