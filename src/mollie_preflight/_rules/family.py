"""What a rule family does to a whole request body: explain (``check``) and answer (``clean``).

Kept apart from ``rule.py`` because it speaks of the checker, and the checker speaks of rules: with both in
one module the kernel would import itself in a circle.
"""

from __future__ import annotations

from collections.abc import Callable

from .checker import Checker


class BodyFamily:
    """What a rule family does to a whole request body, declared once in the family's module.

    ``check`` explains: it reports every finding of the family's rules to the checker. ``clean`` only
    answers: ``True`` means ``check`` would report nothing on this body (whatever the options: they can
    only switch rules off or soften them); ``False`` means "ask ``check``". An endpoint's fast path is the
    conjunction of its families' ``clean``s, composed by the endpoint, never written separately; the test
    run re-checks every ``True`` with the ``check``s and names the family that disagrees.
    """

    __slots__ = ("check", "clean", "name")

    def __init__(
        self,
        name: str,
        check: Callable[[Checker, dict[object, object]], None],
        clean: Callable[[dict[object, object], Checker], bool],
    ) -> None:
        # A plain slotted class, set once here and never changed: not ``typing.NamedTuple`` (``typing`` is not
        # imported on ``validate_order``'s path) and not ``Frozen`` (mypyc compiles this module, and its native
        # classes cannot derive from ``Frozen``).
        self.name = name
        self.check = check
        self.clean = clean

    def __repr__(self) -> str:
        return f"BodyFamily({self.name!r})"
