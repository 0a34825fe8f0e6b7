"""Word-level likeness: the same commitment in other words, and reports of it done."""

from __future__ import annotations

import pytest

from nlp.store.likeness import content_stems, jaccard, reports_done, stem


@pytest.mark.parametrize(
    "a, b",
    [
        ("deployed", "deploy"),
        ("deploying", "deploys"),
        ("patrolling", "patrols"),
        ("planned", "plan"),
        ("carried", "carries"),
        ("policing", "police"),
        ("sent", "send"),  # irregular
    ],
)
def test_inflections_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("deploy dedicated patrols", "deploy extra patrols", True),  # modifiers vary freely
        ("increase patrols", "increased patrolling", True),
        ("deploy dedicated patrols", "review stop and search", False),
        ("deploy armed officers", "deploy patrols", False),  # one shared word of four
    ],
)
def test_same_action_in_other_words(a: str, b: str, same: bool) -> None:
    assert (jaccard(content_stems(a), content_stems(b)) >= 0.5) == same


@pytest.mark.parametrize(
    "statement, cue",
    [
        ("Extra patrols have, this week, been deployed.", "deployed"),
        ("We deployed patrols across the borough.", "deployed"),
        ("Officers patrolled the estate every night.", "patrolled"),
        # not done: future, modal, denied, or another action
        ("Extra patrols will be deployed.", None),
        ("Patrols could be deployed if needed.", None),
        ("Patrols have not been deployed.", None),
        ("Patrols haven't been deployed yet.", None),
        ("A youth hub has been opened.", None),
    ],
)
def test_reports_done(statement: str, cue: str | None) -> None:
    found = reports_done(statement, "deploy dedicated patrols" if "patrolled" not in statement else "patrol the estate")
    assert (found.word if found else None) == cue


@pytest.mark.parametrize(
    "statement, action",
    [
        ("Armed officers were on duty in the town centre.", "deploy armed officers"),  # "armed" is an adjective
        ("Armed officers are deployed only to firearms incidents.", "deploy armed officers"),  # habitual, not done
        ("The decision was made on live intelligence.", "make"),  # a one-word action says too little
    ],
)
def test_not_reports_of_the_action_done(statement: str, action: str) -> None:
    assert reports_done(statement, action) is None


def test_a_passive_report_of_an_action_with_an_adjective() -> None:
    found = reports_done("Armed officers were deployed to the estate on Friday.", "deploy armed officers")
    assert found is not None and found.word == "deployed"
