"""Resolving who a phrase refers to: a named official, a title, a pronoun or a body."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from nlp.extract.names import lexicon, normalise_organisation
from nlp.extract.officials import OfficialMatch

PRONOUNS = {"he", "she", "they", "i", "we"}
FORCE_WORDS = re.compile(r"\b(?:the force|police|officers|the service)\b", re.I)


class SpeakerResolver:
    """Maps phrases in one document to an official's name or an organisation."""

    def __init__(self, officials: Sequence[OfficialMatch], text: str) -> None:
        self.officials = list(officials)
        self.text = text
        self.publisher = self._publisher(text)

    @staticmethod
    def _publisher(text: str) -> str | None:
        # The body that issues a press release is the one it names most often.
        forms = lexicon().org_pattern.findall(text)
        counts = Counter(lexicon().org_forms[form] for form in forms)
        police = [org for org, _ in counts.most_common() if "Police" in org or "Constabulary" in org]
        return police[0] if police else (counts.most_common(1)[0][0] if counts else None)

    def by_name(self, phrase: str) -> OfficialMatch | None:
        """The official whose name, surname or "Sir First" form the phrase contains."""
        words = set(re.findall(r"[\w’'-]+", phrase))
        for official in self.officials:
            parts = official.name.split()
            if official.name in phrase or parts[-1] in words:
                return official
        for official in self.officials:
            first = official.name.split()[0]
            if official.honorific and f"{official.honorific} {first}" in phrase:
                return official
        return None

    def by_role(self, phrase: str) -> OfficialMatch | None:
        """The one official whose office the phrase names ("the Commissioner", "The Mayor")."""
        lowered = phrase.lower()
        hits = [o for o in self.officials if o.role and len(o.role) > 3 and o.role.lower() in lowered]
        title = _title_word(lowered)
        if not hits and title:
            hits = [o for o in self.officials if o.role and title in o.role.lower()]
        return hits[0] if len({o.name for o in hits}) == 1 else None

    def last_before(self, position: int) -> OfficialMatch | None:
        """The official mentioned last before ``position`` (for "he said", "she added")."""
        best: tuple[int, OfficialMatch] | None = None
        for official in self.officials:
            for start, _end, _text in official.mentions:
                if start < position and (best is None or start > best[0]):
                    best = (start, official)
        return best[1] if best else None

    def resolve(self, phrase: str, position: int, previous: str | None = None) -> tuple[str | None, str | None]:
        """(speaker, role) for the phrase that introduces what was said at ``position``."""
        phrase = phrase.strip()
        spokes = re.search(r"spokes(?:person|man|woman)\s+(?:for|from|of|at)\s+(?P<rest>.+)", phrase, re.I)
        if spokes:
            phrase = spokes.group("rest")
        official = self.by_name(phrase) or self.by_role(phrase)
        if official:
            return official.name, official.role
        if phrase.lower() in PRONOUNS:
            official = self.last_before(position)  # "He said:" follows the person just named
            if official:
                return official.name, official.role
            return previous, None
        organisation = normalise_organisation(phrase)
        if organisation:
            return organisation, None
        if FORCE_WORDS.search(phrase) and self.publisher:
            return self.publisher, None
        return None, None


def _title_word(lowered: str) -> str | None:
    match = re.search(r"\bthe\s+([a-z]+)$", lowered.strip()) or re.fullmatch(r"([a-z]+)", lowered.strip())
    return match.group(1) if match and match.group(1) not in {"force", "police"} else None
