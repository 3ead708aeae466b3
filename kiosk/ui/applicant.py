"""Who files the dossier: the applicant-type choice and its fields, as a peer view-model (QML: `applicant`).

At the start of the identify step the citizen says who files, in plain words (Vietnamese first): "Tôi là
công dân Việt Nam" reads the card as before; "Người nước ngoài" reads the passport (or types its number);
"Tổ chức / doanh nghiệp" and "Chưa có số định danh" go straight to typed details; "Nộp thay người thân"
reads the representative's own card, then asks for the represented person. The details screen shows the
chosen kind's fields (free-text passport number, the tax code, the representative's ID…) and checks them
with kiosk.domain.applicant's rules, every problem at once, before the journey goes on.

The values live in the flow's session (`applicant_kind`, `applicant_extra`, the card's fields), so the
review, the receipt, the dossier and the wipe need nothing from this object. The review and receipt lines
(`review_rows`, `receipt_identity`) are pure functions of the session.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.applicant import (
    REQUIRED_KEYS,
    Applicant,
    ApplicantKind,
    applicant_problems,
    mask_identifier,
    normalise_organisation_code,
    normalise_passport,
)
from kiosk.sync.component_files import MetadataSource
from kiosk.ui.flow import APPLICANT_FIELDS, CitizenSession, FlowError, KioskFlow, Screen
from kiosk.ui.list_models import DictListModel
from kiosk.ui.texts import APPLICANT_LABELS, QT_TRANSLATE_NOOP, SEX_TEXT, pick, say

#: Plain words for the kind, on the review and the identity line (the paper receipt prints the same words,
#: notices applicant.kind.<kind>, both languages at once).
KIND_LABELS: dict[ApplicantKind, str] = {
    ApplicantKind.CITIZEN: QT_TRANSLATE_NOOP("Texts", "Công dân Việt Nam"),
    ApplicantKind.FOREIGNER: QT_TRANSLATE_NOOP("Texts", "Người nước ngoài"),
    ApplicantKind.ORGANISATION: QT_TRANSLATE_NOOP("Texts", "Tổ chức / doanh nghiệp"),
    ApplicantKind.NO_ID: QT_TRANSLATE_NOOP("Texts", "Người chưa có số định danh"),
    ApplicantKind.REPRESENTATIVE: QT_TRANSLATE_NOOP("Texts", "Nộp thay người thân"),
}
#: What the identifier is called on the identity line.
IDENTIFIER_LABELS: dict[ApplicantKind, str] = {
    ApplicantKind.CITIZEN: QT_TRANSLATE_NOOP("Texts", "Số định danh"),
    ApplicantKind.FOREIGNER: QT_TRANSLATE_NOOP("Texts", "Số hộ chiếu"),
    ApplicantKind.ORGANISATION: QT_TRANSLATE_NOOP("Texts", "Mã số doanh nghiệp"),
    ApplicantKind.NO_ID: QT_TRANSLATE_NOOP("Texts", "Năm sinh"),
    ApplicantKind.REPRESENTATIVE: QT_TRANSLATE_NOOP("Texts", "Số định danh người nộp"),
}

#: The choice, in the order shown; the second line says plainly what each one means.
KIND_CHOICES: tuple[tuple[ApplicantKind, str, str], ...] = (
    (ApplicantKind.CITIZEN, QT_TRANSLATE_NOOP("Texts", "Tôi là công dân Việt Nam"),
     QT_TRANSLATE_NOOP("Texts", "Có thẻ căn cước")),
    (ApplicantKind.REPRESENTATIVE, QT_TRANSLATE_NOOP("Texts", "Nộp thay người thân"),
     QT_TRANSLATE_NOOP("Texts", "Ví dụ cho cha, mẹ già")),
    (ApplicantKind.FOREIGNER, QT_TRANSLATE_NOOP("Texts", "Người nước ngoài"),
     QT_TRANSLATE_NOOP("Texts", "Dùng hộ chiếu")),
    (ApplicantKind.ORGANISATION, QT_TRANSLATE_NOOP("Texts", "Tổ chức / doanh nghiệp"),
     QT_TRANSLATE_NOOP("Texts", "Có mã số doanh nghiệp / mã số thuế")),
    (ApplicantKind.NO_ID, QT_TRANSLATE_NOOP("Texts", "Chưa có số định danh"),
     QT_TRANSLATE_NOOP("Texts", "Nhập họ tên, năm sinh, giấy tờ đang có")),
)

#: The fields each kind types (the citizen's come from the card), in display order.
KIND_FIELDS: dict[ApplicantKind, tuple[str, ...]] = {
    ApplicantKind.CITIZEN: APPLICANT_FIELDS,
    ApplicantKind.REPRESENTATIVE: (*APPLICANT_FIELDS, "on_behalf_name", "on_behalf_id_number",
                                   "relationship"),
    ApplicantKind.FOREIGNER: ("full_name", "passport_number", "nationality", "date_of_birth", "sex"),
    ApplicantKind.ORGANISATION: ("organisation_code", "full_name", "representative_name",
                                 "representative_id_number", "address"),
    ApplicantKind.NO_ID: ("full_name", "birth_year", "issue_date", "issuing_body", "address"),
}

FIELD_LABELS: dict[str, str] = {
    **APPLICANT_LABELS,
    "passport_number": QT_TRANSLATE_NOOP("Texts", "Số hộ chiếu"),
    "nationality": QT_TRANSLATE_NOOP("Texts", "Quốc tịch (mã trên hộ chiếu, ví dụ USA, KOR, D)"),
    "organisation_code": QT_TRANSLATE_NOOP("Texts", "Mã số doanh nghiệp / mã số thuế"),
    "representative_name": QT_TRANSLATE_NOOP("Texts", "Họ tên người đại diện của tổ chức"),
    "representative_id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh của người đại diện (12 chữ số)"),
    "birth_year": QT_TRANSLATE_NOOP("Texts", "Năm sinh"),
    "issue_date": QT_TRANSLATE_NOOP("Texts", "Ngày cấp giấy tờ đang có (ví dụ giấy khai sinh)"),
    "issuing_body": QT_TRANSLATE_NOOP("Texts", "Nơi cấp giấy tờ đó"),
    "on_behalf_name": QT_TRANSLATE_NOOP("Texts", "Họ tên người được nộp thay"),
    "on_behalf_id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh của người được nộp thay (12 chữ số)"),
    "relationship": QT_TRANSLATE_NOOP("Texts", "Quan hệ với người đó (ví dụ: con)"),
}
#: Labels that read differently for one kind.
KIND_FIELD_LABELS: dict[tuple[ApplicantKind, str], str] = {
    (ApplicantKind.FOREIGNER, "full_name"): QT_TRANSLATE_NOOP("Texts", "Họ tên như trên hộ chiếu (chữ in "
                                                                       "hoa)"),
    (ApplicantKind.ORGANISATION, "full_name"): QT_TRANSLATE_NOOP("Texts", "Tên tổ chức / doanh nghiệp"),
    (ApplicantKind.ORGANISATION, "address"): QT_TRANSLATE_NOOP("Texts", "Địa chỉ trụ sở"),
    (ApplicantKind.REPRESENTATIVE, "full_name"): QT_TRANSLATE_NOOP("Texts", "Họ tên người đi nộp (ông/bà)"),
    (ApplicantKind.REPRESENTATIVE, "id_number"): QT_TRANSLATE_NOOP("Texts", "Số định danh của người đi nộp"),
}
#: How each field is typed: the on-screen keyboard and the widget follow it.
FIELD_INPUT: dict[str, str] = {
    "id_number": "digits", "representative_id_number": "digits", "on_behalf_id_number": "digits",
    "birth_year": "digits", "organisation_code": "taxcode", "passport_number": "code", "nationality": "code",
    "date_of_birth": "date", "issue_date": "date", "sex": "sex", "address": "multiline",
}
#: Where the details screen is reached without a card (nothing to read for these kinds).
TYPED_KINDS = frozenset({ApplicantKind.ORGANISATION, ApplicantKind.NO_ID})

_READ_TITLES: dict[ApplicantKind, str] = {
    ApplicantKind.CITIZEN: QT_TRANSLATE_NOOP("Texts", "Đưa thẻ căn cước vào trước camera"),
    ApplicantKind.REPRESENTATIVE: QT_TRANSLATE_NOOP("Texts", "Đưa thẻ căn cước của người đi nộp vào trước "
                                                             "camera"),
    ApplicantKind.FOREIGNER: QT_TRANSLATE_NOOP("Texts", "Đưa trang có ảnh của hộ chiếu vào trước camera"),
}
_TYPE_INSTEAD: dict[ApplicantKind, str] = {
    ApplicantKind.FOREIGNER: QT_TRANSLATE_NOOP("Texts", "Nhập số hộ chiếu bằng tay"),
}


def _kind(session: CitizenSession) -> ApplicantKind:
    return ApplicantKind.parse(session.applicant_kind) or ApplicantKind.CITIZEN


def field_label(kind: ApplicantKind, name: str, lang: str) -> str:
    return pick(KIND_FIELD_LABELS.get((kind, name), FIELD_LABELS.get(name, (name, name))), lang)


def review_rows(session: CitizenSession, lang: str) -> list[dict[str, str]]:
    """The review's lines about who files: the kind, and (for the kinds the card does not cover) the
    typed identifiers; a representative's represented person."""
    kind = _kind(session)
    rows = [{"label": pick(QT_TRANSLATE_NOOP("Texts", "Người nộp hồ sơ"), lang),
             "value": pick(KIND_LABELS[kind], lang)}]
    names: tuple[str, ...]
    if kind in (ApplicantKind.CITIZEN, ApplicantKind.REPRESENTATIVE):
        names = ("on_behalf_name", "on_behalf_id_number", "relationship") \
            if kind is ApplicantKind.REPRESENTATIVE else ()
    else:
        names = KIND_FIELDS[kind]
    for name in names:
        value = session.applicant_extra.get(name, "").strip()
        if not value:
            continue
        if name == "sex":
            value = pick(SEX_TEXT.get(value, (value, value)), lang)
        rows.append({"label": field_label(kind, name, lang), "value": value})
    return rows


