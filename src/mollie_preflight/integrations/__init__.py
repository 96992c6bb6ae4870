"""Bridges to other software. Each module imports nothing from its third-party counterpart at import time,
so installing the extra is only needed to *use* the counterpart, never to import ``mollie_preflight``.
"""
