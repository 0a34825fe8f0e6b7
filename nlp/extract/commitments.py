"""Commitments: what an actor says it will (or will not) do, and how firmly.

A clause commits its author when its verb is governed by a commitment cue and its subject
is someone who can act on it:
- firm: will, shall, is going to, pledged / committed / determined to, plans to, is due to,
  is in the process of, and the present progressive of provision ("we are providing £5m");
- tentative: may, might, could, considering, examining, exploring, aim to, hope to;
- conditional: any of these tied to a condition (if, unless, only, as a last resort, based on,
  in extreme circumstances, subject to) in the same sentence.
"Will" is firm whoever the subject, except for people the author does not speak for
(residents, victims, offenders); "it", "this" and "there" commit only an author who holds
the power to act (a force, a government, a council), not a critic predicting harm. Past
actions, questions, politeness ("I would like to thank") and predictions of others are not
commitments.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from nlp.extract.boroughs import BoroughMatch
from nlp.extract.spans import sentence_spans

FIRM_AUX = {"will", "shall", "'ll", "wo"}
TENTATIVE_AUX = {"may", "might", "could"}
PLEDGE_VERBS = {"pledge", "commit", "promise", "vow", "guarantee", "intend", "plan"}
# "our aim is to provide", "the plan is to deploy": a noun naming the intention, then "is to".
INTENTION_NOUNS = {
    "aim": "tentative",
    "hope": "tentative",
    "ambition": "tentative",
    "plan": "firm",
    "intention": "firm",
    "commitment": "firm",
    "pledge": "firm",
    "priority": "firm",
    "focus": "firm",
}
TENTATIVE_VERBS = {"consider", "examine", "explore", "review", "aim", "hope", "propose", "seek", "assess", "look"}
PROVISION_VERBS = {
    "provide",
    "deliver",
    "support",
    "hold",
    "run",
    "deploy",
    "invest",
    "fund",
    "increase",
    "introduce",
    "launch",
    "roll",
    "mount",
    "step",
    "put",
    "continue",
    "create",
    "recruit",
    "train",
    "expand",
    "double",
    "bring",
    "target",
}
CONDITION = re.compile(
    r"\b(?:if|unless|when(?:ever)?|where (?:necessary|needed|appropriate)|should (?:the|it|there|we)|"
    r"in (?:extreme|exceptional|certain|specific) circumstances|subject to|provided that|as long as|depending on|"
    r"based on|as a last resort|only (?:be )?(?:deployed |used )?(?:in|where|when|if|as)|will only|would only)\b",
    re.I,
)
# People the author does not speak for: what they "will" do is a prediction, not a promise.
NOT_ACTORS = re.compile(
    r"^(?:the\s+)?(?:local\s+)?(?:residents?|people|public|victims?|criminals?|offenders?|suspects?|communities|"
    r"families|(?:no\s+)?young (?:people|persons?)|children|parents|witnesses|members of the public|weather|londoners|"
    r"gangs?|members|you|anyone|everyone|someone|nobody|no one|which|who)$",
    re.I,
)
IMPERSONAL = {"it", "this", "that", "there", "these"}
POLITE_CONDITION = re.compile(r"\bif (?:I|we) (?:can|may|might)\b|\bif you (?:will|like)\b", re.I)
FIRST_PERSON = {"we", "i", "us"}
POWER_BODIES = re.compile(
    r"Police|Constabulary|Metropolitan|Home Office|Government|Council|Mayor|Authority|MOPAC|Service"
)
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


class Context(NamedTuple):
    """Who is talking in a sentence: the statement's speaker and whether they can act."""

    speaker: str | None
    organisation: str | None
    empowered: bool


