"""``python -m core``: the command line (see ``core.cli``)."""

from .cli import main

raise SystemExit(main())
