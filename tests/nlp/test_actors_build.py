"""scripts/build_gazetteer.py is deterministic and the committed gazetteer is its output."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DICTIONARIES = REPO.parent / "shared" / "data" / "events" / "dictionaries"
DATA = REPO / "src" / "manysides" / "data"


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", REPO / "scripts/build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    if not (DICTIONARIES / "Phoenix.Countries.actors.txt").exists():
        pytest.skip("../shared/data/events/dictionaries is not beside the checkout")
    builder = _builder()
    first, second = tmp_path_factory.mktemp("gaz1"), tmp_path_factory.mktemp("gaz2")
    supplement = REPO / "scripts" / "gazetteer_supplement.toml"
    counts = builder.build(DICTIONARIES, supplement, first)
    builder.build(DICTIONARIES, supplement, second)
    return first, second, counts


def test_actors_build_is_byte_identical_twice(builds) -> None:
    first, second, _ = builds
    for name in ("actors.json.gz", "actors.NOTICE"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_actors_build_matches_the_committed_gazetteer(builds) -> None:
    first, _, _ = builds
    # Compare the JSON, not the gzip bytes: another zlib may compress the same text differently.
    built = gzip.decompress((first / "actors.json.gz").read_bytes())
    committed = gzip.decompress((DATA / "actors.json.gz").read_bytes())
    assert built == committed, "src/manysides/data is stale: run python scripts/build_gazetteer.py"
    assert (first / "actors.NOTICE").read_bytes() == (DATA / "actors.NOTICE").read_bytes()


def test_actors_build_is_compact_and_complete(builds) -> None:
    first, _, counts = builds
    assert (first / "actors.json.gz").stat().st_size < 1_500_000
    assert counts["country"] >= 249 and counts["person"] > 1000 and counts["igo"] > 50
    assert counts["group"] > 500 and counts["agent"] > 20 and counts["seat"] > 20
    text = gzip.decompress((first / "actors.json.gz").read_bytes()).decode("utf-8")
    assert '"kind": "person", "name": "Joe Biden"' in text
    assert "isilon systems" not in text  # companies (MNC codes) are left out