def _cue(verb: Token) -> tuple[str, str] | None:
    """(strength, cue) for a clause's verb, from its auxiliaries, itself, or the frame around it."""
    auxes = [t for t in verb.children if t.dep_ in ("aux", "auxpass")]
    words = {t.lower_ for t in auxes}
    if words & FIRM_AUX:
        return "firm", next(t.text for t in auxes if t.lower_ in FIRM_AUX)
    if words & TENTATIVE_AUX:
        return "tentative", next(t.text for t in auxes if t.lower_ in TENTATIVE_AUX)
    if "would" in words:
        return "would", "would"  # a commitment only with a condition ("would only be deployed if ...")
    if "can" in words:
        return "can", "can"  # a commitment only with a condition ("we can provide ... if preferable")
    if verb.head.lower_ == "going" and "to" in words:
        return "firm", "going to"
    return _frame_cue(verb, words)


def _frame_cue(verb: Token, words: set[str]) -> tuple[str, str] | None:
    head = verb.head
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and head.lower_ in ("of", "to"):
        frame = head.head  # "in the process of delivering", "committed to bearing down"
        if frame.lemma_ == "process" or frame.lemma_ in ("committed", "commit", "determined", "dedicated"):
            return "firm", frame.text
    if verb.dep_ == "xcomp" and head.lemma_ == "be":
        subject = next((t for t in head.children if t.dep_ == "nsubj"), None)
        if subject is not None and subject.lemma_ in INTENTION_NOUNS:
            return INTENTION_NOUNS[subject.lemma_], subject.text  # "our aim is to provide reassurance"
    if (
        verb.lemma_ in ("intend", "plan")
        and verb.tag_ in ("VBP", "VBZ")
        and any(t.dep_ in ("xcomp", "ccomp", "dobj") for t in verb.children)
    ):
        return "firm", verb.text  # "that is how we intend it to remain", "we plan to ..."
    if verb.dep_ == "xcomp" and head.lemma_ in PLEDGE_VERBS | {"determined", "committed"}:
        return "firm", head.text  # "pledged to deploy", "plans to increase"
    if verb.dep_ == "xcomp" and head.lemma_ in ("due", "set") and any(t.dep_ == "auxpass" for t in verb.children):
        return "firm", head.text  # "is due to be rolled out" (of an action; not "the relay is due to pass")
    if verb.dep_ in ("xcomp", "pcomp") and head.lemma_ in TENTATIVE_VERBS:
        return "tentative", head.text  # "aim to provide", "considering placing"
    progressive = verb.tag_ == "VBG" and words & {"are", "is", "am", "'re", "'m"}
    if progressive and verb.lemma_ in TENTATIVE_VERBS:
        return "tentative", verb.text  # "we are examining how ..."
    if progressive and verb.lemma_ in PROVISION_VERBS:
        return "firm", verb.text  # "we are providing £144 million"
    if verb.lemma_ in ("plan", "pledge") and verb.tag_ == "VBN" and words & {"is", "are", "been"}:
        return "firm", verb.text  # "a range of operational activity is planned"
    return None


def _subject(verb: Token) -> Token | None:
    for t in verb.children:
        if t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj"):
            return t
    if verb.dep_ in ("xcomp", "conj", "pcomp") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _phrase(token: Token) -> str:
    return token.doc[token.left_edge.i : token.i + 1].text


def _acts(subject: Token | None, verb: Token, strength: str, context: Context) -> bool:
    """Whether the subject can commit: not a bystander; "it"/"there" only for an empowered author."""
    if subject is None:
        return verb.dep_ in ("xcomp", "pcomp", "conj")  # "pledged to deploy", with the subject higher up
    phrase = _phrase(subject)
    lowered = subject.lower_
    if NOT_ACTORS.match(phrase):
        return False
    if lowered in IMPERSONAL:
        return context.empowered
    if lowered in FIRST_PERSON and (subject.dep_ == "nsubjpass" or any(t.dep_ == "auxpass" for t in verb.children)):
        return False  # "I am not going to be lectured"
    if lowered in ("it", "this", "that") and verb.lemma_ == "be":
        return False  # "it will be an expensive option": a judgement, not an act
    if strength in ("tentative", "can"):
        return (
            lowered in FIRST_PERSON
            or subject.pos_ == "PROPN"
            or bool(re.search(r"police|officers|force", phrase, re.I))
        )
    return True


