"""Every answer is an answer: the httpx event hooks between the generated clients and the wire.

The generated ``*_detailed`` functions parse a response as soon as it arrives, trusting the spec:
an HTML 503 makes ``response.json()`` raise ``JSONDecodeError``, a 299 makes ``HTTPStatus(299)``
raise ``ValueError``, a 200 of the wrong shape raises ``KeyError``, and the raw response is lost
with the exception. The generated code cannot be edited, so scrapejobs works around it through the
clients' public ``httpx_args``/``event_hooks``:

- :class:`WireGuard` is one hook object installed as a request and a response hook. The response
  hook records each raw response into the :func:`recording` scope of the calling task (a
  ``contextvars`` box, so concurrent requests on one client never see each other's answers) and
  refuses a redirect to another origin (:class:`~scrapejobs.errors.RedirectRefusedError`) before
  httpx could follow it with the credential. The request hook tags the request with its total
  timeout (:data:`~scrapejobs.transport.TOTAL_TIMEOUT_EXTENSION`).
- :func:`call_detailed` runs a ``*_detailed`` call inside such a scope: when the generated parser
  raises, the recorded raw response becomes the typed error
  (:func:`~scrapejobs.errors.error_from_response`), status and redacted excerpt included.

This keeps the generated functions (and their typed ``Response[T]``) as the only way requests are
made, with one small, explicit boundary where parse failures are translated.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Awaitable, Callable, Generator, Iterable, Iterator
from typing import Any, TypeVar

import httpx

from scrapejobs.errors import RedirectRefusedError, ScrapejobsError, error_from_response
from scrapejobs.transport import TOTAL_TIMEOUT_EXTENSION

T = TypeVar("T")

_ANSWERS: contextvars.ContextVar[list[httpx.Response] | None] = contextvars.ContextVar(
    "scrapejobs_answers", default=None
)


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """Return ``url``'s origin: scheme, host and port (the scheme's default port made explicit)."""
    defaults = {"http": 80, "https": 443}
    return url.scheme, url.host, url.port or defaults.get(url.scheme)


class _Done:
    """An already-finished awaitable: lets one hook serve httpx's sync and async clients."""

    def __await__(self) -> Generator[None, None, None]:
        yield from ()


class WireGuard:
    """Request/response event hook for a generated client's httpx clients (sync and async).

    ``base_url`` is the configured origin: a redirect elsewhere raises
    :class:`~scrapejobs.errors.RedirectRefusedError` (nothing is sent there). ``total_timeout``
    (seconds, or None) tags every request for the transport's total deadline. Calling the hook
    does its work at once and returns an awaitable, so the same object fits ``httpx.Client``
    (which ignores the result) and ``httpx.AsyncClient`` (which awaits it). Never logs, never
    reads a body, never keeps a response beyond the current :func:`recording` scope.
    """

    def __init__(
        self,
        provider: str,
        base_url: str | httpx.URL,
        *,
        total_timeout: float | None = None,
    ) -> None:
        self.provider = provider
        self.origin = origin(httpx.URL(str(base_url)))
        self.total_timeout = total_timeout

    def __repr__(self) -> str:
        return f"WireGuard(provider={self.provider!r}, total_timeout={self.total_timeout!r})"

    def on_request(self, request: httpx.Request) -> _Done:
        """Tag ``request`` with the total timeout (when one is set)."""
        if self.total_timeout is not None:
            request.extensions = {
                **request.extensions,
                TOTAL_TIMEOUT_EXTENSION: self.total_timeout,
            }
        return _Done()

    def on_response(self, response: httpx.Response) -> _Done:
        """Record ``response`` for :func:`call_detailed`; refuse a cross-origin redirect.

        Raises:
            RedirectRefusedError: the answer redirects to another scheme, host or port.

        """
        box = _ANSWERS.get()
        if box is not None:
            box.append(response)
        if response.has_redirect_location:
            target = response.request.url.join(response.headers["location"])
            if origin(target) != self.origin:
                raise RedirectRefusedError(
                    "redirect to another origin refused: the credential is only ever sent to "
                    "the configured base URL",
                    provider=self.provider,
                    status_code=response.status_code,
                )
        return _Done()

    def hooks(self) -> dict[str, list[Callable[..., Any]]]:
        """Return ``event_hooks`` entries for an httpx client: ``{"request": [...], ...}``."""
        return {"request": [self.on_request], "response": [self.on_response]}


def with_guard(event_hooks: dict[str, list[Any]] | None, guard: WireGuard) -> dict[str, list[Any]]:
    """Return a copy of ``event_hooks`` with ``guard``'s hooks appended (the caller's run first)."""
    merged = {name: list(hooks) for name, hooks in (event_hooks or {}).items()}
    for name, hooks in guard.hooks().items():
        merged.setdefault(name, []).extend(hooks)
    return merged


def has_guard(client: httpx.AsyncClient | httpx.Client) -> bool:
    """Return True when ``client`` already runs a :class:`WireGuard`'s response hook."""
    return any(
        isinstance(getattr(hook, "__self__", None), WireGuard)
        for hook in client.event_hooks.get("response", [])
    )


@contextlib.contextmanager
def recording() -> Iterator[list[httpx.Response]]:
    """Within the block, collect the raw responses this task receives (in order)."""
    box: list[httpx.Response] = []
    token = _ANSWERS.set(box)
    try:
        yield box
    finally:
        _ANSWERS.reset(token)


async def call_detailed(
    provider: str,
    call: Callable[[], Awaitable[T]],
    *,
    secrets: Iterable[str] = (),
) -> T:
    """Return ``await call()`` (a generated ``*_detailed`` call); parse failures become typed.

    When the generated code (or httpx) raises while reading an answer it received (undecodable
    or undocumented body, a ``Content-Encoding`` that does not decode, a non-standard status, a
    same-origin redirect loop), the raw response recorded by the client's
    :class:`WireGuard` is turned into the typed error: 429/5xx and documented error statuses
    into their classes, anything else into
    :class:`~scrapejobs.errors.UnexpectedResponseError` (status, redacted excerpt).

    Raises:
        ProviderError: as above (the parse exception is not chained: it may quote the body).
        httpx.TransportError: transport failures (timeouts included), unchanged.
        ScrapejobsError: raised by a hook (e.g. RedirectRefusedError), unchanged.

    """
    with recording() as answers:
        try:
            return await call()
        except (httpx.TransportError, ScrapejobsError):
            raise
        except Exception as error:  # parsing, or httpx.DecodingError / TooManyRedirects
            if not answers:
                raise  # not an answer we failed to read
            raw = answers[-1]
            failure = type(error).__name__
    try:
        content = raw.content
    except httpx.ResponseNotRead:
        content = b""
    raise error_from_response(
        provider,
        raw.status_code,
        raw.headers,
        content,
        secrets=secrets,
        not_understood=failure,
    ) from None
