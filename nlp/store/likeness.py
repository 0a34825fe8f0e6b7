"""Word-level likeness for the register: is this the same commitment, and is it reported done?

No spaCy here: the register works on stored records, so words are compared after a light
suffix-stripping stem ("deployed", "deploying", "deploys" -> "deploy"; "patrolling" ->
"patrol") with function words and quantity modifiers left out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nlp.resources import load_json

WORD = re.compile(r"[a-z][a-z']*")
WORDS = load_json("register_words.json")
STOPWORDS = frozenset(WORDS["stopwords"])
MODIFIERS = frozenset(WORDS["modifiers"])
NOT_DONE = frozenset(WORDS["not_done"])
ADJECTIVAL = frozenset(WORDS["adjectival"])
IRREGULAR: dict[str, str] = WORDS["irregular"]
SUFFIXES = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s", "e")


class DoneCue(NamedTuple):
    word: str  # the past form that reports the action done, e.g. "deployed"
    shared: tuple[str, ...]  # the action's stems found in the statement
    score: float  # the share of the action's stems found there


def stem(word: str) -> str:
    """A crude stem that folds the inflections commitments and reports use."""
    word = IRREGULAR.get(word, word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    # One letter of a final double: "patrolling" -> "patroll" -> "patrol", "planned" -> "plan".
    return word[:-1] if len(word) > 3 and word[-1] == word[-2] else word


def content_stems(text: str) -> frozenset[str]:
    """The stems of the words that carry meaning: no function words, no modifiers."""
    return frozenset(stem(w) for w in WORD.findall(text.lower()) if w not in STOPWORDS and w not in MODIFIERS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _past_form(word: str) -> bool:
    return word in IRREGULAR or (word.endswith("ed") and len(word) > 4)


def reports_done(statement: str, action: str, minimum: float = 0.5) -> DoneCue | None:
    """How ``statement`` reports ``action`` as done, or ``None``.

    Done means: a word of the action appears in a past or perfect form ("have been
    deployed", "patrolled") with no future, modal or negating word just before it, and at
    least ``minimum`` of the action's content stems, and two or more, appear in the
    statement. A one-word action ("make", "review") says too little to recognise."""
    wanted = content_stems(action)
    if len(wanted) < 2:
        return None
    words = WORD.findall(statement.lower())
    shared = wanted & {stem(w) for w in words}
    score = len(shared) / len(wanted)
    if score < minimum or len(shared) < 2:
        return None
    for i, word in enumerate(words):
        before = words[max(0, i - 3) : i]
        if (
            _past_form(word)
            and word not in ADJECTIVAL
            and stem(word) in wanted
            and not any(w in NOT_DONE or w.endswith("n't") for w in before)
        ):
            return DoneCue(word, tuple(sorted(shared)), round(score, 3))
    return None