def _excluded(verb: Token, sentence: Span) -> bool:
    text = sentence.text
    if text.rstrip().endswith("?"):
        return True  # a question commits nobody
    if verb.lemma_ in ("like", "love", "say", "think", "welcome", "suggest", "wish", "have", "agree", "recall"):
        return True  # "I would like to thank", "I would say", "you will agree", "Members will recall"
    complements = [t for t in verb.children if t.dep_ in ("attr", "acomp")]
    if verb.lemma_ == "be" and complements and not _presence(verb, complements):
        return True  # "is going to be vital": a judgement; "will be present at the scene" stays
    if any(t.lemma_ == "ask" and t.dep_ == "ROOT" for t in sentence):
        return True  # "X asked whether the Minister will ...": a question reported
    if re.search(r"\bmay or may not\b|\bhope that\b", text, re.I) and verb.lemma_ in ("be", "hope"):
        return True
    return verb.tag_ == "VBD" and not any(t.dep_ in ("aux", "auxpass") for t in verb.children)


PRESENCE = {"present", "available", "there", "visible", "out", "on", "in", "around"}


def _presence(verb: Token, complements: list[Token]) -> bool:
    """Being somewhere or for something is an act ("will be present at the scene", "will be there to help")."""
    if any(t.dep_ in ("prep", "xcomp", "advcl") for t in verb.children):
        return True
    return any(c.lower_ in PRESENCE or any(t.dep_ in ("prep", "xcomp") for t in c.children) for c in complements)


def _action(verb: Token) -> str:
    """The action in a few words: the verb with its particle, negation and object or complement,
    each as a compact phrase ("deploy dedicated patrols", "continue to provide extra officers")."""
    words: list[Token] = [verb, *(t for t in verb.children if t.dep_ in ("prt", "neg"))]
    has_object = False
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "oprd", "acomp", "ccomp") and not has_object:
            words += _compact(child)
            has_object = True
        elif child.dep_ == "xcomp":
            words += [t for t in child.children if t.dep_ == "aux" and t.lower_ == "to"]
            words += _action_tokens(child)
            break
        elif child.dep_ == "prep" and not has_object:
            words += [child, *_compact(next((t for t in child.children if t.dep_ == "pobj"), child))]
            has_object = True
    return " ".join(t.text for t in sorted(set(words), key=lambda t: t.i))


def _action_tokens(verb: Token) -> list[Token]:
    words: list[Token] = [verb, *(t for t in verb.children if t.dep_ in ("prt", "neg"))]
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "oprd", "acomp"):
            words += _compact(child)
    return words


def _compact(head: Token) -> list[Token]:
    """A noun phrase without its relative clauses or long modifiers: "40 additional armed response vehicles"."""
    words = [t for t in head.lefts if t.dep_ in ("det", "amod", "compound", "nummod", "poss", "quantmod", "nmod")]
    words += [t for w in list(words) for t in w.subtree if t.dep_ in ("compound", "amod", "nummod", "quantmod")]
    words.append(head)
    for prep in (t for t in head.rights if t.dep_ == "prep" and t.lower_ == "of"):
        obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
        if obj is not None:
            words += [prep, *(t for t in obj.lefts if t.dep_ in ("amod", "compound")), obj]
    return words


def _conditional(text: str) -> bool:
    return bool(CONDITION.search(POLITE_CONDITION.sub("", text)))


def find_commitments(
    doc: Doc,
    statements: Sequence[object] = (),
    boroughs: Sequence[BoroughMatch] = (),
    officials: Sequence[object] = (),
    publisher: str | None = None,
) -> Iterator[CommitmentMatch]:
    """Commitments in ``doc``, one per sentence at most (its strongest cue): ``statements`` say
    who speaks each sentence, ``officials`` what they hold, ``publisher`` who authors the rest."""
    ordered = sorted(statements, key=lambda s: getattr(s, "start", 0))
    starts = [getattr(s, "start", 0) for s in ordered]
    for sentence in sentence_spans(doc):
        # the statements that can overlap this sentence: those starting before its end
        upto = bisect.bisect_left(starts, sentence.end_char)
        nearby = [s for s in ordered[max(0, upto - 8) : upto]]
        context = _context(sentence, nearby, officials, publisher)
        found = list(_sentence_commitments(sentence, context))
        verbs = [verb for _, _, verb, _ in found]
        for item in found:
            yield _complete(item, _clause(item[2], verbs, sentence), context, boroughs)


