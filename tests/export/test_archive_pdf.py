"""The daily archive PDF read back with pypdf: text, pages, masked phones, summary, gaps, embedded font."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.export import fonts
from desktop.export.archive_pdf import build_archive
from desktop.export.pdf_pages import Cancelled
from desktop.services.archive import ArchiveService
from desktop.services.database import Database
from desktop.services.tickets import TicketService
from tests.export.archive_data import DAY, DESCRIPTIONS, PHONES, build_spec_day, local, remove_ticket
from tests.export.pdf_text import font_files, pages_text
from tests.helpers import AGENT, FakeClock, make_draft


@pytest.fixture
def numbers(database: Database) -> list[str]:
    return build_spec_day(database)


def _write(database: Database, path: Path, **options: object) -> int:
    archive = ArchiveService(database.sessions, clock=FakeClock(local(18, 0))).day(options.pop("day", DAY))
    return build_archive(archive, path, centre="星河客服中心", printed_by="张敏（A1001）", **options)


def _joined(path: Path) -> str:
    return "\n".join(pages_text(path))


def test_archive_holds_numbers_descriptions_and_page_numbers(database: Database, numbers: list[str],
                                                              tmp_path: Path) -> None:
    path = tmp_path / "archive.pdf"
    pages = _write(database, path)
    texts = pages_text(path)
    assert len(texts) == pages
    text = "".join(texts).replace("\n", "")
    for number in numbers:
        assert number in text
    for description in DESCRIPTIONS:
        assert description.replace("“", "").replace("”", "")[:10] in text.replace("“", "").replace("”", "")
    assert f"第 1 页 / 共 {pages} 页" in texts[0]
    assert f"第 {pages} 页 / 共 {pages} 页" in texts[-1]
    assert "星河客服中心" in texts[0] and "每日接听记录归档" in texts[0] and "2023/10/15" in texts[0]
    assert "打印人：张敏（A1001）" in texts[-1]
    assert "值班客服签字" in texts[-1] and "主管签字" in texts[-1]


def test_phone_masked_and_never_whole(database: Database, numbers: list[str], tmp_path: Path) -> None:
    path = tmp_path / "archive.pdf"
    _write(database, path)
    text = _joined(path)
    assert "139****5678" in text and "138****2222" in text
    for phone in PHONES:
        assert phone not in text.replace(" ", "").replace("\n", "")
    assert phone not in path.read_bytes().decode("latin-1")


def test_summary_numbers_and_timeline(database: Database, numbers: list[str], tmp_path: Path) -> None:
    path = tmp_path / "archive.pdf"
    _write(database, path)
    text = _joined(path)
    assert "3 通" in text
    assert "紧急 1" in text and "重要 1" in text and "一般 1" in text
    assert "投诉 1" in text and "建议 1" in text and "故障 1" in text
    assert "100.0%（2 条中 2 条）" in text  # on time
    assert "100.0%（1 条中 1 条）" in text  # satisfied
    assert "李工联系客户获取序列号SN56" in text
    assert "当日编号连续" in text


def test_gap_is_reported(database: Database, numbers: list[str], tmp_path: Path) -> None:
    remove_ticket(database, "CS20231015002")
    path = tmp_path / "archive.pdf"
    _write(database, path)
    text = _joined(path).replace("\n", "")
    assert "缺号 1 个：CS20231015002" in text


def test_page_count_grows_with_the_calls(database: Database, numbers: list[str], tmp_path: Path) -> None:
    few = _write(database, tmp_path / "few.pdf")
    service = TicketService(database.sessions, clock=FakeClock(local(18, 0)))
    service.create_many([make_draft(call_started_at=local(18, 0) + timedelta(seconds=i),
                                    description="客户反映快递未送达，要求查询物流进度" * 4, phone=f"1370000{i:04d}")
                         for i in range(60)], AGENT)
    many = _write(database, tmp_path / "many.pdf")
    assert many > few + 3
    texts = pages_text(tmp_path / "many.pdf")
    assert f"第 2 页 / 共 {many} 页" in texts[1]


def test_empty_day_is_one_page_that_says_so(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    assert _write(database, path, day=DAY + timedelta(days=3)) == 1
    text = _joined(path)
    assert "当日没有来电记录" in text and "第 1 页 / 共 1 页" in text


def test_portrait_and_english(database: Database, numbers: list[str], tmp_path: Path, english: None) -> None:
    path = tmp_path / "portrait.pdf"
    _write(database, path, is_landscape=False)
    from pypdf import PdfReader

    box = PdfReader(str(path)).pages[0].mediabox
    assert float(box.height) > float(box.width)
    assert "Page 1 of" in pages_text(path)[0] and "Daily call archive" in pages_text(path)[0]


def test_font_is_embedded(database: Database, numbers: list[str], tmp_path: Path) -> None:
    if not fonts.pdf_font().embedded:
        pytest.skip("no CJK TrueType font installed (scripts/setup.sh installs fonts-wqy-microhei)")
    path = tmp_path / "archive.pdf"
    _write(database, path)
    embedded = font_files(path)
    assert embedded and all(embedded)


def test_fallback_font_when_none_is_found(monkeypatch: pytest.MonkeyPatch, database: Database,
                                          numbers: list[str], tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "candidates", lambda: [str(tmp_path / "missing.ttf")])
    fonts.pdf_font.cache_clear()
    try:
        font = fonts.pdf_font()
        assert not font.embedded and font.name == fonts.FALLBACK_CID
        assert fonts.FONT_ENV in font.warning
        path = tmp_path / "fallback.pdf"
        _write(database, path)
        assert numbers[0] in _joined(path) and "每日接听记录归档" in _joined(path)
    finally:
        fonts.pdf_font.cache_clear()


def test_configured_font_that_is_not_cjk_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.is_file():
        pytest.skip("DejaVu Sans not installed")
    assert fonts._load(str(latin)) is None
    monkeypatch.setenv(fonts.FONT_ENV, str(latin))
    assert fonts.candidates()[0] == str(latin)


def test_cancel_writes_nothing(database: Database, numbers: list[str], tmp_path: Path) -> None:
    path = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        _write(database, path, progress=lambda done, total: False)
    assert not path.exists()
    seen: list[tuple[int, int]] = []
    _write(database, path, progress=lambda done, total: seen.append((done, total)) or True)
    assert seen[-1][0] == seen[-1][1] and path.exists()


def test_page_renders_to_an_image(database: Database, numbers: list[str], tmp_path: Path) -> None:
    path = tmp_path / "archive.pdf"
    _write(database, path)
    try:
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                       check=True, capture_output=True, timeout=60)
    except FileNotFoundError:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    image = next(tmp_path.glob("page*.png"))
    assert image.stat().st_size > 2000


def test_the_pdfs_are_laid_out_with_reportlabs_c_speedups() -> None:
    """rl_accel (reportlab[accel]) is installed with the program: without it reportlab falls back to pure
    Python for number formatting, text widths and stream encoding (a 1,000-call archive ~35% slower)."""
    from reportlab.lib import rl_accel

    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method"
    assert rl_accel.fp_str.__module__ == "_rl_accel"


def test_a_call_longer_than_a_page_runs_on_to_the_next_and_keeps_every_line(database: Database,
                                                                             tmp_path: Path) -> None:
    """The longest description the form takes (4,000 characters) wraps and splits across pages; the calls
    around it keep their own boxes; nothing of the text is lost."""
    tickets = TicketService(database.sessions, clock=FakeClock(local(18, 0)))
    lines = [f"第{i:03d}行：客户详细描述了产品在不同场景下出现的问题和已经尝试过的处理办法。" for i in range(110)]
    long_text = "\n".join(lines)[:4000]
    kept = [line for line in long_text.split("\n") if len(line) > 20]
    for hour, description in ((9, "开机前的短描述"), (10, long_text), (11, "开机后的短描述")):
        tickets.create(make_draft(call_started_at=local(hour), description=description), AGENT)
    path = tmp_path / "archive.pdf"
    pages = _write(database, path)
    assert pages >= 3
    text = re.sub(r"\s+", "", _joined(path))
    assert "开机前的短描述" in text and "开机后的短描述" in text
    # A page break may fall inside a line (the page's header and footer then sit between its halves).
    for line in kept:
        assert line[:10] in text, line
    second_half = "出现的问题和已经尝试过的处理办法"
    assert text.count(second_half) == sum(second_half in line for line in kept)
