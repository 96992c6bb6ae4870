"""The ``mollie-preflight`` linter: reads order exports, validates every order, reports in CI formats.

Nothing in the core imports this package; it and its optional libraries (``tomli`` on 3.10)
load only when the command runs, so ``import mollie_preflight`` stays light for checkout code.
"""
