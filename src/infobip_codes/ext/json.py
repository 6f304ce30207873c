"""Every value of the package as JSON, with the standard ``json`` module.

One encoder class, ``CodesJSONEncoder``: ``json.dumps(value, cls=CodesJSONEncoder)``.

- enum members are ints, so ``json`` writes their id (it needs no help there);
- parsed values (``ParsedStatus``, ``ParsedError``, ``ParsedReport`` and their
  subclasses) are written as ``to_dict()``, the API's JSON shape, which
  ``parse_status``, ``parse_error`` and ``parse_report`` read back;
- records (``CodeRecord``, ``GroupRecord``) as ``to_dict()``, their fields.

Its ``default`` hands anything else to the next encoder of the class's MRO, so
it combines with another encoder by inheritance, Django's among them:
``class ReportEncoder(CodesJSONEncoder, DjangoJSONEncoder): pass``.

>>> import json
>>> from infobip_codes import SmsErrorCode, parse_error
>>> json.dumps({"code": SmsErrorCode.EC_ABSENT_SUBSCRIBER}, cls=CodesJSONEncoder)
'{"code": 27}'
>>> error = parse_error({"id": 27, "description": "Switched off."})
>>> json.dumps({"error": error}, cls=CodesJSONEncoder)  # doctest: +NORMALIZE_WHITESPACE
'{"error": {"groupId": 1, "groupName": "HANDSET_ERRORS", "id": 27,
  "name": "EC_ABSENT_SUBSCRIBER", "description": "Switched off.", "permanent": false}}'
"""

from __future__ import annotations

import json

from infobip_codes.ext._shared import plain

__all__ = ["CodesJSONEncoder"]


class CodesJSONEncoder(json.JSONEncoder):
    """A ``json.JSONEncoder`` that writes the package's values (see the module)."""

    def default(self, o: object) -> object:
        """The JSON form of a parsed value or record; anything else goes up the MRO."""
        found = plain(o)
        if found is None:
            return super().default(o)
        return found
