"""The receipt says how the result comes back, as the citizen chose it on the delivery screen."""

from __future__ import annotations

from kiosk.receipts.model import DeliveryMethod
from kiosk.ui.receipt_print import receipt_delivery

ADDRESS = {"street": "Số 12 ngõ 34", "commune_name": "Phường Nghĩa Đô", "province_name": "Thành phố Hà Nội"}


def test_post_and_pickup_carry_the_address_and_the_slot() -> None:
    post = receipt_delivery({"method": "post", "address": ADDRESS})
    assert post.method is DeliveryMethod.POST
    assert post.address == "Số 12 ngõ 34, Phường Nghĩa Đô, Thành phố Hà Nội"
    pickup = receipt_delivery({"method": "pickup", "address": ADDRESS,
                               "slot": "2026-12-01T08:00:00+07:00/2026-12-01T10:00:00+07:00"})
    assert pickup.method is DeliveryMethod.HOME_PICKUP and pickup.pickup_slot is not None
    assert pickup.pickup_slot[1].hour == 10


def test_counter_online_and_nothing_chosen() -> None:
    assert receipt_delivery({"method": "counter"}).method is DeliveryMethod.COUNTER
    assert receipt_delivery({"method": "online"}).method is DeliveryMethod.ONLINE
    assert receipt_delivery({}).method is DeliveryMethod.ONLINE
