"""``Frozen``: the base of the public value classes (``Violation``, ``Report``, ``Rule``, ``Source``, ``Options``)
and of the reference tables' records (``AmountLimits``, ``MethodChange``).

Written by hand rather than with ``dataclasses``: importing ``dataclasses`` (it imports ``inspect``, which
imports ``ast``, ``dis`` and ``tokenize``) and building each dataclass (it compiles its generated methods)
took about a third of ``from mollie_preflight import validate_order`` (benchmarks/PROFILE.md). The
behaviour is the frozen dataclass's: attributes cannot be set or deleted after construction, and equality,
hashing and ``repr`` follow the fields each class lists. Records built on hot paths, or in modules a mypyc
build compiles (its native classes cannot derive from this one), are plain slotted classes set once in
``__init__`` instead (``Money``, ``LineFigures``, ``Rate``, ``InvalidValue``, ``BodyFamily``,
``LineDialect``). None is a ``typing.NamedTuple``: ``typing`` alone cost a fifth of ``from mollie_preflight
import validate_order``.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar


class Frozen:
    """Immutable after ``__init__``; compared, hashed and shown by the fields a subclass lists.

    A subclass declares its ``__slots__``, lists them in ``_FIELDS`` (the ``repr`` order, and its
    ``__init__``'s parameters in order, which pickling relies on) and in ``_COMPARED`` (those equality and
    hashing use), and fills them in ``__init__`` with ``_assign``.
    """

    __slots__ = ()
    _FIELDS: ClassVar[tuple[str, ...]] = ()
    _COMPARED: ClassVar[tuple[str, ...]] = ()

    def _assign(self, names: tuple[str, ...], values: tuple[object, ...]) -> None:
        """Fill the slots ``names`` with ``values``, past ``__setattr__`` (for ``__init__`` only)."""
        for name, value in zip(names, values, strict=True):
            object.__setattr__(self, name, value)

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._COMPARED)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Frozen)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[type[Frozen], tuple[object, ...]]:
        """Pickled (and copied) by its constructor's arguments: ``_FIELDS`` are its parameters, in order."""
        return (type(self), tuple(getattr(self, name) for name in self._FIELDS))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is immutable")
