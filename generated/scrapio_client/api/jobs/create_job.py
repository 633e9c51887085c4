from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.crawl_job_request import CrawlJobRequest
from ...models.error_response import ErrorResponse
from ...models.fetch_job_request import FetchJobRequest
from ...models.interact_job_request import InteractJobRequest
from ...models.job_accepted import JobAccepted
from ...models.map_job_request import MapJobRequest
from ...models.search_job_request import SearchJobRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest | SearchJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/jobs",
    }

    if isinstance(body, FetchJobRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, CrawlJobRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, InteractJobRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, SearchJobRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | JobAccepted | None:
    if response.status_code == 202:
        response_202 = JobAccepted.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | JobAccepted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest | SearchJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | JobAccepted]:
    """Submit an asynchronous job

     Queues one surface operation as a job and answers 202 with its `job_id` at once.
    The body is discriminated by `kind`; each kind has its own closed `input` object (unknown
    keys are rejected with 400). An optional `webhook.url` is called when the job finishes.

    Idempotency: send `Idempotency-Key` to retry safely. The same key with the same body
    returns the original job; the same key with a different body answers 409
    `idempotency_conflict`.

    `use_proxy` needs a paid plan (402 `plan_upgrade_required` on Free); exhausted credits
    answer 402 `credits_exhausted`.

    Args:
        idempotency_key (str | Unset):
        body (CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest |
            SearchJobRequest): Job submission, discriminated by `kind`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobAccepted]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest | SearchJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | JobAccepted | None:
    """Submit an asynchronous job

     Queues one surface operation as a job and answers 202 with its `job_id` at once.
    The body is discriminated by `kind`; each kind has its own closed `input` object (unknown
    keys are rejected with 400). An optional `webhook.url` is called when the job finishes.

    Idempotency: send `Idempotency-Key` to retry safely. The same key with the same body
    returns the original job; the same key with a different body answers 409
    `idempotency_conflict`.

    `use_proxy` needs a paid plan (402 `plan_upgrade_required` on Free); exhausted credits
    answer 402 `credits_exhausted`.

    Args:
        idempotency_key (str | Unset):
        body (CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest |
            SearchJobRequest): Job submission, discriminated by `kind`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobAccepted
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest | SearchJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | JobAccepted]:
    """Submit an asynchronous job

     Queues one surface operation as a job and answers 202 with its `job_id` at once.
    The body is discriminated by `kind`; each kind has its own closed `input` object (unknown
    keys are rejected with 400). An optional `webhook.url` is called when the job finishes.

    Idempotency: send `Idempotency-Key` to retry safely. The same key with the same body
    returns the original job; the same key with a different body answers 409
    `idempotency_conflict`.

    `use_proxy` needs a paid plan (402 `plan_upgrade_required` on Free); exhausted credits
    answer 402 `credits_exhausted`.

    Args:
        idempotency_key (str | Unset):
        body (CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest |
            SearchJobRequest): Job submission, discriminated by `kind`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobAccepted]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest | SearchJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | JobAccepted | None:
    """Submit an asynchronous job

     Queues one surface operation as a job and answers 202 with its `job_id` at once.
    The body is discriminated by `kind`; each kind has its own closed `input` object (unknown
    keys are rejected with 400). An optional `webhook.url` is called when the job finishes.

    Idempotency: send `Idempotency-Key` to retry safely. The same key with the same body
    returns the original job; the same key with a different body answers 409
    `idempotency_conflict`.

    `use_proxy` needs a paid plan (402 `plan_upgrade_required` on Free); exhausted credits
    answer 402 `credits_exhausted`.

    Args:
        idempotency_key (str | Unset):
        body (CrawlJobRequest | FetchJobRequest | InteractJobRequest | MapJobRequest |
            SearchJobRequest): Job submission, discriminated by `kind`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobAccepted
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
