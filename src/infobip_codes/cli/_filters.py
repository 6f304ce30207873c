"""``decode``'s filters: which results to keep, in every output mode.

A result is kept when it passes every filter given. ``--code`` and ``--group``
may be given several times: a result passes when it matches any of them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from infobip_codes.cli._outcome import FAILED, PENDING, outcome
from infobip_codes.cli._rows import qualified
from infobip_codes.cli._terminal import complain, quoted

if TYPE_CHECKING:
    from infobip_codes import GroupEnum, ParsedError, ParsedHttpError, ParsedStatus
    from infobip_codes.cli._results import Result

    Value = ParsedStatus[Any] | ParsedError[Any]


def _number(text: str) -> int | None:
    text = text.strip()
    digits = text.removeprefix("-")
    return int(text) if digits.isascii() and digits.isdigit() and len(digits) <= 20 else None


class _Wanted:
    """One ``--code`` or ``--group``: an id, a name as sent or as the catalogue has
    it, or ``Enum.MEMBER``."""

    def __init__(self, text: str) -> None:
        self.id = _number(text)
        self.whole = text.strip().casefold()  # a name as sent may hold a dot
        enum, name = qualified(self.whole)
        self.enum = enum
        self.name = name

    def code(self, value: Value) -> bool:
        if self.id is not None:
            return value.id == self.id
        if value.name is not None and value.name.casefold() == self.whole:
            return True
        code = value.code
        if self.enum is not None:
            return code is not None and (
                type(code).__name__.casefold() == self.enum and code.name.casefold() == self.name
            )
        return code is not None and type(code).from_name(self.name) is code

    def group(self, value: Value) -> bool:
        if self.id is not None:
            return value.group_id == self.id
        if value.group_name is not None and value.group_name.casefold() == self.whole:
            return True
        return self.group_member(value.group)

    def group_member(self, group: GroupEnum | None) -> bool:
        """Whether a group of the catalogue is the one named."""
        if group is None:
            return False
        if self.enum is not None and type(group).__name__.casefold() != self.enum:
            return False
        return type(group).from_name(self.name) is group


class Filter:
    """The filters given, as one test of a result."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.outcome = FAILED if args.failed else PENDING if args.pending else None
        self.retryable: bool = args.retryable
        self.codes = [_Wanted(text) for text in args.code or ()]
        self.groups = [_Wanted(text) for text in args.group or ()]
        self.text = " ".join(
            [f"--{name}" for name in ("failed", "pending", "retryable") if getattr(args, name)]
            + [f"--code {quoted(text)}" for text in args.code or ()]
            + [f"--group {quoted(text)}" for text in args.group or ()]
        )
        self._warn_unknown(args.code or ())
        self._warn_unknown_group(args.group or ())

    def keeps_http_error(self, error: ParsedHttpError) -> bool:
        """An HTTP error body is a failure, of a request rather than a message: kept by
        ``--failed``, and by ``--retryable`` when a retry can help; never by
        ``--pending``, ``--code`` or ``--group``, which name a message's codes."""
        if self.outcome == PENDING or self.codes or self.groups:
            return False
        return not self.retryable or error.retryable is True

    def __call__(self, result: Result) -> bool:
        if self.outcome is not None and outcome(result) != self.outcome:
            return False
        if self.retryable and (result.error is None or not result.error.is_retryable):
            return False
        values = [v for v in (result.status, result.error) if v is not None]
        if self.codes and not any(w.code(v) for w in self.codes for v in values):
            return False
        return not self.groups or any(w.group(v) for w in self.groups for v in values)

    @staticmethod
    def _warn_unknown(codes: tuple[str, ...] | list[str]) -> None:
        """A name the catalogue lacks may still be in the input (as sent): said, not refused."""
        from infobip_codes.cli._rows import rows_for, suggestions

        for text in codes:
            if _number(text) is None and not rows_for(text.strip()):
                hint = suggestions(text.strip())
                complain(
                    f"--code {quoted(text)}: no code in the catalogue has that name"
                    + (f" (did you mean {hint}?)" if hint else "")
                    + "; results are matched by the name they were sent with"
                )

    @staticmethod
    def _warn_unknown_group(groups: tuple[str, ...] | list[str]) -> None:
        """The same for a group, by the same test the filter makes of a result's group."""
        import importlib

        from infobip_codes import _catalogue
        from infobip_codes.tables import CHANNELS, KINDS

        for channel in CHANNELS:  # each registers its enums, whose members are the groups
            importlib.import_module(f"infobip_codes.{channel}")
        known = [
            _catalogue.group_member_of(group)
            for channel in CHANNELS
            for kind in KINDS
            for group in _catalogue.group_rows(kind, channel).values()
        ]
        for text in groups:
            wanted = _Wanted(text)
            if wanted.id is None and not any(wanted.group_member(group) for group in known):
                complain(
                    f"--group {quoted(text)}: no group in the catalogue has that name"
                    "; results are matched by the name they were sent with"
                )
