"""Sharing the aids between stations: XLSX round trip, no duplicates, rows reported, bad files refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop import i18n
from desktop.models.aids import FaqEntry, Phrase, ProblemGuide
from desktop.services.aids_dto import FaqInput, GuideInput, PhraseInput
from desktop.services.aids_transfer import AidsTransferService, ImportRefused
from desktop.services.database import Database, open_database
from desktop.services.dto import Actor
from desktop.services.faq import FaqService
from desktop.services.guides import GuideService
from desktop.services.phrases import PhraseService
from tests.helpers import AGENT, FakeClock

OTHER = Actor("B2001", "陈静")


@pytest.fixture
def station_b(tmp_path: Path):  # type: ignore[no-untyped-def]
    database = open_database(str(tmp_path / "station-b.sqlite3"))
    yield database
    database.close()


def _snapshot(database: Database) -> dict[str, object]:
    with database.sessions() as session:
        return {
            "phrases": sorted(session.execute(select(Phrase.category, Phrase.language, Phrase.text)).all()),
            "faq": sorted(session.execute(select(FaqEntry.question, FaqEntry.answer, FaqEntry.tags,
                                                 FaqEntry.problem_type)).all()),
            "guides": sorted(session.execute(select(
                ProblemGuide.problem_type, ProblemGuide.language, ProblemGuide.typical_case, ProblemGuide.steps,
                ProblemGuide.min_minutes, ProblemGuide.max_minutes, ProblemGuide.cautions)).all()),
        }


def _customise(database: Database, clock: FakeClock) -> None:
    PhraseService(database.sessions, clock=clock).save(None, PhraseInput("custom", "请稍等，我帮您查询。", "zh_CN"),
                                                       AGENT)
    faq = FaqService(database.sessions, clock=clock)
    faq.save(None, FaqInput("如何申请退款到账？", "在APP提交申请，\n三个工作日内原路退回。", "退款, 账单", "billing"),
             AGENT)
    faq.save(None, FaqInput("Parcel not received?", "Check with the courier.", "", None), AGENT)
    guides = GuideService(database.sessions, clock=clock)
    billing = guides.for_problem_type("billing", "zh_CN")
    assert billing is not None
    steps = "调取账单\n核对明细\n解释说明\n需退款则转财务\n回访确认"
    guides.save(billing.id, GuideInput("billing", "zh_CN", "账单疑问", steps, 5, 9, "不承诺退款到账时间"), AGENT)


def test_round_trip_to_another_station(database: Database, station_b: Database, clock: FakeClock,
                                       tmp_path: Path) -> None:
    _customise(database, clock)
    path = tmp_path / "aids.xlsx"
    written = AidsTransferService(database.sessions, clock=clock).export_xlsx(path)
    assert written == sum(len(rows) for rows in _snapshot(database).values())  # type: ignore[arg-type]

    result = AidsTransferService(station_b.sessions, clock=clock).import_xlsx(path, OTHER)
    assert result.problems == ()
    assert (result.created, result.updated) == (3, 1)  # phrase, two FAQ entries; the billing guide changed
    assert _snapshot(station_b) == _snapshot(database)
    entry = FaqService(station_b.sessions).search("退款")[0]
    assert (entry.changed.updated_by_code, entry.changed.updated_by_name) == ("B2001", "陈静")


def test_importing_twice_adds_nothing(database: Database, clock: FakeClock, tmp_path: Path) -> None:
    _customise(database, clock)
    path = tmp_path / "aids.xlsx"
    service = AidsTransferService(database.sessions, clock=clock)
    service.export_xlsx(path)
    before = _snapshot(database)
    for _ in range(2):
        result = service.import_xlsx(path, AGENT)
        assert result.applied == 0 and result.problems == ()
    assert _snapshot(database) == before


def test_a_workbook_written_in_english_imports_at_a_chinese_station(database: Database, station_b: Database,
                                                                    clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "aids-en.xlsx"
    i18n.set_language("en")
    AidsTransferService(database.sessions, clock=clock).export_xlsx(path)
    assert load_workbook(path)["快捷短语"]["A2"].value == "Greeting"
    i18n.set_language("zh_CN")
    result = AidsTransferService(station_b.sessions, clock=clock).import_xlsx(path, OTHER)
    assert result.problems == () and result.applied == 0  # the same defaults, recognised


def test_bad_rows_are_reported_and_good_rows_applied(database: Database, clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "aids.xlsx"
    service = AidsTransferService(database.sessions, clock=clock)
    service.export_xlsx(path)
    book = load_workbook(path)
    phrases, faq, guides = book["快捷短语"], book["FAQ"], book["问题指引"]
    phrases.append(["打招呼", "zh_CN", "你好"])
    phrases.append(["自定义", "zh_CN", "您好{nmae}"])
    phrases.append(["自定义", "简体中文", "新短语：请稍候。"])
    faq.append(["新问题？", None, None, "账单"])
    faq.append(["好问题？", "好答案", "标签", "Billing"])
    faq.append(["好问题？", "重复行", None, None])
    guides.append(["不存在的类型", "zh_CN", "", "一步", "五", 8, ""])
    book.save(path)
    first_bad = phrases.max_row - 2

    result = service.import_xlsx(path, AGENT)
    assert (result.created, result.updated) == (2, 0)
    where = {(p.sheet, p.row, p.column) for p in result.problems}
    assert ("快捷短语", first_bad, "分类") in where
    assert ("快捷短语", first_bad + 1, "短语") in where
    assert ("FAQ", faq.max_row - 2, "答案") in where
    assert ("FAQ", faq.max_row, "") in where  # repeats the row above it
    assert {("问题指引", guides.max_row, "问题类型"), ("问题指引", guides.max_row, "预计时长下限（分钟）")} <= where
    messages = " ".join(p.message for p in result.problems)
    assert "打招呼" in messages and "{nmae}" in messages and f"第 {faq.max_row - 1} 行" in messages
    assert FaqService(database.sessions).search("好问题")[0].problem_type == "billing"
    assert PhraseService(database.sessions).list("zh_CN", "请稍候")[0].text == "新短语：请稍候。"


def test_a_file_that_is_not_a_workbook_changes_nothing(database: Database, clock: FakeClock, tmp_path: Path) -> None:
    before = _snapshot(database)
    path = tmp_path / "aids.xlsx"
    path.write_bytes(b"PK\x03\x04 broken zip")
    with pytest.raises(ImportRefused, match="aids.xlsx"):
        AidsTransferService(database.sessions, clock=clock).import_xlsx(path, AGENT)
    assert _snapshot(database) == before


def test_a_workbook_missing_a_sheet_changes_nothing(database: Database, clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "aids.xlsx"
    service = AidsTransferService(database.sessions, clock=clock)
    service.export_xlsx(path)
    book = load_workbook(path)
    book["FAQ"].append(["一个新问题", "一个答案"])
    del book["问题指引"]
    book.save(path)
    before = _snapshot(database)
    with pytest.raises(ImportRefused, match="问题指引"):
        service.import_xlsx(path, AGENT)
    assert _snapshot(database) == before


def test_a_cancelled_import_changes_nothing(database: Database, station_b: Database, clock: FakeClock,
                                            tmp_path: Path) -> None:
    _customise(database, clock)
    path = tmp_path / "aids.xlsx"
    AidsTransferService(database.sessions, clock=clock).export_xlsx(path)
    before = _snapshot(station_b)
    with pytest.raises(ImportRefused):
        AidsTransferService(station_b.sessions, clock=clock).import_xlsx(path, OTHER, lambda done, _t: done < 40)
    assert _snapshot(station_b) == before
    with station_b.sessions() as session:
        assert session.execute(select(func.count()).select_from(FaqEntry)).scalar_one() == 0


def test_cells_typed_by_hand_are_understood(database: Database, clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "aids.xlsx"
    service = AidsTransferService(database.sessions, clock=clock)
    service.export_xlsx(path)
    book = load_workbook(path)
    guides = book["问题指引"]
    for row in guides.iter_rows(min_row=2):
        if row[0].value == "账单" and row[1].value == "zh_CN":
            row[4].value, row[5].value = "6", 9.0  # typed as text, stored as a float
            row[3].value = "1、调取账单\n2、核对明细"
    book["快捷短语"].append(["Closing", "English", "Bye for now!"])
    book.save(path)
    result = service.import_xlsx(path, AGENT)
    assert result.problems == () and (result.created, result.updated) == (1, 1)
    billing = GuideService(database.sessions).for_problem_type("billing", "zh_CN")
    assert billing is not None and (billing.min_minutes, billing.max_minutes) == (6, 9)
    assert billing.steps == ("调取账单", "核对明细")
    assert PhraseService(database.sessions).list("en", "bye")[0].category == "closing"
