"""The two-stage stance model: training, and saving and loading it with skops.

Stage one says whether a statement is about armed patrols at all (relevance); stage two,
trained only on statements that are, says support, oppose or neutral. Each stage is a
DictVectorizer, a TF-IDF weighting and a logistic regression calibrated by cross-validation
(sigmoid), so its probabilities can be read as such. Everything is seeded and the saved
file is byte-for-byte reproducible: skops names arrays after object ids and stamps the
zip with the time, so both are normalised before writing.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import skops.io as sio
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from nlp.models import ModelNotFound
from nlp.stance.features import FEATURES_VERSION

SEED = 13
SIDES = ("support", "oppose", "neutral")
LABELS = (*SIDES, "unrelated")
RELATED = "related"
# Even odds of the calibrated relevance probability. A prior-shift correction for the many
# unrelated statements the pipeline finds (threshold 0.71) lost relevance accuracy on the
# corpus test split (0.85 against 0.89); a long unrelated document is kept from an
# "about armed patrols" label by the evidence rule of nlp/stance/aggregate.py instead.
RELEVANCE_THRESHOLD = 0.5
MIN_DF = 2  # a feature seen in a single training statement is noise, not evidence
C_RELEVANCE, C_STANCE = 4.0, 4.0
MODEL_FILE, METADATA_FILE = "stance.skops", "stance.json"
# The types a shipped model may contain beyond what skops trusts by default. Loading refuses
# a file that asks for anything else, so a tampered model cannot run code.
TRUSTED_TYPES = frozenset(
    {
        "builtins.slice",
        "numpy.dtype",
        "numpy.float64",
        "numpy.int64",
        "numpy.ndarray",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.pipeline.Pipeline",
    }
)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class UntrustedModel(ModelNotFound):
    """A saved model asks for types that this project does not trust."""


class StaleModel(ModelNotFound):
    """A saved model was trained on features this code no longer makes."""


@dataclass
class StanceModel:
    """The two fitted stages and what is known about them."""

    relevance: Pipeline
    stance: Pipeline
    metadata: dict[str, Any] = field(default_factory=dict)


def make_stage(c: float) -> Pipeline:
    """One stage: feature counts -> TF-IDF -> calibrated logistic regression."""
    regression = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED)
    return Pipeline(
        [
            ("vectorize", DictVectorizer(sort=True)),
            ("weight", TfidfTransformer(sublinear_tf=True)),
            ("classify", CalibratedClassifierCV(regression, method="sigmoid", cv=5)),
        ]
    )


def vectorize(stage: Pipeline, rows: Sequence[dict[str, float]]) -> csr_matrix:
    """What ``stage[:-1].transform(rows)`` gives, without DictVectorizer's per-value type
    checks (the slowest step of labelling): every value here is already a float."""
    vocabulary = stage[0].vocabulary_
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for row in rows:
        for name, value in row.items():
            column = vocabulary.get(name)
            if column is not None:
                indices.append(column)
                values.append(value)
        indptr.append(len(indices))
    counts = csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(len(rows), len(vocabulary)),
    )
    counts.sort_indices()
    return stage[1].transform(counts)


def probabilities(stage: Pipeline, x: csr_matrix) -> NDArray[np.float64]:
    """What ``stage[-1].predict_proba(x)`` gives for a sigmoid-calibrated logistic regression,
    from one matrix product per fold instead of scikit-learn's checks on every call."""
    calibrated = stage[-1]
    folds = calibrated.calibrated_classifiers_
    total = np.zeros((x.shape[0], len(calibrated.classes_)))
    for fold in folds:
        scores = np.asarray(x @ fold.estimator.coef_.T) + fold.estimator.intercept_
        sides = np.column_stack([expit(-(c.a_ * scores[:, k] + c.b_)) for k, c in enumerate(fold.calibrators)])
        if total.shape[1] == 2:
            proba = np.column_stack([1.0 - sides[:, 0], sides[:, 0]])
        else:
            sums = sides.sum(axis=1, keepdims=True)
            proba = np.divide(sides, sums, out=np.full_like(sides, 1 / sides.shape[1]), where=sums != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        total += proba
    return total / len(folds)


def prune(rows: Sequence[dict[str, float]], min_df: int = MIN_DF) -> list[dict[str, float]]:
    """The rows without features seen in fewer than ``min_df`` of them."""
    df: Counter[str] = Counter(name for row in rows for name in row)
    return [{k: v for k, v in row.items() if df[k] >= min_df} for row in rows]


def fit(rows: Sequence[dict[str, float]], labels: Sequence[str]) -> StanceModel:
    """Both stages fitted on feature rows with gold labels (support/oppose/neutral/unrelated)."""
    rows = prune(rows)
    relevance = make_stage(C_RELEVANCE).fit(rows, [RELATED if y != "unrelated" else "unrelated" for y in labels])
    sided = [(row, y) for row, y in zip(rows, labels, strict=True) if y != "unrelated"]
    stance = make_stage(C_STANCE).fit([row for row, _ in sided], [y for _, y in sided])
    for stage in (relevance, stance):
        _intern_names(stage[0])
    majority = Counter(labels).most_common(1)[0][0]
    return StanceModel(relevance, stance, {"majority_label": majority, "train_statements": len(rows)})


def _intern_names(vectorizer: DictVectorizer) -> None:
    """Feature names as interned strings. skops stores an object met twice only once, so
    which equal names happen to be one object would otherwise change the saved bytes (and
    that depends on what the process did before, e.g. on caches of character n-grams)."""
    vectorizer.feature_names_ = [sys.intern(name) for name in vectorizer.feature_names_]
    vectorizer.vocabulary_ = {sys.intern(name): column for name, column in vectorizer.vocabulary_.items()}


def canonical_zip(raw: bytes) -> bytes:
    """The skops zip with arrays and object ids numbered in order, and fixed timestamps."""
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        names = [n for n in source.namelist() if n != "schema.json"]
        renamed = {name: f"{i:04d}{Path(name).suffix}" for i, name in enumerate(names)}
        schema = source.read("schema.json").decode()
        schema = re.sub(r'"file": "([^"]+)"', lambda m: f'"file": "{renamed.get(m.group(1), m.group(1))}"', schema)
        schema = _renumber_ids(schema)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for name in names:
                target.writestr(zipfile.ZipInfo(renamed[name], FIXED_TIME), source.read(name), zipfile.ZIP_DEFLATED)
            target.writestr(zipfile.ZipInfo("schema.json", FIXED_TIME), schema, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _renumber_ids(schema: str) -> str:
    """skops marks shared objects with their memory address: number them in order instead,
    keeping which references are the same object."""
    numbers: dict[str, int] = {}

    def number(m: re.Match[str]) -> str:
        return f'"__id__": {numbers.setdefault(m.group(1), len(numbers) + 1)}'

    return re.sub(r'"__id__": (\d+)', number, schema)


def model_bytes(model: StanceModel) -> bytes:
    return canonical_zip(sio.dumps({"relevance": model.relevance, "stance": model.stance}))


def save(model: StanceModel, directories: Iterable[Path]) -> str:
    """Write the model and its metadata into each directory; the model file's SHA-256."""
    data = model_bytes(model)
    digest = hashlib.sha256(data).hexdigest()
    metadata = {**model.metadata, "model_file": MODEL_FILE, "model_sha256": digest}
    for directory in directories:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / MODEL_FILE).write_bytes(data)
        (directory / METADATA_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return digest


def check_trusted(data: bytes) -> None:
    """Raise UntrustedModel unless every type in the file is on the allow-list."""
    unknown = sorted(set(sio.get_untrusted_types(data=data)) - TRUSTED_TYPES)
    if unknown:
        raise UntrustedModel(f"the stance model asks for types this project does not trust: {', '.join(unknown)}")


def load_bytes(data: bytes, metadata: dict[str, Any]) -> StanceModel:
    """A StanceModel from saved bytes, after checking its types and its feature version."""
    check_trusted(data)
    if metadata.get("features_version") != FEATURES_VERSION:
        raise StaleModel(
            f"the stance model was trained with features v{metadata.get('features_version')}, "
            f"this code makes v{FEATURES_VERSION}: run 'policing stance train'"
        )
    stages = sio.loads(data, trusted=sorted(TRUSTED_TYPES))
    return StanceModel(stages["relevance"], stages["stance"], metadata)
