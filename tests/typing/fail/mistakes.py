"""Mistakes a type checker must catch in client code, each pinned to its line.

Every line ending in an "E:" comment (an error code in brackets, then the
message) must get exactly that error from ``mypy --strict``; any other error
fails the suite (tests/test_typing.py).
"""

from __future__ import annotations

from typing_extensions import assert_never

from infobip_codes import (
    ApiErrorCode,
    DltErrorCode,
    EmailErrorCode,
    EmailErrorGroup,
    ErrorGroupEnum,
    ParsedReport,
    RequestErrorId,
    SmsErrorCode,
    SmsErrorGroup,
    VoiceErrorCode,
    VoiceStatusCode,
    error_by_id,
    parse_error,
    parse_http_error,
    parse_report,
    records,
)

# a misspelt member
SmsErrorCode.EC_ABSENT_SUBSCRIBR  # E: [attr-defined] "type[SmsErrorCode]" has no attribute "EC_ABSENT_SUBSCRIBR"


def needs_sms(code: SmsErrorCode) -> None: ...


# a voice code where an sms code is expected
needs_sms(VoiceErrorCode.EC_DECLINE)  # E: [arg-type] Argument 1 to "needs_sms" has incompatible type


def handle(group: SmsErrorGroup) -> str:
    match group:
        case SmsErrorGroup.OK:
            return "ok"
        case SmsErrorGroup.HANDSET_ERRORS:
            return "handset"
        case _:
            # USER_ERRORS and OPERATOR_ERRORS are not handled
            assert_never(group)  # E: [arg-type] Argument 1 to "assert_never" has incompatible type "Literal[SmsErrorGroup.


# assigning to a member's attribute
SmsErrorCode.EC_ABSENT_SUBSCRIBER.permanent = True  # E: [misc] Property "permanent" defined in "_SmsErrorCodeFacts" is read-only
SmsErrorCode.NO_ERROR.description = "fine"  # E: [misc] Property "description" defined in "CodeEnum" is read-only

# mutating a record, or a parsed value
records()[0].id = 3  # E: [misc] Property "id" defined in "CodeRecord" is read-only
parse_error({"id": 27}).permanent = False  # E: [misc] Property "permanent" defined in "ParsedError" is read-only

# comparing codes of two different enums (--strict-equality)
if SmsErrorCode.EC_ABSENT_SUBSCRIBER == VoiceErrorCode.EC_DECLINE:  # E: [comparison-overlap] Non-overlapping equality check
    pass

# comparing a member with a plain int (--strict-equality): use .value, or compare members
if SmsErrorCode.EC_ABSENT_SUBSCRIBER == 27:  # E: [comparison-overlap] Non-overlapping equality check
    pass

# a channel name that is not one (wrong case, or no such channel)
error_by_id(27, channel="SMS")  # E: [call-overload] No overload variant of "error_by_id" matches argument types "int", "str"
parse_error({"id": 27}, channel="no such channel")  # E: [call-overload] No overload variant of "parse_error" matches argument types
parse_report({}, "Voice")  # E: [call-overload] No overload variant of "parse_report" matches argument types

# an id that is not an int
error_by_id("27")  # E: [call-overload] No overload variant of "error_by_id" matches argument type "str"

# the safe conversion may find nothing: None must be handled
SmsErrorCode.from_id(27).group  # E: [union-attr] Item "None" of "SmsErrorCode | None" has no attribute "group"

# a channel's code is not another channel's
voice_code: VoiceErrorCode | None = parse_error({"id": 27}, channel="sms").code  # E: [assignment] Incompatible types in assignment (expression has type "SmsErrorCode | None", variable has type "VoiceErrorCode | None")

# a voice error may be the general NO_ERROR: its code type says so
voice_only: VoiceErrorCode | None = parse_error({"id": 0}, channel="voice").code  # E: [assignment] Incompatible types in assignment (expression has type "VoiceErrorCode | Literal[SmsErrorCode.NO_ERROR] | None", variable has type "VoiceErrorCode | None")

# a voice report's statuses are the general ones too: no channel's reports are these
untrue: ParsedReport[VoiceStatusCode, VoiceErrorCode] = parse_report({}, "voice")[0]  # E: [assignment] Incompatible types in assignment (expression has type "VoiceReport", variable has type "ParsedReport[VoiceStatusCode, VoiceErrorCode]")

# a parsed error's group is its channel's
not_sms: SmsErrorGroup | None = parse_error({"id": 0}, channel="voice").group  # E: [assignment] Incompatible types in assignment (expression has type "VoiceErrorGroup | None", variable has type "SmsErrorGroup | None")

# facts typed as narrowly as the rows allow, and no narrower: some email errors have no group
always: EmailErrorGroup = EmailErrorCode.EC_EMAIL_BLACKLISTED.group  # E: [assignment] Incompatible types in assignment (expression has type "EmailErrorGroup | None", variable has type "EmailErrorGroup")
sure: bool = SmsErrorCode.EC_INITIATING_RELEASE.permanent  # E: [assignment] Incompatible types in assignment (expression has type "bool | None", variable has type "bool")
dlt_group: ErrorGroupEnum = DltErrorCode.EC_BLOCKED_BY_DLT.group  # E: [assignment] Incompatible types in assignment (expression has type "None", variable has type "ErrorGroupEnum")
dlt_permanent: bool = DltErrorCode.EC_BLOCKED_BY_DLT.permanent  # E: [assignment] Incompatible types in assignment (expression has type "None", variable has type "bool")

# HTTP error bodies: anything else is no body, and the status is an int
parse_http_error(5)  # E: [arg-type] Argument 1 to "parse_http_error" has incompatible type "int"
parse_http_error({"errorCode": "E400"}, status="400")  # E: [arg-type] Argument "status" to "parse_http_error" has incompatible type "str"
parse_http_error({"errorCode": "E400"}, 400)  # E: [call-arg] Too many positional arguments for "parse_http_error"

# an identifier may be unknown: its member is None then
parse_http_error({}).code.meaning  # E: [union-attr] Item "None" of "RequestErrorId | ApiErrorCode | None" has no attribute "meaning"

# a misspelt identifier, and one family's where the other's is wanted
RequestErrorId.TOO_MANY_REQUEST  # E: [attr-defined] "type[RequestErrorId]" has no attribute "TOO_MANY_REQUEST"
api_only: ApiErrorCode = RequestErrorId.BAD_REQUEST  # E: [assignment] Incompatible types in assignment (expression has type "RequestErrorId", variable has type "ApiErrorCode")

# a parsed HTTP error is immutable, and its failure one of five words
parse_http_error({}).retryable = True  # E: [misc] Property "retryable" defined in "ParsedHttpError" is read-only
if parse_http_error({}).failure == "authorization":  # E: [comparison-overlap] Non-overlapping equality check
    pass
