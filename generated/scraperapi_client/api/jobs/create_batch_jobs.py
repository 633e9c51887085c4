from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_job_request import BatchJobRequest
from ...models.error import Error
from ...models.job import Job
from ...types import Response


def _get_kwargs(
    *,
    body: BatchJobRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/batchjobs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[Job] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Job.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | list[Job]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BatchJobRequest,
) -> Response[Error | list[Job]]:
    """Submit a batch of scraping jobs

     Queues one job per URL in `urls` (1 to 50,000; the maximum is hard). All other fields
    (`apiParams`, `callback`, `meta`, …) apply to every job. The credential is the required
    body field `apiKey`. Returns a JSON array with one `running` job per URL, in request order.
    Errors as for `POST /jobs`.

    Args:
        body (BatchJobRequest): Body of `POST /batchjobs`; like `JobRequest` with `urls` instead
            of `url`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Job]]
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
    body: BatchJobRequest,
) -> Error | list[Job] | None:
    """Submit a batch of scraping jobs

     Queues one job per URL in `urls` (1 to 50,000; the maximum is hard). All other fields
    (`apiParams`, `callback`, `meta`, …) apply to every job. The credential is the required
    body field `apiKey`. Returns a JSON array with one `running` job per URL, in request order.
    Errors as for `POST /jobs`.

    Args:
        body (BatchJobRequest): Body of `POST /batchjobs`; like `JobRequest` with `urls` instead
            of `url`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Job]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BatchJobRequest,
) -> Response[Error | list[Job]]:
    """Submit a batch of scraping jobs

     Queues one job per URL in `urls` (1 to 50,000; the maximum is hard). All other fields
    (`apiParams`, `callback`, `meta`, …) apply to every job. The credential is the required
    body field `apiKey`. Returns a JSON array with one `running` job per URL, in request order.
    Errors as for `POST /jobs`.

    Args:
        body (BatchJobRequest): Body of `POST /batchjobs`; like `JobRequest` with `urls` instead
            of `url`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Job]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BatchJobRequest,
) -> Error | list[Job] | None:
    """Submit a batch of scraping jobs

     Queues one job per URL in `urls` (1 to 50,000; the maximum is hard). All other fields
    (`apiParams`, `callback`, `meta`, …) apply to every job. The credential is the required
    body field `apiKey`. Returns a JSON array with one `running` job per URL, in request order.
    Errors as for `POST /jobs`.

    Args:
        body (BatchJobRequest): Body of `POST /batchjobs`; like `JobRequest` with `urls` instead
            of `url`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Job]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
