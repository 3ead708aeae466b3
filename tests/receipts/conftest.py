from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.receipts.model import Delivery, DeliveryMethod, Receipt


@pytest.fixture
def receipt() -> Receipt:
    return Receipt(
        dossier_code="000.00.53.H48-251202-0099",
        procedure_code="1.001193.000.00.00.H26",
        procedure_name="Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
        applicant_name="Nguyễn Thị Hồng Nhung",
        fee_vnd=30000,
        delivery=Delivery(
            DeliveryMethod.POST, address="Số 12 ngõ 34 phố Hoàng Quốc Việt, Phường Nghĩa Đô, Hà Nội"
        ),
        kiosk_id="buu-dien-hoan-kiem-01",
        issued_at=datetime(2025, 12, 2, 14, 5),
        staff="Trần Văn Bình (NV012)",
    )
