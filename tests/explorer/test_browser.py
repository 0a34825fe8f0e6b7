"""The explorer in a real browser: ``streamlit run app.py`` on a free loopback port against a
temporary store, driven through Playwright with Debian's Chromium.

Outside CI the test skips when /usr/bin/chromium is missing; in CI (``CI`` set) it fails.
Screenshots of each page go to test-output/explorer-browser/.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from nlp.explorer.launch import app_environment, streamlit_command
from nlp.store import Store
from nlp.store.register import Register
from tests.conftest import ROOT
from tests.explorer.conftest import KNOWN, CorpusStore

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-output" / "explorer-browser"
VIEWPORT = {"width": 1400, "height": 2200}  # tall, so a screenshot holds most of a page
WAIT_MS = 60_000  # Streamlit draws late, the first page load imports everything

pytestmark = pytest.mark.browser


def _chromium_or_skip() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must install Chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no browser: {CHROMIUM} is missing (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[dev]'")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _served(location: str, read_only: bool, log: Path) -> Iterator[str]:
    """The app served headless on 127.0.0.1; yields its base URL, stops it afterwards."""
    port = _free_port()
    command = streamlit_command(port, headless=True, address="127.0.0.1", script=str(ROOT / "app.py"))
    with log.open("w") as output:
        server = subprocess.Popen(
            command, env=app_environment(location, read_only), cwd=ROOT, stdout=output, stderr=output
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, server, log)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit stopped (code {server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not answer at {base}:\n{log.read_text()}")


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


def _open(page, base: str, query: str, ready: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/?{query}")
    page.get_by_text(ready, exact=False).first.wait_for(timeout=WAIT_MS)
    _settle(page)


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished its run (the script state it puts on the app root)."""
    page.wait_for_timeout(300)  # a rerun that was just asked for has started by now
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(300)  # charts and tables draw just after the run ends


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _choose(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True)).first
    box.locator("input").click()
    box.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    _settle(page)


def test_the_explorer_in_chromium(browser, corpus_store: CorpusStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    location = corpus_store.copy(tmp_path)
    known = corpus_store.records[KNOWN]
    entry = Register(Store(location)).entries()[0]
    haringey_documents = sum(1 for r in corpus_store.records.values() if "E09000014" in {b.code for b in r.boroughs})
    with _served(location, read_only=False, log=tmp_path / "streamlit.log") as base:
        page = browser.new_page(viewport=VIEWPORT)
        _open(page, base, "view=overview", "Documents over time")
        _shot(page, "overview")

        _open(page, base, "view=documents", "document(s) match")
        assert page.get_by_text(f"{len(corpus_store.records)} document(s) match").count() == 1
        _choose(page, "Borough", "Haringey")
        page.get_by_text(f"{haringey_documents} document(s) match").wait_for(timeout=WAIT_MS)
        _shot(page, "documents-haringey")

        _choose(page, "Open a document", f"{known.date} · {known.title}")
        page.locator('[data-testid="stButton"]').get_by_role("button", name="Open", exact=True).click()
        borough = page.locator('span[data-kind="borough"]', has_text="Haringey").first
        borough.wait_for(timeout=WAIT_MS)
        assert page.locator('span[data-kind="official"]', has_text="Samuel Adeyemi").count() >= 1
        assert "Haringey" in borough.get_attribute("title")
        assert re.search(r"rgb\(255, 216, 168\)", borough.evaluate("e => getComputedStyle(e).backgroundColor"))
        _settle(page)
        _shot(page, "document")

        _open(page, base, "view=boroughs&borough=E09000014", "Mentions")
        _shot(page, "boroughs")
        _open(page, base, f"view=people&person={quote('Samuel Adeyemi')}", "What they said")
        _shot(page, "people")
        _open(page, base, "view=analyse", "Paste text")
        _shot(page, "analyse")

        _open(page, base, f"view=commitments&entry={entry.id}", "Audit trail")
        assert page.get_by_text("No status set yet").count() == 1
        _choose(page, "New status", "partly delivered")
        page.get_by_label("By").fill("A. Auditor")
        page.get_by_label("Note").fill("patrols seen on two of three estates")
        page.get_by_role("button", name="Record the status").click()
        page.get_by_text("Recorded: open → partly delivered").wait_for(timeout=WAIT_MS)
        page.reload()
        trail = page.locator('[data-testid="stTable"]')
        trail.wait_for(timeout=WAIT_MS)
        _settle(page)
        assert "partly delivered" in trail.inner_text() and "A. Auditor" in trail.inner_text()
        _shot(page, "commitments")
        page.close()
    assert Register(Store(location)).entry(entry.id).status == "partly delivered"  # type: ignore[union-attr]

    with _served(location, read_only=True, log=tmp_path / "streamlit-read-only.log") as base:
        page = browser.new_page(viewport=VIEWPORT)
        _open(page, base, f"view=commitments&entry={entry.id}", "Audit trail")
        assert "partly delivered" in page.locator('[data-testid="stTable"]').inner_text()
        assert page.get_by_role("button", name="Record the status").count() == 0
        assert page.get_by_label("Note").count() == 0
        assert page.get_by_text("Read-only").count() >= 1
        _shot(page, "commitments-read-only")
        page.close()
