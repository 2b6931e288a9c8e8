"""gdq: who said what, where is this word, where is this number — in Chinese news text.

The library is ``gdq.open(paths) -> Index`` and ``gdq.extract(text, name)`` (see gdq.api).
They are imported on first use: the command line imports this package on every run, and a
warm run must not pay for the library's imports.
"""

import sys

__version__ = "0.1.0"

__all__ = ["Index", "__version__", "extract", "extract_file", "open"]

# Not typing.TYPE_CHECKING: importing typing (or types) would cost every run of the program
# ~20 ms before it does anything; type checkers read any constant of this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

    from gdq.api import Index, extract_file, open
else:
    ModuleType = type(sys)


class CallableModule(ModuleType):
    """The class of the package gdq.extract (the extraction stages), which is also the
    library's ``gdq.extract(text, name)``: once a subpackage is imported, Python sets it as
    the package's attribute of that name, so the function could not otherwise keep it."""

    def __call__(self, text: "str | bytes", name: str = "-", **options: "Any") -> "Any":
        from gdq import api

        return api.extract(text, name, **options)


def __getattr__(name: str) -> "Any":
    if name == "extract":
        from importlib import import_module

        return import_module("gdq.extract")  # the package, callable
    if name in ("Index", "open", "extract_file"):
        from gdq import api

        value = getattr(api, name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'gdq' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
