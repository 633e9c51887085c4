from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.job import Job
from ...types import UNSET, Response, Unset


def _get_kwargs(
    job_id: str,
    *,
    api_key: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["apiKey"] = api_key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/{job_id}".format(
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Job | None:
    if response.status_code == 200:
        response_200 = Job.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

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
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_key: str | Unset = UNSET,
) -> Response[Error | Job]:
    """Get a job's status and result

     Returns the job (this is the `statusUrl`). While running: `{id, status, statusUrl, url}`.
    Finished: adds `response` with the target's `statusCode`, lower-cased `headers` and `body`
    (or `base64EncodedBody` for binary targets); a target-level failure such as 403 shows up
    here as `response.statusCode`, not as the HTTP status of this call. Failed: `attempts`
    and `failReason`, no `response`. Results are guaranteed for 24 hours (kept up to 72 h) and
    may disappear after the first retrieval; afterwards, and for unknown ids, 404.
    The API key is optional here (`apiKey` query parameter).

    Args:
        job_id (str):
        api_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Job]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        api_key=api_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_key: str | Unset = UNSET,
) -> Error | Job | None:
    """Get a job's status and result

     Returns the job (this is the `statusUrl`). While running: `{id, status, statusUrl, url}`.
    Finished: adds `response` with the target's `statusCode`, lower-cased `headers` and `body`
    (or `base64EncodedBody` for binary targets); a target-level failure such as 403 shows up
    here as `response.statusCode`, not as the HTTP status of this call. Failed: `attempts`
    and `failReason`, no `response`. Results are guaranteed for 24 hours (kept up to 72 h) and
    may disappear after the first retrieval; afterwards, and for unknown ids, 404.
    The API key is optional here (`apiKey` query parameter).

    Args:
        job_id (str):
        api_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Job
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        api_key=api_key,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_key: str | Unset = UNSET,
) -> Response[Error | Job]:
    """Get a job's status and result

     Returns the job (this is the `statusUrl`). While running: `{id, status, statusUrl, url}`.
    Finished: adds `response` with the target's `statusCode`, lower-cased `headers` and `body`
    (or `base64EncodedBody` for binary targets); a target-level failure such as 403 shows up
    here as `response.statusCode`, not as the HTTP status of this call. Failed: `attempts`
    and `failReason`, no `response`. Results are guaranteed for 24 hours (kept up to 72 h) and
    may disappear after the first retrieval; afterwards, and for unknown ids, 404.
    The API key is optional here (`apiKey` query parameter).

    Args:
        job_id (str):
        api_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Job]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        api_key=api_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_key: str | Unset = UNSET,
) -> Error | Job | None:
    """Get a job's status and result

     Returns the job (this is the `statusUrl`). While running: `{id, status, statusUrl, url}`.
    Finished: adds `response` with the target's `statusCode`, lower-cased `headers` and `body`
    (or `base64EncodedBody` for binary targets); a target-level failure such as 403 shows up
    here as `response.statusCode`, not as the HTTP status of this call. Failed: `attempts`
    and `failReason`, no `response`. Results are guaranteed for 24 hours (kept up to 72 h) and
    may disappear after the first retrieval; afterwards, and for unknown ids, 404.
    The API key is optional here (`apiKey` query parameter).

    Args:
        job_id (str):
        api_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Job
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            api_key=api_key,
        )
    ).parsed
