"""Run the `ehcplan` command as `python -m ehcplan`."""

import sys

from ehcplan.cli import main

sys.exit(main())
