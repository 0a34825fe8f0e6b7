"""Shared fixtures: the real English pipeline, loaded once per session, and shared/ paths."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from nlp.pipeline import Extractor, build_pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "dev"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp_full() -> spacy.language.Language:
    return build_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp_full: spacy.language.Language) -> Extractor:
    return Extractor(nlp_full)


@pytest.fixture(scope="session")
def parser() -> spacy.language.Language:
    """The English pipeline without the project's components, for extractor unit tests."""
    from nlp.models import load_base

    return load_base()


@pytest.fixture()
def dev_dir() -> Path:
    if not DEV.is_dir():
        pytest.skip(f"the real dev documents are not here ({DEV} is absent)")
    return DEV
