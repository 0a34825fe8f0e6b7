"""The cue-lexicon stance rule: a transparent baseline, and the fallback when no model is saved."""

from __future__ import annotations

import re
from typing import NamedTuple


class StanceResult(NamedTuple):
    """One statement's stance as a classifier gives it; the fields are those of record.Stance."""

    label: str
    score: float  # the label's probability
    cues: list[str]
    relevance: float  # the probability that the statement is about armed patrols at all


# About armed patrols at all: arming, armed officers on the streets, firearms deployment.
TARGET = re.compile(
    r"\b(?:armed (?:foot |vehicle |police |response )?(?:patrols?|officers?|police|policing|response|units?|deployments?)|"
    r"routine(?:ly)? arm(?:ing|ed)|arm(?:ing)? (?:the police|all officers|every officer|officers)|firearms? officers?|"
    r"authorised firearms officers?|AFOs?|ARVs?|armed response vehicles?|carry(?:ing)? (?:guns|firearms|weapons)|"
    r"specialist firearms|firearms command|gun-carrying|officers with guns|guns on (?:the|our) streets)\b",
    re.I,
)
SUPPORT = re.compile(
    r"\b(?:welcome|support|back|need more|increase|uplift|boost|extra|additional|necessary|vital|reassur\w*|protect\w*|"
    r"considering|examining|right to|should be armed|must be armed|praise|brave|courage|proportionate)\b",
    re.I,
)
OPPOSE = re.compile(
    r"\b(?:exception|exceptional|not (?:become )?(?:the )?norm|cannot become|oppose|against|provocative|fear|alarm|"
    r"unarmed|do not support|don't support|no plans|never|last resort|temporary|scrap|reject|dangerous|"
    r"escalat\w*|militari[sz]\w*|harm|concern\w*|worr\w*)\b",
    re.I,
)


def rule_stance(text: str) -> StanceResult:
    """The stance from cue words alone, with the rule's fixed confidence: 0.6 that a statement
    naming the target is about it, and 0.4 that one naming none is."""
    if not TARGET.search(text):
        return StanceResult("unrelated", 0.6, [], 0.4)
    support = [m.group() for m in SUPPORT.finditer(text)]
    oppose = [m.group() for m in OPPOSE.finditer(text)]
    if len(oppose) > len(support):
        return StanceResult("oppose", 0.6, oppose, 0.6)
    if support:
        return StanceResult("support", 0.6, support, 0.6)
    return StanceResult("neutral", 0.5, [m.group() for m in TARGET.finditer(text)], 0.6)
