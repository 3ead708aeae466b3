"""VietQR payloads (NAPAS's profile of the EMVCo merchant-presented QR), built and parsed.

A payload is a run of data objects ``ID(2) LEN(2) VALUE``; the last one is the CRC (tag 63): CRC-16/
CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) over everything before it including
the literal ``6304``, written as four upper-case hex digits. See shared/DOMAIN.md §7.

Pure functions; `parse_payload` raises ValueError saying what is wrong, so a payload a portal sends can be
checked before the kiosk shows it to a citizen who is about to pay.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
MAX_PURPOSE = 25
_PURPOSE_OK = re.compile(r"[\x20-\x7e]*")


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"VietQR field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def _split(text: str, what: str) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        head = text[pos : pos + 4]
        if len(head) < 4 or not head.isdigit():
            raise ValueError(f"{what}: bad data object header at offset {pos}")
        length = int(head[2:])
        value = text[pos + 4 : pos + 4 + length]
        if len(value) != length:
            raise ValueError(f"{what}: data object {head[:2]} is cut short")
        items.append((head[:2], value))
        pos += 4 + length
    return items


def ascii_purpose(text: str) -> str:
    """Purpose text as banks accept it: diacritics removed (đ→d), printable ASCII, at most 25 characters."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    plain = "".join(ch for ch in plain if _PURPOSE_OK.fullmatch(ch))
    return " ".join(plain.split())[:MAX_PURPOSE]


@dataclass(frozen=True)
class VietQR:
    bank_bin: str  # 6-digit NAPAS bank identifier, e.g. 970415
    account: str  # account (or card) number
    amount_vnd: int | None = None
    purpose: str | None = None
    service: str = SERVICE_TO_ACCOUNT
    dynamic: bool | None = None  # None: dynamic exactly when there is an amount

    def payload(self) -> str:
        return build_payload(self)


def build_payload(qr: VietQR) -> str:
    if not re.fullmatch(r"\d{6}", qr.bank_bin):
        raise ValueError("bank BIN must be 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", qr.account):
        raise ValueError("account number must be 1–19 letters or digits")
    if qr.service not in (SERVICE_TO_ACCOUNT, SERVICE_TO_CARD):
        raise ValueError(f"service must be {SERVICE_TO_ACCOUNT} or {SERVICE_TO_CARD}")
    if qr.amount_vnd is not None and qr.amount_vnd <= 0:
        raise ValueError("amount must be a positive whole number of đồng")
    if qr.purpose is not None and (len(qr.purpose) > MAX_PURPOSE or not _PURPOSE_OK.fullmatch(qr.purpose)):
        raise ValueError("purpose must be printable ASCII of at most 25 characters (see ascii_purpose)")
    dynamic = qr.amount_vnd is not None if qr.dynamic is None else qr.dynamic
    beneficiary = _tlv("00", qr.bank_bin) + _tlv("01", qr.account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", qr.service)
    body = _tlv("00", "01") + _tlv("01", "12" if dynamic else "11") + _tlv("38", merchant)
    body += _tlv("53", CURRENCY_VND)
    if qr.amount_vnd is not None:
        body += _tlv("54", str(qr.amount_vnd))
    body += _tlv("58", COUNTRY_VN)
    if qr.purpose:
        body += _tlv("62", _tlv("08", qr.purpose))
    body += "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def parse_payload(text: str) -> VietQR:
    """Read a VietQR payload; ValueError on a bad CRC, a missing field or a non-VietQR EMV code."""
    text = text.strip()
    if len(text) < 8 or text[-8:-4] != "6304":
        raise ValueError("VietQR: the payload does not end with a CRC (tag 63)")
    expected = crc16_ccitt_false(text[:-4].encode("ascii", errors="replace"))
    if text[-4:].upper() != f"{expected:04X}":
        raise ValueError(f"VietQR: CRC {text[-4:]} does not match the content ({expected:04X})")
    fields = dict(_split(text[:-8], "VietQR"))
    if fields.get("00") != "01":
        raise ValueError("VietQR: payload format indicator (tag 00) must be 01")
    if fields.get("53", CURRENCY_VND) != CURRENCY_VND or fields.get("58", COUNTRY_VN) != COUNTRY_VN:
        raise ValueError("VietQR: currency must be 704 (VND) and country VN")
    if "38" not in fields:
        raise ValueError("VietQR: no merchant account information (tag 38)")
    merchant = dict(_split(fields["38"], "VietQR tag 38"))
    if merchant.get("00") != NAPAS_GUID:
        raise ValueError("VietQR: tag 38 is not a NAPAS account (GUID A000000727)")
    beneficiary = dict(_split(merchant.get("01", ""), "VietQR tag 38.01"))
    if "00" not in beneficiary or "01" not in beneficiary:
        raise ValueError("VietQR: tag 38.01 needs a bank BIN and an account")
    amount: int | None = None
    if "54" in fields:
        if not fields["54"].isdigit():
            raise ValueError("VietQR: amount (tag 54) must be whole đồng")
        amount = int(fields["54"])
    purpose = dict(_split(fields["62"], "VietQR tag 62")).get("08") if "62" in fields else None
    return VietQR(
        bank_bin=beneficiary["00"],
        account=beneficiary["01"],
        amount_vnd=amount,
        purpose=purpose,
        service=merchant.get("02", SERVICE_TO_ACCOUNT),
        dynamic=fields.get("01") == "12",
    )
