"""A built site served over local HTTP from a thread of the test process, as a static host serves it."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def serve(directory: Path | str, not_found: str | None = None) -> ThreadingHTTPServer:
    """Serve `directory`; call .shutdown() when done. A missing path gets `not_found` (a site's
    404.html, relative to `directory`) with status 404, as a host configured for the site answers."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            page = Path(directory) / not_found if not_found else None
            if code != 404 or page is None or not page.exists():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def root_url(server: ThreadingHTTPServer) -> str:
    """http://127.0.0.1:<port>/ of a server `serve` started."""
    return f"http://127.0.0.1:{server.server_address[1]}/"
