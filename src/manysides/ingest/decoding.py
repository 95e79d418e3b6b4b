"""Bytes to text: refuse binary data with a reason, then decode UTF-8 or detect the encoding.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8; else a charset the
transport declared; else the encoding ``charset_normalizer`` finds most coherent (Windows-1252
when it fits nearly as well). Binary inputs (images, archives, executables, random
bytes) are refused with what they look like, never turned into a garbage article. Line ends are
normalised to ``\\n``, as Python's text mode does; no other character is changed.
"""

from __future__ import annotations

import codecs
import unicodedata

from manysides.errors import IngestError

__all__ = ["decode", "refuse_binary", "refuse_unprintable"]

#: Leading bytes of common binary formats, with a name a person recognises.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office/EPUB document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg audio/video file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Windows-1252, the most used legacy encoding, wins over a guess that is at most this much more
#: coherent: on short texts the detector cannot tell it from its Baltic or Central European kin.
_CLOSE = 0.1
#: Encodings never guessed without a BOM: on binary data they "decode" nearly anything.
_NEVER_GUESS = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"]
_UNPRINTABLE = frozenset({"Cc", "Cs", "Co", "Cn"})
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_WITHOUT_WHITESPACE = str.maketrans(dict.fromkeys(_ALLOWED_CONTROLS))
#: Share of unprintable characters above which decoded "text" is judged to be binary data.
_MAX_UNPRINTABLE = 0.01
#: How many characters that share is measured on (binary data shows from the start).
_SAMPLE = 200_000


def refuse_binary(data: bytes, source: str) -> None:
    """Raise :class:`IngestError` when ``data`` is recognisably binary rather than text."""
    if data[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE) or data[:2] in (
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
    ):
        return
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise IngestError(source, f"not a text file: its bytes look like {kind}")
    if data[4:8] == b"ftyp":
        raise IngestError(source, "not a text file: its bytes look like an MP4/MOV video")
    if b"\x00" in data[:65536]:
        raise IngestError(source, "not a text file: it contains NUL bytes (binary data)")


def decode(data: bytes, source: str, *, encoding: str | None = None) -> str:
    """Text from ``data``; ``encoding`` (e.g. an HTTP charset) is tried after BOMs and UTF-8."""
    refuse_binary(data, source)
    text = _decode(data, source, encoding)
    refuse_unprintable(text, source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str, encoding: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(source, f"invalid {codec} text at byte {exc.start}") from None
    for codec in ("utf-8", encoding or "utf-8"):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return _detect(data, source)


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_exclusion=_NEVER_GUESS)
    best = matches.best()
    if best is None:
        raise IngestError(
            source,
            "not a text file: it is not UTF-8 and no other text encoding fits "
            "(save it as UTF-8 if it is text)",
        )
    western = [m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos + _CLOSE]
    return str(western[0] if western else best)


def refuse_unprintable(text: str, source: str) -> None:
    """Raise :class:`IngestError` when ``text`` has too many control or unassigned characters."""
    sample = text[:_SAMPLE]
    if sample.translate(_WITHOUT_WHITESPACE).isprintable():
        return  # the common case, checked in C
    bad = sum(
        1
        for char in sample
        if unicodedata.category(char) in _UNPRINTABLE and char not in _ALLOWED_CONTROLS
    )
    if sample and bad / len(sample) > _MAX_UNPRINTABLE:
        share = max(1, round(100 * bad / len(sample)))
        raise IngestError(
            source, f"not a text file: {share}% of its characters are control or unassigned codes"
        )
