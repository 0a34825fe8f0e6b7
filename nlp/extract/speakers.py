"""Resolving who a phrase refers to: a named official, a title, a pronoun, a person or a body."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.extract.names import HON, NAME, clean_name, dominant_force, lexicon, normalise_organisation
from nlp.extract.officials import OfficialMatch

PRONOUNS = {"he", "she", "they", "i", "we"}
FORCE_WORDS = re.compile(r"\b(?:the force|police|officers|the service|a spokes(?:person|man|woman))\b", re.I)
SPOKESPERSON = re.compile(r"spokes(?:person|man|woman)\s+(?:for|from|of|at)\s+(?P<rest>.+)", re.I)


class SpeakerResolver:
    """Maps phrases in one document to an official's name, a person's name or a body."""

    def __init__(
        self, officials: Sequence[OfficialMatch], text: str, people: Sequence[tuple[int, str]] = ()
    ) -> None:
        self.officials = list(officials)
        self.text = text
        # (start, full name) of people named without an office: "Rob Dale, its lead on firearms, said"
        self.people = sorted(people)
        self.publisher = publisher_of(text)
        self.official_names = {official.name for official in self.officials}
        # one pattern per official, compiled once per document: every form it may be named by
        self.patterns = [
            (
                official,
                re.compile(rf"(?<![\w])(?<!the )(?<!The )(?:{'|'.join(map(re.escape, _forms(official)))})(?![\w])"),
            )
            for official in self.officials
        ]

    def named_in(self, phrase: str) -> OfficialMatch | None:
        """The official named last in the phrase (full name, surname, or "Sir First"): in
        "A spokesperson for Mayor of London, Sadiq Khan" or "On Thursday, Met commissioner
        Cressida Dick" the speaker is named nearest the verb that follows."""
        best: tuple[int, OfficialMatch] | None = None
        for official, pattern in self.patterns:
            for m in pattern.finditer(phrase):
                if best is None or m.start() > best[0]:
                    best = (m.start(), official)
        return best[1] if best else None

    def by_name(self, phrase: str) -> OfficialMatch | None:
        return self.named_in(phrase)

    def by_role(self, phrase: str) -> OfficialMatch | None:
        """The one official whose office the phrase names ("the Commissioner", "The Mayor")."""
        lowered = phrase.lower()
        hits = [o for o in self.officials if o.role and len(o.role) > 3 and o.role.lower() in lowered]
        if hits:  # "the Deputy Presiding Officer" names that office, not the Presiding Officer's
            longest = max(len(o.role or "") for o in hits)
            hits = [o for o in hits if len(o.role or "") == longest]
        title = _title_word(lowered)
        if not hits and title:
            word = re.compile(rf"\b{re.escape(title)}\b")  # "chair" in "Chair of ...", not "he" in "the"
            hits = [o for o in self.officials if o.role and word.search(o.role.lower())]
        return hits[0] if len({o.name for o in hits}) == 1 else None

    def last_before(self, position: int) -> OfficialMatch | None:
        """The official mentioned last before ``position`` (for "he said", "she added")."""
        best: tuple[int, OfficialMatch] | None = None
        for official in self.officials:
            for start, _end, surface in official.mentions:
                if start < position and (best is None or start > best[0]) and not surface.lower().startswith("the "):
                    best = (start, official)
        return best[1] if best else None

    def last_named_before(self, position: int) -> tuple[str, str | None] | None:
        """(name, role) of whoever was named last before ``position``: an official, or a person
        the text names in full without an office (a campaigner, a resident)."""
        official = self.last_before(position)
        official_at = max((s for s, _, _ in official.mentions if s < position), default=-1) if official else -1
        person = next(((s, name) for s, name in reversed(self.people) if s < position), None)
        if person and person[0] > official_at:
            named = self.named_in(person[1])  # an official's name written in full again
            return (named.name, named.role) if named else (person[1], None)
        return (official.name, official.role) if official else None

    def resolve(self, phrase: str, position: int, previous: str | None = None) -> tuple[str | None, str | None]:
        """(speaker, role) for the phrase that introduces what was said at ``position``."""
        phrase = phrase.strip()
        spokes = SPOKESPERSON.search(phrase)
        if spokes:
            phrase = spokes.group("rest")
        if phrase.lower() in PRONOUNS:
            return self.last_named_before(position) or (previous, None)  # "He said:" follows the person just named
        official = self.named_in(phrase) or self.by_role(phrase)
        if official:
            return official.name, official.role
        person = _person(phrase)
        if person:
            return person, None  # someone without a public role: a resident, a witness
        organisation = normalise_organisation(phrase) or _council(phrase)
        if organisation:
            return organisation, None
        group = GROUPS.fullmatch(phrase)
        if group:
            return phrase[:1].upper() + phrase[1:], None  # "Members questioned whether ..."
        if FORCE_WORDS.search(phrase) and self.publisher:
            return self.publisher, None
        return None, None


def _forms(official: OfficialMatch) -> list[str]:
    words = official.name.split()
    forms = [official.name, words[-1]]
    if official.honorific and len(words) > 1:
        forms.append(f"{official.honorific} {words[0]}")
    return forms


def _person(phrase: str) -> str | None:
    # A name before an apposition: "Kate Lee, National Manager for Crimestoppers Scotland".
    lead = re.fullmatch(rf"\s*{HON}{NAME}\s*", phrase.split(",", 1)[0])
    if lead and len(lead.group("name").split()) >= 2:
        return clean_name(lead.group("name"))
    # Else the last name-shaped run of two or more words: "Local shopkeeper Anna Nowak".
    runs = [m for m in re.finditer(rf"{HON}{NAME}", phrase) if len(m.group("name").split()) >= 2]
    return clean_name(runs[-1].group("name")) if runs else None


GROUPS = re.compile(
    r"(?:the\s+)?(?:members|councillors|residents|campaigners|ministers|MPs|peers|the committee|committee members)",
    re.I,
)


def _council(phrase: str) -> str | None:
    from nlp.extract.boroughs import gazetteer

    forms = "|".join(re.escape(f) for f in sorted(gazetteer().forms, key=len, reverse=True))
    match = re.search(rf"(?:London Borough of |Royal Borough of )?(?:{forms})(?: upon Thames)? Council\b", phrase)
    return match.group() if match else None


def publisher_of(text: str) -> str | None:
    """The body that speaks in a document's own sentences: the police force or council it
    names most often (a police force when they tie), else the body it names most."""
    lex = lexicon()
    names = [lex.org_forms[form] for form in lex.org_pattern.findall(text)]
    councils = [c for c in (_council(m.group()) for m in re.finditer(r"[A-Z][\w ]{2,40} Council\b", text)) if c]
    local = [n for n in names if "Police" in n or "Constabulary" in n] + councils
    pool = local or names
    if not pool:
        return None
    force = dominant_force(text)
    return max(set(pool), key=lambda n: (pool.count(n), n == force))


def _title_word(lowered: str) -> str | None:
    match = re.search(r"\bthe\s+([a-z]+)$", lowered.strip()) or re.fullmatch(r"([a-z]+)", lowered.strip())
    return match.group(1) if match and match.group(1) not in {"force", "police"} else None