def _sentence_commitments(sentence: Span, context: Context) -> Iterator[tuple[str, str, Token, Token | None]]:
    """Each clause of the sentence that commits, with its strength, cue, verb and subject."""
    committed: set[int] = set()
    for verb in sentence:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass") or _excluded(verb, sentence):
            continue
        if verb.dep_ in ("xcomp", "pcomp") and verb.head.i in committed:
            continue  # "considering placing": one commitment, cued by its head
        cue = _cue(verb)
        if cue is None:
            continue
        strength, word = cue
        subject = _subject(verb)
        if word.lower() not in INTENTION_NOUNS and not _acts(subject, verb, strength, context):
            continue
        committed.add(verb.i)
        conditional = _conditional(sentence.text)
        if strength in ("can", "would") and not conditional:
            continue
        yield ("conditional" if conditional else strength), word, verb, subject


def _clause(verb: Token, verbs: list[Token], sentence: Span) -> Span:
    """The verb's own clause: its subtree without the clauses of other committing verbs in it."""
    others = [v for v in verbs if v is not verb and v in verb.subtree]
    tokens = [t for t in verb.subtree if not any(t in o.subtree for o in others)]
    if verb.dep_ in ("xcomp", "pcomp") or not tokens:
        return sentence if not others else sentence.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    if not others and verb.dep_ == "ROOT":
        return sentence  # a single commitment: the whole sentence states it
    return sentence.doc[start:end]


def _overlaps(statement: object, sentence: Span) -> bool:
    start, end = getattr(statement, "start", -1), getattr(statement, "end", -1)
    return bool(start <= sentence.start_char < end or sentence.start_char <= start < sentence.end_char)


def _context(
    sentence: Span, statements: Sequence[object], officials: Sequence[object], publisher: str | None
) -> Context:
    statement = next((s for s in statements if _overlaps(s, sentence)), None)
    speaker = getattr(statement, "speaker", None) if statement is not None else publisher
    official = next((o for o in officials if getattr(o, "name", None) == speaker), None)
    organisation = getattr(official, "organisation", None) if official is not None else speaker
    role = getattr(official, "role", None) or ""
    empowered = bool(POWER_BODIES.search(organisation or "")) or bool(
        re.search(r"Commissioner|Constable|Minister|Secretary|Mayor|Superintendent|Inspector|Commander|Sergeant", role)
    )
    return Context(speaker, organisation, empowered)


def _actor(subject: Token | None, context: Context) -> str | None:
    """Who commits: the speaker's body for "we", "officers" and impersonal subjects, else the subject."""
    if (
        subject is None
        or subject.lower_ in FIRST_PERSON | IMPERSONAL
        or re.search(r"\b(?:officers|police|patrols|teams|the force|our)\b", _phrase(subject), re.I)
    ):
        return context.organisation or context.speaker
    return _phrase(subject)


def _complete(
    found: tuple[str, str, Token, Token | None], sentence: Span, context: Context, boroughs: Sequence[BoroughMatch]
) -> CommitmentMatch:
    strength, cue, verb, subject = found
    negated = any(t.dep_ == "neg" for t in verb.children) or any(
        t.dep_ == "neg" for t in verb.head.children if verb.dep_ == "xcomp"
    )
    codes = sorted({b.code for b in boroughs if b.code and sentence.start_char <= b.start < sentence.end_char})
    timeframe = TIMEFRAME.search(sentence.text)
    text = sentence.text.strip()
    start = sentence.start_char + sentence.text.find(text[:1]) if text else sentence.start_char
    return CommitmentMatch(
        _actor(subject, context),
        _action(verb),
        text,
        strength,
        start,
        start + len(text),
        context.speaker,
        negated,
        codes,
        timeframe.group() if timeframe else None,
        cue,
    )
