from __future__ import annotations

import pytest

from kiosk.domain.vietqr import VietQR, ascii_purpose, build_payload, crc16_ccitt_false, parse_payload

# shared/DOMAIN.md §7, verified against a bank app.
VERIFIED = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN"
    "62170813ung ho lu lut6304C15C"
)


def test_crc16_ccitt_false_check_value() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1  # the catalogue check value of CRC-16/CCITT-FALSE


def test_the_verified_example_round_trips() -> None:
    qr = parse_payload(VERIFIED)
    assert qr == VietQR(
        bank_bin="970415",
        account="0011001932418",
        amount_vnd=120000,
        purpose="ung ho lu lut",
        service="QRIBFTTA",
        dynamic=True,
    )
    assert build_payload(qr) == VERIFIED


def test_a_static_qr_without_amount_or_purpose() -> None:
    payload = VietQR("970436", "1234567890").payload()
    assert payload.startswith("000201010211")
    assert "54" not in payload[: payload.index("5802")].split("5303704")[1]
    assert parse_payload(payload).amount_vnd is None
    assert parse_payload(payload).dynamic is False


@pytest.mark.parametrize(
    ("payload", "hint"),
    [
        (VERIFIED[:-4] + "C15D", "CRC"),
        (VERIFIED.replace("120000", "130000"), "CRC"),
        ("000201", "CRC"),
    ],
)
def test_damaged_payloads_are_refused(payload: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        parse_payload(payload)


def test_purpose_is_folded_to_ascii_and_cut_to_25() -> None:
    assert ascii_purpose("Lệ phí hồ sơ Đăng ký khai sinh") == "Le phi ho so Dang ky khai"
    with pytest.raises(ValueError, match="purpose"):
        VietQR("970415", "1", 1000, "Lệ phí").payload()
    with pytest.raises(ValueError, match="amount"):
        VietQR("970415", "1", 0).payload()


def test_dossier_code_fits_the_purpose() -> None:
    payload = VietQR("970415", "0011001932418", 50000, "000.00.00.H26-250701-0001").payload()
    assert parse_payload(payload).purpose == "000.00.00.H26-250701-0001"
