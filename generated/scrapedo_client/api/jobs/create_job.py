from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_job_request import CreateJobRequest
from ...models.create_job_response import CreateJobResponse
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    *,
    body: CreateJobRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/jobs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateJobResponse | Error | None:
    if response.status_code == 200:
        response_200 = CreateJobResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[CreateJobResponse | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateJobRequest,
) -> Response[CreateJobResponse | Error]:
    """Create an async job

     Creates one job with one task per entry of `Targets` (1 to 1000 URLs) and returns the job
    ID and the task IDs at once; scraping happens in the background. The options apply to
    every target of the job. The provider does not document the success status code; 200 is
    assumed. The call is not idempotent: retrying it after a timeout can create a second job.

    Args:
        body (CreateJobRequest): Body of Create Job. `Targets` is required (1 to 1000 URLs); every
            other option applies
            to all targets. Server defaults are listed per field (`x-server-default`) and are NOT
            sent by the client when a field is left unset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateJobResponse | Error]
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
    client: AuthenticatedClient,
    body: CreateJobRequest,
) -> CreateJobResponse | Error | None:
    """Create an async job

     Creates one job with one task per entry of `Targets` (1 to 1000 URLs) and returns the job
    ID and the task IDs at once; scraping happens in the background. The options apply to
    every target of the job. The provider does not document the success status code; 200 is
    assumed. The call is not idempotent: retrying it after a timeout can create a second job.

    Args:
        body (CreateJobRequest): Body of Create Job. `Targets` is required (1 to 1000 URLs); every
            other option applies
            to all targets. Server defaults are listed per field (`x-server-default`) and are NOT
            sent by the client when a field is left unset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateJobResponse | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateJobRequest,
) -> Response[CreateJobResponse | Error]:
    """Create an async job

     Creates one job with one task per entry of `Targets` (1 to 1000 URLs) and returns the job
    ID and the task IDs at once; scraping happens in the background. The options apply to
    every target of the job. The provider does not document the success status code; 200 is
    assumed. The call is not idempotent: retrying it after a timeout can create a second job.

    Args:
        body (CreateJobRequest): Body of Create Job. `Targets` is required (1 to 1000 URLs); every
            other option applies
            to all targets. Server defaults are listed per field (`x-server-default`) and are NOT
            sent by the client when a field is left unset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateJobResponse | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateJobRequest,
) -> CreateJobResponse | Error | None:
    """Create an async job

     Creates one job with one task per entry of `Targets` (1 to 1000 URLs) and returns the job
    ID and the task IDs at once; scraping happens in the background. The options apply to
    every target of the job. The provider does not document the success status code; 200 is
    assumed. The call is not idempotent: retrying it after a timeout can create a second job.

    Args:
        body (CreateJobRequest): Body of Create Job. `Targets` is required (1 to 1000 URLs); every
            other option applies
            to all targets. Server defaults are listed per field (`x-server-default`) and are NOT
            sent by the client when a field is left unset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateJobResponse | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
