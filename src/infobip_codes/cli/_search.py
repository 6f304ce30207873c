"""``infobip-codes search``: codes whose name or description has every word given."""

from __future__ import annotations

import argparse
from typing import TextIO

from infobip_codes.cli._rows import search
from infobip_codes.cli._terminal import Style, UserError, complain, safe, terminal_width, wrap
from infobip_codes.cli._writers import record_dict, write_json


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    text = " ".join(args.text)
    if not text.strip():
        raise UserError("search needs a word to look for (TEXT is empty)")
    found = search(text, args.channel, args.kind)
    if args.json:
        write_json(out, [record_dict(r) for r in found])
    elif found:
        style = Style(out)
        heads = ("CHANNEL", "KIND", "ID", "NAME")
        cells = [(r.channel, r.kind, str(r.id), safe(r.name)) for r in found]
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
        indent = sum(widths) + 2 * len(widths)
        width = terminal_width()
        header = "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))
        out.write(style.dim(f"{header}  DESCRIPTION") + "\n")
        for row, cell in zip(found, cells, strict=True):
            left = "  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True))
            lines = wrap(row.description or "-", width, indent)
            out.write(f"{left}  {lines[0]}\n")
            for more in lines[1:]:
                out.write(" " * indent + more + "\n")
    if not found:
        complain(f"no code's name or description contains {text!r}")
        return 1
    return 0
