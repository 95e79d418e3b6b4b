"""`manysides annotate attribution`: (source, cue, content) offsets per input line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from manysides.cli import cli

TEXT = ("“The dam will hold,” the chief engineer said on Tuesday. "
        "According to local radio, the river kept rising.")


def test_annotate_attribution_gives_offsets_of_each_role(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": TEXT}) + "\n"
                   + json.dumps({"id": "a2", "text": "The river rose."}) + "\n")
    result = CliRunner().invoke(cli, ["annotate", "attribution", "--input", str(src)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["id"] == "a1" and second == {"id": "a2", "attributions": []}
    roles = [{role: TEXT[slice(*a[role])] for role in ("source", "cue", "content")}
             for a in first["attributions"]]
    assert roles == [
        {"source": "the chief engineer", "cue": "said", "content": "“The dam will hold,”"},
        {"source": "local radio", "cue": "According to", "content": "the river kept rising"},
    ]
    assert first["attributions"][0]["direct"] is True
    assert first["attributions"][1]["speaker_kind"] == "outlet"
