"""Dated static tables the rules read, each with the source it was taken from.

Nothing here is computed at import time from third-party data: tables that come from other packages are
generated offline by the scripts in ``scripts/`` and committed, so that the library's verdict never
changes when a dependency is upgraded.
"""
