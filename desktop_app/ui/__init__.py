"""The PySide6 widgets: they wire signals to core objects and hold no business rules.

Run before any of them: PySide6, once loaded, checks every module imported after it for
`from __feature__ import ...` (its opt-in snake_case and true_property) by reading the module's
source file (`shibokensupport.feature._mod_uses_pyside`, through `inspect.getsource`), some
15-19 ms of a start for the hundred-odd modules the window imports, and their lines kept in
`linecache`. No module in Tally's process selects a feature, so every module is taken as one
that uses PySide6 with its default features, which is what the check concludes for any module
that names PySide6, without reading it. Where a PySide6 has no such check, or one that takes
other arguments, nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (loads the feature check replaced below)


def _uses_pyside(module: ModuleType) -> bool:
    """PySide6's check, answered without reading the module's source: no module selects a
    feature here (tests/ui/test_pyside_features.py)."""
    return True


_features = sys.modules.get("shibokensupport.feature")
_check = getattr(_features, "_mod_uses_pyside", None)
if getattr(getattr(_check, "__code__", None), "co_argcount", None) == 1:  # check(module)
    setattr(_features, "_mod_uses_pyside", _uses_pyside)  # noqa: B010 (a name of PySide6's)
