"""Statements: who said what, from transcript turns, direct quotes and reported speech.

Transcripts and debates are cut into turns at speaker headings; each sentence of a turn is
a statement of kind ``turn``. Prose is read for quotations (any layout: "X said:" followed
by paragraphs that each open a quote and close only at the end; "“...,” said X"; quotes
split around the attribution) and for reported speech ("X told a hearing that ...",
"according to X"). In a press release, the issuing body's own sentences are its statements.
Unbalanced quote marks never raise: a quote that does not close ends with its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from nlp.extract.headings import Heading, find_headings
from nlp.extract.names import clean_name
from nlp.extract.officials import OfficialMatch
from nlp.extract.spans import doc_text, has_sentences, sentence_offsets
from nlp.extract.speakers import SpeakerResolver
from nlp.stance.rules import StanceResult

OPEN_QUOTES, CLOSE_QUOTES = '“"', '”"'
REPORTING = (
    r"said|says|added|adds|told|tells|stressed|warned|insisted|argued|claimed|denied|confirmed|explained|"
    r"admitted|announced|revealed|suggested|acknowledged|stated|commented|continued|urged|pledged|vowed|"
    r"promised|emphasised|emphasized|noted|asked|replied|responded|wrote|advised|informed|reported|highlighted|"
    r"questioned|expressed|explained|repeated|warns|believes|insists|argues|appealed|appeals"
)
# "X said:", "X told the committee:", "X said " right before the quote, and "X, from Y:" with no verb.
ATTRIBUTION_BEFORE = re.compile(rf"(?P<who>[^.!?“”\"\n]{{1,160}}?)\s+(?:{REPORTING})\b[^:“”\"\n.]{{0,80}}:?\s*$")
LABEL_BEFORE = re.compile(r"(?P<who>[^.!?“”\"\n]{3,160}):\s*$")
ATTRIBUTION_AFTER = re.compile(
    rf"^[\s,]*(?:(?:{REPORTING})\s+(?P<who>[^.,;:!?“”\"\n]{{1,120}})|(?P<who2>[^.;:!?“”\"\n]{{1,160}}?)\s+(?:{REPORTING})\b)"
)
# A motion as debates print it, and the member in whose name it stands.
MOTION = re.compile(r"(?:Motion debated,?\s+)?That (?:the|this) (?:Parliament|House|Assembly|Committee)\b")
MOVER = re.compile(r"\bmotion [A-Z0-9.-]+, in the name of (?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,3})")
# What someone said or wrote, as a noun: "X's comments highlighted ..." reports no speech.
WORDS_AND_PAPERS = frozenset(
    {"comment", "remark", "word", "speech", "statement", "letter", "report", "review", "finding", "judgment"}
    | {"ruling", "sentence", "evidence", "answer", "response", "decision", "message", "article", "column", "tweet"}
)
INDIRECT = re.compile(rf"\b(?:{REPORTING}|according to)\b")
BOILERPLATE = re.compile(
    r"^(?:Anyone with information|Notes to editors|Related Articles|Share this|Read more|ENDS|Image|\[)", re.I
)


@dataclass
class StatementMatch:
    speaker: str | None
    kind: str
    text: str
    start: int
    end: int
    role: str | None = None
    stance: StanceResult | None = None
    rule: str = ""


def _turn_statements(doc: Doc, headings: list[Heading], resolver: SpeakerResolver) -> Iterator[StatementMatch]:
    text = doc_text(doc)
    mover = _mover(text, resolver)
    for heading, following in zip(headings, [*headings[1:], None], strict=False):
        end = following.start if following else len(text)
        speaker, role = _heading_speaker(heading, resolver)
        for s, e in sentence_offsets(doc, heading.body, end):
            span = doc.char_span(s, e, alignment_mode="expand")
            reported = _reported(span, resolver) if span is not None else None
            if reported and reported[0] != speaker and reported[0] in resolver.official_names:
                # "The Commissioner [...] said again yesterday that ...", inside an AM's question
                yield StatementMatch(reported[0], "indirect", text[s:e], s, e, reported[1], rule="reported in turn")
            elif mover and in_motion(text, s):  # the chair reads it out; it is the words of its mover
                yield StatementMatch(mover[0], "indirect", text[s:e], s, e, mover[1], rule="motion")
            else:
                yield StatementMatch(speaker, "turn", text[s:e], s, e, role, rule="turn")


def in_motion(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` lies in a paragraph that is a motion ("That the
    Parliament notes ..."), as debates print the motion before it."""
    cut = text.rfind("\n\n", 0, start)
    return bool(MOTION.match(text[cut + 2 if cut >= 0 else 0 :].lstrip()))


def _mover(text: str, resolver: SpeakerResolver) -> tuple[str, str | None] | None:
    """Who moved the debate's motion: "a debate on motion S6M-11874, in the name of Ann Gow"."""
    m = MOVER.search(text)
    if not m:
        return None
    official = resolver.by_name(m.group("name"))
    return (official.name, official.role) if official else (m.group("name"), None)


