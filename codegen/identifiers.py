"""The catalogue of HTTP error identifiers: ``spec/http_errors.yaml``, read and rendered.

The identifiers Infobip names a failed request with (a request error's
``messageId``, an API error's ``errorCode``) are not codes of a channel:
they have their own file, read here, validated with the channel files'
rules for problems (every one reported, with file, line and column) and
turned into ``infobip_codes/http_errors.py`` and a section of
``docs/codes.md``. ``codegen.spec.load_spec`` calls :func:`load_identifiers`,
so every command that reads the spec reads this file too.

A value goes in with a source of Infobip's own (``sources``: its
documentation, its SDKs and their tests), or with two of anyone else's
(``other_sources``); its meaning is written in this project's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from codegen.checks import Checks
from codegen.problems import Problem
from codegen.reader import display_path, read_yaml, yaml_round_trip
from codegen.runtime_names import reserved_identifier_members

IDENTIFIERS_FILE = "http_errors.yaml"
"""The HTTP error identifiers' file in ``spec/``."""

MODULE = "http_errors"
"""The generated module, ``infobip_codes.http_errors``."""
TEMPLATE = "http_errors.py.j2"
SOURCE = f"spec/{IDENTIFIERS_FILE}"


@dataclass(frozen=True)
class Family:
    """One list of the file: the body its identifiers name, and their enum."""

    key: str  # the list's key in the file
    shape: str  # HttpErrorShape
    enum: str
    field: str  # the body's field that carries the identifier
    noun: str  # the body, in words

    @property
    def doc(self) -> str:
        article = "An" if self.noun[0] in "AEIOU" else "A"
        return f"{article} {self.noun}'s ``{self.field}``, as Infobip sends it."


FAMILIES = (
    Family("request_errors", "request_error", "RequestErrorId", "messageId", "request error"),
    Family("api_errors", "api_error", "ApiErrorCode", "errorCode", "API error"),
)
ENTRY_KEYS = {
    "id": True,
    "member": False,
    "http_status": True,
    "also_seen_with": False,
    "same_as": False,
    "meaning": True,
    "sources": False,
    "other_sources": False,
}
EXPORTS: dict[str, str] = {
    **{family.enum: MODULE for family in FAMILIES},
    "HttpErrorIdEnum": "_identifiers",
    "HttpErrorIdRecord": "_identifiers",
    "HttpErrorShape": "_identifiers",
    "HttpFailure": "_rules",
    "ParsedHttpError": "_http",
    "parse_http_error": "_http",
    "ApiExceptionLike": "_http_reading",
    "HttpErrorPayload": "_http_reading",
    "HttpHeaders": "_http_reading",
    "HttpResource": "_http_reading",
    "HttpViolation": "_http_reading",
}
"""The package root's names for HTTP errors, by the module that defines them."""


@dataclass(frozen=True)
class Identifier:
    """One identifier of the file: what its record holds."""

    shape: str
    id: str
    member: str
    http_status: int | None
    also_seen_with: tuple[int, ...]
    same_as: str | None
    meaning: str
    sources: tuple[str, ...]
    other_sources: tuple[str, ...]

    def record(self) -> dict[str, object]:
        """The record's keyword arguments, as literals take them."""
        return {
            "shape": self.shape,
            "id": self.id,
            "member": self.member,
            "http_status": self.http_status,
            "also_seen_with": self.also_seen_with,
            "same_as": self.same_as,
            "meaning": self.meaning,
            "sources": self.sources,
            "other_sources": self.other_sources,
        }

    def paragraphs(self, other: Family) -> list[str]:
        """What a member's docstring says: status, meaning, sources."""
        statuses = [str(s) for s in (self.http_status, *self.also_seen_with) if s is not None]
        facts = f"HTTP {' and '.join(statuses)}." if statuses else "No HTTP status shown."
        if self.same_as is not None:
            facts += f" Infobip's Java client reads it as {other.enum}.{self.same_as}."
        found = [facts, self.meaning, "Sources: " + "; ".join(self.sources or ("none",))]
        if self.other_sources:
            found.append("Also shown by: " + "; ".join(self.other_sources))
        return found


@dataclass(frozen=True)
class Identifiers:
    """The whole file: each family's identifiers, in file order."""

    path: str
    families: tuple[tuple[Family, tuple[Identifier, ...]], ...]

    @classmethod
    def empty(cls, path: str = SOURCE) -> Identifiers:
        """No identifier: a spec without the file (one written for a test)."""
        return cls(path, tuple((family, ()) for family in FAMILIES))

    def other(self, family: Family) -> Family:
        return next(f for f, _ in self.families if f is not family)

    @property
    def count(self) -> int:
        return sum(len(found) for _, found in self.families)


def load_identifiers(spec_dir: Path, problems: list[Problem]) -> Identifiers:
    """The file, validated; each problem is added to ``problems``. Without the file (a
    spec written for a test), the catalogue is empty."""
    path = spec_dir / IDENTIFIERS_FILE
    shown = display_path(path, spec_dir)
    empty = Identifiers.empty(shown)
    if not path.is_file():
        return empty
    doc = read_yaml(yaml_round_trip(), path, shown, problems)
    if doc is None:
        return empty
    if not isinstance(doc, CommentedMap):
        problems.append(Problem(shown, 1, 1, "the identifier catalogue must be a mapping"))
        return empty
    return _IdentifierValidator(shown, problems).catalogue(doc)


