"""``policing stance train``: the shipped model rebuilt from the corpus train split."""

from __future__ import annotations

import importlib.metadata
import platform
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from spacy.language import Language

from nlp.stance.dataset import Example, corpus_hash, corpus_split, examples_in
from nlp.stance.features import FEATURES_VERSION, featurize_spans
from nlp.stance.model import LABELS, RELEVANCE_THRESHOLD, SEED, SIDES, StanceModel, fit, save

LIBRARIES = ("scikit-learn", "skops", "numpy", "scipy", "spacy", "thinc", "blis")  # thinc and blis: the parse the features read
PACKAGE_MODEL_DIR = "model"  # the copy inside nlp/stance that load_classifier(None) reads


@dataclass
class TrainResult:
    model: StanceModel
    sha256: str
    written: list[Path]


def package_model_dir() -> Path:
    """nlp/stance/model/, where the package keeps its own copy of the shipped model."""
    return Path(str(files("nlp.stance").joinpath(PACKAGE_MODEL_DIR)))


def library_versions(nlp: Language) -> dict[str, str]:
    versions = {name: importlib.metadata.version(name) for name in LIBRARIES}
    versions["python"] = platform.python_version()
    versions["spacy_pipeline"] = f"{nlp.meta.get('name')} {nlp.meta.get('version')}"
    return versions


def train_model(corpus: Path, nlp: Language) -> StanceModel:
    """Both stages fitted on every gold statement of the corpus train split."""
    documents = corpus_split(corpus, "train")
    docs = list(nlp.pipe(g.text for g in documents))
    examples = [e for gold, doc in zip(documents, docs, strict=True) for e in examples_in(gold, doc)]
    model = fit(featurize_spans([e.span for e in examples]), [e.label for e in examples])
    model.metadata.update(_metadata(nlp, documents, examples))
    model.metadata["relevance_threshold"] = RELEVANCE_THRESHOLD
    return model


def _metadata(nlp: Language, documents: list[Any], examples: list[Example]) -> dict[str, Any]:
    counts = {label: sum(e.label == label for e in examples) for label in LABELS}
    return {
        "target": "armed patrols",
        "labels": list(LABELS),
        "stages": {"relevance": ["related", "unrelated"], "stance": list(SIDES)},
        "features_version": FEATURES_VERSION,
        "seed": SEED,
        "library_versions": library_versions(nlp),
        "corpus_hash": corpus_hash(documents),
        "corpus_documents": len(documents),
        "train_label_counts": counts,
    }


def train_and_save(
    corpus: Path, out: Path, nlp: Language, score: Callable[[StanceModel], dict[str, Any]] | None = None
) -> TrainResult:
    """Train, put ``score(model)`` in the metadata, and write to ``out`` and the package copy."""
    model = train_model(corpus, nlp)
    if score is not None:
        model.metadata["scores"] = score(model)
    directories = [out, package_model_dir()]
    return TrainResult(model, save(model, directories), directories)
