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
        "method": "delete",
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
    """Cancel a running job

     Cancels a running job. The vendor documents neither the status code nor the body; this
    spec decides 200 with the job object in its new state (`status` `cancelled`, a GUESS).
    Clients should also accept any other 2xx and re-read the job with `GET /jobs/{jobId}`
    when the body is not a job. Unknown or expired ids give 404. The API key is optional here
    (`apiKey` query parameter).

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
    """Cancel a running job

     Cancels a running job. The vendor documents neither the status code nor the body; this
    spec decides 200 with the job object in its new state (`status` `cancelled`, a GUESS).
    Clients should also accept any other 2xx and re-read the job with `GET /jobs/{jobId}`
    when the body is not a job. Unknown or expired ids give 404. The API key is optional here
    (`apiKey` query parameter).

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
    """Cancel a running job

     Cancels a running job. The vendor documents neither the status code nor the body; this
    spec decides 200 with the job object in its new state (`status` `cancelled`, a GUESS).
    Clients should also accept any other 2xx and re-read the job with `GET /jobs/{jobId}`
    when the body is not a job. Unknown or expired ids give 404. The API key is optional here
    (`apiKey` query parameter).

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
    """Cancel a running job

     Cancels a running job. The vendor documents neither the status code nor the body; this
    spec decides 200 with the job object in its new state (`status` `cancelled`, a GUESS).
    Clients should also accept any other 2xx and re-read the job with `GET /jobs/{jobId}`
    when the body is not a job. Unknown or expired ids give 404. The API key is optional here
    (`apiKey` query parameter).

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
