"""The components are published as spaCy factories: a fresh interpreter that never imports
the package by name can still add them to a pipeline."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, spacy
nlp = spacy.blank("en")
for name in ("policing_boroughs", "policing_officials", "policing_figures"):
    nlp.add_pipe(name)
doc = nlp("Assistant commissioner, Sir Tom Hale, said 12 officers patrol Earling and H&F.")
print(json.dumps({
    "pipes": nlp.pipe_names,
    "boroughs": [m.code for m in doc._.boroughs],
    "officials": [o.name for o in doc._.officials],
    "figures": [f.value for f in doc._.figures],
}))
"""


def test_factories_load_through_the_entry_point() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["pipes"] == ["policing_boroughs", "policing_officials", "policing_figures"]
    # "patrol Earling": no place word before it, so the misspelling guard keeps it out
    assert result["boroughs"] == ["E09000013"]
    assert result["officials"] == ["Tom Hale"]
    assert result["figures"] == [12]