def receipt_identity(session: CitizenSession) -> dict[str, str]:
    """What the receipt prints about the applicant (kiosk.receipts.model.Receipt's applicant fields)."""
    values = session.applicant_values()
    try:
        applicant = Applicant.from_json(values)
    except ValueError:
        return {"applicant_kind": ApplicantKind.CITIZEN.value, "applicant_identifier": "",
                "on_behalf_name": ""}
    identifier = applicant.identifier or applicant.get("birth_year")
    return {"applicant_kind": applicant.kind.value, "applicant_identifier": identifier,
            "on_behalf_name": applicant.get("on_behalf_name")}


def masked_identity_line(session: CitizenSession, lang: str) -> str:
    """One line for the receipt screen: "Người nước ngoài · Số hộ chiếu ***T47"."""
    identity = receipt_identity(session)
    kind = ApplicantKind(identity["applicant_kind"])
    line = pick(KIND_LABELS[kind], lang)
    if identity["applicant_identifier"]:
        value = identity["applicant_identifier"]
        shown = value if kind is ApplicantKind.NO_ID else mask_identifier(value)
        line += f" · {pick(IDENTIFIER_LABELS[kind], lang)} {shown}"
    return line


def metadata_source(session: CitizenSession, documents: Any, *, kiosk_id: str,
                    clerk: str | None) -> MetadataSource:
    """Where this visit's Decree 107 metadata comes from: the applicant and answers of the session, the
    card's dates, what was typed on the documents screen (`documents`: the documents view-model, with its
    `entries()` and the configured document-code pattern), the assisting clerk (staff mode) and the kiosk."""
    reading = session.reading
    card = {}
    if reading is not None:
        card = {k: v.isoformat() for k, v in (("issue_date", reading.issue_date),
                                              ("expiry_date", reading.expiry_date)) if v is not None}
    return MetadataSource(applicant=session.applicant_values(), answers=dict(session.answers),
                          entries=documents.entries(), kiosk_id=kiosk_id,
                          clerk=clerk or "", code_pattern=documents.code_pattern, card=card)


