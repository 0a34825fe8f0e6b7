"""How the explorer was started: which store, whether it may write, which model, upload limit."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from nlp.store import DEFAULT_STORE

TRUE_WORDS = ("1", "true", "yes", "on")
DEFAULT_MAX_UPLOAD_MB = 5


@dataclass(frozen=True)
class Settings:
    store: str
    read_only: bool = False
    model: str | None = None
    max_upload_mb: int = DEFAULT_MAX_UPLOAD_MB


def settings_from_env(env: Mapping[str, str] | None = None) -> Settings:
    """``POLICING_STORE``, ``POLICING_READ_ONLY``, ``POLICING_MODEL`` and ``POLICING_MAX_UPLOAD_MB``."""
    env = os.environ if env is None else env
    limit = env.get("POLICING_MAX_UPLOAD_MB", "")
    return Settings(
        store=env.get("POLICING_STORE") or DEFAULT_STORE,
        read_only=env.get("POLICING_READ_ONLY", "").strip().lower() in TRUE_WORDS,
        model=env.get("POLICING_MODEL") or None,
        max_upload_mb=int(limit) if limit.isdigit() and int(limit) > 0 else DEFAULT_MAX_UPLOAD_MB,
    )
