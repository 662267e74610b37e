"""Direct and partial quotes: words in quote marks that stand as speech, and who said them."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

from storyline.understand.quotes.marks import CLOSE_MARKS, OPEN_MARKS, _Seg, quote_segments
from storyline.understand.quotes.parse import SPEECH_VERBS, _according_to, _is_speech, _subject

DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}
SIGNATURE = re.compile(r"[ \t]*([\u2015\u2014\u2013]|--?)[ \t]*([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4})"
                       r"[ \t]*[.,]?[ \t]*(?:\n|$)")
SPEAKER_TAG = re.compile(r"([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3}):\s+")


AFTER_WINDOW = 60   # tokens after a quote where its attribution may end (long appositions)


COLON_PREV_PARA = True
COLON_ANY_VERB = True
GROUP_RUNS = True
LOOSE_AFTER = True
SHARE_SPLIT_CUE = True
LOOSE_BEFORE = True
LOOSE_MAX_SOURCE = 12   # tokens of source between a quote and its loose attribution verb
LOOSE_SOURCE_START = {"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"}


class DirectQuotes:
    """The direct-quote half of the attribution finder (``_Finder``): needs ``text``, ``doc``, ``parsed``,
    ``mentions``, ``tok_at`` and ``sent_of``."""

    # -- direct quotes
    def attribute_after(self, seg: _Seg) -> bool:
        # a signature glued to the closing mark ('…”― Jane Roe.'): the tokenizer keeps '”―' as one token
        m = SIGNATURE.match(self.text, seg.close_at + 1) if seg.closed else None
        if m:
            end = m.end(2)
            if self.text[end - 1] == "." and len(self.text[m.start(2):end].split()[-1]) > 3:
                end -= 1   # 'Carla Sanchez.' (but 'Jane Q.')
            seg.src = (m.start(2), end, self.tok_at(end - 1))
            seg.cue, seg.cue_span = m.group(1), m.span(1)
            return True
        sent = self.sent_of(max(seg.close_at - 1, seg.start))
        if sent is None:
            return False
        after = [t for t in sent if t.idx > seg.close_at and not t.is_space]
        if not after:
            return False
        # a signature after a dash: '"…" ― Jane Roe'
        if after[0].text in DASHES and len(after) > 1 and after[1].pos_ == "PROPN":
            run = [after[1]]
            for t in after[2:]:
                if t.pos_ != "PROPN" and not (t.text == "." and len(t.nbor(-1)) <= 2):
                    break
                run.append(t)
            seg.src = (run[0].idx, run[-1].idx + len(run[-1]), run[-1])
            seg.cue, seg.cue_span = after[0].text, (after[0].idx, after[0].idx + len(after[0]))
            return True
        # the attribution must follow at once: ', he said' / ' said Smith' / ', according to X' /
        # ', Jane Roe, the director of a long-named institute, said'
        first = after[1] if after[0].is_punct and len(after) > 1 else after[0]
        for k, t in enumerate(after[:AFTER_WINDOW]):
            if k >= 12 and not (t.pos_ in {"VERB", "AUX"} and (_subject(t) is not None and
                                                               _subject(t).left_edge.i <= first.i)):
                continue
            if t.text in OPEN_MARKS or t.text in CLOSE_MARKS:
                break
            acc = _according_to(t)
            if acc is not None:
                seg.attribute(acc, "according to", (t.idx, t.nbor().idx + 2))
                return True
            if _is_speech(t):
                subj = _subject(t)
                if subj is None:   # inverted: 'said Smith'
                    objs = [c for c in t.children if c.dep_ in {"dobj", "attr", "npadvmod"} and c.i > t.i
                            and c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}]
                    subj = objs[0] if objs else None
                if subj is not None and subj.idx > seg.close_at or (subj is not None and subj.idx < seg.open_at
                                                                      and seg.closed):
                    seg.attribute(subj, t)
                    return True
        return False

    def attribute_after_loose(self, seg: _Seg) -> bool:
        """'"…," Oliver barked.' / '"…!" Mr. Trump wrote on Twitter.' / '"…," a voice-over in the ad states.':
        the clause right after a quote that ends in a comma (or '?', '!') is its attribution, whatever its verb
        and even where the parser split the sentence at the mark or took the verb for a noun. The source is
        the words between the mark and the verb ('said Smith': the name after it)."""
        if not seg.closed:
            return False
        inner = self.text[max(seg.start, seg.end - 1):seg.close_at + 1]   # the last word's end to the mark
        tail = self.text[seg.close_at + 1:seg.close_at + 3].lstrip(" \t")
        comma = any(ch in inner for ch in ",?!\u2014-") or tail.startswith(",")
        if not comma and "." not in inner:
            return False
        t0 = self.tok_at(seg.close_at)
        if t0 is None:
            return False
        toks: list[Token] = []
        for t in self.doc[t0.i:t0.i + 30]:
            if t.idx <= seg.close_at or (not toks and (t.text == "," or t.text in CLOSE_MARKS)):
                continue
            if "\n" in t.text or t.text in OPEN_MARKS or t.text in CLOSE_MARKS or t.text in {".", "?", "!", ";", ":"} \
                    and not (t.text == "." and t.i > 0 and len(t.nbor(-1)) <= 2 and t.nbor(-1).is_upper):
                break
            toks.append(t)
        if not toks or toks[0].pos_ not in LOOSE_SOURCE_START | {"VERB", "AUX"}:
            return False
        verb = None
        for k, t in enumerate(toks):
            finite = t.tag_ in {"VBD", "VBZ", "VBP"} or (t.tag_ in {"NN", "NNS"} and k > 0 and
                                                         t.lemma_.lower() in SPEECH_VERBS and t.dep_ != "compound")
            if finite:
                verb = k
                break
            if t.pos_ in {"VERB", "AUX"} and k == 0:
                break
        if verb is None or verb > LOOSE_MAX_SOURCE:
            return False
        v = toks[verb]
        if not comma and v.lemma_.lower() not in SPEECH_VERBS:
            return False
        if verb == 0:   # 'said Smith', 'added the senator'
            src = []
            for t in toks[1:]:
                if t.pos_ in {"PROPN", "NOUN", "DET", "ADJ", "NUM"} or t.dep_ == "compound" or (
                        t.text == "." and src and len(src[-1]) <= 2):
                    src.append(t)
                else:
                    break
            if not src or v.lemma_.lower() not in SPEECH_VERBS:
                return False
        else:
            src = toks[:verb]
            while src and (src[-1].is_punct or src[-1].pos_ in {"ADV", "CCONJ"}):
                src = src[:-1]
            if not src or not any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in src):
                return False
        ids = {t.i for t in src}
        head = next((t for t in src if t.head.i not in ids), src[-1])
        seg.src = (src[0].idx, src[-1].idx + len(src[-1]), head)
        seg.cue, seg.cue_span = v.text, (v.idx, v.idx + len(v))
        return True

    def attribute_before(self, seg: _Seg) -> bool:
        sent = self.sent_of(seg.start)
        if sent is None:
            return False
        before = [t for t in sent if t.idx + len(t) <= seg.open_at]
        if not before and COLON_PREV_PARA and sent.start > 0:
            # 'Caddell continued:' closing the paragraph before the quote
            k = sent.start - 1
            while k > 0 and (self.doc[k].is_space or self.doc[k].text in OPEN_MARKS):
                k -= 1
            if self.doc[k].text == ":":
                prev = self.doc[k].sent
                before = [t for t in prev if t.i <= k]
        if not before:
            return False
        last = before[-1]
        if last.text == ":" and len(before) >= 2:
            # 'X said: "…"' or 'Name: "…"'
            verbs = [t for t in before if _is_speech(t) and _subject(t) is not None]
            if verbs:
                subj = _subject(verbs[-1])
                seg.attribute(subj, verbs[-1])
                return True
            first = before[0]
            lead = self.doc[first.i:last.i]
            if 0 < len(lead) <= 10 and any(m.start >= lead.start_char and m.end <= lead.end_char
                                           and m.label in {"PERSON", "ORG", "GPE"} for m in self.mentions):
                seg.src = (lead.start_char, lead.end_char, lead.root)
                seg.cue, seg.cue_span = ":", (last.idx, last.idx + 1)
                return True
            if COLON_ANY_VERB:   # 'The piece used one of her quotes as its headline: "…"'
                verbs = [t for t in before if t.pos_ == "VERB" and t.dep_ in {"ROOT", "conj"} and
                         _subject(t) is not None and _subject(t).pos_ in {"PROPN", "NOUN", "PRON"}
                         and _subject(t).lower_ not in {"it", "this", "that", "there", "what"}]
                if verbs:
                    seg.attribute(_subject(verbs[-1]), verbs[-1])
                    return True
            return False
        for t in reversed(before):
            if _is_speech(t):
                subj = _subject(t)
                if subj is not None:
                    seg.attribute(subj, t)
                    return True
            acc = _according_to(t)
            if acc is not None:
                seg.attribute(acc, "according to", (t.idx, t.nbor().idx + 2))
                return True
        if LOOSE_BEFORE and last.text == ",":
            # 'As Vulture put it, "…"', 'Trump shot back, "…"': a lead-in comma after a clause with a subject
            verbs = [t for t in before if t.pos_ == "VERB" and _subject(t) is not None and
                     _subject(t).pos_ in {"PROPN", "NOUN", "PRON"} and
                     _subject(t).lower_ not in {"it", "this", "that", "there", "what", "which"}]
            if verbs and verbs[-1].i >= last.i - LOOSE_MAX_SOURCE:
                seg.attribute(_subject(verbs[-1]), verbs[-1])
                return True
        return False

    def governing_speech_verb(self, seg: _Seg) -> Optional[Token]:
        """For an embedded fragment: the speech verb whose complement holds it."""
        t = self.tok_at(seg.start)
        if t is None:
            return None
        node = t
        for _ in range(12):
            if node.head.i == node.i:
                break
            node = node.head
            if _is_speech(node) and _subject(node) is not None and node.idx < seg.open_at:
                return node
        return None

    def starts_sentence(self, seg: _Seg) -> bool:
        pre = self.text[:seg.open_at]
        stripped = pre.rstrip(" \t")
        if not stripped or stripped.endswith("\n"):
            return True
        if stripped[-1] in ".!?:\u2014" or stripped[-1] in CLOSE_MARKS:
            return True
        sent = self.sent_of(seg.start)
        return sent is not None and sent.start_char >= seg.open_at - 1

    def direct(self) -> list[_Seg]:
        segs = quote_segments(self.text)
        out: list[_Seg] = []
        for seg in segs:
            words = len(re.findall(r"\w+", self.text[seg.start:seg.end]))
            head = self.starts_sentence(seg)
            lead_in = self.text[:seg.open_at].rstrip().endswith((",", ":"))
            if head or lead_in:
                seg.kind = "direct"
                tag = SPEAKER_TAG.match(self.text, seg.start, seg.end)
                if tag:   # a transcript inside marks: '"SMITH: We will …"'
                    ts, te = tag.span(1)
                    seg.src = (ts, te, self.tok_at(te - 1))
                    seg.cue, seg.cue_span = ":", (te, te + 1)
                    seg.start = tag.end()
                elif self.parsed:
                    self.attribute_after(seg) or self.attribute_before(seg) or (
                        LOOSE_AFTER and self.attribute_after_loose(seg))
                if words < 2 and seg.src is None:
                    continue
                out.append(seg)
            elif self.parsed and words >= 3:
                verb = self.governing_speech_verb(seg)
                if verb is not None:
                    subj = _subject(verb)
                    seg.kind = "partial"
                    seg.attribute(subj, verb)
                    out.append(seg)
        # a quote with no attribution of its own: the speaker of its paragraph, else of the run it continues
        for i, seg in enumerate(out):
            if seg.src is not None or seg.kind != "direct":
                continue
            same = [o for o in out if o.para == seg.para and o.src is not None and o is not seg]
            prev = [o for o in out[:i] if o.src is not None]
            cont = prev and out[i - 1].src is not None and (out[i - 1].para == seg.para or
                                                           (out[i - 1].para == seg.para - 1 and not out[i - 1].closed))
            if same:
                near = min(same, key=lambda o: abs(o.start - seg.start))
                seg.src, seg.cue = near.src, near.cue
                seg.cue_span = near.cue_span if SHARE_SPLIT_CUE or near.start > seg.start else None
            elif cont:
                seg.src, seg.cue = out[i - 1].src, out[i - 1].cue
                if out[i - 1].para == seg.para or GROUP_RUNS:   # a quote running over paragraphs is one
                    seg.cue_span = out[i - 1].cue_span
            elif i + 1 < len(out) and out[i + 1].para == seg.para + 1 and not seg.closed and out[i + 1].src:
                seg.src, seg.cue = out[i + 1].src, out[i + 1].cue
                if GROUP_RUNS:
                    seg.cue_span = out[i + 1].cue_span
        # a title in marks with nobody saying it ('the show "Jane The Virgin"', '"Lost Tycoon: The Many Lives
        # of Donald J. Trump"') is a name, not speech
        out = [seg for seg in out if seg.src is not None or not _is_title(self.text[seg.start:seg.end])]
        # a lead-in line 'Name: "…"' repeating a quote of the body is not a second quote
        keep: list[_Seg] = []
        for seg in out:
            key = _key(self.text[seg.start:seg.end])
            dup = [o for o in out if o is not seg and key and key in _key(self.text[o.start:o.end])
                   and (len(key) < len(_key(self.text[o.start:o.end])) or (o.cue != ":" and seg.cue == ":"))]
            if not dup:
                keep.append(seg)
        return keep


def _is_title(text: str) -> bool:
    """Capitalized words with no sentence end: 'Hawaii Five-0', 'Lost Tycoon: The Many Lives of …'."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text)
    if not words or len(words) > 10 or re.search(r"[.!?,]\W*$", text.strip()):
        return False
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "vs"}
    return all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
