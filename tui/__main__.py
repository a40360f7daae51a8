"""``python -m tui``: the same as ``plans``."""

import sys

from tui.main import main

sys.exit(main())
