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
# Lines that head a turn: "Name AM (Chair): ...", "Q12 Chair: ...", "§ 36. Sir X asked ...".
INLINE_HEADING = re.compile(r"(?m)^(?:§\s*)?(?:\d+\.\s+)?(?:Q\d+\s+)?(?P<who>[A-Z][^:\n]{1,150}?):[ \t]+(?=\S)")
ASKED_HEADING = re.compile(
    r"(?m)^(?:§\s*)?(?:\d+\.\s+)?(?P<who>(?:(?:Sir|Mr|Mrs|Ms|Dr|Lord|Baroness)\.?\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s+asked\b"
)
PAREN_HEADING = re.compile(r"(?m)^§\s*(?P<who>The\s+[^()\n]{3,100}\([^)\n]+\))\s+(?=\S)")
LINE_HEADING = re.compile(
    r"(?m)^(?P<who>The\s+[A-Z][^()\n]{2,100}\([^)\n]+\)|"
    r"(?:Lord|Baroness|Viscount|Earl|Mr|Mrs|Ms|Dr|Sir|Dame)\.?\s+[A-Z][\w’'-]+(?:\s+(?:of\s+)?[A-Z][\w’'-]+){0,4}(?:\s+\([^)\n]+\))?|"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}\s+\([^)\n]{2,60}\)(?:\s+\([^)\n]{1,20}\))?)[ \t]*\n"
)
QUESTION_PAGE = re.compile(r"(?P<label>Question By|Answered By):\s*\n(?P<who>[^\n]+)\n")
NOT_SPEAKERS = re.compile(
    r"^(?:Session date|Meeting date|Minutes|Note|Notes|Contents|Agenda|Answer|Question|Asked Of|Witnesses|"
    r"Present|Apologies|Subject|Date|Time|Title|Published|Source|Item|Tel|Email|Web|ENDS)\b",
    re.I,
)
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


@dataclass
class Heading:
    who: str
    start: int  # where the heading starts
    body: int  # where the words said start


def _speaker_like(who: str) -> bool:
    words = who.split()
    if not words or len(words) > 14 or NOT_SPEAKERS.match(who) or who.endswith((".", ",")):
        return False
    if re.search(r"\b(?:said|says|told|is|are|was|were|has|have|will)\b", who):
        return False
    return bool(
        re.search(r"\(|\b(?:AM|MP|MSP|QPM|Chair|Mayor|Minister|Lord|Baroness|Sir|Dame|Mr|Mrs|Ms|Dr)\b", who)
    ) or (len(words) <= 4 and all(w[:1].isupper() for w in words))


def find_headings(text: str) -> list[Heading]:
    """Speaker headings of a transcript or debate, in order."""
    found: dict[int, Heading] = {}
    for pattern in (INLINE_HEADING, PAREN_HEADING, LINE_HEADING):
        for m in pattern.finditer(text):
            if _speaker_like(m.group("who")):
                found.setdefault(m.start(), Heading(m.group("who"), m.start(), m.end()))
    for m in ASKED_HEADING.finditer(text):
        found.setdefault(m.start(), Heading(m.group("who"), m.start(), m.start("who")))
    for m in QUESTION_PAGE.finditer(text):
        body = text.find("\n\n", m.end())
        found.setdefault(m.start(), Heading(m.group("who"), m.start(), body + 2 if body >= 0 else m.end()))
    return sorted(found.values(), key=lambda h: h.start)


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
        speaker, role = resolver.resolve(_heading_name(heading.who), heading.start)
        speaker = speaker or _heading_name(heading.who)
        for s, e in _sentences(doc, heading.body, end):
            yield StatementMatch(speaker, "turn", text[s:e], s, e, role, rule="turn")


def _heading_name(who: str) -> str:
    inner = re.search(r"\((?P<inner>[^)]+)\)", who)
    if who.startswith("The ") and inner:
        return inner.group("inner")  # "The Cabinet Secretary for Justice (Kenny MacAskill)"
    return re.sub(r"\s*\([^)]*\)", "", who).strip()


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
