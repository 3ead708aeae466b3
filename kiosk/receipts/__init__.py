"""Dossier receipts: what they say (`model`), on a thermal printer (`thermal`) and as PDF (`pdf`)."""

from kiosk.receipts.model import (
    Delivery,
    DeliveryMethod,
    Receipt,
    format_vnd,
    mask_address,
    mask_name,
    receipt_content,
)

__all__ = [
    "Delivery",
    "DeliveryMethod",
    "Receipt",
    "format_vnd",
    "mask_address",
    "mask_name",
    "receipt_content",
]
