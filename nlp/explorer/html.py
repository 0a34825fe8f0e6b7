"""Small HTML pieces for the explorer: stance badges and the list of statements.

Everything taken from a record is escaped here; callers pass plain values.
"""

from __future__ import annotations

import html
from typing import Any

STANCE_COLOURS: dict[str, tuple[str, str]] = {  # label -> (background, text)
    "support": ("#d3f9d8", "#2b8a3e"),
    "oppose": ("#ffe3e3", "#c92a2a"),
    "neutral": ("#e7f5ff", "#1864ab"),
    "mixed": ("#fff3bf", "#e67700"),
    "unrelated": ("#f1f3f5", "#495057"),
}


def stance_badge(label: str | None) -> str:
    label = label or "unrelated"
    background, colour = STANCE_COLOURS.get(label, STANCE_COLOURS["unrelated"])
    return (
        f'<span class="stance-badge" data-stance="{html.escape(label)}" style="background:{background};'
        f'color:{colour};border-radius:0.6rem;padding:0.05rem 0.5rem;font-size:0.8rem;font-weight:600">'
        f"{html.escape(label)}</span>"
    )


def statement_item(statement: dict[str, Any], role: str | None) -> str:
    """One statement: badge, speaker, role, kind, score, relevance, cues, then the words."""
    stance = statement.get("stance") or {}
    speaker = statement.get("speaker") or "unattributed"
    meta = [statement.get("kind") or "", f"score {float(stance.get('score') or 0):.2f}"]
    if stance.get("relevance") is not None:  # records made before relevance was recorded have none
        meta.append(f"about armed patrols {float(stance['relevance']):.2f}")
    cues = stance.get("cues") or []
    cue_text = f" · cues: {html.escape('; '.join(cues))}" if cues else ""
    role_text = f" <i>{html.escape(role)}</i>" if role else ""
    return (
        '<div class="statement" style="margin:0 0 0.8rem 0">'
        f"{stance_badge(stance.get('label'))} <b>{html.escape(speaker)}</b>{role_text}"
        f' <span style="color:#868e96;font-size:0.85rem">· {html.escape(" · ".join(meta))}{cue_text}</span>'
        '<div style="white-space:pre-wrap;border-left:3px solid #dee2e6;padding-left:0.6rem;margin-top:0.2rem">'
        f"{html.escape(statement.get('text') or '')}</div></div>"
    )


def statements_html(record: dict[str, Any]) -> str:
    """Every statement of a record, each with its speaker's role (from the statement or the officials)."""
    roles = {o["name"]: o.get("role") for o in record.get("officials", [])}
    items = [
        statement_item(s, s.get("role") or roles.get(s.get("speaker") or "")) for s in record.get("statements", [])
    ]
    return '<div class="statements">' + "".join(items) + "</div>"


MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"


def markdown_text(text: str) -> str:
    """``text`` with markdown's punctuation escaped, to show as written in a markdown element."""
    return "".join("\\" + char if char in MARKDOWN_SPECIALS else char for char in text)
