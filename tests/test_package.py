"""The public namespace: lazy, complete, and cheap for checkout code that needs only ``validate_order``."""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import mollie_preflight as mp


def test_every_public_name_resolves_to_an_object_of_its_module() -> None:
    for name in mp.__all__:
        value = getattr(mp, name)
        assert not isinstance(value, type(sys)), name


def test_no_public_name_is_also_a_submodule_name() -> None:
    """Importing a submodule rebinds the package attribute of the same name, which would shadow the export."""
    submodules = {info.name for info in pkgutil.iter_modules(mp.__path__)}
    assert submodules & set(mp.__all__) == set()


def test_the_lazy_table_lists_exactly_the_public_names() -> None:
    assert set(mp._SOURCES) | {"__version__"} == set(mp.__all__)
    assert len(mp.__all__) == len(set(mp.__all__))
    assert sorted(dir(mp)) == sorted(set(dir(mp)) | set(mp.__all__))


def _type_checking_imports(source: str) -> dict[str, tuple[str, ...]]:
    """The ``if TYPE_CHECKING:`` imports of a module's ``source``, module by module, ``typing`` left out;
    fails on an import that is not an explicit re-export (``name as name``)."""
    block = next(
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
    )
    found: dict[str, tuple[str, ...]] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom), ast.dump(node)
        if node.module == "typing":
            continue
        for alias in node.names:
            assert alias.asname == alias.name, f"{alias.name} is imported for type checkers without 'as {alias.name}'"
        module = "." * node.level + (node.module or "")
        found[module] = found.get(module, ()) + tuple(alias.name for alias in node.names)
    return found


def test_type_checkers_see_the_names_the_lazy_table_gives() -> None:
    """A name in one listing and not the other would resolve at run time and be unknown to mypy (or the
    reverse): the type checkers' imports must be ``_EXPORTS``, module by module, name by name."""
    source = (ROOT / "src" / "mollie_preflight" / "__init__.py").read_text(encoding="utf-8")
    assert _type_checking_imports(source) == mp._EXPORTS


def test_a_name_left_out_of_the_type_checkers_imports_is_found() -> None:
    source = (ROOT / "src" / "mollie_preflight" / "__init__.py").read_text(encoding="utf-8")
    line = "    from ._create_payment import validate_payment as validate_payment\n"
    assert line in source
    assert _type_checking_imports(source.replace(line, "")) != mp._EXPORTS
    with pytest.raises(AssertionError, match="without 'as validate_payment'"):
        _type_checking_imports(source.replace(line, line.replace(" as validate_payment", "")))


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'validate_orders'"):
        _ = mp.validate_orders


ROOT = Path(__file__).resolve().parents[1]


def _modules_after(statement: str) -> set[str]:
    """The modules ``statement`` loads in a fresh interpreter, beyond what start-up itself loaded.

    The interpreter runs without coverage's variables: under the coverage env, coverage would start in it
    (``patch = ["subprocess"]``) and import modules of its own (``datetime`` among them) before the statement.
    """
    code = f"import sys; before = set(sys.modules); {statement}; print('\\n'.join(sorted(set(sys.modules) - before)))"
    env = {name: value for name, value in os.environ.items() if not name.startswith("COVERAGE_")}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return set(run.stdout.split())


def test_importing_validate_order_loads_only_the_create_order_rules() -> None:
    loaded = _modules_after("from mollie_preflight import validate_order")
    heavy = {"phonenumbers", "babel", "pycountry", "email_validator", "difflib", "ipaddress", "zoneinfo"}
    assert loaded & heavy == set()
    # Standard modules a clean body never needs (benchmarks/PROFILE.md, part 4): ``decimal`` is for the public
    # Decimal API, ``copy`` for babel's patterns, ``datetime`` for a body's dates and ``today=`` (imported by the
    # first call that reads one). ``importlib`` is left out of the list: the lazy namespace no longer imports
    # it, but a mypyc-compiled build's modules do.
    assert loaded & {"typing", "datetime", "decimal", "copy", "dataclasses", "inspect", "json"} == set()
    not_needed = {
        "mollie_preflight._rules.registry",
        "mollie_preflight._endpoints",
        "mollie_preflight._build",
        "mollie_preflight._fix",
        "mollie_preflight.lifecycle",
        "mollie_preflight._rules.orders.partial",
        "mollie_preflight._rules.orders.snapshot",
        "mollie_preflight._cli",
    }
    assert loaded & not_needed == set()


def test_dates_are_read_in_a_process_that_had_not_imported_datetime() -> None:
    # ``datetime`` is imported by the first call that reads a date, not with the package: the first
    # dated body of a fresh process must still be judged, with and without ``today=``.
    statement = (
        "from mollie_preflight import validate_order; "
        "from tests.payloads import docs_example_order; "
        "assert 'datetime' not in sys.modules; "
        "body = {**docs_example_order(), 'method': 'ideal', 'consumerDateOfBirth': '2999-01-01', "
        "'expiresAt': '2000-01-01'}; "
        "assert [v.code for v in validate_order(body)] == ['MP607', 'MP605'], validate_order(body); "
        "import datetime; "
        "report = validate_order(body, today=datetime.date(1999, 12, 1)); "
        "assert [v.code for v in report] == ['MP607'], report"
    )
    assert "datetime" in _modules_after(statement)  # the statement's asserts ran: the process exited with 0


def test_validating_mollies_example_loads_no_optional_library() -> None:
    statement = (
        "import json, pathlib, mollie_preflight as mp; "
        "from tests.payloads import docs_example_order; "
        "assert [v.code for v in mp.validate_order(docs_example_order())] == ['MP533']"
    )
    loaded = _modules_after(statement)
    assert loaded & {"pycountry", "email_validator", "babel", "mollie_preflight._rules.registry"} == set()


def _isinstance_unions(source: str) -> list[int]:
    """Lines of ``source`` where ``isinstance`` (or ``issubclass``) is given ``A | B`` rather than ``(A, B)``."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("isinstance", "issubclass")
        and len(node.args) == 2
        and isinstance(node.args[1], ast.BinOp)
        and isinstance(node.args[1].op, ast.BitOr)
    ]


def test_isinstance_is_given_a_tuple_of_types_never_a_union() -> None:
    """``isinstance(x, list | tuple)`` builds a union object on every call (~60 ns, and a tenth of the methods
    family's clean on a compiled build); ``(list, tuple)`` costs nothing. Every module of the package."""
    package = Path(mp.__file__).parent
    found = {
        f"{path.relative_to(package)}:{line}"
        for path in package.rglob("*.py")
        for line in _isinstance_unions(path.read_text(encoding="utf-8"))
    }
    assert found == set()


def test_the_union_finder_finds_a_union() -> None:
    assert _isinstance_unions("isinstance(x, list | tuple)\nisinstance(x, (list, tuple))\n") == [1]
