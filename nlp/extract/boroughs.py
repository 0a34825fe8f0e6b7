"""London boroughs and the places inside them, as named in a text.

A borough is counted where the text names it as a place: its official and common forms,
ambiguous short forms ("Kingston", "Richmond") unless the context puts them elsewhere, and
misspellings within a small edit distance of a name, on proper nouns in a place context.
Senses that are not the borough are vetoed: a peer's title ("Lord Name of Haringey"), a
person ("Mr Sutton"), a thing named after the place ("Barnet Football Club"), and
"Westminster" meaning Parliament.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from nlp.extract.spans import doc_text
from nlp.resources import load_json


class BoroughMatch:
    """A mention of a borough (or a place, when ``place`` is set) with how it was found."""

    __slots__ = ("code", "start", "end", "text", "rule", "place")

    def __init__(self, code: str | None, start: int, end: int, text: str, rule: str, place: str | None = None):
        self.code, self.start, self.end, self.text, self.rule, self.place = code, start, end, text, rule, place

    def __repr__(self) -> str:
        return f"BoroughMatch({self.code!r}, {self.text!r}, rule={self.rule!r})"


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, str]  # code -> canonical name
    forms: dict[str, str]  # written form -> code
    short: dict[str, str]  # ambiguous short form -> code
    places: dict[str, str | None]  # place name -> code or None
    pattern: re.Pattern[str]


# A capitalised word after a borough name usually makes another name ("Barnet Football Club",
# "Harrow School", "Brent Smith"), except these, which keep the borough sense.
NAME_CONTINUES = re.compile(r"^[ \t]+(?:[A-Z][a-z]+|FC\b)")
KEEPS_SENSE = re.compile(
    r"^[ \t]+(?:Council|Borough|Police|Safer|Labour|Conservatives?|Liberal|Green Party|North|South|East|West|"
    r"Central|Community|Partnership|Command|BCU|Neighbourhood|Town Hall|and|&|On|In|At)\b"
)
# "Westminster" in the sense of Parliament and Government.
PARLIAMENT_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:politicians|government|MPs|bubble|village|parties|system|elite)\b", re.I
)
PARLIAMENT_WORDS = re.compile(
    r"\b(?:Parliament|MPs?|Commons|Lords|Whitehall|Holyrood|ministers?|politicians|Downing Street)\b"
)
LOCAL_WORDS = re.compile(r"\b(?:borough|council|residents|streets?|neighbourhoods?|estates?|ward)\b", re.I)
TITLE_BEFORE = re.compile(
    r"\b(?:Lord|Baroness|Baron|Viscount|Earl|Bishop)\s+(?:[A-Z][\w'-]+\s+){1,3}of\s+(?:[A-Z][\w'-]+\s+)*$"
)
PERSON_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Cllr|Councillor|PC|DC|DS|Sgt|Insp)\.?\s+$")
ELSEWHERE_AFTER = re.compile(
    r"^(?:,\s*|\s+(?:in|upon)\s+)(?:Jamaica|Virginia|North Yorkshire|Yorkshire|Ontario|Canada|Australia|"
    r"Tasmania|Indiana|Kentucky|California|Texas|Ohio|Maine|New York|Rhode Island|Hull|the USA?|USA|US)\b"
)
PLACE_CONTEXT = re.compile(
    r"(?:\b(?:in|at|from|across|around|near|to|of|and|between|covering|throughout)\s+(?:the\s+)?$)|(?:,\s*$)", re.I
)


@cache
def gazetteer() -> Gazetteer:
    data = load_json("boroughs.json")["boroughs"]
    names = {b["code"]: b["name"] for b in data}
    forms = {form: b["code"] for b in data for form in b["forms"]}
    forms.update({name.upper(): code for name, code in list(forms.items()) if len(name) > 4 and " " not in name})
    short = {form: b["code"] for b in data for form in b["short"]}
    places = dict(load_json("places.json")["places"])
    every = sorted({*forms, *short, *places}, key=len, reverse=True)
    alternation = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in every)
    pattern = re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])")
    return Gazetteer(names, forms, short, places, pattern)


def find_boroughs(doc: Doc) -> list[BoroughMatch]:
    """Every borough and place mention in ``doc``, in reading order."""
    gaz = gazetteer()
    text = doc_text(doc)
    found = [m for m in _exact(text, gaz) if not _vetoed(text, m, gaz)]
    taken = {(m.start, m.end) for m in found}
    found += [m for m in _fuzzy(doc, gaz) if (m.start, m.end) not in taken and not _vetoed(text, m, gaz)]
    return sorted(found, key=lambda m: m.start)


def _exact(text: str, gaz: Gazetteer) -> Iterator[BoroughMatch]:
    for match in gaz.pattern.finditer(text):
        surface = " ".join(match.group().split())
        start, end = match.span()
        if surface in gaz.forms:
            yield BoroughMatch(gaz.forms[surface], start, end, match.group(), "form")
        elif surface in gaz.short:
            yield BoroughMatch(gaz.short[surface], start, end, match.group(), "short form")
        elif surface in gaz.places:
            yield BoroughMatch(gaz.places[surface], start, end, match.group(), "place", place=surface)


def _vetoed(text: str, match: BoroughMatch, gaz: Gazetteer) -> bool:
    before = text[max(0, match.start - 80) : match.start]
    after = text[match.end : match.end + 40]
    if TITLE_BEFORE.search(before) or PERSON_BEFORE.search(before):
        return True  # a peer's territorial title, or a person's surname
    if ELSEWHERE_AFTER.match(after):
        return True  # "Kingston, Jamaica"
    if match.place is None and NAME_CONTINUES.match(after) and not KEEPS_SENSE.match(after):
        return True  # "Barnet Football Club", "Brent Smith": the next capitalised word makes a name
    return match.code == "E09000033" and match.place is None and _parliament_sense(text, match)


def _parliament_sense(text: str, match: BoroughMatch) -> bool:
    before = text[max(0, match.start - 12) : match.start]
    if re.search(r"City of\s+$", before):
        return False
    if re.search(r"Palace of\s+$", before) or PARLIAMENT_AFTER.match(text[match.end : match.end + 30]):
        return True
    sentence = _sentence_around(text, match.start, match.end)
    return bool(PARLIAMENT_WORDS.search(sentence)) and not LOCAL_WORDS.search(sentence)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left : min(right_candidates) if right_candidates else len(text)]


def _fuzzy(doc: Doc, gaz: Gazetteer) -> Iterator[BoroughMatch]:
    # Misspellings ("Earling", "Croyden") only on proper nouns in a place context, so that
    # ordinary words a letter away from a borough ("dealing", "Harlow") are left alone.
    targets = [form for form in gaz.forms if len(form) >= 6 and not form.isupper()]
    for token in doc:
        if not token.is_title or token.i == 0 or token.is_sent_start or token.pos_ not in ("PROPN", ""):
            continue
        for size in (3, 2, 1):
            span = doc[token.i : token.i + size]
            surface = span.text
            best = _closest(surface, targets)
            if best and _place_context(doc_text(doc), span.start_char):
                yield BoroughMatch(gaz.forms[best], span.start_char, span.end_char, surface, "misspelling")
                break


def _closest(surface: str, targets: list[str]) -> str | None:
    for target in targets:
        limit = 1 if len(target) < 10 else 2
        close_in_shape = surface != target and abs(len(surface) - len(target)) <= limit and surface[0] == target[0]
        if close_in_shape and edit_distance(surface.lower(), target.lower(), limit) <= limit:
            return target
    return None


def _place_context(text: str, start: int) -> bool:
    return bool(PLACE_CONTEXT.search(text[max(0, start - 20) : start]))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between ``a`` and ``b``, cut off above ``limit``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
