"""`python -m zhengxie check|new` (with PYTHONPATH=hooks): see zhengxie.cli."""
import sys

from .cli import main

sys.exit(main())
