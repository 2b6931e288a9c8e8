"""ruff and mypy are part of the test suite, so CI holds the code to them."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import modules_loaded

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
        "import importlib, pkgutil, gdq\n"
        "for m in pkgutil.walk_packages(gdq.__path__, 'gdq.'):\n"
        "    if not m.name.startswith(('gdq.cli', 'gdq.output.render', 'gdq.__main__')):\n"
        "        importlib.import_module(m.name)\n"
    )
    assert modules_loaded(code, {"typer", "rich", "click"}) == []


# --- word lists live in gdq/lexicon/data, and the packages form one line ----------------------

SRC = ROOT / "src" / "gdq"


def _is_language_char(ch: str) -> bool:
    """A character that only a list of Chinese words or marks would hold: Han characters,
    kana, CJK and full-width punctuation, and curly or corner quotation marks."""
    code = ord(ch)
    return (
        0x3000 <= code <= 0x30FF  # CJK symbols and punctuation (「」《》。), kana
        or 0x3400 <= code <= 0x4DBF  # Han, extension A
        or 0x4E00 <= code <= 0x9FFF  # Han
        or 0xF900 <= code <= 0xFAFF  # Han compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # vertical quotation marks (﹁﹂﹃﹄)
        or 0xFF00 <= code <= 0xFFEF  # full-width forms (，：！（）)
        or 0x20000 <= code <= 0x3134F  # Han, extensions B and later
        or ch in "“”‘’"
    )


def _is_language(value: object) -> bool:
    return isinstance(value, str) and any(map(_is_language_char, value))


def _language_strings(nodes: list[ast.expr | None]) -> int:
    return sum(isinstance(n, ast.Constant) and _is_language(n.value) for n in nodes)


def _upper_case(name: str) -> bool:
    bare = name.lstrip("_")
    return bool(bare) and bare == bare.upper() and any(ch.isalpha() for ch in bare)


def inline_word_lists(source: str) -> list[tuple[int, str]]:
    """(line, what) for each word or character list spelled out in Python source: a set,
    frozenset, tuple, list or dict literal of four or more strings of Chinese or quote marks;
    such a string of four or more characters given to set/frozenset, or split into four or
    more words; a string of eight or more of them bound to an UPPER_CASE name (a character
    class). Docstrings and messages are neither, so they pass."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)) and _language_strings(list(node.elts)) >= 4:
            found.append((node.lineno, f"a {type(node).__name__.lower()} of words or marks"))
        elif isinstance(node, ast.Dict) and _language_strings([*node.keys, *node.values]) >= 4:
            found.append((node.lineno, "a dict of words or marks"))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            text = node.args[0].value
            func = node.func
            if (
                isinstance(func, ast.Name)
                and func.id in ("set", "frozenset")
                and isinstance(text, str)
                and sum(map(_is_language_char, text)) >= 4
            ):
                found.append((node.lineno, f"{func.id}() of a string of characters"))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
            and sum(map(_is_language, node.func.value.value.split())) >= 4
        ):
            found.append((node.lineno, "a string split into words"))
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        if (
            targets
            and any(isinstance(t, ast.Name) and _upper_case(t.id) for t in targets)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
            and sum(map(_is_language_char, value.value)) >= 8
        ):
            found.append((node.lineno, "a string of characters used as a character class"))
    return sorted(found)


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_word_list_check_finds_inline_lists() -> None:
    caught = [
        # names.py's surnames, and statements.py's quote marks, before they became data files
        '_SURNAMES = frozenset(\n    "王李张刘陈杨黄赵吴周徐孙马朱"\n    "胡郭何高林罗郑梁谢宋唐许韩冯"\n)',
        """_QUOTES: dict[str, str] = {"“": "”", "「": "」", "﹁": "﹂", '"': '"'}""",
        '_INNER_PUNCT = frozenset("，,。；;：:、！？!?")',
        'VERBS = ("表示", "指出", "认为", "强调")',
        'def f(w):\n    return w in {"表示", "指出", "认为", "强调"}',
        'STOPS = "的 了 在 是 和".split()',
        '_DIGITS = "零一二三四五六七八九"',
        '_TITLES: tuple[str, ...] = ["院长", "教授", "主任", "书记"]',
    ]
    for source in caught:
        assert inline_word_lists(source), source
    passed = [
        '"""表示、指出、认为、强调：说话的动词。"""',
        'raise ValueError("不是数字：一二三四五六七八九十")',
        'VERBS = ("表示", "指出", "认为")',  # three: a pair or a few marks are structure
        'SEP = "、".join(["a", "b", "c", "d"])',
        'message = "零一二三四五六七八九"',  # not a constant's name
        'CODES = ("utf-8", "gb18030", "utf-16", "ascii")',
    ]
    for source in passed:
        assert not inline_word_lists(source), source


