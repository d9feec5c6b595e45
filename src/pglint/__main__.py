"""``python -m pglint``: the same as the ``pglint`` console script."""

from .cli import main

raise SystemExit(main())
