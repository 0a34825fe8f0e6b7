"""Stance features read from a parsed statement and the sentence before it."""

from __future__ import annotations

from nlp.stance.features import featurize


def _statement(parser, text: str, sentence: int):  # type: ignore[no-untyped-def]
    doc = parser(text)
    return list(doc.sents)[sentence]


def test_a_statement_reads_the_words_of_the_sentence_before_it(parser) -> None:  # type: ignore[no-untyped-def]
    span = _statement(parser, "Armed officers patrolled the estate last week. They are needed there.", 1)
    row = featurize(span)
    assert {"p:armed", "p:officers", "p:estate"} <= set(row)
    assert "w:armed" not in row  # the statement's own words stay its own
    assert not any(name.startswith("p:they") for name in row)


def test_the_first_statement_has_no_sentence_before_it(parser) -> None:  # type: ignore[no-untyped-def]
    row = featurize(_statement(parser, "Armed officers patrolled the estate. They are needed.", 0))
    assert not any(name.startswith("p:") for name in row)


def test_negation_scope_ends_at_a_comma(parser) -> None:  # type: ignore[no-untyped-def]
    row = featurize(_statement(parser, "We do not want armed patrols, but safety matters.", 0))
    assert "w:not_armed" in row and "w:not_patrols" in row
    assert "w:safety" in row and "w:not_safety" not in row


def test_target_and_look_alike_mentions(parser) -> None:  # type: ignore[no-untyped-def]
    row = featurize(_statement(parser, "Armed police arrested two armed robbers.", 0))
    assert "tgt:armed_officer" in row and "hn:armed_criminal" in row
    unrelated = featurize(_statement(parser, "Officers carried Tasers on the estate.", 0))
    assert "tgt:none" in unrelated and "hn_only:taser" in unrelated
