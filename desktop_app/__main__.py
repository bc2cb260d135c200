"""`python -m desktop_app`, the same as the `tally` command."""

import sys

from desktop_app.cli.main import main

sys.exit(main())
