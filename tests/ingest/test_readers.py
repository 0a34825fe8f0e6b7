from __future__ import annotations

from pathlib import Path

import pytest

from nlp.ingest import Document, ReadError, read_paths
from nlp.ingest.base import decode_text
from tests.ingest.make_inputs import build_bad_inputs


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("inputs")
    return folder, build_bad_inputs(folder)


def _by_file(folder: Path) -> dict[str, list[Document | ReadError]]:
    found: dict[str, list[Document | ReadError]] = {}
    for item in read_paths([str(folder)]):
        source = item.source if isinstance(item, (Document, ReadError)) else ""
        found.setdefault(Path(source.split("#")[0]).name, []).append(item)
    return found


def test_every_good_file_gives_documents_and_every_bad_one_a_named_error(inputs: tuple[Path, dict[str, str]]) -> None:
    folder, expected = inputs
    found = _by_file(folder)
    assert set(found) == set(expected)
    for name, outcome in expected.items():
        items = found[name]
        if outcome == "good":
            assert all(isinstance(i, Document) and i.text.strip() for i in items), (name, items)
        else:
            assert len(items) == 1 and isinstance(items[0], ReadError), (name, items)
            assert name in str(items[0]) and outcome.lower() in str(items[0]).lower(), str(items[0])


def test_encodings_are_decoded_not_mangled(inputs: tuple[Path, dict[str, str]]) -> None:
    found = _by_file(inputs[0])
    windows = found["windows.txt"][0]
    assert isinstance(windows, Document) and "Crèche" in windows.text and "“calm”" in windows.text
    for name in ("utf16.txt", "bom.txt"):
        doc = found[name][0]
        assert isinstance(doc, Document) and doc.text.startswith("Police in Hackney") and "\ufeff" not in doc.text


def test_table_rows_keep_their_ids_and_metadata(inputs: tuple[Path, dict[str, str]]) -> None:
    rows = _by_file(inputs[0])["rows.csv"]
    assert [r.id for r in rows if isinstance(r, Document)] == ["r1", "r2"]
    assert rows[0].title == "First"  # type: ignore[union-attr]


def test_html_keeps_the_article_and_drops_scripts_and_navigation(inputs: tuple[Path, dict[str, str]]) -> None:
    page = _by_file(inputs[0])["page.html"][0]
    assert isinstance(page, Document)
    assert page.title == "Patrols" and "Lambeth" in page.text and "var x" not in page.text and "Menu" not in page.text


def test_pdf_text_layer_is_read(inputs: tuple[Path, dict[str, str]]) -> None:
    pdf = _by_file(inputs[0])["report.pdf"][0]
    assert isinstance(pdf, Document) and "Camden" in pdf.text


def test_missing_path_is_an_error_not_a_crash() -> None:
    (item,) = list(read_paths(["/no/such/place.txt"]))
    assert isinstance(item, ReadError) and "no such file" in str(item)


def test_folders_skip_gold_files_and_readmes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officers said patrols continue.")
    (tmp_path / "a.gold.json").write_text("{}")
    (tmp_path / "README.md").write_text("# about this folder")
    assert [Path(d.source).name for d in read_paths([str(tmp_path)])] == ["a.txt"]


def test_docx_is_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("The Commander said armed officers will patrol Enfield.")
    document.save(str(tmp_path / "memo.docx"))
    (item,) = list(read_paths([str(tmp_path / "memo.docx")]))
    assert isinstance(item, Document) and "Enfield" in item.text


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"plain ascii", "plain ascii"),  # ASCII is UTF-8
        ("café".encode(), "café"),  # UTF-8
        ("café".encode("cp1252"), "café"),  # cp1252 fallback
        ("café".encode("utf-16-le"), "café"),  # UTF-16 without a BOM
        (b"\xef\xbb\xbfhi", "hi"),  # BOM stripped
    ],
)
def test_decode_text(data: bytes, expected: str) -> None:
    assert decode_text(data, "x")[0] == expected


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\nxxxx", b"\x00\x01\x02\x03binary\x00"])
def test_decode_text_refuses_binary(data: bytes) -> None:
    with pytest.raises(ReadError):
        decode_text(data, "x")
