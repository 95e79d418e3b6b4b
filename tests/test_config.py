from __future__ import annotations

from pathlib import Path

import pytest

from manysides.config import load_config
from manysides.errors import ConfigError


def test_config_defaults_then_user_file(tmp_path: Path) -> None:
    assert load_config()["ingest"]["near_duplicate_threshold"] == 0.8
    user = tmp_path / "c.toml"
    user.write_text("[ingest]\nnear_duplicate_threshold = 0.9\n[fetch]\ntimeout_seconds = 5\n")
    config = load_config(user)
    assert config["ingest"]["near_duplicate_threshold"] == 0.9
    assert config["fetch"]["timeout_seconds"] == 5.0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[ingst]\nx = 1\n",
         r"unknown config section \[ingst\]; valid sections: analysis, fetch, ingest"),
        ("[ingest]\nthreshold = 1\n", "unknown setting ingest.threshold; valid settings: "),
        ("[fetch]\ntimeout_seconds = 'soon'\n", "must be float"),
        ("[fetch\n", "not valid TOML"),
    ],
)
def test_config_errors_name_the_problem(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_config_every_setting_is_documented() -> None:
    text = (Path(__file__).parents[1] / "src/manysides/data/defaults.toml").read_text()
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            assert lines[i - 1].startswith("#"), f"setting without a comment: {line}"
