"""Whether this copy of the package is the mypyc-compiled build (``MOLLIE_PREFLIGHT_COMPILE=1``, setup.py).

Both builds run the same source and give the same findings; the compiled one is faster. The linter's
``--version`` says which one is installed, and the test suite leaves out the checks that work by replacing
functions at run time, which compiled code does not look up again (the pure build runs them).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

#: True when this module, and so every module setup.py compiles with it, is an extension module.
COMPILED: Final[bool] = not __file__.endswith(".py")
