"""Hotline Desk: an offline desk for customer-service hotline agents."""

__version__ = "0.1.0"
APP_NAME = "Hotline Desk"
APP_ID = "HotlineDesk"
