"""The receipt says how the result comes back, as the citizen chose it on the delivery screen, and who
pays the postage (with the fee by VietQR, or the postman cash on delivery)."""

from __future__ import annotations

from kiosk.receipts.model import DeliveryMethod
from kiosk.ui.receipt_print import receipt_delivery
from kiosk.ui.texts import say

ADDRESS = {"recipient_name": "Nguyễn Văn An", "phone": "0912345678", "street": "Số 12 ngõ 34",
           "commune_code": "00166", "commune_name": "Phường Nghĩa Đô", "province_code": "01",
           "province_name": "Thành phố Hà Nội"}


def test_post_and_pickup_carry_the_address_and_the_slot() -> None:
    post = receipt_delivery({"method": "post", "address": ADDRESS})
    assert post.method is DeliveryMethod.POST
    assert post.address == "Số 12 ngõ 34, Phường Nghĩa Đô, Thành phố Hà Nội"
    pickup = receipt_delivery({"method": "pickup", "address": ADDRESS, "slot_id": "20261201-08",
                               "slot": "2026-12-01T08:00:00+07:00/2026-12-01T10:00:00+07:00"})
    assert pickup.method is DeliveryMethod.HOME_PICKUP and pickup.pickup_slot is not None
    assert pickup.pickup_slot[1].hour == 10


def test_counter_online_and_nothing_chosen() -> None:
    assert receipt_delivery({"method": "counter"}).method is DeliveryMethod.COUNTER
    assert receipt_delivery({"method": "online"}).method is DeliveryMethod.ONLINE
    assert receipt_delivery({}).method is DeliveryMethod.ONLINE


def test_the_receipt_says_who_pays_the_postage() -> None:
    from kiosk.receipts.model import postage_text

    address = ADDRESS
    paid = receipt_delivery({"method": "post", "address": address, "postal_fee_vnd": 16_500,
                             "fee_payment": "vietqr"})
    assert postage_text(paid, say) == "16.500 ₫, đã nộp cùng lệ phí (VietQR) / paid with the fee (VietQR)"
    cod = receipt_delivery({"method": "post", "address": address, "postal_fee_vnd": 16_500,
                            "fee_payment": "cash_on_delivery"})
    text = postage_text(cod, say)
    assert text is not None and "trả bưu tá khi nhận (COD)" in text
    assert postage_text(receipt_delivery({"method": "counter"}), say) is None
