"""The stance classifier's handle: the shipped model when there is one, else the cue rule.

``load_classifier(None)`` reads the copy of the shipped model kept in the package
(nlp/stance/model/, written by ``policing stance train`` together with the canonical copy in
models/); ``load_classifier(path)`` reads a model file or a folder holding one.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.extract.statements import in_motion
from nlp.stance.explain import Weights
from nlp.stance.features import HARD_NEGATIVES, featurize, topic_features
from nlp.stance.model import (
    METADATA_FILE,
    MODEL_FILE,
    RELATED,
    RELEVANCE_THRESHOLD,
    StanceModel,
    load_bytes,
    probabilities,
    vectorize,
)
from nlp.stance.rules import StanceResult, rule_stance

log = logging.getLogger(__name__)
Result = StanceResult
LOOKALIKES = ("unarmed", "covid", "taser", "armed_criminal", "seized", "armed_forces", "visibility")
LOOKALIKE_SCORE = 0.9  # the gate held on 67 of 69 such statements in the corpus train split
# How much a statement's side leans on what its speaker says elsewhere in the document: the
# side probabilities are blended with the mean over the speaker's on-topic statements. In
# 5-fold cross-validation over the corpus train documents, macro-F1 rose with the weight
# (0.673 at 0, 0.685 at 0.5, 0.690 at 0.65); it stops at 0.5 so that a statement's own words
# weigh at least as much as its speaker's, since one speaker can voice both sides.
SPEAKER_WEIGHT = 0.5


class StanceClassifier:
    """Labels statements support / oppose / neutral / unrelated toward armed patrols.

    This base class is the cue-lexicon rule; TrainedStanceClassifier is the model."""

    name: str = "cue-lexicon rule"

    def predict(self, texts: Sequence[str]) -> list[Result]:
        return [rule_stance(text) for text in texts]

    def predict_spans(self, spans: Sequence[Span], speakers: Sequence[str | None] | None = None) -> list[Result]:
        """Labels for statements that are spans of an already parsed Doc (the rule ignores speakers)."""
        return self.predict([span.text for span in spans])

    def predict_doc(
        self, doc: Doc, offsets: Sequence[tuple[int, int]], speakers: Sequence[str | None] | None = None
    ) -> list[Result]:
        """Labels for the statements at ``offsets`` (start, end characters) of ``doc``, said by
        ``speakers`` (one per statement, None when unknown)."""
        spans = [doc.char_span(start, end, alignment_mode="expand") or doc[0:0] for start, end in offsets]
        return self.predict_spans(spans, speakers)


class TrainedStanceClassifier(StanceClassifier):
    """The two-stage model: relevance first, then support / oppose / neutral."""

    name = "trained stance model"

    def __init__(self, model: StanceModel, parser: Language | None = None) -> None:
        self.model = model
        self._parser = parser
        self.stance_weights = Weights.of(model.stance)
        self.threshold = float(model.metadata.get("relevance_threshold", RELEVANCE_THRESHOLD))

    @cached_property
    def parser(self) -> Language:
        """Only for plain texts: statements from the pipeline come already parsed."""
        from nlp.models import load_base

        return self._parser or load_base()

    def predict(self, texts: Sequence[str]) -> list[Result]:
        docs = list(self.parser.pipe(texts))
        return self.predict_spans([doc[:] for doc in docs])

    def predict_spans(self, spans: Sequence[Span], speakers: Sequence[str | None] | None = None) -> list[Result]:
        """Gates first, then relevance on what they leave, then the side on what is relevant:
        each stage only transforms the statements that reach it (most never pass the gates).
        With ``speakers``, a side also leans on the same speaker's other statements."""
        if not spans:
            return []
        topics = [topic_features(span) for span in spans]
        results: list[Result | None] = [_gate(topic, span) for topic, span in zip(topics, spans, strict=True)]
        open_rows = [i for i, result in enumerate(results) if result is None]
        if not open_rows:
            return [result for result in results if result is not None]
        rows: dict[int, dict[str, float]] = {i: featurize(spans[i], topic=topics[i]) for i in open_rows}
        relevance_x = vectorize(self.model.relevance, [rows[i] for i in open_rows])
        related = probabilities(self.model.relevance, relevance_x)[:, _index(self.model.relevance, RELATED)]
        on_topic = []
        for i, probability in zip(open_rows, related, strict=True):
            if probability < self.threshold:
                # Not about the target: nothing in it drove a side, so no cue search either.
                results[i] = Result("unrelated", round(1 - float(probability), 4), [], round(float(probability), 4))
            else:
                on_topic.append((i, float(probability)))
        if on_topic:
            said_by = [speakers[i] for i, _ in on_topic] if speakers is not None else None
            self._sides(on_topic, rows, spans, results, said_by)
        return [result for result in results if result is not None]

    def _sides(
        self,
        on_topic: list[tuple[int, float]],
        rows: dict[int, dict[str, float]],
        spans: Sequence[Span],
        results: list[Result | None],
        speakers: list[str | None] | None,
    ) -> None:
        stance_x = vectorize(self.model.stance, [rows[i] for i, _ in on_topic])
        sides = probabilities(self.model.stance, stance_x)
        if speakers is not None:
            sides = lean_on_speakers(sides, speakers)
        classes = [str(c) for c in self.model.stance[-1].classes_]
        for k, (i, related) in enumerate(on_topic):
            best = int(sides[k].argmax())
            # The label's probability: about armed patrols, and then this side.
            cues = self.stance_weights.cues(stance_x[k], classes[best], spans[i])
            results[i] = Result(classes[best], round(related * float(sides[k][best]), 4), cues, round(related, 4))


