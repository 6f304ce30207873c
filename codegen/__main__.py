"""``python -m codegen``: generate, check and import the spec. See ``--help``."""

from codegen.cli import main

raise SystemExit(main())
