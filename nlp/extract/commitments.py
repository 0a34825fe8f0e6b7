"""Commitments: what an actor says it will (or will not) do, and how firmly.

A commitment is a clause whose subject is an actor who can act (we, I, the force, officers,
the Mayor, a named body; or the deployment itself in the passive: "patrols will be
deployed") and whose verb is governed by a commitment cue. Strength comes from the cue and
the clause around it: firm (will, pledged, committed to, is going to), conditional (tied to
if / when / unless / only ... in circumstances), tentative (considering, examining, may,
could, hope to, aim to, plan to).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from nlp.extract.boroughs import BoroughMatch

FIRM_AUX = {"will", "shall", "'ll", "wo"}
TENTATIVE_AUX = {"may", "might", "could"}
FIRM_VERBS = {"pledge", "commit", "promise", "vow", "intend", "guarantee", "resolve", "undertake"}
TENTATIVE_VERBS = {
    "consider",
    "examine",
    "explore",
    "review",
    "plan",
    "aim",
    "hope",
    "propose",
    "look",
    "seek",
    "assess",
}
CONDITION = re.compile(
    r"\b(?:if|unless|when|where necessary|where needed|should (?:the|it|there|we)|in (?:extreme|exceptional|certain) circumstances|"
    r"subject to|provided that|as long as|depending on|only (?:be )?(?:deployed |used )?(?:in|where|when|if))\b",
    re.I,
)
ACTOR_WORDS = re.compile(
    r"^(?:we|i|us|the force|police|officers|the met|the mayor|the government|the council|teams?|patrols?|"
    r"armed officers|extra officers|additional officers|our officers|our teams|the service|mopac|the commissioner|"
    r"the home secretary|the minister|this government|this administration|they)$",
    re.I,
)
DEPLOYMENT_PASSIVE = re.compile(r"\b(?:officers|patrols|teams|resources|units|police|funding|money)\b", re.I)
TIMEFRAME = re.compile(
    r"\b(?:(?:over|during|throughout|by|from|until|before|within|in|for)\s+(?:the\s+)?(?:next|coming|following|this|that)?\s*"
    r"(?:\w+\s+)?(?:weekend|week|weeks|month|months|year|summer|winter|spring|autumn|days|period|Halloween weekend|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d)|"
    r"this (?:week|weekend|month|year|summer|winter|autumn|spring)|next (?:week|month|year)|tonight|today|tomorrow|"
    r"in the coming (?:days|weeks|months)|over the (?:\w+ )?weekend)\b",
    re.I,
)


class CommitmentMatch(NamedTuple):
    actor: str | None
    action: str
    text: str
    strength: str
    start: int
    end: int
    speaker: str | None = None
    negated: bool = False
    boroughs: list[str] = []
    timeframe: str | None = None
    cue: str | None = None


def _cue(verb: Token) -> tuple[str, str] | None:
    """(strength, cue word) for the verb of a clause, from its auxiliaries or itself."""
    auxes = [
        t for t in verb.children if t.dep_ in ("aux", "auxpass") and t.lower_ in FIRM_AUX | TENTATIVE_AUX | {"would"}
    ]
    going = [t for t in verb.children if t.dep_ == "aux" and t.lower_ == "to"] and verb.head.lower_ == "going"
    if verb.lemma_ in TENTATIVE_VERBS and verb.tag_ in ("VBG", "VBP", "VBZ") and _present(verb):
        return "tentative", verb.text
    if verb.lemma_ in FIRM_VERBS and verb.tag_ in ("VBD", "VBN", "VBP", "VBZ") and verb.i + 1 < len(verb.doc):
        return "firm", verb.text
    for aux in auxes:
        if aux.lower_ in FIRM_AUX:
            return "firm", aux.text
        if aux.lower_ in TENTATIVE_AUX:
            return "tentative", aux.text
        if aux.lower_ == "would":
            return "conditional", aux.text
    if going:
        return "firm", "going to"
    return None


def _present(verb: Token) -> bool:
    return any(
        t.dep_ == "aux" and t.lower_ in ("are", "is", "am", "'re", "'m") for t in verb.children
    ) or verb.tag_ in ("VBP", "VBZ")


def _subject(verb: Token) -> Token | None:
    for t in verb.children:
        if t.dep_ in ("nsubj", "nsubjpass"):
            return t
    return _subject(verb.head) if verb.dep_ in ("xcomp", "conj") and verb.head is not verb else None


def _actor_phrase(subject: Token) -> str:
    return subject.doc[subject.left_edge.i : subject.i + 1].text


def _is_actor(subject: Token, verb: Token, known_actors: Sequence[str]) -> bool:
    phrase = _actor_phrase(subject)
    if ACTOR_WORDS.match(phrase) or any(actor.split()[-1] in phrase for actor in known_actors if actor):
        return True
    return subject.dep_ == "nsubjpass" and bool(DEPLOYMENT_PASSIVE.search(phrase))


def _action(verb: Token) -> str:
    """A few words for the action: the verb and its object or complement."""
    words = [verb]
    for child in verb.rights:
        if child.dep_ in ("dobj", "prt", "xcomp", "attr", "acomp", "prep", "oprd") and not child.is_punct:
            words.extend(t for t in child.subtree if not t.is_punct)
            break
    tokens = sorted(set(words), key=lambda t: t.i)[:8]
    return " ".join(t.text for t in tokens)


def find_commitments(
    doc: Doc,
    statements: Sequence[object] = (),
    boroughs: Sequence[BoroughMatch] = (),
    actors: Sequence[str] = (),
) -> Iterator[CommitmentMatch]:
    """Commitments in ``doc``; ``statements`` give each one its speaker, ``actors`` the named
    officials and bodies that can commit."""
    for sent in doc.sents:
        if sent.text.rstrip().endswith("?"):
            continue  # a question commits nobody
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass"):
                continue
            found = _commitment(verb, actors)
            if found:
                yield _complete(found, verb, sent, statements, boroughs)


def _commitment(verb: Token, actors: Sequence[str]) -> tuple[str, str, str] | None:
    cue = _cue(verb)
    if not cue:
        return None
    subject = _subject(verb)
    if subject is None or not _is_actor(subject, verb, actors):
        return None
    strength, word = cue
    return strength, word, _actor_phrase(subject)


def _complete(
    found: tuple[str, str, str], verb: Token, sent: Span, statements: Sequence[object], boroughs: Sequence[BoroughMatch]
) -> CommitmentMatch:
    strength, cue, actor = found
    if strength != "tentative" and CONDITION.search(sent.text):
        strength = "conditional"
    negated = any(t.dep_ == "neg" for t in verb.children) or any(
        t.dep_ == "neg" for t in verb.head.children if verb.dep_ == "xcomp"
    )
    speaker = next((s.speaker for s in statements if s.start <= sent.start_char < s.end), None)  # type: ignore[attr-defined]
    codes = sorted({b.code for b in boroughs if b.code and sent.start_char <= b.start < sent.end_char})
    timeframe = TIMEFRAME.search(sent.text)
    text = sent.text.strip()
    return CommitmentMatch(
        actor,
        _action(verb),
        text,
        strength,
        sent.start_char,
        sent.start_char + len(text),
        speaker,
        negated,
        codes,
        timeframe.group() if timeframe else None,
        cue,
    )