def test_no_module_outside_the_lexicon_spells_out_a_word_list() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line}: {what}"
        for path in _modules()
        if "lexicon" not in path.relative_to(SRC).parts
        for line, what in inline_word_lists(path.read_text(encoding="utf-8"))
    ]
    assert not found, "word lists belong in gdq/lexicon/data:\n" + "\n".join(found)


# Each package may import only from those before it; gdq.models and gdq.errors are shared by all.
# ``api`` is the module gdq.api, the library (``gdq.open``, ``gdq.extract``): it joins the
# pipeline, search and output, and the command line is a layer over it.
LAYERS = ("lexicon", "text", "extract", "store", "pipeline", "search", "output", "api", "cli")
SHARED = {"gdq", "gdq.models", "gdq.errors"}


def _layer(module: str) -> int:
    """Rank of a gdq module: a package's place in LAYERS; below them for the shared top-level
    modules, above them for ``gdq.__main__`` (the program, which may start anything). The
    package's ``__init__`` ranks with gdq.api, which it hands out (lazily) as ``gdq.open``."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    if module == "gdq.__init__":
        return LAYERS.index("api")
    return len(LAYERS) if module == "gdq.__main__" else -1


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The gdq modules an import statement in ``module`` names, absolute."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "gdq"]
    base = node.module or ""
    if node.level:  # relative to the module's package (``gdq.text.__init__`` is in gdq.text)
        package = module.split(".")[: len(module.split(".")) - node.level]
        base = ".".join([*package, base] if base else package)
    if base.split(".")[0] != "gdq":
        return []
    if base == "gdq":  # ``from gdq import text`` names a package; ``__version__`` is gdq itself
        named = [f"gdq.{a.name}" for a in node.names]
        return [name if name.split(".")[1] in LAYERS or name in SHARED else "gdq" for name in named]
    return [base]


def backward_imports(module: str, source: str) -> list[tuple[int, str]]:
    """(line, imported module) for each import in a gdq module, lazy ones included, that
    does not point to its own package, an earlier one or a shared module."""
    wrong = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for target in _imported(module, node):
                if target in SHARED or target == module:
                    continue
                if _layer(target) > _layer(module) or _layer(module) < 0:
                    wrong.append((node.lineno, target))
    return wrong


def test_the_import_check_finds_imports_against_the_flow() -> None:
    lazy = "def f():\n    from gdq.pipeline.load import open_index\n"
    assert backward_imports("gdq.store.index", lazy) == [(2, "gdq.pipeline.load")]
    assert backward_imports("gdq.text.read", "from gdq import cli, models, __version__") == [(1, "gdq.cli")]
    assert backward_imports("gdq.extract.names", "from ..output import render") == [(1, "gdq.output")]
    assert backward_imports("gdq.text.__init__", "from . import read") == []
    assert backward_imports("gdq.models", "import gdq.lexicon") == [(1, "gdq.lexicon")]
    allowed = "from gdq.errors import CorpusError\nfrom gdq.text import read\nimport gdq.lexicon.marks"
    assert backward_imports("gdq.extract.names", allowed) == []
    assert backward_imports("gdq.__main__", "from gdq.cli.entry import main") == []
    assert backward_imports("gdq.__init__", "def f():\n    from gdq import api\n") == []
    assert backward_imports("gdq.__init__", "from gdq.cli import commands") == [(1, "gdq.cli")]
    assert backward_imports("gdq.api", "from gdq.cli import commands") == [(1, "gdq.cli")]
    assert backward_imports("gdq.output.serialize", "import gdq.api") == [(1, "gdq.api")]
    assert backward_imports("gdq.cli.commands", "from gdq.api import Index") == []


def test_imports_point_only_to_earlier_packages() -> None:
    wrong = []
    for path in _modules():
        module = ".".join(["gdq", *path.relative_to(SRC).with_suffix("").parts])
        for line, target in backward_imports(module, path.read_text(encoding="utf-8")):
            wrong.append(f"{path.relative_to(SRC)}:{line}: {module} imports {target}")
    assert not wrong, "imports must point left along " + " < ".join(LAYERS) + ":\n" + "\n".join(wrong)
