"""Python literals for text that comes from the spec (or, in tests, from anywhere).

Names and descriptions are data, and data must never become code: every value
reaches a generated module through :func:`py_literal`, never through string
formatting. The output is also deterministic across Python versions, which
``repr`` is not: ``repr`` escapes exactly the characters the running Python's
Unicode database calls unprintable, and that database grows with each release.
Here the decision uses ``unicodedata.ucd_3_2_0``, which every Python ships
unchanged, so a character is kept or escaped the same way on 3.10 and 3.13.
"""

from __future__ import annotations

import unicodedata

# Categories shown as themselves: letters, digits, punctuation, symbols.
# Everything else outside printable ASCII (controls, format characters such as
# bidirectional overrides, separators, marks, surrogates, unassigned code
# points) is escaped, so the source shows exactly what the string holds.
_VISIBLE = frozenset(
    {
        "Lu",
        "Ll",
        "Lt",
        "Lm",
        "Lo",
        "Nd",
        "Nl",
        "No",
        "Pc",
        "Pd",
        "Ps",
        "Pe",
        "Pi",
        "Pf",
        "Po",
        "Sm",
        "Sc",
        "Sk",
        "So",
    }
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _char(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return ch
    if code > 0x7F and unicodedata.ucd_3_2_0.category(ch) in _VISIBLE:
        return ch
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def py_str(text: str) -> str:
    """A Python string literal that evaluates to ``text``, quoted as ruff formats it.

    Double quotes, unless the text holds more double quotes than single ones:
    then single quotes, which need fewer escapes.
    """
    quote = "'" if text.count('"') > text.count("'") else '"'
    body = "".join(_char(ch) for ch in text)
    if quote == "'":
        body = body.replace('\\"', '"').replace("'", "\\'")
    return quote + body + quote


def py_literal(value: object) -> str:
    """A literal for the types the spec holds: None, bool, int, str, tuples of them."""
    if isinstance(value, tuple):
        items = [py_literal(item) for item in value]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, str):
        return py_str(str(value))
    raise TypeError(f"no literal for {type(value).__name__}")


def doc_text(text: str) -> str:
    """``text`` as it may stand inside a triple-quoted docstring.

    A quote is escaped where it could close the string (before another quote,
    or last), and so is everything else :func:`py_str` escapes; spaces are
    kept, and are where a docstring wraps.
    """
    out = []
    for index, ch in enumerate(text):
        if ch == '"':
            closing = index + 1 == len(text) or text[index + 1] == '"'
            out.append('\\"' if closing else '"')
        else:
            out.append(_char(ch))
    return "".join(out)
