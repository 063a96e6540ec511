"""`python -m sitegen new DEST`, `python -m sitegen contract` (sitegen/scaffold.py)."""

import sys

from sitegen.scaffold import main

sys.exit(main())
