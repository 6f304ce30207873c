"""The parsers' entry points: a channel checked, its classes chosen, only PayloadError out.

``infobip_codes.parsing`` types these per channel; the rules they follow are
in ``infobip_codes._reading`` (what users hold), ``infobip_codes._resolve``
(what the catalogue says) and ``infobip_codes._parse`` (building values).
"""

from __future__ import annotations

from typing import Any

from infobip_codes._catalogue import channel_or_none
from infobip_codes._parse import error_from, results, safely, status_from
from infobip_codes._parsed import parsed_class
from infobip_codes._report import classes_for
from infobip_codes._values import ParsedError, ParsedStatus

__all__ = ["parse_error", "parse_report", "parse_status"]


def parse_status(obj: object, channel: object = None, *, strict: bool = False) -> Any:
    """A status object, resolved (see ``infobip_codes.parsing.parse_status``)."""
    checked = channel_or_none(channel)
    cls = parsed_class(ParsedStatus, checked)
    return safely(status_from, obj, cls, checked, strict)


def parse_error(obj: object, channel: object = None, *, strict: bool = False) -> Any:
    """An error object, resolved (see ``infobip_codes.parsing.parse_error``)."""
    checked = channel_or_none(channel)
    cls = parsed_class(ParsedError, checked)
    return safely(error_from, obj, cls, checked, strict)


def parse_report(obj: object, channel: object = None, *, strict: bool = False) -> tuple[Any, ...]:
    """Every result of a report, response or single result (see ``infobip_codes.parsing``)."""
    checked = channel_or_none(channel)
    found = results(obj, classes_for(checked), checked, strict)
    return safely(tuple, found)
