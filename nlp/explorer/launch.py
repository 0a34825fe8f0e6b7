"""Starting the explorer: the ``streamlit run`` command and environment behind ``policing app``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from importlib import resources

from nlp.explorer.settings import DEFAULT_MAX_UPLOAD_MB

DEFAULT_PORT = 8501


def app_script() -> str:
    """The packaged script that ``streamlit run`` executes (it calls ``nlp.explorer.app.main``)."""
    return str(resources.files("nlp.explorer").joinpath("streamlit_app.py"))


def streamlit_command(
    port: int = DEFAULT_PORT, headless: bool = False, address: str | None = None, script: str | None = None
) -> list[str]:
    """``python -m streamlit run`` on the app script (the packaged one unless ``script`` is given)."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script or app_script(),
        "--server.port",
        str(port),
        "--server.headless",
        "true" if headless else "false",
        "--server.maxUploadSize",
        str(DEFAULT_MAX_UPLOAD_MB),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    return command + (["--server.address", address] if address else [])


def app_environment(store: str | None, read_only: bool, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment the app reads its settings from (``nlp.explorer.settings``)."""
    env = dict(os.environ if base is None else base)
    if store:
        env["POLICING_STORE"] = store
    if read_only:
        env["POLICING_READ_ONLY"] = "1"
    else:
        env.pop("POLICING_READ_ONLY", None)
    return env


def run_app(store: str | None, read_only: bool, port: int, headless: bool = False) -> int:
    """Run the explorer until it is stopped; returns Streamlit's exit code."""
    try:
        return subprocess.run(
            streamlit_command(port, headless), env=app_environment(store, read_only), check=False
        ).returncode
    except KeyboardInterrupt:
        return 0
