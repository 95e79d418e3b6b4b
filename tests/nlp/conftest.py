"""The encoder is built once per test session (it is cached per process anyway)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def encoder():
    from manysides.nlp.encoder import get_encoder

    return get_encoder()


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy pipeline (``load_nlp`` caches it per process anyway)."""
    from manysides.nlp.pipeline import load_nlp

    return load_nlp()
