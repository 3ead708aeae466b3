"""Kiosk Dịch vụ công."""
__version__ = "0.1.0"
