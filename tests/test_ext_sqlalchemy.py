"""SQLAlchemy 2 with EnumType, on SQLite and on DuckDB (its SQLAlchemy driver), in a temp dir."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import ENUMS, run_doc_code
from sqlalchemy import exc
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from infobip_codes import SmsErrorCode, StatusGroup, VoiceErrorCode
from infobip_codes.ext.sqlalchemy import EnumType


class Base(DeclarativeBase):
    pass


class Delivery(Base):
    __tablename__ = "deliveries"

    # DuckDB has no SERIAL: the tests give the ids
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    error: Mapped[SmsErrorCode | int] = mapped_column(EnumType(SmsErrorCode))
    group: Mapped[StatusGroup | int | None] = mapped_column(EnumType(StatusGroup))


@pytest.fixture(params=["sqlite", "duckdb"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    url = f"{request.param}:///{tmp_path / 'deliveries.db'}"
    engine = sa.create_engine(url)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def no_warnings() -> Iterator[None]:
    # SQLAlchemy warns of a type it cannot cache, among others: none here
    with warnings.catch_warnings():
        warnings.simplefilter("error", exc.SAWarning)
        yield


def test_it_stores_the_id_and_loads_the_member(engine: sa.Engine) -> None:
    with Session(engine) as session:
        session.add_all(
            [
                Delivery(
                    id=1, error=SmsErrorCode.EC_ABSENT_SUBSCRIBER, group=StatusGroup.DELIVERED
                ),
                Delivery(id=2, error=27, group=None),
                Delivery(id=3, error=99999, group=99),
            ]
        )
        session.commit()
    with engine.connect() as connection:  # what the table holds: the ids the API sends
        rows = connection.execute(sa.text('SELECT id, error, "group" FROM deliveries ORDER BY id'))
        assert [tuple(row) for row in rows] == [(1, 27, 3), (2, 27, None), (3, 99999, 99)]
    with Session(engine) as session:
        first, second, third = session.scalars(sa.select(Delivery).order_by(Delivery.id))
        assert first.error is SmsErrorCode.EC_ABSENT_SUBSCRIBER
        assert first.group is StatusGroup.DELIVERED
        assert second.error is SmsErrorCode.EC_ABSENT_SUBSCRIBER
        assert second.group is None
        assert (third.error, type(third.error), third.group, type(third.group)) == (
            99999,
            int,
            99,
            int,
        )


def test_an_id_written_by_someone_else_loads_too(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO deliveries (id, error) VALUES (1, 5603), (2, 0)"))
    with Session(engine) as session:
        errors = session.scalars(sa.select(Delivery.error).order_by(Delivery.id)).all()
    assert errors == [5603, SmsErrorCode.NO_ERROR]
    assert type(errors[0]) is int  # 5603 is a voice error, not an sms one
    assert errors[1] is SmsErrorCode.NO_ERROR


def test_queries_compare_by_member(engine: sa.Engine) -> None:
    with Session(engine) as session:
        session.add_all(
            [
                Delivery(id=1, error=SmsErrorCode.EC_ABSENT_SUBSCRIBER),
                Delivery(id=2, error=SmsErrorCode.NO_ERROR),
                Delivery(id=3, error=99999),
            ]
        )
        session.commit()
        absent = sa.select(Delivery.id).where(Delivery.error == SmsErrorCode.EC_ABSENT_SUBSCRIBER)
        assert session.scalars(absent).all() == [1]
        either = sa.select(Delivery.id).where(Delivery.error.in_([SmsErrorCode.NO_ERROR, 99999]))
        assert sorted(session.scalars(either)) == [2, 3]
        # a member of another enum compares by its id: 5603 is in no row
        assert session.scalars(sa.select(Delivery.id).where(Delivery.error == 5603)).all() == []
        assert (
            session.scalars(
                sa.select(Delivery.id).where(Delivery.error == VoiceErrorCode.EC_DECLINE)
            ).all()
            == []
        )
        ordered = session.scalars(sa.select(Delivery.error).order_by(Delivery.error.desc()))
        assert list(ordered) == [99999, SmsErrorCode.EC_ABSENT_SUBSCRIBER, SmsErrorCode.NO_ERROR]


@pytest.mark.parametrize("bad", [True, 27.0, "27", "EC_ABSENT_SUBSCRIBER"])
def test_what_is_no_id_is_refused_before_it_is_sent(engine: sa.Engine, bad: object) -> None:
    with Session(engine) as session:
        session.add(Delivery(id=1, error=bad))
        with pytest.raises(exc.StatementError, match="expected an id of SmsErrorCode"):
            session.commit()


def test_every_enum_makes_a_column_type() -> None:
    dialect = sa.create_engine("sqlite://").dialect
    for enum in ENUMS:
        column_type = EnumType(enum)
        member = next(iter(enum))
        compiled = (sa.column("code", column_type) == member).compile(
            compile_kwargs={"literal_binds": True}
        )
        assert str(compiled) == f"code = {member.value}"
        assert column_type.python_type is enum
        assert column_type.process_result_value(member.value, dialect) is member
        assert repr(column_type) == f"EnumType({enum.__name__})"


def test_the_docs_sqlalchemy_section_runs() -> None:
    namespace = run_doc_code("SQLAlchemy")
    assert namespace["unknown"] == 99999
