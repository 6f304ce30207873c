"""The ``infobip-codes`` command (also ``python -m infobip_codes``).

Exit status: 0 when something was found or decoded, 1 when nothing matched,
2 for bad usage or bad input, or when the output cannot be written. Every
failure is one line on stderr, never a traceback; a reader that goes away
(``| head``) ends the command quietly.

Text output never carries a control character it was not meant to: every
string from a payload, a file, an argument or the catalogue is shown with
control, format (bidi) and separator characters escaped (``\\x1b``,
``\\u202e``). JSON output escapes them as JSON (``\\u001b``).

One module per command (``_explain``, ``_search``, ``_export``, ``_decode``),
loaded when the command runs; what they share (``_terminal`` for text,
``_writers`` for JSON, ``_inputs`` for reading, ``_rows`` for the catalogue's
rows); decode's concerns (``_results``: what a JSON value holds;
``_result_text``: a result as text; ``_outcome``: what became of a message;
``_filters``; ``_summary`` and ``_summary_text``), each loaded when used; and
``_app`` for the command line itself. ``explain``, ``search`` and ``export``
answer from the generated tables alone and build no enum.
"""

from infobip_codes.cli._app import build_parser, main

__all__ = ["build_parser", "main"]