class ApplicantViewModel(QObject):
    """QML: `applicant.kinds`, `applicant.choose(kind)`, `applicant.fields`, `applicant.setField`,
    `applicant.confirm()`; `custom` is true for every kind but the plain citizen's."""

    changed = Signal()

    def __init__(self, *, flow: KioskFlow, language: Callable[[], str],
                 message: Callable[[str], None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flow = flow
        self._language = language
        self._message = message or (lambda text: None)
        self._errors: dict[str, str] = {}
        self.fields = DictListModel(("name", "label", "value", "error", "input", "required", "fromCard"),
                                    self)
        flow.subscribe(self._on_screen)

    def clear(self) -> None:
        """Its part of the wipe: the reasons and rows shown for the last citizen (the values themselves
        live in the flow's session, which the wipe renews)."""
        self._errors = {}
        self.fields.set_rows([])
        self.changed.emit()

    # -- state ---------------------------------------------------------------------------------------
    @property
    def applicant_kind(self) -> ApplicantKind:
        return _kind(self._flow.session)

    def _on_screen(self, screen: Screen) -> None:
        if screen in (Screen.CONFIRM, Screen.READ_CARD, Screen.ATTRACT):
            self._errors = {}
            self.refill()
            self.changed.emit()

    def refill(self) -> None:
        """The chosen kind's rows from the session (also after a language switch)."""
        session, kind, lang = self._flow.session, self.applicant_kind, self._language()
        if kind is ApplicantKind.CITIZEN:
            self.fields.set_rows([])
            return
        required = set(REQUIRED_KEYS[kind])
        if kind is ApplicantKind.REPRESENTATIVE:
            required |= {"date_of_birth", "sex"}
        rows = []
        for name in KIND_FIELDS[kind]:
            card = session.applicant.get(name) if kind is ApplicantKind.REPRESENTATIVE else None
            value = card.value if card is not None else session.applicant_extra.get(name, "")
            rows.append({"name": name, "label": field_label(kind, name, lang), "value": value,
                         "error": self._errors.get(name, ""), "input": FIELD_INPUT.get(name, "text"),
                         "required": name in required, "fromCard": bool(card is not None and card.from_card)})
        self.fields.set_rows(rows)

    # -- QML -----------------------------------------------------------------------------------------
    def _get_kind(self) -> str:
        return self.applicant_kind.value

    def _get_custom(self) -> bool:
        return self.applicant_kind is not ApplicantKind.CITIZEN

    def _get_kinds(self) -> list[dict[str, Any]]:
        lang = self._language()
        return [{"value": kind.value, "label": pick(label, lang), "hint": pick(hint, lang),
                 "chosen": kind is self.applicant_kind} for kind, label, hint in KIND_CHOICES]

    def _get_kind_label(self) -> str:
        return pick(KIND_LABELS[self.applicant_kind], self._language())

    def _get_reads_card(self) -> bool:
        return self.applicant_kind not in TYPED_KINDS

    def _get_read_title(self) -> str:
        title = _READ_TITLES.get(self.applicant_kind, _READ_TITLES[ApplicantKind.CITIZEN])
        return pick(title, self._language())

    def _get_type_instead(self) -> str:
        default = QT_TRANSLATE_NOOP("Texts", "Không có thẻ? Nhập thông tin bằng tay")
        return pick(_TYPE_INSTEAD.get(self.applicant_kind, default), self._language())

    def _fields_model(self) -> QObject:
        return self.fields

    def _get_identity_line(self) -> str:
        return masked_identity_line(self._flow.session, self._language())

    def _get_question(self) -> str:
        return pick(QT_TRANSLATE_NOOP("Texts", "Ai nộp hồ sơ?"), self._language())

    def _get_read_subtitle(self) -> str:
        if self.applicant_kind is ApplicantKind.FOREIGNER:
            return pick(QT_TRANSLATE_NOOP("Texts", "Trang có ảnh và hai dòng mã ở cuối trang hướng vào "
                                                   "camera. Máy sẽ tự đọc."), self._language())
        return pick(QT_TRANSLATE_NOOP("Texts", "Mặt có mã QR hướng vào camera. Máy sẽ tự đọc, ông/bà không "
                                               "cần bấm gì."),
                    self._language())

    def _get_first_error(self) -> int:
        """The row of the first field with a problem (-1: none), so the screen can scroll to it."""
        return next((i for i, row in enumerate(self.fields.rows()) if row["error"]), -1)

    firstError = Property(int, _get_first_error, notify=changed)
    question = Property(str, _get_question, notify=changed)
    readSubtitle = Property(str, _get_read_subtitle, notify=changed)
    kind = Property(str, _get_kind, notify=changed)
    custom = Property(bool, _get_custom, notify=changed)
    kinds = Property("QVariantList", _get_kinds, notify=changed)  # type: ignore[arg-type]
    kindLabel = Property(str, _get_kind_label, notify=changed)
    readsCard = Property(bool, _get_reads_card, notify=changed)
    readTitle = Property(str, _get_read_title, notify=changed)
    typeInsteadText = Property(str, _get_type_instead, notify=changed)
    fieldModel = Property(QObject, _fields_model, constant=True)
    identityLine = Property(str, _get_identity_line, notify=changed)

    @Slot(str)
    def choose(self, kind: str) -> None:
        """The citizen's choice; organisations and people without an ID number have no card to show, so
        their details come at once."""
        flow = self._flow
        if flow.screen not in (Screen.READ_CARD, Screen.CONFIRM):
            return
        flow.choose_applicant_kind(kind)
        self._errors = {}
        if flow.screen is Screen.READ_CARD and self.applicant_kind in TYPED_KINDS:
            flow.type_instead()
        self.refill()
        self.changed.emit()

    @Slot(str, str)
    def setField(self, name: str, value: str) -> None:
        flow = self._flow
        if flow.screen is not Screen.CONFIRM:
            return
        # Typed as people type them ("c01x 00t47", "0123 456 789-001"): kept as the portal wants them.
        if name == "passport_number":
            value = normalise_passport(value)
        elif name == "organisation_code":
            value = normalise_organisation_code(value)
        elif name == "nationality" or (name, self.applicant_kind) == ("full_name", ApplicantKind.FOREIGNER):
            value = value.upper()  # as in the passport's MRZ
        try:
            if self.applicant_kind is ApplicantKind.REPRESENTATIVE and name in flow.session.applicant:
                flow.edit_field(name, value)
            else:
                flow.edit_extra(name, value)
        except FlowError:
            return
        self._errors.pop(name, None)
        row = self.fields.find("name", name)
        if row >= 0:
            self.fields.update_row(row, value=value, error="", fromCard=False)

    @Slot(result=bool)
    def confirm(self) -> bool:
        """Check the kind's fields (every problem at once, shown under each field), then go on."""
        flow = self._flow
        if flow.screen is not Screen.CONFIRM:
            return False
        problems = applicant_problems(flow.session.applicant_values(), today=date.today())
        lang = self._language()
        self._errors = {p.field: say(p.notice, lang) for p in problems}
        for name in flow.missing_fields():
            self._errors.setdefault(name, pick(QT_TRANSLATE_NOOP("Texts", "Vui lòng điền ô này."), lang))
        self.refill()
        if self._errors:
            self._message(pick(QT_TRANSLATE_NOOP("Texts", "Xin kiểm tra các ô được đánh dấu đỏ."), lang))
            self.changed.emit()
            return False
        flow.confirm_details()
        self.changed.emit()
        return True

    @Slot()
    def relabel(self) -> None:
        """After a language switch."""
        self.refill()
        self.changed.emit()
