"""Free ports on 127.0.0.1 for a server a test starts, and a second try when another took it first.

A free port is found by binding port 0 and letting it go; the server binds it a moment later (`mkdocs
serve` only after its first build). In that moment another worker's server, or any outgoing connection
of the run (Chromium fetches hundreds of files), may take it: the server then stops with "Address already
in use". Such a start is tried again on another port, up to TRIES times; any other failure is reported
at once.
"""

from __future__ import annotations

import socket

TRIES = 5
IN_USE = ("Address already in use", "EADDRINUSE")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def taken(log: str) -> bool:
    """Whether a server's log says its port was taken."""
    return any(text in log for text in IN_USE)