def _heading_speaker(heading: Heading, resolver: SpeakerResolver) -> tuple[str | None, str | None]:
    """The official a heading names, or the one holding the office it names ("The Mayor")."""
    if heading.name:
        official = resolver.by_name(heading.name)
        return (official.name, official.role) if official else (heading.name, heading.role)
    official = resolver.by_role(heading.who)
    return (official.name, official.role) if official else (heading.role or heading.who, heading.role)


@dataclass
class Quote:
    start: int  # of the words, inside the marks
    end: int
    para_start: int
    continues: bool  # opens a paragraph that continues the previous quote


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages; an unclosed quote ends with its paragraph (never raises)."""
    quotes: list[Quote] = []
    para_start = 0
    previous_open = False
    for paragraph in re.split(r"(\n\s*\n)", text):
        if not paragraph.strip() or paragraph.startswith("\n"):
            para_start += len(paragraph)
            continue
        previous_open = _scan_paragraph(paragraph, para_start, quotes, previous_open)
        para_start += len(paragraph)
    return quotes


def _scan_paragraph(paragraph: str, offset: int, quotes: list[Quote], previous_open: bool) -> bool:
    i, open_at, still_open = 0, -1, False
    lead = len(paragraph) - len(paragraph.lstrip())
    while i < len(paragraph):
        ch = paragraph[i]
        if open_at < 0 and ch in OPEN_QUOTES and (ch != '"' or i == 0 or not paragraph[i - 1].isalnum()):
            open_at = i + 1
        elif (
            open_at >= 0
            and ch in CLOSE_QUOTES
            and (ch != '"' or i + 1 == len(paragraph) or not paragraph[i + 1].isalnum())
        ):
            if i > open_at:
                quotes.append(Quote(offset + open_at, offset + i, offset, previous_open and open_at == lead + 1))
            open_at, previous_open = -1, False
        i += 1
    if open_at >= 0 and len(paragraph) > open_at:
        end = len(paragraph.rstrip())
        quotes.append(Quote(offset + open_at, offset + end, offset, previous_open and open_at == lead + 1))
        still_open = True
    return still_open


def _quote_speaker(
    text: str, quote: Quote, resolver: SpeakerResolver, previous: str | None
) -> tuple[str | None, str | None]:
    if quote.continues and previous:
        return previous, None
    if previous and any(mark in text[quote.para_start : quote.start - 1] for mark in CLOSE_QUOTES):
        return previous, None  # the second half of a quote split around its attribution
    before = text[max(quote.para_start, quote.start - 200) : quote.start - 1]
    if not before.strip():  # "X said:" closing the paragraph before
        prior = text[max(0, quote.para_start - 300) : quote.para_start].rstrip()
        before = prior[prior.rfind("\n") + 1 :] if prior.endswith(":") else ""
    m = ATTRIBUTION_BEFORE.search(before)
    if m:
        return resolver.resolve(m.group("who"), quote.start, previous)
    after = ATTRIBUTION_AFTER.match(text[quote.end + 1 : quote.end + 200])
    if after:
        return resolver.resolve(after.group("who") or after.group("who2"), quote.start, previous)
    label = LABEL_BEFORE.search(before)
    if label:  # "Detective Chief Inspector Name, from the South Area BCU: “..."
        speaker, role = resolver.resolve(label.group("who"), quote.start, previous)
        if speaker:
            return speaker, role
    return (previous, None) if previous and quote.start - quote.para_start < 3 else (None, None)


def _quote_statements(doc: Doc, resolver: SpeakerResolver, skip: Sequence[tuple[int, int]]) -> Iterator[StatementMatch]:
    """One statement per sentence of each quotation, all with the quotation's speaker."""
    text = doc_text(doc)
    previous: str | None = None
    for quote in find_quotes(text):
        short = len(text[quote.start : quote.end].split()) < 4
        attributed = ATTRIBUTION_AFTER.match(text[quote.end + 1 : quote.end + 200])
        if _inside(quote.start, skip) or short and not attributed:
            continue  # scare quotes ('extreme circumstances') belong to the sentence around them
        speaker, role = _quote_speaker(text, quote, resolver, previous)
        previous = speaker or previous
        end = quote.start + len(text[quote.start : quote.end].rstrip(" ,"))
        pieces = list(sentence_offsets(doc, quote.start, end)) if has_sentences(doc) else []
        for s, e in pieces or [(quote.start, end)]:
            yield StatementMatch(speaker, "direct", text[s:e], s, e, role, rule="quote")


