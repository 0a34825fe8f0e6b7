"""Figures: numbers used as evidence, with what they count, unit, qualifier, period and place.

Years, dates, times, phone numbers, ages, ordinals, reference and section numbers and
names with numbers in them ("Covid-19", "Tier Two", "Operation 2020") are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from nlp.extract.spans import doc_text, sentence_start

UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "m": 1_000_000,
    "bn": 1_000_000_000,
    "k": 1_000,
}
WORD = r"(?:" + "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True)) + r")"
WORD_NUMBER = rf"(?:{WORD}(?:[- ]{WORD})?(?:\s+(?:hundred|thousand|million)(?:\s+and\s+{WORD}(?:[- ]{WORD})?)?)?|a dozen|dozens? of|a hundred|a thousand)"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUMBER = re.compile(
    rf"(?<![\w£$/.,:-])(?P<currency>£|\$|€)?(?P<num>{DIGITS}|(?i:{WORD_NUMBER}))(?P<scale>\s?(?:million|billion|bn|m|k)\b)?"
    rf"(?P<pct>\s?(?:%|per\s?cent\b|percent\b))?(?![\w/]|\.\d|[-‑ ]years?[-‑ ]old|:\d)",
)
QUALIFIERS = [
    (r"just (?:below|under|short of)|less than|fewer than|under|below", "below"),
    (r"more than|over|above|in excess of|upwards of|just over", "more than"),
    (r"about|around|approximately|roughly|some|nearly|almost|close to|an estimated", "about"),
    (r"at least|a minimum of", "at least"),
    (r"up to|as many as|a maximum of", "up to"),
]
MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
# Context that makes a number something other than a figure, looked at before and after it.
NOT_FIGURE_BEFORE = re.compile(
    rf"(?:\b(?:{MONTHS}|Q|Item|section|sections|s\.|clause|paragraph|para|vol|col|cc|c|column|page|pp?\.|Tier|Covid|"
    r"COVID|Operation|Op|Article|Schedule|Chapter|Rule|Standing Order|number|No\.|call|dial|ring|quoting|ref|"
    r"reference|CAD|aged|age|Room|Flat|Unit|Level|Stage|Phase|Questions?)\s*)$|[§#]\s*$|(?:-|–)$|"
    r"Questions?\s+\d+\s*[-–]\s*$",
    re.I,
)
# Prepositions that usually lead to a date or year, unless a counted noun follows ("in 40 addresses").
SOFT_BEFORE = re.compile(r"\b(?:in|since|until|from|of|on)\s+$", re.I)
NOT_FIGURE_AFTER = re.compile(
    rf"^(?:\s*(?:of\s+)?(?:{MONTHS})\b|\s*(?:am|pm|a\.m\.|p\.m\.|GMT|BST)|(?:st|nd|rd|th)\b|\s+years? old|"
    rf"\s+yo\b|-\d|\s*(?:and|to|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\b)",
    re.I,
)
PHONE = re.compile(r"\b0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b|\b(?:101|999|111)\b")
PERIOD = re.compile(
    r"^\s*(?:(?:so far |earlier |later )?(?:in|during|over|since|for|between|across|throughout|by|this|last|each|every|per|a|the)\s+)"
    r"(?:the\s+)?(?:(?:last|past|previous|next|first|same|whole|current)\s+)?(?:\w+\s+)?"
    rf"(?:(?:19|20)\d\d(?:[-/]\d\d)?|year|years|month|months|week|weeks|weekend|day|days|quarter|period|{MONTHS}|"
    r"financial year|summer|winter|spring|autumn|operation|night|evening|morning)\b[\w ]{0,12}",
    re.I,
)


class FigureMatch(NamedTuple):
    value: float
    text: str
    counts: str | None
    start: int
    end: int
    unit: str | None = None
    qualifier: str | None = None
    period: str | None = None
    place: str | None = None


def words_to_number(text: str) -> float | None:
    """English number words as a number ("twenty-five" -> 25, "three hundred" -> 300)."""
    text = text.lower().replace("-", " ").replace(" and ", " ")
    if text in ("a dozen", "dozen"):
        return 12
    total, current = 0.0, 0.0
    for word in text.split():
        if word == "a":
            current = current or 1
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word in SCALE_WORDS:
            scale = SCALE_WORDS[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current


def _value(m: re.Match[str]) -> float | None:
    raw = m.group("num")
    number = float(raw.replace(",", "")) if raw[0].isdigit() else words_to_number(raw)
    if number is None:
        return None
    scale = (m.group("scale") or "").strip().lower()
    return number * SCALE_WORDS[scale] if scale else number


def _excluded(text: str, m: re.Match[str], value: float) -> bool:
    before, after = text[max(0, m.start() - 24) : m.start()], text[m.end() : m.end() + 16]
    raw = m.group("num")
    if m.group("currency") or m.group("pct") or m.group("scale"):
        return False
    if NOT_FIGURE_BEFORE.search(before) or NOT_FIGURE_AFTER.match(after):
        return True
    if SOFT_BEFORE.search(before) and not _counted_noun_follows(after):
        return True
    if raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2099:
        return True  # a year
    if any(p.start() <= m.start() < p.end() for p in PHONE.finditer(text, max(0, m.start() - 14), m.end() + 14)):
        return True
    if not raw[0].isdigit() and re.match(r"^[ \t]+[A-Z]", after) and re.search(r"[a-z,][ \t]+$", before):
        return True  # "Seven Kings", "Seven Sisters": a number word opening a name mid-sentence
    if re.match(r"^-a-side", after):
        return True
    if re.match(r"^[\])]", after) and re.search(r"[\[(]$", before):
        return True  # a footnote or list mark: "[1]", "(2)"
    if re.search(r"(?:^|\n)[ \t]*$", before) and re.match(r"^[.)]\s", after):
        return True  # a numbered paragraph: "1. Members questioned ..."
    return bool(re.match(r"^\s*[.:]\s*\d", after)) or (raw.lower() == "one" and not _counted_noun_follows(after))


def _counted_noun_follows(after: str) -> bool:
    # "in 40 addresses" or "since 12 officers": the preposition guard gives way to a counted noun.
    return bool(re.match(r"^\s+(?:more\s+|additional\s+|extra\s+|new\s+|armed\s+|other\s+)?[a-z]+s\b", after))


CHANGE_VERBS = {"increase", "rise", "raise", "fall", "drop", "cut", "reduce", "grow", "decrease", "decline", "go"}
CHANGE_NOUNS = {"rise", "increase", "fall", "drop", "reduction", "decrease", "decline", "cut", "growth", "jump"}
TIME_NOUNS = {"year", "month", "week", "day", "hour", "minute", "decade", "weekend", "night", "period"}
WRAPPERS = {"number", "total", "amount", "figure", "proportion", "share", "level", "rate", "worth", "pounds", "value"}


def _counts(doc: Doc, start: int, end: int, previous: str | None = None) -> str | None:
    """What a figure counts: the noun it modifies, or the one its phrase points to ("% of calls",
    "rise in calls", "the number of officers ... by 600", "£13,000 worth of goods"); a bare
    number repeats the count of the figure before it in the sentence ("127 killings ... the 116")."""
    unit = re.match(r"[-‑–](minute|hour|day|week|month|year|mile|mph)s?\b", doc_text(doc)[end : end + 10])
    if unit:
        return unit.group(1)  # "a 15-minute target": the figure counts minutes
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    noun = _counted_token(span)
    if noun is None:
        return previous
    return _noun_phrase(noun, span.end)


def _noun_phrase(noun: Token, after: int) -> str:
    # modifiers after the number ("127 armed officers"), or all of them when the noun stands elsewhere
    words = [t for t in noun.lefts if t.dep_ in ("compound", "amod") and (t.i >= after or noun.i < after)] + [noun]
    conj = [t for t in noun.rights if t.dep_ == "conj" and t.pos_ == "NOUN" and t.lemma_ not in WRAPPERS]
    if conj:  # "officers and staff"
        words += [t for t in noun.rights if t.dep_ == "cc"] + conj[:1]
    for prep in (t for t in noun.rights if t.dep_ == "prep" and t.lower_ in ("on", "against", "of")):
        obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
        if obj is not None:  # "assaults on police", "rounds of ammunition", "crimes of violence"
            words += [prep, *(t for t in obj.lefts if t.dep_ in ("compound", "amod")), obj]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _counted_token(span: Span) -> Token | None:
    last = span[-1]
    if last.dep_ == "nummod" and last.head.pos_ in ("NOUN", "PROPN") and last.head.i > last.i:
        return _unwrap(last.head)
    for token in span.doc[span.end : span.end + 4]:
        if token.is_punct:
            break
        if token.pos_ == "NOUN":
            # "£24 a year", "£950 million next year": a time word after a gap is the period, not the count
            return None if token.lemma_ in TIME_NOUNS and token.i > span.end else _unwrap(token)
        if token.lower_ in ("of", "in") and token.pos_ == "ADP":
            return _unwrap(next((t for t in token.children if t.dep_ == "pobj"), None))
        if token.pos_ not in ("ADJ", "ADV", "DET", "NUM"):
            break
    return _by_change(span)


def _unwrap(noun: Token | None) -> Token | None:
    """Past a wrapper noun to what it counts: "rise in calls", "number of officers", "worth of goods"."""
    if noun is None:
        return None
    if noun.lemma_ in CHANGE_NOUNS | WRAPPERS:
        for prep in (t for t in noun.rights if t.dep_ == "prep" and t.lower_ in ("of", "in")):
            obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return noun


def _by_change(span: Span) -> Token | None:
    # "raise the number of armed officers ... by 600", "crimes of violence down 10 per cent"
    number = next((t for t in span if t.like_num or t.pos_ == "NUM"), span[-1])
    head = number.head
    if head.lower_ == "of" and head.head.lemma_ in CHANGE_NOUNS:
        return _unwrap(head.head)  # "a drop in recorded crime ... of 4.5 per cent"
    if head.lower_ == "by":  # "increase the number of officers who are trained ... by 1,900"
        head = next((a for a in head.ancestors if a.lemma_ in CHANGE_VERBS), head.head)
    if head.lemma_ in CHANGE_VERBS or head.lower_ in ("down", "up"):
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        if verb.pos_ == "NOUN":
            return verb  # "crimes of violence down 10 per cent"
        for role in ("dobj", "nsubjpass", "nsubj"):  # what changed: the object of "raise", else the subject
            child = next((c for c in verb.children if c.dep_ == role and c.pos_ in ("NOUN", "PROPN")), None)
            if child is not None:
                return _unwrap(child)
    return None


def _qualifier(text: str, start: int) -> str | None:
    before = text[max(0, start - 24) : start].lower()
    for pattern, label in QUALIFIERS:
        if re.search(rf"\b(?:{pattern})\s+$", before):
            return label
    return None


def _unit(m: re.Match[str], text: str) -> str | None:
    if m.group("pct"):
        return "%"
    if m.group("currency"):
        return m.group("currency")
    per = re.match(
        r"^\s+(?:\w+\s+){0,3}?(per\s+[\d,]+(?:\s+(?:residents|people|population|head|officers))?)",
        text[m.end() : m.end() + 60],
    )
    return per.group(1) if per else None


def find_figures(doc: Doc) -> Iterator[FigureMatch]:
    """Every figure in ``doc`` in reading order; ``text`` is ``doc.text[start:end]``."""
    text = doc_text(doc)
    found: list[FigureMatch] = []
    for m in NUMBER.finditer(text):
        value = _value(m)
        if value is None or _excluded(text, m, value) or _is_denominator(text, m.start()):
            continue
        bare = not (m.group("currency") or m.group("pct") or m.group("scale"))
        previous = _previous_counts(found, doc, m.start()) if bare else None
        counts = _counts(doc, m.start(), m.end(), previous)
        end = _phrase_end(text, m.end(), counts)
        period = PERIOD.match(text[end : end + 60]) if counts else None
        if period:
            end += len(period.group().rstrip())
        figure = FigureMatch(
            value=int(value) if value == int(value) else value,
            text=text[m.start() : end],
            counts=counts,
            start=m.start(),
            end=end,
            unit=_unit(m, text),
            qualifier=_qualifier(text, m.start()),
            period=period.group().strip() if period else None,
        )
        found.append(figure)
        yield figure


def _previous_counts(found: list[FigureMatch], doc: Doc, start: int) -> str | None:
    """The count of the last figure in the same sentence, for an elliptical one ("from the 116")."""
    if not found or found[-1].counts is None:
        return None
    sentence = sentence_start(doc, start)
    return found[-1].counts if sentence is not None and found[-1].start >= sentence else None


def _phrase_end(text: str, end: int, counts: str | None) -> int:
    if not counts:
        return end
    found = text.find(counts, end, end + 80)
    return found + len(counts) if found >= 0 else end


def _is_denominator(text: str, start: int) -> bool:
    return bool(re.search(r"\bper\s+$", text[max(0, start - 6) : start]))
