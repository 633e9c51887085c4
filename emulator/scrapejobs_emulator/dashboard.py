"""The dashboard: ``GET /_emulator/ui``, one server-rendered HTML page of the emulator's state.

It lists jobs per provider and account with their phase, webhook deliveries with every attempt,
the fault settings (editable through ``POST /_emulator/ui/faults``, a plain form that redirects
back) and request counts. No build step, no external assets: inline CSS and a few lines of
inline JS that refresh the live part every 2 s (without JS, a ``<noscript>`` meta refresh).

Every value is HTML-escaped (job parameters are user input). Secrets are never rendered:
accounts appear as :func:`~scrapejobs_emulator.stats.account_label`, webhook URLs through
:func:`~scrapejobs_emulator.webhooks.redact_url`, target URLs without their userinfo, and
neither tokens, the webhook secret nor request bodies and headers are shown.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from scrapejobs_emulator.config import PROVIDER_NAMES, Faults
from scrapejobs_emulator.jobs import JobRecord, target_url
from scrapejobs_emulator.state import EmulatorState
from scrapejobs_emulator.stats import account_label
from scrapejobs_emulator.webhooks import Webhook, redact_url

MAX_ROWS = 200
"""Rows shown per provider (jobs) and in all (webhooks): the most recent, with the total."""
MAX_FORM_BYTES = 64 * 1024
"""Largest fault form body read; a larger one is refused with 413."""

STYLE = """
body{font:13px/1.4 system-ui,sans-serif;margin:1em 2em;color:#222}
h1{font-size:18px}h2{font-size:15px;margin-top:1.5em}h3{font-size:13px}
table{border-collapse:collapse;margin:.3em 0}td,th{border:1px solid #ccc;padding:2px 6px;
text-align:left;vertical-align:top}th{background:#f0f0f0}
.queued{color:#666}.running{color:#06c}.succeeded{color:#080}.failed,.error{color:#c00}
.cancelled{color:#a60}.muted{color:#777}form label{display:inline-block;width:15em}
.url{max-width:40em;overflow-wrap:anywhere}
"""

SCRIPT = """
setInterval(async () => {
  const r = await fetch(location.pathname, {cache: "no-store"});
  if (!r.ok) return;
  const doc = new DOMParser().parseFromString(await r.text(), "text/html");
  const fresh = doc.getElementById("live");
  if (fresh) document.getElementById("live").replaceWith(fresh);
}, 2000);
"""


def _time(at: float | None) -> str:
    if at is None:
        return ""
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def _cells(*values: object, tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{escape(str(v))}</{tag}>" for v in values) + "</tr>"


def _table(headers: tuple[str, ...], rows: list[str]) -> str:
    return "<table>" + _cells(*headers, tag="th") + "".join(rows) + "</table>"


def shown_url(url: str | None) -> str:
    """Return a job's target URL as shown: without userinfo (a password may sit there)."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"[redacted]@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _job_row(record: JobRecord) -> str:
    phase = escape(record.phase.value)
    finish = record.finished_at if record.finished_at is not None else record.finish_at
    return (
        f"<tr class=job><td>{escape(account_label(record.account))}</td>"
        f"<td>{escape(record.id)}</td><td class={phase}>{phase}</td>"
        f"<td>{_time(record.created_at)}</td><td>{_time(finish)}</td>"
        f"<td class=url>{escape(shown_url(target_url(record)))}</td></tr>"
    )


def jobs_section(state: EmulatorState) -> str:
    """Return the jobs, per provider, newest first (at most :data:`MAX_ROWS` each)."""
    parts = ["<h2>Jobs</h2>"]
    headers = ("account", "id", "phase", "created", "finished / due", "target")
    for provider in PROVIDER_NAMES:
        records = list(state.store.records(provider))
        if not records:
            continue
        per_account = Counter(account_label(r.account) for r in records)
        per_phase = Counter(r.phase.value for r in records)
        summary = ", ".join(f"{a}: {n}" for a, n in sorted(per_account.items()))
        phases = ", ".join(f"{p}: {n}" for p, n in sorted(per_phase.items()))
        newest = sorted(records, key=lambda r: r.created_at, reverse=True)[:MAX_ROWS]
        parts.append(
            f"<h3 id=jobs-{escape(provider)}>{escape(provider)}: {len(records)} jobs"
            f" <span class=muted>(showing {len(newest)}; {escape(summary)}; "
            f"{escape(phases)})</span></h3>"
        )
        parts.append(_table(headers, [_job_row(r) for r in newest]))
    if len(parts) == 1:
        parts.append("<p class=muted>No jobs yet.</p>")
    return "".join(parts)


def _attempts(webhook: Webhook) -> str:
    lines = []
    for attempt in webhook.attempts:
        outcome = str(attempt.status_code) if attempt.status_code is not None else "no answer"
        if attempt.error:
            outcome += f" ({attempt.error})"
        if attempt.duplicate:
            outcome += " duplicate"
        lines.append(f"#{attempt.number} {_time(attempt.at)} {outcome}")
    if webhook.next_at is not None and webhook.state == "pending":
        lines.append(f"next {_time(webhook.next_at)}")
    return "<br>".join(escape(line) for line in lines)


def webhooks_section(state: EmulatorState) -> str:
    """Return the webhook deliveries with every attempt (the :data:`MAX_ROWS` most recent)."""
    webhooks = state.webhooks.webhooks
    newest = list(reversed(webhooks[-MAX_ROWS:]))
    rows = [
        f"<tr class=webhook><td>{w.id}</td><td>{escape(w.provider)}</td>"
        f"<td>{escape(account_label(w.account))}</td><td>{escape(w.job_id)}</td>"
        f"<td class=url>{escape(redact_url(w.url))}</td>"
        f"<td class={escape(w.state)}>{escape(w.state)}</td><td>{_attempts(w)}</td></tr>"
        for w in newest
    ]
    head = f"<h2>Webhook deliveries: {len(webhooks)} (showing {len(newest)})</h2>"
    headers = ("id", "provider", "account", "job", "url", "state", "attempts")
    return head + (_table(headers, rows) if rows else "<p class=muted>None yet.</p>")


def requests_section(state: EmulatorState) -> str:
    """Return request counts per provider and operation, and injected fault counts."""
    requests = [_cells(p, op, n) for (p, op), n in sorted(state.stats.requests.items())]
    faults = [_cells(p, f, n) for (p, f), n in sorted(state.stats.faults.items())]
    html = "<h2>Requests</h2>" + (
        _table(("provider", "operation", "requests"), requests)
        if requests
        else "<p class=muted>None yet.</p>"
    )
    if faults:
        html += "<h3>Injected faults</h3>" + _table(("provider", "fault", "count"), faults)
    return html


def faults_form(faults: Faults, action: str, error: str | None = None) -> str:
    """Return the fault settings as a form posting to ``action`` (one number input per field)."""
    fields = []
    for name, info in Faults.model_fields.items():
        value = getattr(faults, name)
        step = "1" if isinstance(value, int) and not isinstance(value, bool) else "any"
        bounds = "".join(
            f' {key}="{getattr(m, attr)}"'
            for m in info.metadata
            for key, attr in (("min", "ge"), ("max", "le"))
            if getattr(m, attr, None) is not None
        )
        fields.append(
            f'<label for="{name}">{name}</label><input type=number id="{name}" name="{name}"'
            f' step={step}{bounds} value="{escape(str(value))}"><br>'
        )
    problem = f"<p class=error id=fault-error>{escape(error)}</p>" if error else ""
    return (
        f'<h2>Faults</h2>{problem}<form method=post action="{escape(action)}" id=faults>'
        + "".join(fields)
        + "<button type=submit>Apply</button></form>"
    )


def render_page(state: EmulatorState, root: str, error: str | None = None) -> str:
    """Return the whole dashboard page; ``root`` is the control API's mount (``/_emulator``)."""
    live = (
        f"<div id=live><p>Emulator clock: <b id=now>{_time(state.clock.now())}</b> UTC"
        f" &middot; {len(state.store)} jobs</p>"
        + jobs_section(state)
        + webhooks_section(state)
        + requests_section(state)
        + "</div>"
    )
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        "<title>scrapejobs emulator</title>"
        '<noscript><meta http-equiv="refresh" content="2"></noscript>'
        f"<style>{STYLE}</style></head><body><h1>scrapejobs emulator</h1>"
        + live
        + faults_form(state.config.faults, f"{root}/ui/faults", error)
        + f"<script>{SCRIPT}</script></body></html>"
    )


def _faults_from_form(current: Faults, form: dict[str, str]) -> Faults:
    """Return ``current`` with the form's non-empty fields applied (pydantic checks them).

    Raises:
        ValidationError: when a value is not a number or is out of its bounds.

    """
    changes: dict[str, Any] = {k: v for k, v in form.items() if k in Faults.model_fields and v}
    return Faults.model_validate({**current.model_dump(), **changes})


class Dashboard:
    """The dashboard's two routes, bound to one emulator state (see the module docstring)."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> list[Route]:
        """Return ``GET /ui`` and ``POST /ui/faults`` (relative to ``/_emulator``)."""
        return [
            Route("/ui", self.page, methods=["GET"]),
            Route("/ui/faults", self.set_faults, methods=["POST"]),
        ]

    async def page(self, request: Request) -> Response:
        """Answer the dashboard page (refreshes itself; never shows a secret)."""
        self.state.tick()
        root = request.scope.get("root_path", "")
        html = render_page(self.state, root)
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    async def set_faults(self, request: Request) -> Response:
        """Apply the posted fault form and redirect (303) back to the page.

        An invalid value leaves the faults unchanged and answers 400 with the page showing
        the field and the reason; a body over :data:`MAX_FORM_BYTES` answers 413.
        """
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            return HTMLResponse("<p>form too large</p>", status_code=413)
        form = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
        root = request.scope.get("root_path", "")
        try:
            faults = _faults_from_form(self.state.config.faults, form)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            html = render_page(self.state, root, f"{where}: {first['msg']}")
            return HTMLResponse(html, status_code=400)
        self.state.configure(self.state.config.model_copy(update={"faults": faults}))
        return RedirectResponse(f"{root}/ui", status_code=303)
