"""A hostile HTTP server on 127.0.0.1 for the overlay's tests: answers no spec describes.

The first path segment of a request picks the answer (``http://127.0.0.1:PORT/<case>/<tag>`` is
the base URL a client is given; the generated clients append their own paths), so one server
serves every case and every test counts its own requests by its unique tag. Each case answers
every request the same way, whatever the provider:

============== ===================================================================
case           answer
============== ===================================================================
html503        503 with a load balancer's HTML page
empty401       401, empty body
empty429       429, empty body, ``Retry-After: 0``
empty500       500, empty body
utf8garbage    200 with bytes that are not UTF-8
notjson        200 with an HTML page
badgzip        200 with ``Content-Encoding: gzip`` over bytes that are not gzip
wrongshape     200 with JSON of the wrong shape (a list of numbers)
created201     201 with ``{}``
odd299         299 with ``{}``
trickle        200 announcing 200 bytes, sent one byte every 50 ms
redirect       307 to the same path on :attr:`HostileServer.elsewhere` (another port)
redirectsame   307 to ``/empty401/...`` on this server (same origin)
nocode400      400 ``{"Error": "bad target"}`` (Scrape.do's envelope without its ``Code``)
echo400        400 echoing the credential into every envelope field and ``X-Request-Id``
echo500        500 echoing the credential likewise
============== ===================================================================

The server runs in daemon threads; :meth:`HostileServer.close` stops it (trickling answers end
at once). Nothing here sleeps in the test's thread: the trickle waits on an event in the
server's own thread.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CASES = (
    "html503",
    "empty401",
    "empty429",
    "empty500",
    "utf8garbage",
    "notjson",
    "wrongshape",
    "badgzip",
    "created201",
    "odd299",
    "trickle",
    "redirect",
    "redirectsame",
    "nocode400",
    "echo400",
    "echo500",
)
TRICKLE_BYTES = 200
TRICKLE_PERIOD = 0.05


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def carries(self, secret: str) -> bool:
        """Return True when ``secret`` is in any header value or in the body."""
        return secret in " ".join(self.headers.values()) or secret.encode() in self.body


def _echo_body(token: str) -> bytes:
    """Every provider's error envelope at once, each field echoing (part of) ``token``."""
    envelope: dict[str, Any] = {
        "error": {"code": token, "message": f"bad key {token}"},
        "request_id": token[:12],
        "Error": f"token {token} refused",
        "Code": token,
        "detail": {"error_code": token, "message": f"key {token[:10]}…"},
        "status": token,
        "message": f"your key is {token}",
    }
    return json.dumps(envelope).encode()


class HostileServer:
    """Serve the cases above on 127.0.0.1 (port 0); record every request.

    ``token`` is what the echo cases echo. :attr:`elsewhere` is a second server (another port)
    that the redirect case points to; it records what it receives and answers 200 ``{}``.
    """

    def __init__(self, token: str) -> None:
        self.token = token
        self.received: list[Received] = []
        self.elsewhere_received: list[Received] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._main = ThreadingHTTPServer(("127.0.0.1", 0), self._handler(main=True))
        self._other = ThreadingHTTPServer(("127.0.0.1", 0), self._handler(main=False))
        self._threads = []
        for server in (self._main, self._other):
            server.daemon_threads = True
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            self._threads.append(thread)

    @property
    def origin(self) -> str:
        """This server's origin, ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self._main.server_address[1]}"

    @property
    def elsewhere(self) -> str:
        """The other server's origin (another port: another origin)."""
        return f"http://127.0.0.1:{self._other.server_address[1]}"

    def url(self, case: str, tag: str) -> str:
        """Return the base URL that makes every request of a client answered by ``case``."""
        assert case in CASES, case
        return f"{self.origin}/{case}/{tag}"

    def count(self, tag: str) -> int:
        """Return how many requests reached this server under ``tag``."""
        with self._lock:
            return sum(1 for request in self.received if f"/{tag}/" in request.path + "/")

    def close(self) -> None:
        """Stop both servers; trickling answers end at once."""
        self._stop.set()
        for server in (self._main, self._other):
            server.shutdown()
            server.server_close()

    # -- the handler ----------------------------------------------------------------------------

    def _handler(self, *, main: bool) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                del format, args

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                received = Received(self.command, self.path, dict(self.headers.items()), body)
                with outer._lock:
                    (outer.received if main else outer.elsewhere_received).append(received)
                if not main:
                    self._send(200, b"{}")
                    return
                case = self.path.split("/")[1]
                try:
                    outer._answer(self, case)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up first (a timeout, or a closing run)

            def _send(
                self, status: int, body: bytes, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                for name, value in (headers or {"Content-Type": "application/json"}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _answer

        return Handler

    def _answer(self, handler: Any, case: str) -> None:
        token = self.token
        send = handler._send
        html = {"Content-Type": "text/html"}
        if case == "html503":
            send(
                503, b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", html
            )
        elif case == "empty401":
            send(401, b"")
        elif case == "empty429":
            send(429, b"", {"Retry-After": "0"})
        elif case == "empty500":
            send(500, b"")
        elif case == "utf8garbage":
            send(200, b"\xff\xfe\xfa garbage \xc3\x28")
        elif case == "notjson":
            send(200, b"<html>all good</html>", html)
        elif case == "wrongshape":
            send(200, b"[1, 2, 3]")
        elif case == "badgzip":
            send(
                200,
                b"not gzip at all",
                {"Content-Type": "application/json", "Content-Encoding": "gzip"},
            )
        elif case == "created201":
            send(201, b"{}")
        elif case == "odd299":
            send(299, b"{}")
        elif case == "trickle":
            self._trickle(handler)
        elif case == "redirect":
            send(307, b"", {"Location": f"{self.elsewhere}{handler.path}"})
        elif case == "redirectsame":
            rest = handler.path.split("/", 2)[2]
            send(307, b"", {"Location": f"/empty401/{rest}"})
        elif case == "nocode400":
            send(400, b'{"Error": "bad target"}')
        elif case == "echo400":
            send(
                400, _echo_body(token), {"Content-Type": "application/json", "X-Request-Id": token}
            )
        elif case == "echo500":
            send(
                500, _echo_body(token), {"Content-Type": "application/json", "X-Request-Id": token}
            )
        else:  # pragma: no cover - a typo in a test
            send(404, b"no such case")

    def _trickle(self, handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(TRICKLE_BYTES))
        handler.end_headers()
        try:
            handler.wfile.flush()
            for _ in range(TRICKLE_BYTES):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                if self._stop.wait(TRICKLE_PERIOD):
                    return
        except (BrokenPipeError, ConnectionResetError):
            return
