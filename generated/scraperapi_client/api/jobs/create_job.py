from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.job import Job
from ...models.job_request import JobRequest
from ...types import Response


def _get_kwargs(
    *,
    body: JobRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/jobs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Job | None:
    if response.status_code == 200:
        response_200 = Job.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | Job]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: JobRequest,
) -> Response[Error | Job]:
    """Submit one scraping job

     Queues one target URL for asynchronous scraping. The credential is the required body field
    `apiKey`. Returns the job in its `running` shape with `id` and `statusUrl`; poll
    `GET /jobs/{jobId}` or wait for the webhook set in `callback`. ScraperAPI retries the
    target until it succeeds or 24 hours have passed. Errors: 401 bad API key; 403 out of
    credits, plan limit or `apiParams.max_cost` exceeded; 429 too many concurrent submissions.

    Args:
        body (JobRequest): Body of `POST /jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Job]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: JobRequest,
) -> Error | Job | None:
    """Submit one scraping job

     Queues one target URL for asynchronous scraping. The credential is the required body field
    `apiKey`. Returns the job in its `running` shape with `id` and `statusUrl`; poll
    `GET /jobs/{jobId}` or wait for the webhook set in `callback`. ScraperAPI retries the
    target until it succeeds or 24 hours have passed. Errors: 401 bad API key; 403 out of
    credits, plan limit or `apiParams.max_cost` exceeded; 429 too many concurrent submissions.

    Args:
        body (JobRequest): Body of `POST /jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Job
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: JobRequest,
) -> Response[Error | Job]:
    """Submit one scraping job

     Queues one target URL for asynchronous scraping. The credential is the required body field
    `apiKey`. Returns the job in its `running` shape with `id` and `statusUrl`; poll
    `GET /jobs/{jobId}` or wait for the webhook set in `callback`. ScraperAPI retries the
    target until it succeeds or 24 hours have passed. Errors: 401 bad API key; 403 out of
    credits, plan limit or `apiParams.max_cost` exceeded; 429 too many concurrent submissions.

    Args:
        body (JobRequest): Body of `POST /jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Job]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: JobRequest,
) -> Error | Job | None:
    """Submit one scraping job

     Queues one target URL for asynchronous scraping. The credential is the required body field
    `apiKey`. Returns the job in its `running` shape with `id` and `statusUrl`; poll
    `GET /jobs/{jobId}` or wait for the webhook set in `callback`. ScraperAPI retries the
    target until it succeeds or 24 hours have passed. Errors: 401 bad API key; 403 out of
    credits, plan limit or `apiParams.max_cost` exceeded; 429 too many concurrent submissions.

    Args:
        body (JobRequest): Body of `POST /jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Job
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
