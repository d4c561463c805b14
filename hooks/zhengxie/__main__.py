"""`python -m zhengxie check|new` (with PYTHONPATH=hooks): see zhengxie.cli."""

import gc
import sys

from zhengxie.tools.cli import main

code = main()
# The process ends here: the interpreter's last collection would walk everything a check made
# (a tenth of a second at 10 000 documents) only to free it at exit anyway.
gc.freeze()
sys.exit(code)
