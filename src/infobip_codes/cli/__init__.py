"""The ``infobip-codes`` command (also ``python -m infobip_codes``).

Exit status: 0 when something was found or decoded, 1 when nothing matched,
2 for bad usage or bad input, or when the output cannot be written. Every
failure is one line on stderr, never a traceback; a reader that goes away
(``| head``) ends the command quietly.

Text output never carries a control character it was not meant to: every
string from a payload, a file or an argument is shown with control, format
(bidi) and separator characters escaped (``\\x1b``, ``\\u202e``). JSON output
escapes them as JSON (``\\u001b``).

One module per command (``_explain``, ``search``, ``_export``, ``_decode``),
what they share (``_terminal`` for text, ``_writers`` for JSON, ``_inputs``
for reading, ``_rows`` for the catalogue's rows) and ``_app`` for the command
line itself. ``explain``, ``search`` and ``export`` answer from the generated
tables alone and build no enum.
"""

from infobip_codes.cli._app import build_parser, main

__all__ = ["build_parser", "main"]
