"""The package's layers, as a contract: imports run downwards only, never in a circle, never into a sibling's
private names.

A newcomer should be able to read the package bottom-up: the primitives (money, the formulas, findings,
Mollie's reference tables) know nothing of rules; the rule kernel (what a rule is, the checker, citations)
knows nothing of the families; the families come in three floors: those both APIs share (``_rules/common``),
the Orders API's (``_rules/orders``) and the Payments API's (``_rules/payments``, which reuse an order rule
where Mollie documents a parameter identically), each knowing only the floors below; the registry knows
every family; options resolve selectors against the registry; the entry points (the validators, builders,
fixers, the lifecycle model) compose families; the public namespace re-exports entry points; the adapters
(the linter, the client guard) sit on top. This test reads every import of every module (at the top, inside
functions and under ``TYPE_CHECKING`` alike: a lazy import is still a dependency) and holds it to that order.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mollie_preflight"

#: Layers from the bottom up; a module belongs to the first whose prefix matches its dotted name.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("primitives", ("_frozen", "_lazy", "_reference", "_findings", "_money", "_vat", "_calc", "_jsoncopy", "types")),
    (
        "rule kernel",
        ("_rules.rule", "_rules.citations", "_rules.values", "_rules.settings", "_rules.checker", "_rules.family"),
    ),
    ("families both APIs share", ("_rules.common",)),
    ("Orders API families", ("_rules.orders",)),
    ("Payments API families", ("_rules.payments",)),
    ("registry", ("_rules.registry",)),
    ("configuration", ("_options",)),
    ("entry points", ("",)),
    ("public namespace", ("__init__",)),
    ("adapters", ("_cli", "integrations")),
)
#: Checked before LAYERS: modules whose place a prefix would get wrong.
#: ``python -m mollie_preflight`` is the linter, an adapter.
EXACT: dict[str, str] = {"__init__": "public namespace", "__main__": "adapters", "_rules": "rule kernel"}


def _layer(module: str) -> int:
    names = [name for name, _ in LAYERS]
    if module in EXACT:
        return names.index(EXACT[module])
    matches = [
        (index, len(prefix))
        for index, (_, prefixes) in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix.rstrip(".")
        or module.startswith(prefix if prefix.endswith(".") else prefix + ".")
        or prefix == ""
    ]
    # The longest matching prefix wins; "" (the entry points) only when nothing else matches.
    return max(matches, key=lambda match: match[1])[0]


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, str | None]]:
    """(imported module, imported name or None) for every import in the file, relative ones resolved."""
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    if module == "__init__":
        package = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and node.module.startswith("mollie_preflight"):
                target = node.module.removeprefix("mollie_preflight").lstrip(".")
            else:
                continue
            for alias in node.names:
                full = f"{target}.{alias.name}" if target else alias.name
                yield (full, None) if full in known else (target or "__init__", alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mollie_preflight."):
                    yield alias.name.removeprefix("mollie_preflight."), None


def _graph() -> dict[str, set[tuple[str, str | None]]]:
    known = _modules()
    return {module: set(_imports(module, path, known)) for module, path in known.items()}


def test_every_module_has_a_layer() -> None:
    assert all(0 <= _layer(module) < len(LAYERS) for module in _modules())
    assert LAYERS[_layer("_rules.common.lines")][0] == "families both APIs share"
    assert LAYERS[_layer("_rules.orders.body")][0] == "Orders API families"
    assert LAYERS[_layer("_rules.payments.body")][0] == "Payments API families"
    assert LAYERS[_layer("_rules.registry")][0] == "registry"
    assert LAYERS[_layer("_create_order")][0] == "entry points"
    assert LAYERS[_layer("_cli.main")][0] == "adapters"
    assert LAYERS[_layer("_reference.currencies")][0] == "primitives"


def test_imports_run_downwards_only() -> None:
    upwards = [
        f"{module} ({LAYERS[_layer(module)][0]}) imports {target} ({LAYERS[_layer(target)][0]})"
        for module, imports in _graph().items()
        for target, _ in imports
        if target in _modules() and _layer(target) > _layer(module)
    ]
    assert upwards == []


def test_no_module_imports_itself_in_a_circle() -> None:
    graph = {module: {target for target, _ in imports if target in _modules()} for module, imports in _graph().items()}
    circles = []
    for start in graph:
        stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        seen: set[str] = set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    circles.append(" → ".join((*trail, start)))
                elif nxt not in seen and nxt > start:  # each circle once, from its smallest module
                    seen.add(nxt)
                    stack.append((nxt, (*trail, nxt)))
    assert circles == []


def test_no_module_reaches_into_a_siblings_private_names() -> None:
    reaches = [
        f"{module} imports {name} from {target}"
        for module, imports in _graph().items()
        for target, name in imports
        if name is not None and name.startswith("_") and not name.startswith("__") and target != module
    ]
    assert reaches == []


@pytest.mark.parametrize(
    ("module", "target", "allowed"),
    [
        ("_rules.common.lines", "_money", True),
        ("_money", "_rules.common.lines", False),
        ("_rules.payments.params", "_rules.orders.toplevel", True),
        ("_rules.orders.body", "_rules.payments.lines", False),
        ("_cli.main", "_create_order", True),
    ],
)
def test_the_order_of_layers_reads_as_documented(module: str, target: str, allowed: bool) -> None:
    assert (_layer(target) <= _layer(module)) is allowed


#: The modules a caller may import by name; every other module is private and says so with a leading ``_``
#: (its own, or a package's above it), the way httpx marks its private modules.
PUBLIC_MODULES = frozenset(
    {"__init__", "__main__", "lifecycle", "records", "types", "integrations", "integrations.mollie_client"}
)


def test_every_module_but_the_public_ones_is_underscored() -> None:
    unmarked = [
        module
        for module in _modules()
        if module not in PUBLIC_MODULES and not any(part.startswith("_") for part in module.split("."))
    ]
    assert unmarked == []
