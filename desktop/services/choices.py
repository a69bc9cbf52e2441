"""The configurable lists and departments, labelled in the current language."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.entities import ChoiceItem, Department
from desktop.rules.choices import builtin_label
from desktop.services.dto import ChoiceOption, DepartmentOption


class ChoiceService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def options(self, list_key: str, *, include_inactive: bool = False) -> list[ChoiceOption]:
        statement = select(ChoiceItem).where(ChoiceItem.list_key == list_key)
        if not include_inactive:
            statement = statement.where(ChoiceItem.active.is_(True))
        with self._sessions() as session:
            items = session.scalars(statement.order_by(ChoiceItem.sort_order, ChoiceItem.id)).all()
            return [ChoiceOption(item.code, self.label_of(item)) for item in items]

    def all_options(self) -> dict[str, list[ChoiceOption]]:
        with self._sessions() as session:
            items = session.scalars(
                select(ChoiceItem).where(ChoiceItem.active.is_(True)).order_by(ChoiceItem.sort_order, ChoiceItem.id)
            ).all()
            result: dict[str, list[ChoiceOption]] = {}
            for item in items:
                result.setdefault(item.list_key, []).append(ChoiceOption(item.code, self.label_of(item)))
            return result

    def labels(self) -> dict[str, dict[str, str]]:
        """Every entry (inactive ones too, old tickets use them): list key -> code -> label."""
        with self._sessions() as session:
            items = session.scalars(select(ChoiceItem)).all()
            result: dict[str, dict[str, str]] = {}
            for item in items:
                result.setdefault(item.list_key, {})[item.code] = self.label_of(item)
            return result

    def departments(self) -> list[DepartmentOption]:
        with self._sessions() as session:
            rows = session.execute(
                select(Department.id, Department.name)
                .where(Department.active.is_(True))
                .order_by(Department.sort_order, Department.id)
            ).all()
            return [DepartmentOption(row[0], row[1]) for row in rows]

    @staticmethod
    def label_of(item: ChoiceItem) -> str:
        """A built-in entry's translated label, or the centre's own."""
        if item.builtin:
            return builtin_label(item.list_key, item.code) or item.label or item.code
        return item.label or item.code
