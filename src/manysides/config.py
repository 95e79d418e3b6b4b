"""Settings: the packaged defaults (``data/defaults.toml``) with the user's TOML layered on top.

Lookup order, later wins: packaged defaults, ``<user config dir>/manysides/config.toml``,
the file named by ``$MANYSIDES_CONFIG``, the file passed with ``--config``. An unknown section
or key is an error naming the valid ones (a typo must not be silently ignored).
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from manysides.errors import ConfigError

__all__ = ["Config", "default_db_path", "load_config"]

Config = dict[str, dict[str, Any]]


def _defaults() -> Config:
    text = resources.files("manysides.data").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _user_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("manysides")) / "config.toml"


def load_config(path: str | Path | None = None) -> Config:
    """Defaults, then the user's config file, ``$MANYSIDES_CONFIG``, then ``path``."""
    config = _defaults()
    candidates = [_user_config_path(), os.environ.get("MANYSIDES_CONFIG"), path]
    for candidate in candidates:
        if not candidate:
            continue
        file = Path(candidate)
        if file == _user_config_path() and not file.exists():
            continue
        _merge(config, _read(file))
    return config


def _read(path: Path) -> Config:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None


def _merge(base: Config, override: Config) -> None:
    for section, values in override.items():
        if section not in base:
            raise ConfigError(
                f"unknown config section [{section}]; valid sections: {', '.join(sorted(base))}"
            )
        if not isinstance(values, dict):
            raise ConfigError(f"config section [{section}] must be a table")
        for key, value in values.items():
            if key not in base[section]:
                valid = ", ".join(sorted(base[section]))
                raise ConfigError(f"unknown setting {section}.{key}; valid settings: {valid}")
            expected = type(base[section][key])
            if expected is float and isinstance(value, int):
                value = float(value)
            if not isinstance(value, expected):
                raise ConfigError(
                    f"setting {section}.{key} must be {expected.__name__}, got {value!r}"
                )
            base[section][key] = value


def default_db_path() -> Path:
    """``manysides.db`` in the user's data directory (created if needed)."""
    from platformdirs import user_data_dir

    folder = Path(os.environ.get("MANYSIDES_HOME") or user_data_dir("manysides"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "manysides.db"
