"""Full-text search: Pagefind's extended build indexes the built site (Chinese segmentation included)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def index_site(site_dir: Path) -> None:
    """Write site_dir/pagefind/: a chunked index, so a query downloads only the chunks it needs."""
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
        check=True,
    )
