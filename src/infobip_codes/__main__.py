"""``python -m infobip_codes``: the same command as ``infobip-codes``."""

from infobip_codes.cli import main

raise SystemExit(main())
