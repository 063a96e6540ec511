"""`python -m sitegen new DEST` (sitegen/scaffold.py)."""

import sys

from sitegen.scaffold import main

sys.exit(main())
