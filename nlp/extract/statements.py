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

from spacy.tokens import Doc, Span

from nlp.extract.headings import Heading, find_headings
from nlp.extract.officials import OfficialMatch
from nlp.extract.speakers import SpeakerResolver

OPEN_QUOTES, CLOSE_QUOTES = '“"', '”"'
REPORTING = (
    r"said|says|added|adds|told|tells|stressed|warned|insisted|argued|claimed|denied|confirmed|explained|"
    r"admitted|announced|revealed|suggested|acknowledged|stated|commented|continued|urged|pledged|vowed|"
    r"promised|emphasised|emphasized|noted|asked|replied|responded|wrote"
)
ATTRIBUTION_BEFORE = re.compile(rf"(?P<who>[^.!?“”\"\n]{{1,160}}?)\s+(?:{REPORTING})\b[^:“”\"\n]{{0,80}}:\s*$")
ATTRIBUTION_AFTER = re.compile(
    rf"^[\s,]*(?:(?:{REPORTING})\s+(?P<who>[^.,;:!?“”\"\n]{{1,120}})|(?P<who2>[^.;:!?“”\"\n]{{1,160}}?)\s+(?:{REPORTING})\b)"
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
    stance: tuple[str, float, list[str]] | None = None
    rule: str = ""


def _sentences(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int]]:
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return
    for sent in span.sents:  # type: ignore[attr-defined]
        s, e = max(sent.start_char, start), min(sent.end_char, end)
        while e > s and doc.text[e - 1].isspace():
            e -= 1
        if len(doc.text[s:e].split()) >= 3:
            yield s, e


def _turn_statements(doc: Doc, headings: list[Heading], resolver: SpeakerResolver) -> Iterator[StatementMatch]:
    text = doc.text
    for heading, following in zip(headings, [*headings[1:], None], strict=False):
        end = following.start if following else len(text)
        speaker, role = _heading_speaker(heading, resolver)
        for s, e in _sentences(doc, heading.body, end):
            yield StatementMatch(speaker, "turn", text[s:e], s, e, role, rule="turn")


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
    before = text[max(quote.para_start, quote.start - 200) : quote.start - 1]
    if not before.strip():  # "X said:" closing the paragraph before
        prior = text[max(0, quote.para_start - 300) : quote.para_start].rstrip()
        before = prior if prior.endswith(":") else ""
    m = ATTRIBUTION_BEFORE.search(before)
    if m:
        return resolver.resolve(_trim_who(m.group("who")), quote.start, previous)
    after = ATTRIBUTION_AFTER.match(text[quote.end + 1 : quote.end + 200])
    if after:
        return resolver.resolve(_trim_who(after.group("who") or after.group("who2")), quote.start, previous)
    return (previous, None) if previous and quote.start - quote.para_start < 3 else (None, None)


def _trim_who(who: str) -> str:
    # "On Thursday, Met commissioner Cressida Dick" -> the last clause names the speaker.
    who = re.sub(r"^.*\b(?:and|but|while|as)\s+", "", who.strip())
    return who.split(", ")[-1] if re.match(r"^(?:On|In|At|Last|This|Yesterday|Today)\b", who) else who


def _quote_statements(
    text: str, resolver: SpeakerResolver, skip: Sequence[tuple[int, int]]
) -> Iterator[StatementMatch]:
    previous: str | None = None
    for quote in find_quotes(text):
        if _inside(quote.start, skip) or len(text[quote.start : quote.end].split()) < 4:
            continue  # scare quotes ('extreme circumstances') belong to the sentence around them
        speaker, role = _quote_speaker(text, quote, resolver, previous)
        previous = speaker or previous
        words = text[quote.start : quote.end].rstrip(" ,")
        yield StatementMatch(speaker, "direct", words, quote.start, quote.start + len(words), role, rule="quote")


def _inside(position: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


def _prose_statements(
    doc: Doc, resolver: SpeakerResolver, covered: list[tuple[int, int]], kind: str | None
) -> Iterator[StatementMatch]:
    text = doc.text
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while e > s and text[e - 1].isspace():
            e -= 1
        if _inside(s, covered) and _inside(max(s, e - 2), covered) or len(text[s:e].split()) < 4:
            continue
        if BOILERPLATE.match(text[s:e].strip()):
            continue
        reported = _reported(sent, resolver)
        if reported:
            yield StatementMatch(reported[0], "indirect", text[s:e], s, e, reported[1], rule="reported")
        elif kind == "press_release" and resolver.publisher:
            yield StatementMatch(resolver.publisher, "direct", text[s:e], s, e, rule="publisher")


def _reported(sent: Span, resolver: SpeakerResolver) -> tuple[str | None, str | None] | None:
    according = re.search(r"according to (?P<who>(?:the\s+)?[A-Z][^,.;]{1,80})", sent.text)
    if according:
        return resolver.resolve(according.group("who"), sent.start_char)
    for token in sent:
        if token.pos_ == "VERB" and INDIRECT.fullmatch(token.text) and token.dep_ in ("ROOT", "conj", "ccomp"):
            subject = next((t for t in token.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                phrase = sent.doc[subject.left_edge.i : subject.right_edge.i + 1].text
                speaker, role = resolver.resolve(phrase, sent.start_char)
                if speaker:
                    return speaker, role
    return None


def find_statements(doc: Doc, officials: Sequence[OfficialMatch], kind: str | None = None) -> list[StatementMatch]:
    """Every statement in ``doc``, in reading order."""
    text = doc.text
    resolver = SpeakerResolver(officials, text)
    headings = find_headings(text)
    statements: list[StatementMatch] = []
    turn_range: list[tuple[int, int]] = []
    if len(headings) >= 2 or kind in ("transcript", "debate") and headings:
        statements += _turn_statements(doc, headings, resolver)
        turn_range = [(headings[0].start, len(text))]
    quotes = list(_quote_statements(text, resolver, turn_range))
    statements += quotes
    covered = turn_range + [(q.start - 1, q.end + 1) for q in quotes]
    statements += _prose_statements(doc, resolver, covered, kind)
    return sorted(statements, key=lambda s: (s.start, s.end))
