"""``--fix``/``--diff`` plumbing, in-process: what is written where, what is copied unchanged, the exit status.

What ``fix_order`` repairs is tested with it (``test_fix.py``); these tests only break a line's VAT amount,
which it recomputes.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from mollie_preflight._cli.main import main

from .payloads import example_order


def _broken(number: str) -> dict[str, Any]:
    order = example_order()
    order["orderNumber"] = number
    order["lines"][0]["vatAmount"]["value"] = "121.15"
    return order


def _check(*args: str) -> int:
    return main(["check", "--isolated", "--today", "2026-11-22", *args])


def test_fix_writes_fixed_records_and_copies_the_others_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps(example_order(), indent=None, separators=(",", ":"))  # a style the fixer would not write
    source = tmp_path / "orders.jsonl"
    source.write_text(f"{good}\n{json.dumps(_broken('F-2'))}\n{{cut\n")
    target = tmp_path / "fixed" / "orders.jsonl"
    assert _check("--fix", "--output", str(target), str(source)) == 1  # the invalid line remains
    lines = target.read_text().splitlines()
    assert lines[0] == good
    assert json.loads(lines[1])["lines"][0]["vatAmount"]["value"] == "121.14"
    assert lines[2] == "{cut"
    out = capsys.readouterr().out
    assert "MP900" in out
    assert "MP203" not in out
    assert out.splitlines()[-1] == "Fixed 1 problem in 1 order. Found 1 error in 1 of 3 orders (1 file)."
    assert source.read_text().count("121.15") == 1  # never in place unless asked


def test_fix_in_place_keeps_gzip_and_json_shape(tmp_path: Path) -> None:
    packed = tmp_path / "orders.json.gz"
    packed.write_bytes(gzip.compress(json.dumps({"exported": "today", "orders": [_broken("G-0")]}).encode()))
    assert _check("--fix", "--in-place", str(packed)) == 0
    document = json.loads(gzip.decompress(packed.read_bytes()))
    assert document["exported"] == "today"
    assert document["orders"][0]["lines"][0]["vatAmount"]["value"] == "121.14"


def test_diff_shows_the_change_writes_nothing_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "orders.json"
    source.write_text(json.dumps([example_order(), _broken("D-1")]))
    before = source.read_bytes()
    assert _check("--diff", str(source)) == 1
    captured = capsys.readouterr()
    assert f"--- a/{source} (record 1)" in captured.out
    assert '-        "value": "121.15"' in captured.out
    assert '+        "value": "121.14"' in captured.out
    assert captured.err.splitlines() == [
        "Would fix 1 problem in 1 order.",
        "Would change money (before → after):",
        f'  {source} (record 1): lines.0.vatAmount.value: "121.15" → "121.14" (MP203)',
    ]
    assert source.read_bytes() == before
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps(example_order()))
    assert _check("--diff", str(clean)) == 0


def test_fix_of_several_files_writes_a_directory(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps(_broken("A")) + "\n")
    (tmp_path / "in" / "b.json").write_text(json.dumps(example_order()))
    out = tmp_path / "out"
    assert _check("--fix", "-o", str(out), str(tmp_path / "in")) == 0
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["a.jsonl", "b.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fix",), "--fix needs --output PATH or --in-place"),
        (("--fix", "--in-place", "-o", "x"), "--fix needs --output PATH or --in-place"),
        (("--diff", "--in-place"), "--diff writes nothing"),
        (("--in-place",), "--output, --in-place and --unsafe-fixes go with --fix"),
        (("--fix", "--in-place", "-"), "--in-place cannot rewrite stdin"),
    ],
)
def test_fix_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    source = tmp_path / "o.jsonl"
    source.write_text(json.dumps(example_order()) + "\n")
    paths = () if "-" in args else (str(source),)
    assert _check(*args, *paths) == 2
    assert message in capsys.readouterr().err


def _coupon() -> dict[str, Any]:
    """The issue's coupon: a discount sent with unitPrice "10.00" but totals -10.00 / -1.74, in an order of 90.00."""
    order = example_order()
    shoes = {**order["lines"][1], "name": "Shoes", "unitPrice": {"currency": "EUR", "value": "100.00"}}
    shoes["totalAmount"] = {"currency": "EUR", "value": "100.00"}
    shoes["vatAmount"] = {"currency": "EUR", "value": "17.36"}
    coupon = {
        "type": "discount",
        "name": "Coupon",
        "quantity": 1,
        "unitPrice": {"currency": "EUR", "value": "10.00"},
        "totalAmount": {"currency": "EUR", "value": "-10.00"},
        "vatRate": "21.00",
        "vatAmount": {"currency": "EUR", "value": "-1.74"},
    }
    order["lines"] = [shoes, coupon]
    order["amount"] = {"currency": "EUR", "value": "90.00"}
    return order


def test_diff_of_the_coupon_proposes_only_the_price_as_an_unsafe_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "coupon.json"
    source.write_text(json.dumps(_coupon()))
    assert _check("--diff", str(source)) == 1  # something to fix, though not safely
    captured = capsys.readouterr()
    assert captured.out == ""  # no safe fix: nothing in the diff
    unsafe = f'  {source}: lines.1.unitPrice.value: "10.00" → "-10.00" (MP210, unsafe)'
    assert captured.err.splitlines() == [
        "Would fix 0 problems in 0 orders.",
        "Unsafe fixes not applied (they change money; add --unsafe-fixes to apply them):",
        unsafe,
    ]
    assert _check("--diff", "--unsafe-fixes", str(source)) == 1
    captured = capsys.readouterr()
    removed = [line for line in captured.out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in captured.out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert (removed, added) == (['-        "value": "10.00"'], ['+        "value": "-10.00"'])
    assert captured.err.splitlines() == [
        "Would fix 1 problem in 1 order.",
        "Would change money (before → after):",
        unsafe,
    ]


def test_fix_applies_unsafe_fixes_only_on_request_and_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "coupon.json"
    source.write_text(json.dumps(_coupon()))
    target = tmp_path / "fixed.json"
    assert _check("--fix", "--output", str(target), str(source)) == 1
    assert json.loads(target.read_text()) == _coupon()  # copied unchanged: the only fix is unsafe
    assert "MP210" in capsys.readouterr().out
    assert _check("--fix", "--unsafe-fixes", "-q", "--output", str(target), str(source)) == 0
    fixed = json.loads(target.read_text())
    assert fixed["lines"][1]["unitPrice"]["value"] == "-10.00"
    assert fixed["amount"]["value"] == "90.00"
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Changed money (before → after):" in captured.err  # listed even with -q
    assert 'lines.1.unitPrice.value: "10.00" → "-10.00" (MP210, unsafe)' in captured.err
