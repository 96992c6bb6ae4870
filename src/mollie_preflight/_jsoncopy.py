"""Deep copies of JSON-like data that no input can break: no recursion, any depth, cycles preserved.

``copy.deepcopy`` recurses, so a payload nested a few thousand levels deep raises ``RecursionError``;
builders and ``fix_order`` promise new data for any input, so they copy with this instead.
"""

from __future__ import annotations


def copy_json(value: object) -> object:
    """A deep copy of JSON-like data without recursion (any depth is safe), arrays as lists.

    Containers are copied; scalars (and anything that is not a dict, list or tuple) are shared, being
    immutable or not ours to copy. A container reached twice (or a cycle) is copied once.
    """
    copies: dict[int, object] = {}
    root = _shell(value, copies)
    stack: list[object] = [value] if root is not value else []
    while stack:
        source = stack.pop()
        target = copies[id(source)]
        assert isinstance(source, (dict, list, tuple))
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, item in items:
            if isinstance(item, (dict, list, tuple)) and id(item) not in copies:
                stack.append(item)
            child = _shell(item, copies)
            if isinstance(target, dict):
                target[key] = child
            else:
                assert isinstance(target, list)
                target.append(child)
    return root


def _shell(value: object, copies: dict[int, object]) -> object:
    """The (still empty) copy of a container, registered in ``copies``; a scalar itself."""
    if not isinstance(value, (dict, list, tuple)):
        return value
    existing = copies.get(id(value))
    if existing is None:
        existing = {} if isinstance(value, dict) else []
        copies[id(value)] = existing
    return existing
