"""Bytes -> text for documents whose encoding we must work out, and spotting binary files.

Order: byte-order mark; valid non-ASCII UTF-8; the declared charset (HTTP header, else
``<meta charset>`` or the XML declaration); mostly-UTF-8 with a few bad bytes (replaced with
U+FFFD rather than failing); charset-normalizer's best guess (real Arabic, Hebrew and Russian news
still arrives as cp1256, windows-1255 and koi8-r); finally UTF-8 with replacement characters.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from newsweave.ingest.base import bad

LOGGER = logging.getLogger(__name__)

# Longest BOM first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x7fELF", "ELF program"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg audio"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
)

# Labels that pages use for a narrower charset than they really contain; browsers decode them as
# the superset (WHATWG Encoding), so we do too: "iso-8859-1" pages are full of cp1252 quotes.
_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
}

# Tie-break order for guesses: legacy charsets most used by news sites, most used first.
_COMMON = ("cp1252", "cp1251", "cp1256", "cp1255", "koi8_r", "cp1250", "cp1253", "cp1254",
           "gb18030", "big5", "shift_jis", "euc_jp", "cp949", "cp874", "iso8859_2")

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
# C0 controls that never occur in text; tab, newlines, form feed and ESC (ISO-2022) do.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
# Text has no such bytes at all; random binary data has about 10%. 5% leaves room for both.
_MAX_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 65536


def binary_kind(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, '' for unnamed binary, None for text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp":
        return "MP4 video"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    head = data[:_SNIFF_BYTES]
    if not head or bom_encoding(head):
        return None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return "" if controls / len(head) > _MAX_CONTROL_SHARE else None


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def declared_encoding(data: bytes) -> str | None:
    """The charset a document declares about itself in its first bytes, if Python knows it."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = _codec_name(match.group(1).decode("ascii"))
    # A declaration readable as ASCII cannot be UTF-16/32; browsers read such pages as UTF-8.
    if name and name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def charset_of(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, if any."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        LOGGER.debug("unknown charset %r ignored", label)
        return None
    return _SUPERSETS.get(name, name)


def _mostly_utf8(lenient: str) -> bool:
    """True when more multi-byte characters decoded than failed: UTF-8 with stray bytes.

    Text in a legacy charset almost never forms valid multi-byte UTF-8 sequences, so there
    nearly every non-ASCII byte fails instead.
    """
    replaced = lenient.count("\ufffd")
    decoded = sum(1 for char in lenient if ord(char) > 127) - replaced
    return decoded > replaced


def _best_guess(data: bytes) -> charset_normalizer.CharsetMatch | None:
    """charset-normalizer's best match, breaking its ties towards charsets common in news.

    Ties are real: on a French cp1252 paragraph cp1250, cp1252 and cp1257 all score chaos 0.0
    and coherence 0.57, and the first listed (cp1250) turns "è" into "č".
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    top = (matches[0].chaos, matches[0].coherence)
    tied = [match for match in matches if (match.chaos, match.coherence) == top]
    return min(tied, key=lambda match: _COMMON.index(match.encoding)
               if match.encoding in _COMMON else len(_COMMON))


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode(data: bytes, name: str, *, charset: str | None = None, what: str = "file") -> str:
    """Decode one document, or raise BadInput when it is empty or binary.

    Args:
        data: the raw document.
        name: the input named in error messages.
        charset: the charset a transport declared (HTTP ``Content-Type``), if any.
        what: how messages call the input ("file", "response", "input").
    """
    if not data.strip():
        raise bad(name, f"empty {what}")
    kind = binary_kind(data)
    if kind is not None:
        detail = f" ({kind}?)" if kind else ""
        raise bad(name, f"binary {what}{detail}, not an article")
    text = _decode(data, name, charset)
    if not text.strip():
        raise bad(name, f"empty {what}")
    return text


def _decode(data: bytes, name: str, charset: str | None) -> str:
    bom = bom_encoding(data)
    if bom:
        return data.decode(bom, errors="replace").removeprefix("\ufeff")
    declared = _codec_name(charset) or declared_encoding(data)
    utf8 = _strict(data, "utf-8")
    # Valid non-ASCII UTF-8 is almost never an accident, while pages labelled cp1252 or
    # iso-8859-1 that are really UTF-8 are common; trusting the label there makes mojibake.
    if utf8 is not None and (not declared or not data.isascii()):
        return utf8
    if declared:
        text = _strict(data, declared)
        if text is not None:
            return text
        LOGGER.info("%s: declared charset %s does not fit the bytes; guessing", name, declared)
    lenient = data.decode("utf-8", errors="replace")
    if _mostly_utf8(lenient):
        LOGGER.warning("%s: invalid UTF-8 bytes replaced with U+FFFD", name)
        return lenient
    best = _best_guess(data)
    if best is not None:
        LOGGER.info("%s: not UTF-8; decoded as %s (best guess)", name, best.encoding)
        return str(best)
    LOGGER.warning("%s: encoding unknown; undecodable bytes replaced with U+FFFD", name)
    return data.decode(declared or "utf-8", errors="replace")