class _IdentifierValidator(Checks):
    """The spec's field checks, applied to the identifier catalogue."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        super().__init__(path, problems)
        self.reserved = reserved_identifier_members()
        self.seen: dict[tuple[str, str, str], int] = {}  # (family, "member" or "id", it) -> line

    def catalogue(self, doc: CommentedMap) -> Identifiers:
        self.keys(doc, {family.key: True for family in FAMILIES}, "identifier catalogue")
        entries = {}
        for family in FAMILIES:
            seq = self.seq(doc, family.key, "identifier catalogue") if family.key in doc else None
            entries[family] = [] if seq is None else list(self.maps(seq, f"{family.key} entry"))
        api_ids = {e["id"] for e in entries[FAMILIES[1]] if isinstance(e.get("id"), str)}
        named: dict[str, str] = {}  # an api error's id -> the request error that names it
        found = {
            family: [self.entry(node, family, api_ids, named) for node in nodes]
            for family, nodes in entries.items()
        }
        return Identifiers(
            self.path,
            tuple(
                (family, tuple(_with_inverse(i, named) for i in identifiers if i is not None))
                for family, identifiers in found.items()
            ),
        )

    def entry(
        self, node: CommentedMap, family: Family, api_ids: set[str], named: dict[str, str]
    ) -> Identifier | None:
        what = f"{family.field} entry"
        complete = self.keys(node, ENTRY_KEYS, what)
        value = self.str_(node, "id", what) if "id" in node else None
        if value is not None and " " in value:
            self.problem(self.value_at(node, "id"), f"{what}: 'id' {value!r} has a space")
        what = what if value is None else f"{family.field} {value!r}"
        member = self.member(node, value, what, family)
        sent = node.get("http_status")
        status = (
            None if sent is None else self.status(sent, self.value_at(node, "http_status"), what)
        )
        also = self.statuses(node, what, status)
        meaning = self.str_(node, "meaning", what) if "meaning" in node else None
        sources = self.texts(node, "sources", what)
        others = self.texts(node, "other_sources", what)
        if not sources and len(others) < 2:
            self.problem(
                self.node_at(node),
                f"{what}: needs a source of Infobip's own ('sources') or two others "
                "('other_sources')",
            )
        same_as = self.same_as(node, family, value, what, api_ids, named)
        if not complete or value is None or member is None or meaning is None:
            return None
        return Identifier(
            family.shape, value, member, status, also, same_as, meaning, sources, others
        )

    def member(
        self, node: CommentedMap, value: str | None, what: str, family: Family
    ) -> str | None:
        key = "member" if "member" in node else "id"
        name = self.str_(node, "member", what) if key == "member" else value
        if name is None:
            return None
        for taken, kind in ((value, "id"), (name, "member")):
            if taken is None:
                continue
            line = self.seen.setdefault((family.key, kind, taken), node.lc.line)
            if line != node.lc.line:
                at = self.value_at(node, key if kind == "member" else "id")
                self.problem(at, f"{what}: the {kind} {taken!r} is taken on line {line + 1}")
                return None
        return name if self.member_name(node, key, name, what, self.reserved) else None

    def status(self, value: object, where: tuple[int, int], what: str) -> int | None:
        """An HTTP status (100 to 599), or None, reported as a problem."""
        if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599:
            return int(value)
        self.problem(where, f"{what}: expected an HTTP status (100 to 599), not {value!r}")
        return None

    def statuses(self, node: CommentedMap, what: str, first: int | None) -> tuple[int, ...]:
        if "also_seen_with" not in node:
            return ()
        seq = self.seq(node, "also_seen_with", what)
        found: list[int] = []
        for index, value in enumerate(() if seq is None else seq):
            assert seq is not None
            status = self.status(value, self.item_at(seq, index), what)
            if status is not None and status in (*found, first):
                self.problem(self.item_at(seq, index), f"{what}: status {status} is listed twice")
            elif status is not None:
                found.append(status)
        return tuple(found)

    def texts(self, node: CommentedMap, key: str, what: str) -> tuple[str, ...]:
        """A list of one-line texts (the sources)."""
        if key not in node:
            return ()
        seq = self.seq(node, key, what)
        if seq is not None and not seq:
            self.problem(self.value_at(node, key), f"{what}: {key!r} is empty; leave it out")
        found = []
        for index, value in enumerate(() if seq is None else seq):
            assert seq is not None
            if isinstance(value, str) and value.strip() and " ".join(value.split()) == value:
                if not self.refused(value, self.item_at(seq, index), f"{what}: each of {key!r}"):
                    found.append(str(value))
            else:
                self.problem(
                    self.item_at(seq, index),
                    f"{what}: each of {key!r} must be one line of text, not {value!r}",
                )
        return tuple(found)

    def same_as(
        self,
        node: CommentedMap,
        family: Family,
        value: str | None,
        what: str,
        api_ids: set[str],
        named: dict[str, str],
    ) -> str | None:
        if "same_as" not in node:
            return None
        if family is not FAMILIES[0]:
            self.problem(
                self.key_at(node, "same_as"),
                f"{what}: 'same_as' is stated on the request error that names this one",
            )
            return None
        other = self.str_(node, "same_as", what)
        if other is None or value is None:
            return None
        problem = None
        if other not in api_ids:
            problem = f"'same_as' names no api error {other!r}"
        elif other in named:
            problem = f"{other!r} is already the same as {named[other]!r}"
        if problem is not None:
            self.problem(self.value_at(node, "same_as"), f"{what}: {problem}")
            return None
        named[other] = value
        return other


def _with_inverse(identifier: Identifier, named: dict[str, str]) -> Identifier:
    """An API error's ``same_as``: the request error that names it, derived."""
    if identifier.shape != FAMILIES[1].shape or identifier.id not in named:
        return identifier
    fields = {**identifier.__dict__, "same_as": named[identifier.id]}
    return Identifier(**fields)
