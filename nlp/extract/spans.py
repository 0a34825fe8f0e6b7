"""Sentences that never run over a blank line, for extractors that read a Doc sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

PIECE = re.compile(r"\S(?:.|\n(?!\s*\n))*")


def sentence_offsets(doc: Doc, start: int = 0, end: int | None = None, min_words: int = 3) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence between two offsets, cut at blank lines (headings, new
    paragraphs), trailing space trimmed, fragments under ``min_words`` skipped."""
    end = len(doc.text) if end is None else end
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return
    for sent in span.sents:  # type: ignore[attr-defined]
        s, e = max(sent.start_char, start), min(sent.end_char, end)
        for piece in PIECE.finditer(doc.text[s:e]):
            piece_end = s + piece.end()
            while piece_end > s + piece.start() and doc.text[piece_end - 1].isspace():
                piece_end -= 1
            if len(piece.group().split()) >= min_words:
                yield s + piece.start(), piece_end


def sentence_spans(doc: Doc) -> Iterator[Span]:
    """The sentences of a parsed Doc as Spans, cut at blank lines."""
    if not doc.has_annotation("SENT_START"):
        return
    for s, e in sentence_offsets(doc, min_words=1):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            yield span
