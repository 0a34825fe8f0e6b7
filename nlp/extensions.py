"""Every Doc extension the project sets, registered in one place and idempotently."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

# name -> default; list-valued defaults are made fresh by a getter on first write.
DOC_EXTENSIONS: dict[str, Any] = {
    "kind": None,  # the document's genre when known from metadata, else guessed
    "boroughs": None,  # list[BoroughMatch]
    "officials": None,  # list[OfficialMatch]
    "figures": None,  # list[FigureMatch]
    "statements": None,  # list[StatementMatch]
    "commitments": None,  # list[CommitmentMatch]
}


def register_extensions() -> None:
    """Register the project's Doc extensions (safe to call any number of times)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
