"""The embeddings behave like all-MiniLM-L6-v2 sentence embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from manysides.nlp.encoder import _span_mask

PAIRS = [
    ("The government raised taxes on fuel.", "Fuel taxes were increased by the government."),
    ("A storm flooded the coastal town overnight.",
     "Overnight, the seaside town was flooded by a storm."),
    ("The striker scored twice in the final.", "In the final, the forward netted two goals."),
]


def test_encoder_shape_and_unit_norm(encoder) -> None:
    vectors = encoder.encode([a for a, _ in PAIRS])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("index", range(len(PAIRS)))
def test_encoder_paraphrases_closer_than_unrelated(encoder, index) -> None:
    a, b = PAIRS[index]
    other = PAIRS[(index + 1) % len(PAIRS)][0]
    va, vb, vo = encoder.encode([a, b, other])
    assert float(va @ vb) > 0.6 > float(va @ vo)
    assert float(va @ vb) > float(va @ vo) + 0.3


def test_encoder_deterministic_and_order_restored(encoder) -> None:
    texts = ["short", "a much longer sentence with many more words in it than the first", "mid one"]
    batched = encoder.encode(texts, batch_size=2)
    again = encoder.encode(texts, batch_size=2)
    single = np.vstack([encoder.encode([t]) for t in texts])
    assert np.array_equal(batched, again)
    assert np.allclose(batched, single, atol=1e-4)


def test_encoder_empty_input(encoder) -> None:
    assert encoder.encode([]).shape == (0, 384)


def test_encoder_truncates_long_text(encoder) -> None:
    long = "word " * 2000
    assert encoder.encode([long], max_length=32).shape == (1, 384)
    assert not np.allclose(encoder.encode([long], max_length=8), encoder.encode([long]))


def test_encoder_span_vector_depends_on_the_span(encoder) -> None:
    text = "Paris praised the deal while Berlin condemned it."
    sentence, spans = encoder.encode_spans([text, text], [(0, 5), (29, 35)])
    assert np.allclose(sentence[0], sentence[1])
    assert float(spans[0] @ spans[1]) < 0.95
    assert np.allclose(sentence[0], encoder.encode([text])[0], atol=1e-6)


def test_encoder_repeated_texts_run_once_and_keep_their_own_spans(encoder, monkeypatch) -> None:
    text = "Paris praised the deal while Berlin condemned it."
    texts = [text, "Another sentence.", text, text]
    spans = [(0, 5), (0, 7), (29, 35), (0, 5)]
    alone = [encoder.encode_spans([t], [s]) for t, s in zip(texts, spans, strict=True)]
    seen: list[int] = []
    hidden = type(encoder)._hidden

    def counting(self, encodings, width=None):  # type: ignore[no-untyped-def]
        seen.append(len(encodings))
        return hidden(self, encodings, width)

    monkeypatch.setattr(type(encoder), "_hidden", counting)
    sentences, span_vectors = encoder.encode_spans(texts, spans)
    assert sum(seen) == 2
    for i, (sentence, span) in enumerate(alone):
        assert np.allclose(sentences[i], sentence[0], atol=1e-5)
        assert np.allclose(span_vectors[i], span[0], atol=1e-5)
    assert np.array_equal(span_vectors[0], span_vectors[3])
    assert not np.allclose(span_vectors[0], span_vectors[2])


def test_encoder_large_batch_runs_in_slices_bit_for_bit(encoder, monkeypatch) -> None:
    """A batch over ``RUN_CELLS`` runs the session in row slices at the same width, and the
    vectors (sentence and span) are exactly those of one run."""
    from manysides.nlp import encoder as module

    texts = [f"Officials in city {k} said {'the storm ' * (3 + 2 * k)}flooded the town."
             for k in range(9)]
    spans = [(0, 9)] * len(texts)
    whole = encoder.encode_spans(texts, spans, batch_size=16)
    runs: list[int] = []
    session = encoder._session

    class Counting:
        def run(self, names, feed):
            runs.append(len(feed["input_ids"]))
            return session.run(names, feed)

    monkeypatch.setattr(encoder, "_session", Counting())
    width = max(len(e.ids) for e in encoder.tokenize(texts, 256))
    monkeypatch.setattr(module, "RUN_CELLS", 2 * width * width)
    sliced = encoder.encode_spans(texts, spans, batch_size=16)
    assert sorted(runs, reverse=True) == [2, 2, 2, 2, 1]  # slices run in parallel
    assert np.array_equal(whole[0], sliced[0]) and np.array_equal(whole[1], sliced[1])


def test_encoder_pieces_keep_what_the_tokenizer_gave(encoder) -> None:
    """The compact word pieces hold the tokenizer's ids, offsets and special tokens; a span
    selects the pieces that overlap it, never [CLS] or [SEP]."""
    text = "Ardenia's ministry said twelve people were hurt."
    encoder._tokenizer.enable_truncation(max_length=256)
    raw = encoder._tokenizer.encode(text)
    (pieces,) = encoder.tokenize([text], 256)
    assert pieces.ids.tolist() == raw.ids
    assert [tuple(o) for o in pieces.offsets.tolist()] == raw.offsets
    assert pieces.special.tolist() == [bool(x) for x in raw.special_tokens_mask]
    start = text.index("twelve people")
    row = _span_mask(pieces, (start, start + len("twelve people")), len(raw.ids) + 3)
    chosen = [raw.tokens[k] for k in range(len(raw.ids)) if row[k]]
    assert chosen == ["twelve", "people"]
    assert row[len(raw.ids):].tolist() == [0, 0, 0]


def test_encoder_parallel_runs_give_the_vectors_of_one_run_at_a_time(encoder) -> None:
    texts = [f"Report {k}: {'the committee met again and ' * (k % 5)}nothing was decided."
             for k in range(40)]
    spans = [(0, 6)] * len(texts)
    one = encoder.encode_spans(texts, spans, batch_size=4, workers=1)
    three = encoder.encode_spans(texts, spans, batch_size=4, workers=3)
    assert np.array_equal(one[0], three[0]) and np.array_equal(one[1], three[1])
    seen = [chunk for chunk, _, _ in encoder.runs(encoder.tokenize(texts, 64), 4, workers=3)]
    assert sorted(i for chunk in seen for i in chunk) == list(range(len(texts)))
