"""Training is reproducible to the byte, and loading trusts only the types it knows."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio

from nlp.stance.classifier import load_classifier
from nlp.stance.dataset import corpus_split, examples_from, quote_sentences
from nlp.stance.features import FEATURES_VERSION, featurize_spans
from nlp.stance.model import (
    METADATA_FILE,
    MODEL_FILE,
    StaleModel,
    UntrustedModel,
    canonical_zip,
    check_trusted,
    fit,
    load_bytes,
    model_bytes,
    probabilities,
    vectorize,
)
from nlp.stance.train import package_model_dir

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def training_rows(parser):  # type: ignore[no-untyped-def]
    examples = list(examples_from(corpus_split(CORPUS, "train"), parser))
    return featurize_spans([e.span for e in examples]), [e.label for e in examples]


@pytest.mark.slow
def test_training_twice_gives_the_same_file(training_rows) -> None:  # type: ignore[no-untyped-def]
    rows, labels = training_rows
    first = hashlib.sha256(model_bytes(fit(rows, labels))).hexdigest()
    second = hashlib.sha256(model_bytes(fit(rows, labels))).hexdigest()
    assert first == second
    shipped = json.loads((ROOT / "models" / METADATA_FILE).read_text())["model_sha256"]
    assert first == shipped, (
        "the shipped model is not what the corpus and code give here (or spaCy parses differently on this machine's "
        "processor or library versions): run 'policing stance train'"
    )


def test_skops_zip_is_made_canonical() -> None:
    data = {"weights": __import__("numpy").arange(5.0)}
    raw_one, raw_two = sio.dumps(data), sio.dumps(dict(data))
    assert canonical_zip(raw_one) == canonical_zip(raw_two)
    assert sio.loads(canonical_zip(raw_one))["weights"].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_shipped_copies_are_identical() -> None:
    canonical = ROOT / "models" / MODEL_FILE
    assert canonical.is_file(), "models/stance.skops is missing: run 'policing stance train'"
    assert canonical.read_bytes() == (package_model_dir() / MODEL_FILE).read_bytes()
    assert (ROOT / "models" / METADATA_FILE).read_text() == (package_model_dir() / METADATA_FILE).read_text()


def test_shipped_model_has_only_trusted_types() -> None:
    check_trusted((ROOT / "models" / MODEL_FILE).read_bytes())


def test_loading_refuses_untrusted_types(tmp_path: Path) -> None:
    # functools.partial(print) would call code on load: not on the allow-list.
    data = canonical_zip(sio.dumps({"relevance": functools.partial(print), "stance": None}))
    with pytest.raises(UntrustedModel, match="functools.partial"):
        load_bytes(data, {"features_version": FEATURES_VERSION})
    (tmp_path / MODEL_FILE).write_bytes(data)
    (tmp_path / METADATA_FILE).write_text(json.dumps({"features_version": FEATURES_VERSION}))
    with pytest.raises(UntrustedModel):
        load_classifier(str(tmp_path))


def test_loading_refuses_a_model_of_other_features() -> None:
    data = (ROOT / "models" / MODEL_FILE).read_bytes()
    with pytest.raises(StaleModel, match="policing stance train"):
        load_bytes(data, {"features_version": "0"})


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("“must remain the exception”", True),  # curly quotes in the gold, straight in the text
        ("must   remain the\nexception", True),  # white space folded
        ("must remain the rule", False),  # not in the text
    ],
)
def test_quote_sentences(parser, quote: str, found: bool) -> None:  # type: ignore[no-untyped-def]
    doc = parser('The patrols began. He said armed officers "must remain the exception". Then he left.')
    span = quote_sentences(doc, quote)
    assert (span is not None) == found
    if span is not None:
        assert span.text.startswith("He said")


def test_quote_sentences_stop_at_blank_lines(parser) -> None:  # type: ignore[no-untyped-def]
    # A speaker heading or headline above a quote is not part of the statement, as in the pipeline.
    doc = parser("Ms Adeyemi\n\nWill the Minister rule out armed patrols on estates?\n\nThe Minister\n\nI will not.")
    span = quote_sentences(doc, "rule out armed patrols on estates")
    assert span is not None
    assert span.text == "Will the Minister rule out armed patrols on estates?"


def test_fast_vectorize_matches_the_pipeline_transform(training_rows) -> None:  # type: ignore[no-untyped-def]
    rows, labels = training_rows
    model = load_classifier(None).model  # type: ignore[attr-defined]
    sample = rows[:40] + [{"w:never-seen-feature": 1.0}, {}]
    for stage in (model.relevance, model.stance):
        expected = stage[:-1].transform(sample)
        assert abs(vectorize(stage, sample) - expected).max() == 0.0


def test_fast_probabilities_match_scikit_learns(training_rows) -> None:  # type: ignore[no-untyped-def]
    rows, _ = training_rows
    model = load_classifier(None).model  # type: ignore[attr-defined]
    for stage in (model.relevance, model.stance):
        x = vectorize(stage, rows[:60])
        assert np.allclose(probabilities(stage, x), stage[-1].predict_proba(x), rtol=0, atol=1e-12)
