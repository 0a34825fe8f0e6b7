"""Thin spaCy factories around the pure extractors in nlp/extract and nlp/stance.

Each component reads what earlier ones wrote on the Doc and writes its own extension.
They are published under the ``spacy_factories`` entry point, so that any spaCy user
can ``nlp.add_pipe("policing_boroughs")`` once the package is installed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import register_extensions
from nlp.extract.boroughs import find_boroughs
from nlp.extract.commitments import find_commitments
from nlp.extract.figures import find_figures
from nlp.extract.officials import find_officials
from nlp.extract.spans import doc_text
from nlp.extract.speakers import publisher_of
from nlp.extract.statements import find_statements
from nlp.ingest.kind import guess_kind
from nlp.stance.classifier import PRESIDING_RESULT, StanceClassifier, load_classifier, presiding

register_extensions()


class BoroughFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.boroughs = find_boroughs(doc)
        return doc


class OfficialFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.officials = find_officials(doc)
        return doc


class FigureFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.figures = list(find_figures(doc))
        return doc


class StatementFinder:
    def __call__(self, doc: Doc) -> Doc:
        kind = doc._.kind or guess_kind(doc.text)
        doc._.statements = find_statements(doc, doc._.officials or [], kind)
        return doc


class CommitmentFinder:
    def __call__(self, doc: Doc) -> Doc:
        kind = doc._.kind or guess_kind(doc.text)
        author = publisher_of(doc.text) if kind in ("press_release", "other") else None
        doc._.commitments = list(
            find_commitments(doc, doc._.statements or [], doc._.boroughs or [], doc._.officials or [], author)
        )
        return doc


class StanceComponent:
    def __init__(self, classifier: StanceClassifier) -> None:
        self.classifier = classifier

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.statements or []
        # Statements are spans of this Doc: the classifier reads its parse, never parses again.
        offsets = [(s.start, s.end) for s in statements]
        results = self.classifier.predict_doc(doc, offsets, [s.speaker for s in statements])
        text = doc_text(doc)
        for statement, result in zip(statements, results, strict=True):
            statement.stance = PRESIDING_RESULT if presiding(statement.role, text, statement.start) else result
        return doc


@Language.factory("policing_boroughs", assigns=["doc._.boroughs"])
def make_borough_finder(nlp: Language, name: str) -> BoroughFinder:
    return BoroughFinder()


@Language.factory("policing_officials", assigns=["doc._.officials"])
def make_official_finder(nlp: Language, name: str) -> OfficialFinder:
    return OfficialFinder()


@Language.factory("policing_figures", assigns=["doc._.figures"])
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder()


@Language.factory("policing_statements", assigns=["doc._.statements"], requires=["doc._.officials"])
def make_statement_finder(nlp: Language, name: str) -> StatementFinder:
    return StatementFinder()


@Language.factory("policing_commitments", assigns=["doc._.commitments"], requires=["doc._.statements"])
def make_commitment_finder(nlp: Language, name: str) -> CommitmentFinder:
    return CommitmentFinder()


@Language.factory("policing_stance", default_config={"model_path": None}, requires=["doc._.statements"])
def make_stance_classifier(nlp: Language, name: str, model_path: str | None) -> StanceComponent:
    return StanceComponent(load_classifier(model_path))
