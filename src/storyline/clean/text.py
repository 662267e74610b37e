"""Scraped text -> Article: a line classifier that keeps the body and sets the furniture aside.

The input is a page's text as scraped, one block per line (menus, prompts, headline, captions,
body paragraphs, related links, comments...).  Every non-empty line gets one label:

    title  subtitle  byline  date  outlet  body
    furniture (learned from the corpus)  duplicate  widget  prompt  caption  tags  comment  nav

in three passes, each explainable:

1. *what a line is by itself*: learned furniture, a repeated line (a caption shown twice),
   a date stamp or page clock (see dates.py), a site-name line, a widget ("Now playing",
   "Listen Live", share/print/e-mail links), a prompt ("No, thank you", newsletters), a photo
   credit or caption, a tag list, a comment-section header, a byline;
2. *where the body is*: lines that read as running text (enough words, final punctuation,
   function words, not Title Case) score their word count, every other line a penalty; the
   body is the best-scoring stretch (a maximum-sum run), cut at a comment-section header;
3. *what sits just before it*: walking back from the body over dates, bylines, captions and
   a standfirst, the first headline-like line is the title; a one-sentence line right after
   the title and set apart from the body by a caption or stamp is the subtitle.

Nothing here names a site: the vocabularies are general English page furniture. What reads as running text is
measured in the page's own language (identified on its longest lines, clean/language.py): its function words, and
for scripts written without spaces (Chinese, Japanese) one word a character; a language with no function-word
list (or one whose function words are suffixes, as in Korean) is measured by length and final punctuation alone.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Optional

from storyline.clean.byline import clean_byline
from storyline.clean.dateline import split_dateline
from storyline.clean.dates import date_line_kind, publication_dates
from storyline.clean.furniture import line_key
from storyline.clean.language import SAMPLE_CHARS, detect_language, function_words
from storyline.clean.outlet import find_outlet, outlet_from_line
from storyline.clean.words import STOP
from storyline.model import Article, Page

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)
# scripts written without spaces between words: one word a Han character, kana run or other letter run
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD_CJK = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+(?:['\u2019][^\W_]+)*", re.UNICODE)
UNSEGMENTED = frozenset({"zh", "ja"})
# languages whose function words cannot be counted as words (suffixes and particles written onto the word, or no
# word breaks): their lines are measured by length and final punctuation alone
NO_FUNCTION_WORDS = frozenset({"ko", "zh", "ja", "th", "lo", "km", "my", "bo"})
_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\u061f\u0964][\"'\u201d\u2019\u00bb)\]\u300d\u300f]*\s*$")
_SENT_SPLIT = re.compile(r"(?P<w>[\w\u2019']*)[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREV = frozenset("mr mrs ms dr st gov sen rep gen lt col sgt capt jr sr vs prof rev inc co corp ltd no jan feb mar "
                    "apr jun jul aug sep sept oct nov dec mt ft".split())

# widgets: a line that starts with one of these is a player, a share bar, a teaser or a link
_WIDGET_START = re.compile(
    r"^\W*(?:now playing|watch this|watch now|watch:|watch video|video:|listen live|listen:|listen now|live:|"
    r"read more|read next|read also|also read|see also|more:|related:|related stories|related articles|"
    r"related content|related news|recommended|you may also like|you might also like|most popular|most read|"
    r"trending|top stories|latest news|more from|more stories|more on this|click here|tap here|advertisement|"
    r"sponsored|promoted|share this|share on|share:|tweet this|follow us|follow @|like us on|email this|"
    r"e-mail this|print this|print article|printer[- ]friendly|send to a friend|e-mail to a friend|"
    r"(?:get|copy)\s+(?:a\s+|the\s+)?(?:short\s+)?(?:url|link)|short url|skip to|jump to|back to top|go to|loading|"
    r"subscribe|sign up|sign in|"
    r"log in|login|register|newsletter|download the app|get the app|filed under|tags?:|topics?:|keywords?:|"
    r"categories:|category:|posted in|permalink|bookmark|trackback)\b", re.I)
# words of page chrome: a short line made mostly of these is not article text
_UI_WORDS = frozenset("""
home menu search login logout log sign register subscribe subscription newsletter share tweet facebook twitter
linkedin whatsapp pinterest reddit email e-mail print comments comment reply url link links rss feed feeds
next previous prev back top more video videos photo photos gallery audio podcast live listen watch play
contact about privacy terms cookies cookie policy advertise advertisement sitemap help faq account profile
settings font size bigger smaller text day night edition mode close open skip navigation nav bookmark save
""".split())
_PROMPT = re.compile(
    r"^\W*(?:no,? thanks?(?: you)?|yes,? please|not now|maybe later|allow|block|accept(?: all)?(?: cookies)?|"
    r"i agree|got it|ok(?:ay)?|dismiss|close|continue)\W*$|\bnotify you\b|\bturn on notifications\b|"
    r"\bsign up for (?:our|the) newsletter\b|\bsubscribe to (?:our|the)\b|\bwe use cookies\b|"
    r"\benable javascript\b|\byour browser\b.*\b(?:support|update)\b|\bad ?blocker\b", re.I)
# photo agencies and credit words: a short line naming one is a credit
_CREDIT = re.compile(
    r"\b(?:getty images|getty|afp|ap photo|associated press photo|reuters/|/reuters|epa|efe|shutterstock|alamy|"
    r"istock(?:photo)?|corbis|xinhua|press association|pa (?:wire|images|media)|bloomberg via getty|"
    r"handout|courtesy(?: of)?|file photo|photo credit|image credit|photograph|photographer|"
    r"(?:photo|image|picture|pic|credit|illustration|graphic)s?\s*:)|"
    r"^\W*(?:photo|image|picture|illustration|credit|source)s?\b\s*(?:by\b|:|$)|"
    r"\((?:photo|image|picture|credit)\b", re.I)
_CAPTION = re.compile(
    r"\bin (?:this|a) (?:file |handout |undated |screen ?grab |)(?:photo|picture|image|illustration|"
    r"photograph|still|screengrab|video grab)\b|\b(?:photo|illustration|picture|image) taken\b|"
    r"\b(?:is|are) (?:seen|pictured|shown)\b|\bpictured\b|\bposes? for\b|"
    r"\s\((?:L|R|C|[Ll]eft|[Rr]ight|[Cc]ent(?:er|re))\)|"
    r"\b(?:left|right|center|centre|top|bottom)\s*[,:)]|\bphoto(?:graph)?\s*:|\bcaption\b", re.I)
_COMMENT_HEAD = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|reader comments|readers'? comments|user comments|discussion|have your say|"
    r"your say|post (?:a|your) comment|add (?:a|your) comment|leave a (?:comment|reply)|write (?:a )?comment|"
    r"join the (?:discussion|conversation)|show comments|view comments|comments? \(\d+\)|"
    r"community (?:standards|guidelines)|commenting (?:policy|guidelines)|what do you think)\b", re.I)
# a reader's signature; when a page repeats it, it is a comment section
_SIGNATURE = re.compile(r"^\W*(?:posted|written|submitted|comment(?:ed)?|added|sent|reply|replied)\s+by\b.{0,80}$|"
                        r"^.{1,60}\b(?:said|says|wrote|writes|commented)\s*:\s*$|"
                        r"^\W*(?:reply|report(?: abuse| this(?: comment)?| as inappropriate)?|recommend|"
                        r"\d+\s+(?:agree|likes?|replies|recommendations?)\b.*)\W*$", re.I)
_BARE_COMMENTS = re.compile(r"^\W*(?:\d+\s+)?comments?\W*(?:\(\d+\))?\W*$", re.I)   # a tab or a link, not a header
_BYLINE = re.compile(r"^\W*(?:by|written by|contributed by|posted by|reported by|story by|words by|"
                     r"from|von|par|por)\s+[A-Z\u00c0-\u024f]", re.I)     # (German, French, Spanish "by")
_BYLINE_PLAIN = re.compile(r"^(?:staff and agencies|staff reporter|staff writer|agencies|press association|"
                           r"associated press|reuters staff|our correspondent)\W*$|"
                           r"^(?:[A-Z][\w.'\u2019-]*\s+){0,4}"
                           r"(?:staff |senior |chief |political |sports |business |golf |"
                           r"science |health |foreign |tech(?:nology)? )?"
                           r"(?:writer|reporter|correspondent|editor|columnist)s?\W*$", re.I)
_TAG_PREFIX = re.compile(r"^\W*(?:tags?|topics?|keywords?|related topics|categories|filed under)\s*:", re.I)


@dataclass(frozen=True)
class LineInfo:
    """One non-empty line and what we measured on it."""
    index: int            # position among the page's non-empty lines
    text: str             # stripped, spaces squeezed
    group: int            # lines not separated by a blank line share a group
    words: int
    stop_ratio: float
    title_ratio: float    # share of the capitalised words among content words
    ends: bool            # ends with sentence punctuation
    sentences: int

    @property
    def textlike(self) -> bool:
        """Reads as running text: a sentence of some length, not a Title Case headline."""
        if (self.words >= 6 and self.ends and self.stop_ratio >= 0.12
                and not (self.title_ratio > 0.9 and self.words < 12)):
            return True
        return self.words >= 20 and self.title_ratio < 0.6 and self.stop_ratio >= 0.2

    @property
    def headline_like(self) -> bool:
        if not (2 <= self.words <= 30) or self.sentences > 1:
            return False
        if self.text.endswith(".") and not self.text.endswith("...") and self.words > 14:
            return False
        if self.words >= 12 and self.stop_ratio == 0:      # a strip of menu items
            return False
        return True


@dataclass(frozen=True)
class Lexicon:
    """How lines of one language are measured: its words and function words (None: not counted)."""
    language: Optional[str]
    stop: Optional[frozenset[str]]
    word: re.Pattern

    def words(self, text: str) -> list[str]:
        return self.word.findall(text)


ENGLISH = Lexicon("en", STOP, _WORD)


def lexicon(language: Optional[str]) -> Lexicon:
    """The lexicon of a language code (English when unknown)."""
    if not language or language == "en":
        return ENGLISH
    word = _WORD_CJK if language in UNSEGMENTED else _WORD
    stop = None if language in NO_FUNCTION_WORDS else function_words(language)
    return Lexicon(language, stop, word)


def page_language(content: str) -> Optional[str]:
    """The language of a scraped page, identified on its long lines (running text, not its menus)."""
    sample, size = [], 0
    for raw in (content or "").splitlines():
        s = raw.strip()
        if len(s) >= PAGE_LANGUAGE_LINE:
            sample.append(s)
            size += len(s)
            if size >= SAMPLE_CHARS:
                break
    return detect_language(" ".join(sample) if sample else content)


PAGE_LANGUAGE_LINE = 60   # characters: lines this long are read to identify a page's language


def _measure(index: int, text: str, group: int, lex: Lexicon = ENGLISH) -> LineInfo:
    words = lex.words(text)
    n = len(words)
    stop = lex.stop
    if stop is None:           # function words not countable: neutral, length and punctuation decide
        stops = n
        content = [w for w in words if w[0].isalpha()]
    else:
        stops = sum(1 for w in words if w.lower() in stop)
        content = [w for w in words if w.lower() not in stop and w[0].isalpha()]
    caps = sum(1 for w in content if w[0].isupper())
    return LineInfo(
        index=index, text=text, group=group, words=n,
        stop_ratio=stops / n if n else 0.0,
        title_ratio=caps / len(content) if content else 0.0,
        ends=bool(_END.search(text)),
        sentences=1 + _sentence_breaks(text) if n else 0,
    )


def _sentence_breaks(text: str) -> int:
    """Sentence ends inside a line, not counting initials ("T.J. Ford") and abbreviations ("Mr. Smith")."""
    k = 0
    for m in _SENT_SPLIT.finditer(text):
        w = m.group("w")
        if (not w or (len(w) == 1 and w.isupper()) or w.lower() in _ABBREV
                or ("." in text[max(0, m.start() - 2):m.start()])):
            continue
        k += 1
    return k


def split_lines(content: str, lex: Lexicon = ENGLISH) -> list[LineInfo]:
    """The non-empty lines of a scraped page, each measured; blank lines only delimit groups."""
    out: list[LineInfo] = []
    group, blank = 0, True
    for raw in (content or "").splitlines():
        s = " ".join(unicodedata.normalize("NFC", raw).split())
        if not s:
            blank = True
            continue
        if blank and out:
            group += 1
        blank = False
        out.append(_measure(len(out), s, group, lex))
    return out


def _ui_line(li: LineInfo) -> bool:
    words = [w.lower() for w in _WORD.findall(li.text)]
    if not words or li.words > 6:
        return False
    ui = sum(1 for w in words if w in _UI_WORDS)
    return ui >= max(1, (len(words) + 1) // 2)


def _tag_line(li: LineInfo) -> bool:
    if _TAG_PREFIX.match(li.text):
        return True
    if li.ends or li.text.count(",") < 2:
        return False
    items = [x.strip() for x in re.split(r"[,;|]", li.text) if x.strip()]
    return len(items) >= 3 and all(len(x.split()) <= 3 for x in items) and li.stop_ratio <= 0.15


def _credit_line(li: LineInfo) -> bool:
    return li.words <= 12 and not li.textlike and bool(_CREDIT.search(li.text))


def line_label_alone(li: LineInfo, furniture: frozenset[str] = frozenset(), foreign: bool = True) -> Optional[str]:
    """The label a line earns by itself (pass 1), or None when only its context can tell. ``foreign``: read dates
    written in other languages too (not needed on an English page)."""
    t = li.text
    if furniture and line_key(t) in furniture:
        return "furniture"
    kind = date_line_kind(t, li.index, foreign)
    if kind:
        return "date:" + kind
    name, signal = outlet_from_line(t)
    if signal == "site":
        return "outlet"
    if signal == "notify" or _PROMPT.search(t) and li.words <= 25:
        return "prompt"
    if signal == "copyright" and li.words <= 25:
        return "nav"
    if _WIDGET_START.match(t) and (li.words <= 25 or not li.ends):
        return "widget"
    if _COMMENT_HEAD.match(t) and li.words <= 12:
        return "comment"
    if _tag_line(li):
        return "tags"
    if _credit_line(li):
        return "caption"
    if (_BYLINE.match(t) and li.words <= 14 and not li.ends) or _BYLINE_PLAIN.match(t):
        return "byline"
    if _ui_line(li) and not li.ends:
        return "widget"
    if li.words <= 40 and _CAPTION.search(t) and not _starts_like_body(t):
        return "caption"
    return None


def _starts_like_body(t: str) -> bool:
    """A paragraph that quotes or reports ("... said", "according to") is body even with caption words."""
    return bool(re.search(r"\b(?:said|says|told|according to|added)\b", t))


@dataclass(frozen=True)
class Classified:
    lines: tuple[LineInfo, ...]
    labels: tuple[str, ...]
    title: Optional[int] = None
    subtitle: Optional[int] = None
    language: Optional[str] = None      # the page's language as identified (None: unknown; measured as English)


def classify_lines(content: str, furniture: frozenset[str] = frozenset(),
                   language: Optional[str] = None) -> Classified:
    """Label every non-empty line of a scraped page (see the module doc for the labels); ``language``: the page's
    language when known, else identified here."""
    language = language or page_language(content)
    lex = lexicon(language)
    lines = split_lines(content, lex)
    n = len(lines)
    foreign = lex is not ENGLISH
    labels: list[Optional[str]] = [line_label_alone(li, furniture, foreign) for li in lines]

    # repeated consecutive lines: a caption shown twice (a long paragraph keeps one copy)
    for i in range(1, n):
        if line_key(lines[i].text) == line_key(lines[i - 1].text):
            labels[i] = "duplicate"
            if lines[i].words <= 40:
                labels[i - 1] = "duplicate"
    # a short name line just above its caption ("Jane Doe" / "Jane Doe speaks in Paris ..."),
    # and the lines grouped with a credit when paragraphs are blank-separated
    grouped = _blank_separated(lines)
    for i in range(n - 1):
        a, b = lines[i], lines[i + 1]
        if (labels[i] is None and a.words <= 12 and not a.ends and b.text.startswith(a.text)
                and len(b.text) > len(a.text)):
            labels[i] = "caption"
            if labels[i + 1] is None and b.words <= 60:
                labels[i + 1] = "caption"
    if grouped:
        for i in range(n):
            if labels[i] == "caption":
                g = lines[i].group
                for j in range(max(0, i - 3), min(n, i + 4)):
                    if lines[j].group == g and labels[j] is None and lines[j].words <= 60:
                        labels[j] = "caption"

    # pass 2: the body is the best run of text-like lines
    score = []
    for li, lab in zip(lines, labels):
        if lab is None and li.textlike:
            score.append(float(min(li.words, 80)))
        elif lab is None and li.ends and li.words >= 3 and li.stop_ratio > 0:
            score.append(0.0)                  # a short sentence: neutral
        elif lab in ("date:published", "date:updated", "widget", "caption", "duplicate", "prompt"):
            score.append(-4.0)                 # furniture that sits inside articles
        else:
            score.append(-10.0)
    # teaser lists: headline, one-paragraph summary, headline, summary ... (3 pairs or more)
    for a, b in _teaser_runs(lines, labels):
        for j in range(a, b):
            labels[j] = "related"
    # readers' signatures repeated down the page ("Posted by: ... | date", "... said:") mark comments
    sigs = [i for i in range(n) if lines[i].words <= 20 and _SIGNATURE.match(lines[i].text)]
    if len(sigs) >= 2:
        for i in sigs:
            labels[i] = "comment"
    # a comment-section header after some text: what follows is readers' comments, not the article
    words_before, comments_from = 0, n
    for i in range(n):
        if (labels[i] == "comment" and words_before >= COMMENT_MIN_WORDS_BEFORE
                and not _BARE_COMMENTS.match(lines[i].text)):
            comments_from = i
            break
        if labels[i] is None and lines[i].textlike:
            words_before += lines[i].words
    for i in range(comments_from, n):
        score[i] = min(score[i], -2.0)
    start, end = _best_run(score)
    final: list[str] = []
    for i, (li, lab) in enumerate(zip(lines, labels)):
        if lab is not None:
            final.append(lab)
        elif (start is not None and start <= i <= end
              and (li.textlike or (li.ends and li.words >= 3 and li.stop_ratio > 0))):
            final.append("body")
        elif i >= comments_from and li.textlike:
            final.append("comment")
        else:
            final.append("nav" if start is None or i < start else "related")

    # pass 3: title and subtitle, before the body
    title = _pick_title(lines, final, start, lex)
    subtitle = None
    if title is not None:
        # a standfirst: right after the title, one sentence, set apart from the body by furniture
        first = title + 1
        if first < n and final[first] in ("body", "nav", "related") and lines[first].textlike \
                and lines[first].sentences == 1 and lines[first].words <= 30 \
                and first + 1 < n and final[first + 1] not in ("body",) and start is not None and first < end:
            subtitle = first
    if title is not None:
        final[title] = "title"
    if subtitle is not None:
        final[subtitle] = "subtitle"
    return Classified(tuple(lines), tuple(final), title, subtitle, language)


def _content_words(text: str, lex: Lexicon = ENGLISH) -> list[str]:
    if lex.language in UNSEGMENTED:       # no word breaks: pairs of characters stand in for words
        chars = [c for c in text if c.isalpha()]
        return [a + b for a, b in zip(chars, chars[1:])]
    stop = lex.stop or frozenset()
    return [w.lower() for w in lex.words(text) if len(w) > 2 and w.lower() not in stop]


MIN_TITLE_SCORE = 0.25
COMMENT_MIN_WORDS_BEFORE = 40   # a "Comments" header this far into the text opens the comment section
TITLE_WINDOW = 48      # lines before the body searched for the headline
STAMP_NEAR = 3         # a headline's dateline / byline follows within this many lines ...
STAMP_BONUS = 0.3      # ... and earns it this much (l3s-text titles 0.815 -> 0.863; both halves of the set rose)


def _pick_title(lines: Sequence[LineInfo], final: Sequence[str], start: Optional[int],
                lex: Lexicon = ENGLISH) -> Optional[int]:
    """The headline: a headline-like line shortly before the body whose words the body repeats.

    Score = share of its content words found in the body's opening (headlines restate the lead)
    + a small bonus for a headline's length + a bonus when a dateline or byline follows it closely
    - distance from the body - penalties for a line that looks like a name or a section label (few
    words, all capitalised, no function word).
    """
    if start is None:
        return None
    lead_words: set[str] = set()
    count = 0
    for li, lab in zip(lines[start:], final[start:]):
        if lab == "body":
            ws = _content_words(li.text, lex)
            lead_words.update(ws)
            count += len(ws)
            if count > 250:
                break
    stems = {w[:5] for w in lead_words}
    def score_of(i: int) -> Optional[float]:
        li, lab = lines[i], final[i]
        if lab not in ("nav", "related", "duplicate") or not li.headline_like or _ui_line(li):
            return None
        if lab == "duplicate" and li.words > 15:
            return None
        if _NOT_TITLE.search(li.text):
            return None
        words = _content_words(li.text, lex)
        if not words:
            return None
        overlap = sum(1 for w in words if w in lead_words or w[:5] in stems) / len(words)
        score = overlap - 0.1 * math.log2(1 + start - 1 - i)
        if any(lab2.startswith("date") or lab2 == "byline" for lab2 in final[i + 1:i + 1 + STAMP_NEAR]):
            score += STAMP_BONUS      # a headline sits just above its dateline / byline
        if 4 <= li.words <= 20:
            score += 0.15
        if li.words <= 3 or (li.stop_ratio == 0 and li.title_ratio > 0.9 and li.words <= 5):
            score -= 0.35          # a name, an outlet, a section label
        if li.text.endswith(":") or "|" in li.text:
            score -= 0.3
        if li.text.isupper() and li.words <= 4:
            score -= 0.3
        if _ends_period(li.text):
            score -= 0.15
        return score

    best, best_score = None, MIN_TITLE_SCORE
    for i in range(start - 1, max(-1, start - 1 - TITLE_WINDOW), -1):
        score = score_of(i)
        if score is not None and score > best_score:
            best, best_score = i, score
    # a headline comes before its standfirst: a sentence right under a headline is the standfirst
    if best is not None and best > 0 and _ends_period(lines[best].text):
        prev = score_of(best - 1)
        if prev is not None and prev > MIN_TITLE_SCORE and not _ends_period(lines[best - 1].text):
            best = best - 1
    return best


# links, breadcrumbs ("Home > News"), "more »" arrows, stamps with two-digit years: never a headline
_NOT_TITLE = re.compile(r"https?://|\bwww\.|\w\.(?:com|org|net|co\.uk)\b|\s[>\u00bb\u203a]\s|[\u00bb\u203a]\s*$|"
                        r"^\W*(?:last\s+)?(?:updated|published|posted|modified)\b|"
                        # the site's own controls and listings: sign-in, feeds, archives, "more ... articles"
                        r"\b(?:log\s?in|log\s?out|sign\s(?:in|up)|new\suser|subscribe\sto|rss\sfeeds?|"
                        r"print(?:-friendly|\sthis)|e-?mail\s(?:this|article)|archives?\sfor|"
                        r"(?:all|more)\s(?:[\w'.-]+\s){0,3}(?:articles|stories|news\srelated))\b", re.I)


def _ends_period(text: str) -> bool:
    return text.endswith(".") and not text.endswith("...")


TEASER_MIN_PAIRS = 3


def _teaser_runs(lines: Sequence[LineInfo], labels: Sequence[Optional[str]]) -> list[tuple[int, int]]:
    """Spans [a, b) of alternating headline / single summary lines, at least TEASER_MIN_PAIRS pairs."""
    def head(i: int) -> bool:
        li = lines[i]
        return labels[i] is None and li.headline_like and not li.textlike and not li.ends and li.words >= 3

    def teaser(i: int) -> bool:
        return labels[i] is None and lines[i].textlike and lines[i].words <= 60

    out, i, n = [], 0, len(lines)
    while i < n - 1:
        j = i
        while j + 1 < n and head(j) and teaser(j + 1):
            j += 2
        if (j - i) // 2 >= TEASER_MIN_PAIRS:
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _blank_separated(lines: Sequence[LineInfo]) -> bool:
    """True when most paragraphs are set apart by blank lines (so line groups mean something)."""
    if len(lines) < 3:
        return False
    groups = len({li.group for li in lines})
    return groups >= 0.5 * len(lines)


def _best_run(score: Sequence[float]) -> tuple[Optional[int], int]:
    """The maximum-sum contiguous run (Kadane); (None, -1) when nothing scores above zero."""
    best, best_se = 0.0, (None, -1)
    cur, cur_s = 0.0, 0
    for i, s in enumerate(score):
        if cur <= 0:
            cur, cur_s = s, i
        else:
            cur += s
        if cur > best:
            best, best_se = cur, (cur_s, i)
    return best_se


def clean_text(page: Page, furniture: frozenset[str] = frozenset(), today: Optional[date] = None,
               language: Optional[str] = None) -> Article:
    """Scraped text (page.kind == "text") -> Article with body, title, subtitle, outlet, dateline, dates and the
    body's language (``language``: the page's, when already identified)."""
    c = classify_lines(page.content, furniture, language)
    lines, labels = c.lines, c.labels
    body_lines = [li.text for li, lab in zip(lines, labels) if lab == "body"]
    text = "\n\n".join(body_lines)
    stamps = [(lab.split(":", 1)[1], li.text) for li, lab in zip(lines, labels) if lab.startswith("date:")]
    captions = [li.text for li, lab in zip(lines, labels) if lab in ("caption", "duplicate")]
    dates = publication_dates(stamps, text, captions, captured=page.captured, today=today)
    outlet = find_outlet(li.text for li, lab in zip(lines, labels) if lab != "body")
    first = next((li.text for li, lab in zip(lines, labels) if lab == "byline"), None)
    byline = clean_byline([first]) if first else None      # the first: later ones credit editors, photos
    dropped = tuple(li.text for li, lab in zip(lines, labels) if lab not in ("body", "title", "subtitle"))
    return Article(
        id=page.id, source=page.source, text=text, content_hash=page.content_hash, kind="text",
        url=page.url, outlet=outlet,
        title=lines[c.title].text if c.title is not None else None,
        subtitle=lines[c.subtitle].text if c.subtitle is not None else None,
        published=dates.published, published_range=dates.published_range,
        published_evidence=dates.published_evidence, published_candidates=dates.published_candidates,
        updated=dates.updated, byline=byline,
        dateline=split_dateline(body_lines[0]) if body_lines else None,
        language=detect_language(text) or c.language,
        captured=page.captured, dropped_lines=dropped,
    )
