"""``python -m scrapejobs.cli``: the ``scrapejobs`` console script."""

from scrapejobs.cli import main

main()
