"""Reports for the provinces' targets, per month or quarter (months cut in Asia/Ho_Chi_Minh).

For each kiosk, unit, commune or procedure (or the whole province): dossiers filed at kiosks, how many went
to the portal at once ("online") and how many waited in the kiosk's queue; how many were received by post
(documents picked up at home) and how many results were returned by post, as shares of the dossiers filed
against the targets (≥ 5 % and ≥ 20 %); fees paid online; satisfaction (SIPAS-style criteria, the share of
answers whose mean is ≥ 4 of 5). A dossier counts in the month it was filed.

Exports: CSV, XLSX (openpyxl, with a chart) and PDF (reportlab, a table and a bar chart, A4 landscape).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, case, func, literal, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.fleet.models import FleetDossier, FleetFeedback

DIMENSIONS = ("province", "kiosk", "unit", "commune", "procedure")
RECEIVED_BY_POST_TARGET = 0.05
RETURNED_BY_POST_TARGET = 0.20
SATISFIED_MEAN = 4.0
CRITERIA_COLUMNS = {
    "access": "access",
    "procedure": "procedure_score",
    "staff": "staff",
    "result": "result",
    "time": "time",
}
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


class PeriodError(ValueError):
    pass


def months_of(period: str) -> list[str]:
    """ "2026-11" → ["2026-11"]; "2026-Q4" → ["2026-10", "2026-11", "2026-12"]."""
    if _MONTH.fullmatch(period):
        return [period]
    match = _QUARTER.fullmatch(period)
    if match:
        year, quarter = int(match[1]), int(match[2])
        return [f"{year:04d}-{m:02d}" for m in range(3 * quarter - 2, 3 * quarter + 1)]
    raise PeriodError(f"period must be a month (2026-11) or a quarter (2026-Q4), not {period!r}")


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class ReportRow:
    key: str
    filed: int = 0
    online: int = 0
    queued: int = 0
    received_by_post: int = 0
    returned_by_post: int = 0
    paid_online: int = 0
    fees_vnd: int = 0
    answers: int = 0
    satisfied: int = 0
    criteria: dict[str, float | None] = field(default_factory=dict)

    @property
    def received_share(self) -> float | None:
        return _share(self.received_by_post, self.filed)

    @property
    def returned_share(self) -> float | None:
        return _share(self.returned_by_post, self.filed)

    @property
    def satisfied_share(self) -> float | None:
        return _share(self.satisfied, self.answers)

    def to_json(self, *, digits: int | None = 4) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return value if value is None or digits is None else round(value, digits)

        received, returned = self.received_share, self.returned_share
        return {
            "key": self.key,
            "filed": self.filed,
            "online": self.online,
            "queued": self.queued,
            "online_share": rounded(_share(self.online, self.filed)),
            "received_by_post": self.received_by_post,
            "received_by_post_share": rounded(received),
            "received_by_post_target_met": None if received is None else received >= RECEIVED_BY_POST_TARGET,
            "returned_by_post": self.returned_by_post,
            "returned_by_post_share": rounded(returned),
            "returned_by_post_target_met": None if returned is None else returned >= RETURNED_BY_POST_TARGET,
            "paid_online": self.paid_online,
            "fees_vnd": self.fees_vnd,
            "feedback_answers": self.answers,
            "satisfied_share": rounded(self.satisfied_share),
            "criteria": {k: rounded(v) for k, v in self.criteria.items()},
        }


@dataclass
class Report:
    period: str
    months: list[str]
    by: str
    rows: list[ReportRow]
    total: ReportRow

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "months": self.months,
            "by": self.by,
            "timezone": "Asia/Ho_Chi_Minh",
            "targets": {
                "received_by_post": RECEIVED_BY_POST_TARGET,
                "returned_by_post": RETURNED_BY_POST_TARGET,
            },
            "rows": [r.to_json() for r in self.rows],
            "total": self.total.to_json(),
        }


def _dimension(model: Any, by: str) -> Any:
    if by == "province":
        return literal("province")
    column = {"kiosk": "kiosk_id", "unit": "unit", "commune": "commune", "procedure": "procedure"}[by]
    return func.coalesce(getattr(model, column), "")


def build_report(sessions: sessionmaker[Session], period: str, by: str = "province") -> Report:
    if by not in DIMENSIONS:
        raise PeriodError(f"by must be one of {', '.join(DIMENSIONS)}")
    months = months_of(period)
    rows: dict[str, ReportRow] = {}
    with sessions() as session:
        rows.update(_dossier_rows(session, months, by))
        for key, values in _feedback_rows(session, months, by).items():
            row = rows.setdefault(key, ReportRow(key))
            row.answers, row.satisfied, row.criteria = values
        total_rows = _dossier_rows(session, months, "province")
        total = total_rows.get("province", ReportRow("province"))
        feedback_total = _feedback_rows(session, months, "province").get("province")
        if feedback_total:
            total.answers, total.satisfied, total.criteria = feedback_total
    total.key = "TOTAL"
    return Report(period, months, by, [rows[k] for k in sorted(rows)], total)


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _dossier_rows(session: Session, months: list[str], by: str) -> dict[str, ReportRow]:
    d = FleetDossier
    key = _dimension(d, by).label("key")
    query = (
        select(
            key,
            func.count(),
            _count_if(d.channel == "submitted_online"),
            _count_if(d.channel == "queued"),
            _count_if(d.received_by_post_at.is_not(None)),
            _count_if(d.returned_by_post_at.is_not(None)),
            _count_if(d.paid_at.is_not(None)),
            func.coalesce(func.sum(d.fee_vnd), 0),
        )
        .where(d.month.in_(months), d.channel.is_not(None))
        .group_by(key)
    )
    out: dict[str, ReportRow] = {}
    for k, filed, online, queued, received, returned, paid, fees in session.execute(query):
        out[str(k)] = ReportRow(
            str(k),
            int(filed),
            int(online or 0),
            int(queued or 0),
            int(received or 0),
            int(returned or 0),
            int(paid or 0),
            int(fees or 0),
        )
    return out


def _feedback_rows(
    session: Session, months: list[str], by: str
) -> dict[str, tuple[int, int, dict[str, float | None]]]:
    f = FleetFeedback
    key = _dimension(f, by).label("key")
    averages = [func.avg(getattr(f, column)) for column in CRITERIA_COLUMNS.values()]
    query = (
        select(
            key, func.count(), func.sum(case((f.mean >= SATISFIED_MEAN, 1), else_=0)).cast(Integer), *averages
        )
        .where(f.month.in_(months))
        .group_by(key)
    )
    out: dict[str, tuple[int, int, dict[str, float | None]]] = {}
    for k, answers, satisfied, *means in session.execute(query):
        out[str(k)] = (
            int(answers),
            int(satisfied or 0),
            {name: None if m is None else float(m) for name, m in zip(CRITERIA_COLUMNS, means, strict=True)},
        )
    return out


# --- exports --------------------------------------------------------------------------------------------

COLUMNS = (
    ("key", "Nhóm / group"),
    ("filed", "Hồ sơ / filed"),
    ("online", "Nộp ngay / online"),
    ("queued", "Xếp hàng / queued"),
    ("received_by_post", "Nhận qua BCCI / received by post"),
    ("received_by_post_share", "Tỷ lệ nhận (mục tiêu 5 %)"),
    ("returned_by_post", "Trả qua BCCI / returned by post"),
    ("returned_by_post_share", "Tỷ lệ trả (mục tiêu 20 %)"),
    ("paid_online", "Thanh toán trực tuyến / paid online"),
    ("fees_vnd", "Phí (VND) / fees"),
    ("feedback_answers", "Phiếu khảo sát / answers"),
    ("satisfied_share", "Hài lòng / satisfied"),
)
_SHARES = {"received_by_post_share", "returned_by_post_share", "satisfied_share"}


def _table(report: Report, *, digits: int | None = 4) -> list[list[Any]]:
    return [[row.to_json(digits=digits)[name] for name, _ in COLUMNS] for row in [*report.rows, report.total]]


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in COLUMNS])
    for values in _table(report):
        writer.writerow(["" if v is None else v for v in values])
    return buffer.getvalue()


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{report.period} {report.by}"[:31]
    sheet.append([f"Báo cáo kiosk {report.period} theo {report.by} (Asia/Ho_Chi_Minh)"])
    sheet.append([label for _, label in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for values in _table(report):
        sheet.append(values)
    for index, (name, _) in enumerate(COLUMNS, start=1):
        if name in _SHARES:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                cell.number_format = "0.0%"
    last = 2 + len(report.rows)
    if report.rows:
        chart = BarChart()
        chart.title = "Tỷ lệ qua bưu chính / shares by post"
        for name in ("received_by_post_share", "returned_by_post_share"):
            column = [n for n, _ in COLUMNS].index(name) + 1
            chart.add_data(Reference(sheet, min_col=column, min_row=2, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=3, max_row=last))
        sheet.add_chart(chart, f"B{last + 4}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_pdf(report: Report, *, max_chart_bars: int = 20) -> bytes:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from kiosk.receipts.fonts import font_path

    regular, bold = "FleetNotoSans", "FleetNotoSans-Bold"
    if regular not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(regular, str(font_path(bold=False))))
        pdfmetrics.registerFont(TTFont(bold, str(font_path(bold=True))))
    title = ParagraphStyle("title", fontName=bold, fontSize=15, leading=19)
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9)

    def shown(name: str, value: Any) -> str:
        if value is None:
            return "—"
        if name in _SHARES:
            return f"{value * 100:.1f} %"
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return str(value)

    data = [[Paragraph(label, cell) for _, label in COLUMNS]]
    for values in _table(report, digits=None):
        data.append([Paragraph(shown(name, v), cell) for (name, _), v in zip(COLUMNS, values, strict=True)])
    table = Table(data, repeatRows=1, colWidths=[40 * mm] + [20 * mm] * (len(COLUMNS) - 1))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f3f3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )

    rows = report.rows[:max_chart_bars] or [report.total]
    drawing = Drawing(260 * mm, 70 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 12 * mm, 200 * mm, 50 * mm
    chart.data = [
        [(r.received_share or 0) * 100 for r in rows],
        [(r.returned_share or 0) * 100 for r in rows],
    ]
    chart.categoryAxis.categoryNames = [r.key[:14] for r in rows]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(40.0, *(max(s) for s in chart.data))
    chart.valueAxis.labels.fontName = regular
    chart.bars[0].fillColor = colors.HexColor("#3b7dd8")
    chart.bars[1].fillColor = colors.HexColor("#e39b2d")
    drawing.add(chart)
    for target, color in ((RECEIVED_BY_POST_TARGET, "#3b7dd8"), (RETURNED_BY_POST_TARGET, "#e39b2d")):
        y = chart.y + chart.height * target * 100 / chart.valueAxis.valueMax
        drawing.add(
            Line(
                chart.x,
                y,
                chart.x + chart.width,
                y,
                strokeColor=colors.HexColor(color),
                strokeDashArray=[3, 2],
            )
        )
    for row, (label, color) in enumerate(
        (("nhận qua BCCI (mục tiêu 5 %)", "#3b7dd8"), ("trả qua BCCI (mục tiêu 20 %)", "#e39b2d"))
    ):
        x, y = chart.x + chart.width + 4 * mm, chart.y + chart.height - (6 + 6 * row) * mm
        drawing.add(Rect(x, y, 3 * mm, 3 * mm, fillColor=colors.HexColor(color), strokeColor=None))
        drawing.add(String(x + 4 * mm, y + 0.5 * mm, label, fontName=regular, fontSize=7))

    total = report.total
    summary = (
        f"Hồ sơ nộp tại kiosk: {total.filed} (nộp ngay {total.online}, xếp hàng {total.queued}). "
        f"Nhận qua bưu chính: {shown('received_by_post_share', total.received_share)} "
        f"(mục tiêu tối thiểu 5 %); "
        f"trả kết quả qua bưu chính: {shown('returned_by_post_share', total.returned_share)} "
        f"(mục tiêu tối thiểu 20 %); thanh toán trực tuyến: {total.paid_online}; hài lòng: "
        f"{shown('satisfied_share', total.satisfied_share)} của {total.answers} phiếu."
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"Báo cáo kiosk {report.period}",
    )
    document.build(
        [
            Paragraph(f"Báo cáo kiosk Dịch vụ công — {report.period} — theo {report.by}", title),
            Paragraph(f"Tháng (giờ Việt Nam): {', '.join(report.months)}", body),
            Spacer(1, 3 * mm),
            Paragraph(summary, body),
            Spacer(1, 3 * mm),
            drawing,
            Spacer(1, 3 * mm),
            table,
        ]
    )
    return buffer.getvalue()


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "pdf": ("application/pdf", "pdf"),
}


def export(report: Report, fmt: str) -> bytes:
    if fmt == "csv":
        return to_csv(report).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(report)
    if fmt == "pdf":
        return to_pdf(report)
    raise ValueError(f"format must be json, csv, xlsx or pdf, not {fmt!r}")
