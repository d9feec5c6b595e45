"""The Python frontend: parses with stdlib ``ast``, indexes imports/exports, binds names to
driver values and lowers every function to the language-neutral CFG.

Modules: :mod:`.adapter` (the :class:`PythonAdapter` the engine calls),
:mod:`.index` (the cheap import/export pass and module resolution),
:mod:`.binding` (what each name holds), :mod:`.lower` (the CFGs) and
:mod:`.source` (positions and label text).
"""

from .adapter import PythonAdapter

__all__ = ["PythonAdapter"]
