"""Turn run inputs into each provider's submission requests, batched where the provider can.

What one input line stands for, per provider (wire names, as in the provider's docs):

- ``decodo``: a ``POST /v3/task`` body, e.g. ``{"target": "google_search", "query": "x"}``
  (``target`` defaults to ``universal``). Inputs with the same parameters apart from the primary
  input (``url``, ``query``, ``prompt`` or ``product_id``) share one ``POST /v3/task/batch``.
- ``scrapedo``: ``{"url": ...}`` plus any ``CreateJobRequest`` option (``Render``, ``GeoCode``,
  …). Inputs with the same options share one job, one target each.
- ``scrapingpros``: one collection request item (``{"url": ..., "browser": true, …}``); any
  inputs share one collection and its run.
- ``scraperapi``: a ``POST /jobs`` body without ``apiKey`` (``{"url": ..., "apiParams": …}``).
  Inputs with the same parameters apart from ``url`` share one ``POST /batchjobs``.
- ``scrapio``: a ``POST /v1/jobs`` body (``{"kind": "crawl", …}``), or fetch input fields
  (``{"url": ..., "render_js": true}``), which become a ``fetch`` job. No batch endpoint: one
  job per input.

A plain URL line is ``{"url": <url>}`` for every provider (Decodo: the ``universal`` target).
Every input is checked against the generated request model when planned, so a bad parameter is
reported with its line before anything is sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scrapejobs.batch.checking import type_problems
from scrapejobs.batch.inputs import BadLinesError, RunInput, check_url
from scrapejobs.clients import PROVIDERS, UnknownProviderError

DEFAULT_BATCH_SIZE: Mapping[str, int] = {
    "decodo": 100,
    "scrapedo": 100,
    "scrapingpros": 1_000,
    "scraperapi": 100,
    "scrapio": 1,
}
"""Inputs per submission by default: small enough that one uncertain submission puts few inputs
in doubt, large enough to keep submission requests rare. ScrapingPros submissions carry an
idempotency key (never in doubt) and its run listing brings each job's result as it ends, so a
large collection costs nothing in latency and saves listings."""

MAX_BATCH_SIZE: Mapping[str, int] = {
    "decodo": 1_000,  # "depends on the subscription"; keep well inside what plans allow
    "scrapedo": 1_000,  # documented limit of targets per job
    "scrapingpros": 1_000,
    "scraperapi": 50_000,  # documented limit of URLs per batch
    "scrapio": 1,  # no batch endpoint
}
"""The most inputs one submission may carry (the provider's documented limits)."""

_DECODO_PRIMARY = ("url", "query", "prompt", "product_id")


class InputParamsError(ValueError):
    """An input's parameters do not make a valid request for the provider."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}")


class InvalidInputsError(InputParamsError):
    """Several inputs (or several parameters of one) make no valid request: all of them.

    ``line`` and ``reason`` are the first problem's; ``problems`` lists the problems in line
    order: every one, or the first of them when the error was collected with a cap (see
    :class:`ProblemLog`); ``total`` counts every problem and ``lines`` the inputs they are on.
    """

    def __init__(
        self,
        problems: Sequence[InputParamsError],
        *,
        total: int | None = None,
        lines: int | None = None,
    ) -> None:
        self.problems = sorted(problems, key=lambda problem: problem.line)
        self.total = len(self.problems) if total is None else total
        self.lines = len({problem.line for problem in self.problems}) if lines is None else lines
        first = self.problems[0]
        super().__init__(first.line, first.reason)
        more = self.total - 1
        if more:
            self.args = (f"line {first.line}: {first.reason} (and {more} more)",)


MAX_REPORTED = 50
"""How many input problems a report lists before "and N more"."""


class ProblemLog:
    """Input problems found one input at a time, in line order, in constant memory.

    The first :data:`MAX_REPORTED` problems are kept; the others are only counted (a report
    lists no more), so checking ten million inputs with a bad parameter each holds 50.
    """

    def __init__(self) -> None:
        self.kept: list[InputParamsError] = []
        self.total = 0
        self.lines = 0
        self._last_line: int | None = None

    def add(self, problem: InputParamsError) -> None:
        """Note ``problem`` (problems come in line order)."""
        self.total += 1
        if problem.line != self._last_line:
            self.lines += 1
            self._last_line = problem.line
        if len(self.kept) < MAX_REPORTED:
            self.kept.append(problem)

    def error(self) -> InvalidInputsError | None:
        """Return the error listing what was noted, or None when nothing was."""
        if not self.kept:
            return None
        return InvalidInputsError(self.kept, total=self.total, lines=self.lines)


def describe_problems(error: InputParamsError, path: str | None) -> str:
    """Return the lines ``path:line: field: why`` of every problem of ``error`` (capped).

    At most :data:`MAX_REPORTED` lines, then ``and N more``. Never contains a credential value
    (problems name fields, and show only values of the wrong type).
    """
    problems = error.problems if isinstance(error, InvalidInputsError) else [error]
    total = error.total if isinstance(error, InvalidInputsError) else 1
    lines = [
        f"{path}:{problem.line}: {problem.reason}"
        if path
        else f"line {problem.line}: {problem.reason}"
        for problem in problems[:MAX_REPORTED]
    ]
    if total > MAX_REPORTED:
        lines.append(f"and {total - MAX_REPORTED} more")
    count = error.lines if isinstance(error, InvalidInputsError) else 1
    head = f"{count} input(s) make no valid request; nothing was sent:"
    return "\n".join([head, *lines])


@dataclass(frozen=True)
class PlannedSubmission:
    """One submission request to send, and the inputs it carries (in request order)."""

    key: str
    """Stable ledger key: the first input's key and the number of inputs."""
    inputs: tuple[RunInput, ...]
    request: dict[str, Any]
    """The request body as JSON, without webhook fields or credentials."""


def _model_error(provider: str, model: type[Any], exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"{provider} {model.__name__}: missing required parameter {exc.args[0]!r}"
    return f"{provider} {model.__name__}: {type(exc).__name__}: {exc}"


def _unknown_keys(given: Mapping[str, Any], model: Any) -> list[str]:
    """Return the keys of ``given`` that the model dropped (models without extra properties).

    Nested objects are compared too (``input.render``: Scrapio's ``FetchInput`` keeps no unknown
    key either), so no parameter is silently left out of the request.
    """
    return sorted(_dropped(given, model.to_dict(), ""))


def _dropped(given: Any, kept: Any, prefix: str) -> list[str]:
    if isinstance(given, Mapping) and isinstance(kept, Mapping):
        found: list[str] = []
        for key, value in given.items():
            if key not in kept:
                found.append(f"{prefix}{key}")
            else:
                found.extend(_dropped(value, kept[key], f"{prefix}{key}."))
        return found
    if isinstance(given, list) and isinstance(kept, list) and len(given) == len(kept):
        return [
            name
            for index, (one, other) in enumerate(zip(given, kept, strict=True))
            for name in _dropped(one, other, f"{prefix}{index}.")
        ]
    return []


def check_types(model: type[Any], body: Mapping[str, Any], line: int) -> None:
    """Check ``body`` against the model's field types (see :mod:`scrapejobs.batch.checking`).

    Raises:
        InvalidInputsError: every field of ``body`` that is missing or has the wrong type.

    """
    problems = type_problems(model, body)
    if problems:
        raise InvalidInputsError([InputParamsError(line, f"{at}: {why}") for at, why in problems])


def parse_model(provider: str, model: type[Any], body: Mapping[str, Any], line: int) -> Any:
    """Return ``model.from_dict(body)``, checked to have kept every parameter.

    Raises:
        InputParamsError: a required parameter is missing, a value has the wrong type or enum
            value, or a parameter is unknown to a model that rejects unknown keys
            (:class:`InvalidInputsError` when several are wrong: every one is named).

    """
    check_types(model, body, line)
    try:
        parsed = model.from_dict(dict(body))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputParamsError(line, _model_error(provider, model, exc)) from None
    unknown = _unknown_keys(body, parsed)
    if unknown:
        raise InputParamsError(
            line, f"{provider} {model.__name__}: unknown parameter(s) {', '.join(unknown)}"
        )
    return parsed


def _check_url_param(item: RunInput) -> None:
    """Check that a ``url`` parameter, where given, is an absolute http(s) URL string."""
    url = item.params.get("url")
    if url is None and isinstance(item.params.get("input"), Mapping):
        url = item.params["input"].get("url")  # a Scrapio job body
    if url is None:
        return
    if not isinstance(url, str):
        raise InputParamsError(item.line, f"'url' must be a string, not {type(url).__name__}")
    problem = check_url(url)
    if problem is not None:
        raise InputParamsError(item.line, f"'url': {problem}")


CREDENTIAL_NAMES = frozenset(
    {"apikey", "token", "authorization", "xapikey", "xtoken", "accesstoken", "password"}
)
"""Parameter names (compared without case, ``-`` or ``_``) that carry a credential: ScraperAPI's
``apiKey`` body field (``x-credential`` in its spec), Scrape.do's ``X-Token``/``token``, and the
usual spellings of keys and bearer tokens. Credentials come from ``--token`` or the environment,
never from an input (which would be stored in the ledger and copied into the output)."""


def _check_credentials(item: RunInput) -> None:
    """Refuse an input that carries a credential parameter (the value is never shown)."""
    found = [key for key in item.params if _normalised(key) in CREDENTIAL_NAMES]
    if found:
        raise InvalidInputsError(
            [
                InputParamsError(
                    item.line,
                    f"{key}: a credential does not belong in an input; give it with --token "
                    "or $SCRAPEJOBS_<PROVIDER>_TOKEN",
                )
                for key in found
            ]
        )


def _normalised(key: str) -> str:
    return "".join(ch for ch in key if ch.isalnum()).lower()


class Planner:
    """How one provider's inputs become submission requests (see the module docstring)."""

    provider: str

    def __init__(self, provider: str) -> None:
        self.provider = provider

    # -- per-provider pieces (overridden) --------------------------------------------------

    def primary(self, item: RunInput) -> str:
        """Return the name of the input's primary parameter (one per created job)."""
        del item
        return "url"

    def single(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Return the body of a one-input submission."""
        return dict(params)

    def batch(
        self, common: Mapping[str, Any], primary: str, items: Sequence[Any]
    ) -> dict[str, Any]:
        """Return the body of a submission carrying ``items`` (the primary values, in order)."""
        raise NotImplementedError

    def model_for(self, body: Mapping[str, Any]) -> type[Any]:
        """Return the generated model class of a body (single or batch, from its shape)."""
        raise NotImplementedError

    def group_key(self, item: RunInput) -> str:
        """Return the key of the group an input can share a submission with."""
        primary = self.primary(item)
        common = {k: v for k, v in item.params.items() if k != primary}
        return json.dumps([primary, common], sort_keys=True)

    # -- shared ----------------------------------------------------------------------------

    def model(self, request: Mapping[str, Any], line: int = 0) -> Any:
        """Return the generated request model of a planned body.

        Raises:
            InputParamsError: the body is not a valid request (``line`` names the input).

        """
        return parse_model(self.provider, self.model_for(request), request, line)

    def check(self, item: RunInput) -> None:
        """Check one input makes a valid single request.

        Raises:
            InputParamsError: it does not (which parameter, which rule).

        """
        self.model(self.single(item.params), item.line)

    def check_all(self, inputs: Iterable[RunInput]) -> None:
        """Check every input (credentials, ``url``, the request model), collecting all problems.

        Raises:
            InvalidInputsError: one or more inputs make no valid request; it lists every problem
                of every input, in line order.

        """
        problems: list[InputParamsError] = []
        for item in inputs:
            problems.extend(self.problems(item))
        if problems:
            raise InvalidInputsError(problems)

    def problems(self, item: RunInput) -> list[InputParamsError]:
        """Return every problem of one input (credentials, ``url``, the request model); never raises."""
        try:
            _check_credentials(item)
            _check_url_param(item)
            self.check(item)
        except InvalidInputsError as exc:
            return list(exc.problems)
        except InputParamsError as exc:
            return [exc]
        return []

    def file_problems(self, error: BadLinesError) -> InvalidInputsError:
        """Return every problem of an input file: its bad lines and its inputs' parameters.

        The lines that did parse are checked like any input, so one report names them all.
        """
        problems = [InputParamsError(line, reason) for line, reason in error.problems]
        try:
            self.check_all(error.inputs)
        except InvalidInputsError as more:
            problems.extend(more.problems)
        return InvalidInputsError(problems)

    def plan(
        self, inputs: Sequence[RunInput], batch_size: int, *, checked: bool = False
    ) -> list[PlannedSubmission]:
        """Group ``inputs`` into submissions of at most ``batch_size`` inputs each.

        ``batch_size`` is capped at the provider's limit (:data:`MAX_BATCH_SIZE`). Inputs with the same parameters apart from their primary input share a submission;
        groups keep the order in which they first appear. Every input is checked first, unless
        ``checked`` says the caller already did (:meth:`check_all`; a batch body is still
        checked).

        Raises:
            InvalidInputsError: some inputs make no valid request (every problem of every input).
            ValueError: for a ``batch_size`` below 1.

        """
        if batch_size < 1:
            raise ValueError(f"batch size must be at least 1, not {batch_size}")
        batch_size = min(batch_size, MAX_BATCH_SIZE[self.provider])
        if not checked:
            self.check_all(inputs)
        groups: dict[str, list[RunInput]] = {}
        for item in inputs:
            groups.setdefault(self.group_key(item), []).append(item)
        planned: list[PlannedSubmission] = []
        for members in groups.values():
            for start in range(0, len(members), batch_size):
                chunk = tuple(members[start : start + batch_size])
                planned.append(self._submission(chunk))
        planned.sort(key=lambda submission: submission.inputs[0].line)
        return planned

    def _submission(self, chunk: tuple[RunInput, ...]) -> PlannedSubmission:
        key = f"{chunk[0].key}+{len(chunk)}"
        if len(chunk) == 1 and self.provider != "scrapedo" and self.provider != "scrapingpros":
            return PlannedSubmission(key, chunk, self.single(chunk[0].params))
        primary = self.primary(chunk[0])
        common = {k: v for k, v in chunk[0].params.items() if k != primary}
        values = [item.params[primary] for item in chunk]
        body = self.batch(common, primary, values)
        self.model(body, chunk[0].line)
        return PlannedSubmission(key, chunk, body)


class DecodoPlanner(Planner):
    """``<Target>Task`` for one input, ``<Target>Batch`` for several."""

    def primary(self, item: RunInput) -> str:
        """Return the first of url, query, prompt, product_id the input has (default url)."""
        return next((name for name in _DECODO_PRIMARY if name in item.params), "url")

    def single(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Return the task body; ``target`` defaults to ``universal``."""
        return {"target": "universal", **params}

    def batch(
        self, common: Mapping[str, Any], primary: str, items: Sequence[Any]
    ) -> dict[str, Any]:
        """Return the batch body: the primary input as an array."""
        return {"target": "universal", **common, primary: list(items)}

    def model_for(self, body: Mapping[str, Any]) -> type[Any]:
        """Return ``<Target>Batch`` when the primary input is an array, else ``<Target>Task``."""
        from decodo_client import models

        batched = any(isinstance(body.get(name), list) for name in _DECODO_PRIMARY)
        target = str(body.get("target", "universal"))
        name = "".join(part.capitalize() for part in target.split("_"))
        found = getattr(models, name + ("Batch" if batched else "Task"), None)
        if found is None:
            raise InputParamsError(0, f"decodo: unknown target {target!r}")
        model: type[Any] = found
        return model

    def check(self, item: RunInput) -> None:
        """Check the input; an unknown target is named with the input's line.

        A list as the primary input would be a batch of several tasks for one input.
        """
        for name in _DECODO_PRIMARY:
            if isinstance(item.params.get(name), list):
                raise InputParamsError(
                    item.line, f"decodo: one input is one task: {name!r} must not be a list"
                )
        try:
            super().check(item)
        except InputParamsError as exc:
            if exc.line == 0:
                raise InputParamsError(item.line, exc.reason) from None
            raise


class ScrapedoPlanner(Planner):
    """One ``CreateJobRequest`` per group: one target per input."""

    def single(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Return a job of one target."""
        common = {key: value for key, value in params.items() if key != "url"}
        return self.batch(common, "url", [params.get("url")])

    def batch(
        self, common: Mapping[str, Any], primary: str, items: Sequence[Any]
    ) -> dict[str, Any]:
        """Return a job with one target per input."""
        return {**common, "Targets": list(items)}

    def model_for(self, body: Mapping[str, Any]) -> type[Any]:
        """Return ``CreateJobRequest``."""
        from scrapedo_client.models import CreateJobRequest

        return CreateJobRequest

    def check(self, item: RunInput) -> None:
        """Check the input has a ``url`` and valid job options (``Targets`` come from urls)."""
        if "url" not in item.params:
            raise InputParamsError(item.line, "scrapedo: missing required parameter 'url'")
        if "Targets" in item.params:
            raise InputParamsError(
                item.line, "scrapedo: one input is one target: give 'url', not 'Targets'"
            )
        super().check(item)


class ScrapingprosPlanner(Planner):
    """One collection (and one run of it) per group; each input one request item."""

    def group_key(self, item: RunInput) -> str:
        """Return one key for all inputs: each item carries its own parameters."""
        del item
        return ""

    def single(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Return a collection of one request."""
        return {"name": "scrapejobs", "requests": [dict(params)]}

    def batch(
        self, common: Mapping[str, Any], primary: str, items: Sequence[Any]
    ) -> dict[str, Any]:
        """Unused: collections are built from whole items (see :meth:`_submission`)."""
        raise NotImplementedError

    def _submission(self, chunk: tuple[RunInput, ...]) -> PlannedSubmission:
        key = f"{chunk[0].key}+{len(chunk)}"
        body = {"name": f"scrapejobs {key}", "requests": [dict(item.params) for item in chunk]}
        return PlannedSubmission(key, chunk, body)

    def model_for(self, body: Mapping[str, Any]) -> type[Any]:
        """Return ``CreateCollectionRequest``."""
        from scrapingpros_client.models import CreateCollectionRequest

        return CreateCollectionRequest

    def check(self, item: RunInput) -> None:
        """Check the input is a valid collection request item (``url`` required)."""
        from scrapingpros_client.models import CollectionRequest

        parse_model(self.provider, CollectionRequest, item.params, item.line)


class ScraperapiPlanner(Planner):
    """``JobRequest`` for one input, ``BatchJobRequest`` (``urls``) for several."""

    def single(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Return the job body; ``apiKey`` is left empty for the client to fill in."""
        return {**params, "apiKey": ""}

    def batch(
        self, common: Mapping[str, Any], primary: str, items: Sequence[Any]
    ) -> dict[str, Any]:
        """Return the batch body with ``urls``."""
        return {**common, "apiKey": "", "urls": list(items)}

    def model_for(self, body: Mapping[str, Any]) -> type[Any]:
        """Return ``BatchJobRequest`` for a body with ``urls``, else ``JobRequest``."""
        from scraperapi_client.models import BatchJobRequest, JobRequest

        return BatchJobRequest if "urls" in body else JobRequest

    def check(self, item: RunInput) -> None:
        """Check the input is a valid ``JobRequest`` (one ``url``; ``urls`` would be a batch)."""
        if "urls" in item.params:
            raise InputParamsError(
                item.line, "scraperapi: one input is one job: give 'url', not 'urls'"
            )
        super().check(item)


class ScrapioPlanner(Planner):
    """One job per input: the body as written, or a ``fetch`` job from input fields."""

    def group_key(self, item: RunInput) -> str:
        """Return a key of its own: Scrapio has no batch endpoint."""
        return item.key

    def single(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Return the job body (``{"kind": "fetch", "input": params}`` without a ``kind``)."""
        if "kind" in params:
            return dict(params)
        return {"kind": "fetch", "input": dict(params)}

    def model_for(self, body: Mapping[str, Any]) -> type[Any]:
        """Return the ``<Kind>JobRequest`` of the body's ``kind``."""
        from scrapio_client import models

        kind = str(body.get("kind", ""))
        found = getattr(models, kind.capitalize() + "JobRequest", None) if kind.isalpha() else None
        if found is None:
            raise InputParamsError(
                0, f"scrapio: unknown job kind {kind!r} (fetch, crawl, map, search, interact)"
            )
        model: type[Any] = found
        return model

    def check(self, item: RunInput) -> None:
        """Check the input; an unknown kind is named with the input's line.

        Fetch input fields (no ``kind``) are checked as a ``FetchInput`` first, so a problem is
        named by the field as written (``render_js``, not ``input.render_js``).
        """
        if "kind" not in item.params:
            from scrapio_client.models import FetchInput

            check_types(FetchInput, item.params, item.line)
        try:
            super().check(item)
        except InputParamsError as exc:
            if exc.line == 0:
                raise InputParamsError(item.line, exc.reason) from None
            raise


_PLANNERS: Mapping[str, Callable[[str], Planner]] = {
    "decodo": DecodoPlanner,
    "scrapedo": ScrapedoPlanner,
    "scrapingpros": ScrapingprosPlanner,
    "scraperapi": ScraperapiPlanner,
    "scrapio": ScrapioPlanner,
}


def planner(provider: str) -> Planner:
    """Return the planner of ``provider``.

    Raises:
        UnknownProviderError: for a provider scrapejobs does not support.

    """
    if provider not in PROVIDERS:
        raise UnknownProviderError(provider)
    return _PLANNERS[provider](provider)
