"""Cues: the phrases of a statement that pushed the model to its label, from its own weights.

A feature's contribution to a label is its TF-IDF value times the regression weight for that
label (averaged over the calibration folds). Features are turned back into the words of the
statement that fired them, contributions are summed per phrase, and the strongest positive
ones are the cues. Features with no words of their own (the context around the statement,
the dependency label) count towards the decision but are not shown as cues.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from sklearn.pipeline import Pipeline
from spacy.tokens import Span, Token

from nlp.stance.features import HARD_NEGATIVES, TARGET_PATTERNS, word_form

MAX_CUES = 3
MAX_FEATURES_READ = 30
LEMMA_NAMESPACES = frozenset({"gov", "gov2", "gov_modal", "mod", "pred", "modal"})
PATTERNS = {**TARGET_PATTERNS, **HARD_NEGATIVES}


@dataclass
class Weights:
    """A stage's regression weights per label, over its feature names."""

    names: list[str]
    by_label: dict[str, NDArray[np.float64]]

    @classmethod
    def of(cls, stage: Pipeline) -> Weights:
        calibrated = stage[-1]
        coef = np.mean([c.estimator.coef_ for c in calibrated.calibrated_classifiers_], axis=0)
        classes = [str(c) for c in calibrated.classes_]
        if coef.shape[0] == 1:  # binary: one row of weights, for the second class
            by_label = {classes[1]: coef[0], classes[0]: -coef[0]}
        else:
            by_label = {label: coef[i] - coef.mean(axis=0) for i, label in enumerate(classes)}
        return cls(list(stage[0].feature_names_), by_label)

    def cues(self, x: csr_matrix, label: str, span: Span, limit: int = MAX_CUES) -> list[str]:
        """The phrases of ``span`` that added most to ``label``, strongest first."""
        contributions = x.data * self.by_label[label][x.indices]
        by_phrase: dict[str, float] = defaultdict(float)
        view = _View.of(span)
        # Only the strongest features are turned back into words: mapping is the slow part.
        for k in np.argsort(-contributions, kind="stable")[:MAX_FEATURES_READ]:
            if contributions[k] <= 0:
                break
            phrase = phrase_of(self.names[x.indices[k]], view)
            if phrase:
                by_phrase[phrase] += float(contributions[k])
        ranked = sorted(by_phrase.items(), key=lambda item: (-item[1], item[0]))
        return _without_overlaps([phrase for phrase, _ in ranked])[:limit]


def _without_overlaps(phrases: list[str]) -> list[str]:
    kept: list[str] = []
    for phrase in phrases:
        low = phrase.lower()
        if not any(low in k.lower() or k.lower() in low for k in kept):
            kept.append(phrase)
    return kept


@dataclass
class _View:
    """A statement's words as the features saw them, worked out once per statement."""

    span: Span
    tokens: list[Token]
    forms: list[str]
    padded: list[str]

    @classmethod
    def of(cls, span: Span) -> _View:
        tokens = [t for t in span if not t.is_space and (not t.is_punct or t.text == "?")]
        forms = [word_form(t) for t in tokens]
        return cls(span, tokens, forms, [f" {form} " for form in forms])


def _word_phrase(words: str, view: _View) -> str | None:
    forms = words.removeprefix("not_").split(" ")
    for i in range(len(view.tokens) - len(forms) + 1):
        window = view.tokens[i : i + len(forms)]
        if view.forms[i : i + len(forms)] == forms and not all(t.is_stop for t in window):
            return view.span.doc[window[0].i : window[-1].i + 1].text
    return None


def _char_phrase(gram: str, view: _View) -> str | None:
    return next(
        (t.text for t, padded in zip(view.tokens, view.padded, strict=True) if gram in padded and not t.is_stop), None
    )


def _lemma_phrase(lemma: str, span: Span) -> str | None:
    return next((t.text for t in span if t.lemma_.lower() == lemma or t.lower_ == lemma), None)


def _pattern_phrase(name: str, span: Span) -> str | None:
    pattern = PATTERNS.get(name)
    found = pattern.search(span.text) if pattern else None
    return found.group() if found else None


def phrase_of(feature: str, span: Span | _View) -> str | None:
    """The words of the statement that fired ``feature``, or None when it has no words of its own."""
    view = span if isinstance(span, _View) else _View.of(span)
    namespace, _, value = feature.partition(":")
    if namespace == "w":
        return _word_phrase(value, view)
    if namespace == "c":
        return _char_phrase(value, view)
    if namespace in ("tgt", "hn", "hn_only"):
        return _pattern_phrase(value, view.span)
    if namespace in LEMMA_NAMESPACES and not value.startswith("<") and value not in ("strong", "weak"):
        return _lemma_phrase(re.sub(r"^not_", "", value), view.span)
    return None
