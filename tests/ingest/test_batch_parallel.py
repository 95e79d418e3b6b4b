from __future__ import annotations

from pathlib import Path

import pytest

from manysides.config import load_config
from manysides.ingest import batch, ingest


def _config(tmp_path: Path, workers: int) -> dict:
    path = tmp_path / f"w{workers}.toml"
    path.write_text(f"[ingest]\nworkers = {workers}\n")
    return load_config(path)


@pytest.mark.slow
def test_batch_parallel_read_equals_sequential(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(batch, "PARALLEL_MIN_FILES", 10)
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(24):
        body = f"Report number {i} says the harbour council met on day {i} to discuss fishing."
        (folder / f"a{i:02d}.txt").write_text(f"Harbour Report {i}\n\n{body}\n")
    (folder / "z-broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    one = ingest([folder], config=_config(tmp_path, 1))
    two = ingest([folder], config=_config(tmp_path, 2))
    assert [a.to_dict() for a in two.articles] == [a.to_dict() for a in one.articles]
    assert [a.title for a in two.articles][:3] == ["Harbour Report 0", "Harbour Report 1",
                                                  "Harbour Report 2"]
    assert two.failures == one.failures
    assert len(two.failures) == 1 and two.failures[0].source.endswith("z-broken.txt")


@pytest.mark.parametrize(("setting", "files", "expected"), [(1, 5000, 1), (3, 5000, 3),
                                                            (3, 20, 1), (8, 250, 8)])
def test_batch_worker_count(tmp_path: Path, setting: int, files: int, expected: int) -> None:
    assert batch._workers(_config(tmp_path, setting), files) == expected
