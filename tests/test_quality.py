"""ruff and mypy are part of the test suite, so CI holds the code to them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tool(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return found


def test_ruff_is_clean() -> None:
    proc = subprocess.run(
        [tool("ruff"), "check", "src", "tests", "scripts", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_is_clean() -> None:
    proc = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_core_never_imports_typer_or_rich() -> None:
    code = (
        "import importlib, pkgutil, sys, gdq\n"
        "for m in pkgutil.walk_packages(gdq.__path__, 'gdq.'):\n"
        "    if not m.name.startswith(('gdq.cli', 'gdq.output.render', 'gdq.__main__')):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'typer', 'rich', 'click'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
