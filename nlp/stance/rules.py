"""The cue-lexicon stance rule: a transparent baseline, and the fallback when no model is saved."""

from __future__ import annotations

import re

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


def rule_stance(text: str) -> tuple[str, float, list[str], float]:
    """(label, score, cues, relevance) from cue words alone; the rule is as sure of a target
    it names as of one it does not (0.6)."""
    if not TARGET.search(text):
        return "unrelated", 0.6, [], 0.4
    support = [m.group() for m in SUPPORT.finditer(text)]
    oppose = [m.group() for m in OPPOSE.finditer(text)]
    if len(oppose) > len(support):
        return "oppose", 0.6, oppose, 0.6
    if support:
        return "support", 0.6, support, 0.6
    return "neutral", 0.5, [m.group() for m in TARGET.finditer(text)], 0.6