def _inside(position: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


def _prose_statements(
    doc: Doc, resolver: SpeakerResolver, covered: list[tuple[int, int]], kind: str | None
) -> Iterator[StatementMatch]:
    """Sentences outside quotes and turns: reported speech with its speaker; otherwise the
    author's own words, which in a press release are the issuing body's."""
    text = doc_text(doc)
    author = resolver.publisher if kind in ("press_release", "other", None) else None
    last: StatementMatch | None = None  # the last reported statement
    for s, e in sentence_offsets(doc):
        share = _covered_share(s, e, covered)
        if share > 0.5 or BOILERPLATE.match(text[s:e].strip()):
            continue
        if share > 0 and len(text[s:e].split()) * (1 - share) < 15:
            continue  # "X said: “...”": the attribution around a quote, not a statement of its own
        span = doc.char_span(s, e, alignment_mode="expand")
        reported = _reported(span, resolver) if span is not None else None
        if reported:
            last = StatementMatch(reported[0], "indirect", text[s:e], s, e, reported[1], rule="reported")
            yield last
        elif last and last.speaker and span is not None and _goes_on(span, text[last.end : s]):
            yield StatementMatch(last.speaker, "indirect", text[s:e], s, e, last.role, rule="reported, continued")
        else:
            yield StatementMatch(author, "direct", text[s:e], s, e, rule="narrative")


def _goes_on(sent: Span, between: str) -> bool:
    """ "Ann Gow said the patrols would end. She accepted that ...": a sentence whose subject is
    "he" or "she", acting, right after reported speech (in the same or the next paragraph)
    goes on reporting the same speaker. ("He was arrested" is passive: no report.)"""
    if between.count("\n\n") > 1:
        return False
    subject = next((t for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    return subject is not None and subject.lower_ in ("he", "she") and subject.i - sent.start <= 3


def _covered_share(start: int, end: int, covered: Sequence[tuple[int, int]]) -> float:
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in covered)
    return inside / max(1, end - start)


def _reported(sent: Span, resolver: SpeakerResolver) -> tuple[str | None, str | None] | None:
    according = re.search(r"according to (?P<who>(?:the\s+)?[A-Z][^,.;]{1,80})", sent.text)
    if according:
        return resolver.resolve(according.group("who"), sent.start_char)
    for token in sent:
        if token.pos_ == "VERB" and INDIRECT.fullmatch(token.text) and _reports(token):
            # The subject of "said"; not of a passive ("residents were told"): that is who heard it.
            subject = next((t for t in token.children if t.dep_ == "nsubj"), None)
            if subject is not None and not _said_by_a_thing(subject, sent):
                phrase = sent.doc[subject.left_edge.i : subject.right_edge.i + 1].text
                speaker, role = resolver.resolve(phrase, sent.start_char)
                if speaker:
                    return speaker, role
    return None


def _reports(verb: Token) -> bool:
    """A reporting verb that carries the sentence: its main verb, or a clause that says what was
    said ("... to which Superintendent Gow advised that ..."; not "everything that Gow said")."""
    if verb.dep_ in ("ROOT", "conj", "ccomp"):
        return True
    return verb.dep_ in ("relcl", "advcl") and any(child.dep_ == "ccomp" for child in verb.children)


def _said_by_a_thing(subject: Token, sent: Span) -> bool:
    """ "Lord Ames's comments highlighted ...", "the judge's report noted ...": someone's words or
    papers as the subject; the sentence is the writer's, not a report of speech ("the
    federation's secretary said" is one)."""
    possessor = any(child.dep_ == "poss" and child.i >= sent.start for child in subject.children)
    return possessor and sent.start <= subject.i and subject.lemma_.lower() in WORDS_AND_PAPERS


def people_named(doc: Doc) -> list[tuple[int, str]]:
    """(start, name) of every person the parser finds named in full (two words or more)."""
    found = []
    for ent in doc.ents:
        name = clean_name(ent.text) if ent.label_ == "PERSON" else None
        if name and len(name.split()) >= 2:
            found.append((ent.start_char, name))
    return found


def find_statements(doc: Doc, officials: Sequence[OfficialMatch], kind: str | None = None) -> list[StatementMatch]:
    """Every statement in ``doc``, in reading order."""
    text = doc_text(doc)
    resolver = SpeakerResolver(officials, text, people_named(doc))
    headings = [h for h in find_headings(text) if not h.listed]
    statements: list[StatementMatch] = []
    turn_range: list[tuple[int, int]] = []
    if len(headings) >= 2 or kind in ("transcript", "debate") and headings:
        statements += _turn_statements(doc, headings, resolver)
        turn_range = [(headings[0].start, len(text))]
    quotes = list(_quote_statements(doc, resolver, turn_range))
    statements += quotes
    covered = turn_range + [(q.start - 1, q.end + 1) for q in quotes]
    if has_sentences(doc):
        statements += _prose_statements(doc, resolver, covered, kind)
    return sorted(statements, key=lambda s: (s.start, s.end))
