"""Problem guides (问题指引): one per problem type and language, shown beside the form."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models.aids import ProblemGuide
from desktop.rules.aids_validation import AidReport, validate_guide
from desktop.rules.guide_steps import join_steps, split_steps
from desktop.services.aid_store import AidStore, guide_row, problem_types, touch
from desktop.services.aids_dto import GuideInput, GuideRow
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, reading


def clean_input(data: GuideInput) -> GuideInput:
    """Trimmed texts; steps one per line without the numbering typed in front."""
    return GuideInput(data.problem_type, data.language, data.typical_case.strip(), join_steps(split_steps(data.steps)),
                      data.min_minutes, data.max_minutes, data.cautions.strip())


class GuideService(AidStore[ProblemGuide, GuideInput, GuideRow]):
    entity = ProblemGuide

    def for_problem_type(self, problem_type: str | None, language: str) -> GuideRow | None:
        """The guide for ``problem_type`` in ``language``, else one written in another language."""
        if not problem_type:
            return None
        preferred = case((ProblemGuide.language == language, 0), else_=1)
        statement = (select(ProblemGuide).where(ProblemGuide.problem_type == problem_type)
                     .order_by(preferred, ProblemGuide.id).limit(1))
        with reading(), self._sessions() as session:
            guide = session.scalars(statement).first()
            return guide_row(guide) if guide else None

    def list(self, language: str | None = None) -> list[GuideRow]:
        statement = select(ProblemGuide).order_by(ProblemGuide.problem_type, ProblemGuide.language)
        if language is not None:
            statement = statement.where(ProblemGuide.language == language)
        with reading(), self._sessions() as session:
            return [guide_row(guide) for guide in session.scalars(statement)]

    def missing(self) -> NotFound:
        return NotFound(_("This problem guide no longer exists; it may have been removed at another workstation."))

    def to_row(self, entity: ProblemGuide) -> GuideRow:
        return guide_row(entity)

    def clean(self, data: GuideInput) -> GuideInput:
        return clean_input(data)

    def check(self, session: Session, entity_id: int | None, data: GuideInput) -> AidReport:
        report = validate_guide(data.problem_type, data.language, data.typical_case, data.steps, data.min_minutes,
                                data.max_minutes, data.cautions, problem_types(session))
        if report.ok and self.taken(session, entity_id, ProblemGuide.problem_type == data.problem_type,
                                    ProblemGuide.language == data.language):
            return AidReport.with_errors(problem_type=_(
                "This problem type has a guide in this language already: edit that one."))
        return report

    def insert(self, session: Session, data: GuideInput, actor: Actor) -> ProblemGuide:
        return add_guide(session, data, actor, self._clock())

    def change(self, session: Session, entity: ProblemGuide, data: GuideInput, actor: Actor) -> None:
        change_guide(entity, data, actor, self._clock())


def add_guide(session: Session, data: GuideInput, actor: Actor | None, now: datetime, *,
              builtin: bool = False) -> ProblemGuide:
    """Insert a checked guide inside the caller's transaction (imports, defaults)."""
    guide = ProblemGuide(problem_type=data.problem_type, language=data.language, builtin=builtin)
    change_guide(guide, data, actor, now)
    session.add(guide)
    session.flush()
    return guide


def change_guide(guide: ProblemGuide, data: GuideInput, actor: Actor | None, now: datetime) -> None:
    guide.problem_type, guide.language = data.problem_type, data.language
    guide.typical_case, guide.steps, guide.cautions = data.typical_case, data.steps, data.cautions
    guide.min_minutes, guide.max_minutes = data.min_minutes or 0, data.max_minutes or 0
    touch(guide, actor, now)
