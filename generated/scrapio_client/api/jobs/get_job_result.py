from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.job_result import JobResult
from ...types import Response


def _get_kwargs(
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/jobs/{job_id}/result".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | JobResult | None:
    if response.status_code == 200:
        response_200 = JobResult.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

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
) -> Response[ErrorResponse | JobResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | JobResult]:
    """Get a job's result

     Returns the output of a finished job: `outputs` (+ `diagnostics` when partial) for fetch
    jobs, `result` for the other kinds. Call it only when `GET /v1/jobs/{job_id}` reports
    `result_available: true`.

    409 `job_not_ready` while the job is queued or running (poll again later); 409
    `job_failed` for a failed job (this spec's decision: Scrapio does not document the
    answer, and a failed job never gets a result, so do not retry). 404 `job_not_found` when
    the job does not exist or its result is no longer retained (retention is not guaranteed).

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobResult]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | JobResult | None:
    """Get a job's result

     Returns the output of a finished job: `outputs` (+ `diagnostics` when partial) for fetch
    jobs, `result` for the other kinds. Call it only when `GET /v1/jobs/{job_id}` reports
    `result_available: true`.

    409 `job_not_ready` while the job is queued or running (poll again later); 409
    `job_failed` for a failed job (this spec's decision: Scrapio does not document the
    answer, and a failed job never gets a result, so do not retry). 404 `job_not_found` when
    the job does not exist or its result is no longer retained (retention is not guaranteed).

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobResult
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | JobResult]:
    """Get a job's result

     Returns the output of a finished job: `outputs` (+ `diagnostics` when partial) for fetch
    jobs, `result` for the other kinds. Call it only when `GET /v1/jobs/{job_id}` reports
    `result_available: true`.

    409 `job_not_ready` while the job is queued or running (poll again later); 409
    `job_failed` for a failed job (this spec's decision: Scrapio does not document the
    answer, and a failed job never gets a result, so do not retry). 404 `job_not_found` when
    the job does not exist or its result is no longer retained (retention is not guaranteed).

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobResult]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | JobResult | None:
    """Get a job's result

     Returns the output of a finished job: `outputs` (+ `diagnostics` when partial) for fetch
    jobs, `result` for the other kinds. Call it only when `GET /v1/jobs/{job_id}` reports
    `result_available: true`.

    409 `job_not_ready` while the job is queued or running (poll again later); 409
    `job_failed` for a failed job (this spec's decision: Scrapio does not document the
    answer, and a failed job never gets a result, so do not retry). 404 `job_not_found` when
    the job does not exist or its result is no longer retained (retention is not guaranteed).

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobResult
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
        )
    ).parsed