def lean_on_speakers(
    sides: NDArray[np.float64], speakers: Sequence[str | None], weight: float = SPEAKER_WEIGHT
) -> NDArray[np.float64]:
    """Each row of side probabilities blended with the mean row of its speaker's statements
    (its own included); rows of unknown speakers stay as they are."""
    blended = sides.copy()
    rows_of: dict[str, list[int]] = {}
    for i, speaker in enumerate(speakers):
        if speaker:
            rows_of.setdefault(speaker, []).append(i)
    for rows in rows_of.values():
        blended[rows] = (1 - weight) * sides[rows] + weight * sides[rows].mean(axis=0)
    return blended


# The chair of a chamber (the Speaker, the Presiding Officer) is impartial by office and speaks to
# procedure ("The right hon. Gentleman is entitled to be heard"): none of it takes a side. A
# committee's chair is not among them: they question witnesses in their own voice.
PRESIDING = re.compile(r"^(?:Deputy |Lord )?(?:Speaker|Presiding Officer)$", re.I)
PRESIDING_RESULT = Result("unrelated", LOOKALIKE_SCORE, [], round(1 - LOOKALIKE_SCORE, 4))


def presiding(role: str | None, text: str = "", start: int = 0) -> bool:
    """Whether a statement at ``start`` of ``text`` is said from the chair of a chamber (and is
    not a motion the chair reads out: that is the words of the member who moved it)."""
    return bool(role and PRESIDING.match(role.strip())) and not in_motion(text, start)


def _gate(row: dict[str, float], span: Span) -> Result | None:
    """A label without the model: a look-alike named alone, or no mention of armed policing in
    the statement or around it (whatever its words lean to, it cannot be about armed patrols)."""
    lookalike = lookalike_only(row, span)
    if lookalike:
        return Result("unrelated", LOOKALIKE_SCORE, [lookalike], 1 - LOOKALIKE_SCORE)
    if "tgt:none" in row and "ctx:none" in row:
        return Result("unrelated", LOOKALIKE_SCORE, [], 1 - LOOKALIKE_SCORE)
    return None


def lookalike_only(row: dict[str, float], span: Span) -> str | None:
    """The look-alike phrase when a statement names one (unarmed or covid patrols, Tasers,
    armed criminals, seized guns, the armed forces) and neither it nor the text around it
    names the target: then it is about the look-alike, whatever its words lean to."""
    if "tgt:none" not in row or "ctx:none" not in row:
        return None
    for name in LOOKALIKES:
        if f"hn:{name}" in row:
            found = HARD_NEGATIVES[name].search(span.text)
            return found.group() if found else name
    return None


def _index(stage: Any, label: str) -> int:
    return [str(c) for c in stage[-1].classes_].index(label)


def _read(path: str | None) -> tuple[bytes, dict[str, Any]] | None:
    if path is None:
        folder = files("nlp.stance").joinpath("model")
        model, meta = folder.joinpath(MODEL_FILE), folder.joinpath(METADATA_FILE)
        if not model.is_file():
            return None
        return model.read_bytes(), json.loads(meta.read_text(encoding="utf-8"))
    file = Path(path) / MODEL_FILE if Path(path).is_dir() else Path(path)
    if not file.is_file():
        return None
    meta_file = file.with_name(METADATA_FILE)
    metadata = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
    return file.read_bytes(), metadata


def load_classifier(path: str | None = None) -> StanceClassifier:
    """The shipped model (or the one at ``path``); the cue rule, with a warning, when there is none."""
    found = _read(path)
    if found is None:
        where = path or "the package (nlp/stance/model)"
        log.warning("no stance model in %s: using the cue-lexicon rule ('policing stance train' builds one)", where)
        return StanceClassifier()
    return TrainedStanceClassifier(load_bytes(*found))
