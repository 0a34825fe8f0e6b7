"""Package data: gazetteers and lexicons, loaded once through importlib.resources."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """A JSON resource of this package by file name, parsed once."""
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """A text resource as its non-blank, non-comment lines."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
