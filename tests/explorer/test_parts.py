"""The explorer's plain parts: settings, launch command, tile grid, reading inputs, charts."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from nlp.cli import app as cli
from nlp.explorer.analyse import PASTED_SOURCE, read_inputs
from nlp.explorer.charts import by_period
from nlp.explorer.launch import app_environment, app_script, streamlit_command
from nlp.explorer.navigation import view_from_slug
from nlp.explorer.settings import DEFAULT_MAX_UPLOAD_MB, settings_from_env
from nlp.explorer.tiles import TILE_POSITIONS, borough_names, tile_frame


@pytest.mark.parametrize(
    ("env", "read_only", "store"),
    [
        ({}, False, "policing.db"),  # defaults
        ({"POLICING_READ_ONLY": "1", "POLICING_STORE": "x.db"}, True, "x.db"),
        ({"POLICING_READ_ONLY": "true"}, True, "policing.db"),
        ({"POLICING_READ_ONLY": "0"}, False, "policing.db"),  # 0 is not read-only
        ({"POLICING_READ_ONLY": ""}, False, "policing.db"),  # empty is not read-only
    ],
)
def test_settings_from_env(env: dict[str, str], read_only: bool, store: str) -> None:
    settings = settings_from_env(env)
    assert (settings.read_only, settings.store) == (read_only, store)


@pytest.mark.parametrize(
    ("value", "limit"), [("12", 12), ("0", DEFAULT_MAX_UPLOAD_MB), ("lots", DEFAULT_MAX_UPLOAD_MB)]
)
def test_upload_limit_from_env(value: str, limit: int) -> None:
    assert settings_from_env({"POLICING_MAX_UPLOAD_MB": value}).max_upload_mb == limit


def test_launch_command_and_environment() -> None:
    command = streamlit_command(8600, headless=True, address="127.0.0.1")
    assert command[1:5] == ["-m", "streamlit", "run", app_script()]
    assert command[command.index("--server.port") + 1] == "8600"
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert app_script().endswith("streamlit_app.py")
    env = app_environment("postgresql://h/db", True, base={"POLICING_READ_ONLY": "1", "PATH": "/bin"})
    assert env["POLICING_STORE"] == "postgresql://h/db" and env["POLICING_READ_ONLY"] == "1" and env["PATH"] == "/bin"
    assert "POLICING_READ_ONLY" not in app_environment(None, False, base={"POLICING_READ_ONLY": "1"})


def test_the_app_command_is_there() -> None:
    result = CliRunner().invoke(cli, ["app", "--help"])
    assert result.exit_code == 0
    assert "--read-only" in result.output and "--port" in result.output and "--store" in result.output


def test_the_tile_grid_holds_each_borough_once() -> None:
    assert set(TILE_POSITIONS) == set(borough_names()) and len(TILE_POSITIONS) == 33
    places = [(row, column) for row, column, _ in TILE_POSITIONS.values()]
    assert len(set(places)) == 33
    frame = tile_frame({"E09000014": 4})
    assert frame.set_index("code").loc["E09000014", "mentions"] == 4 and frame["mentions"].sum() == 4


def test_view_from_slug() -> None:
    assert view_from_slug("document") == "Document"
    assert view_from_slug("DOCUMENTS") == "Documents"
    assert view_from_slug("nonsense") == view_from_slug(None) == "Overview"


def test_read_inputs_keeps_good_inputs_and_names_bad_ones() -> None:
    found = read_inputs(
        "Armed patrols in Hackney.",
        [
            ("notes.txt", b"Officers in Lambeth."),
            ("../../etc/evil.txt", b"Officers in Brent."),  # a path in the name stays a name
            ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),  # an image named .txt
            ("big.txt", b"x" * 2_000_001),  # over the limit
            ("empty.md", b"   "),
        ],
        max_bytes=2_000_000,
    )
    assert [d.source for d in found.documents] == [PASTED_SOURCE, "notes.txt", "evil.txt"]
    assert [d.text for d in found.documents][1:] == ["Officers in Lambeth.", "Officers in Brent."]
    assert all(d.id for d in found.documents)
    assert [e.split(":")[0] for e in found.errors] == ["photo.txt", "big.txt", "empty.md"]


def test_read_inputs_refuses_pasted_text_over_the_limit() -> None:
    found = read_inputs("x" * 101, [], max_bytes=100)
    assert not found.documents and found.errors[0].startswith(PASTED_SOURCE)


def test_by_period_sums_months_into_years_over_long_spans() -> None:
    frame = pd.DataFrame({"month": ["2010-01", "2010-05", "2020-02"], "kind": ["news"] * 3, "documents": [1, 2, 3]})
    assert by_period(frame, "documents", "kind").to_dict("records") == [
        {"period": "2010", "kind": "news", "documents": 3},
        {"period": "2020", "kind": "news", "documents": 3},
    ]
    short = frame.iloc[:2]
    assert list(by_period(short, "documents", "kind")["period"]) == ["2010-01", "2010-05"]
