"""The extraction stages: statements, speakers, facts. The package is also callable, as
``gdq.extract(text, name)`` (gdq.api.extract): see ``gdq.CallableModule``."""

import sys

from gdq import CallableModule

sys.modules[__name__].__class__ = CallableModule
