"""``python -m scrapejobs_emulator``: serve the emulator (see :mod:`scrapejobs_emulator.server`)."""

import sys

from scrapejobs_emulator.server import main

sys.exit(main())
