"""Decoding bytes to text and cleaning text, changing as little as possible.

Event offsets index the article text, so cleaning only normalizes newlines
(``\\r\\n`` and ``\\r`` become ``\\n``), turns vertical separators (form feed,
vertical tab, NEL, the ASCII record separators) into ``\\n`` and deletes the
other control characters (C0 except ``\\t`` and ``\\n``, DEL, C1, NUL). Spaces
are left as the user wrote them.
"""
from __future__ import annotations

import codecs

from .notice import Notice, warning

BINARY_PROBE_BYTES = 8192

_NEWLINE_LIKE = "\x0b\x0c\x1c\x1d\x1e\x85"
_DELETED = (
    [chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n\r" + _NEWLINE_LIKE]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0) if chr(c) not in _NEWLINE_LIKE]
)
_CLEAN_TABLE = str.maketrans({**{c: "\n" for c in _NEWLINE_LIKE}, **{c: None for c in _DELETED}})


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KB hold a NUL byte (and the data is not UTF-16 with a BOM)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:BINARY_PROBE_BYTES]


def decode_bytes(data: bytes, source: str, first_line: int = 1) -> tuple[str, list[Notice]]:
    """Decode ``data`` as UTF-8 (a BOM is dropped; UTF-16 with a BOM is read too).

    Bytes that are not UTF-8 are read as cp1252 (else latin-1, which never
    fails), with a warning naming the line of the first bad byte; ``first_line``
    is the line number of the first byte of ``data`` in ``source``.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as bad:
        line = first_line + data.count(b"\n", 0, bad.start)
        byte = data[bad.start]
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    message = f"not UTF-8 (first bad byte 0x{byte:02x} on line {line}); read as {encoding}"
    return text, [warning(source, line, message)]


def clean_text(text: str) -> str:
    """Normalize newlines and remove control characters; nothing else changes."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_CLEAN_TABLE)


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()
