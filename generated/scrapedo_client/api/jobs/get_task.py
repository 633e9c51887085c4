from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.task import Task
from ...types import Response


def _get_kwargs(
    job_id: str,
    task_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/jobs/{job_id}/{task_id}".format(
            job_id=quote(str(job_id), safe=""),
            task_id=quote(str(task_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Task | None:
    if response.status_code == 200:
        response_200 = Task.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = Error.from_dict(response.json())

        return response_410

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
) -> Response[Error | Task]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Task]:
    """Get a task and its scraped content

     Returns one task: its status, the target's HTTP status code and headers, the credits it
    used, the scraped `Content` (base64 when `Base64EncodedContent` is true), and the state of
    its webhook delivery. Content is kept until `ExpiresAt`; after that, or when the stored
    content cannot be read, the API answers 410 and retrying will not help.

    Args:
        job_id (str):
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Task]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        task_id=task_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Error | Task | None:
    """Get a task and its scraped content

     Returns one task: its status, the target's HTTP status code and headers, the credits it
    used, the scraped `Content` (base64 when `Base64EncodedContent` is true), and the state of
    its webhook delivery. Content is kept until `ExpiresAt`; after that, or when the stored
    content cannot be read, the API answers 410 and retrying will not help.

    Args:
        job_id (str):
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Task
    """

    return sync_detailed(
        job_id=job_id,
        task_id=task_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Task]:
    """Get a task and its scraped content

     Returns one task: its status, the target's HTTP status code and headers, the credits it
    used, the scraped `Content` (base64 when `Base64EncodedContent` is true), and the state of
    its webhook delivery. Content is kept until `ExpiresAt`; after that, or when the stored
    content cannot be read, the API answers 410 and retrying will not help.

    Args:
        job_id (str):
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Task]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        task_id=task_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Error | Task | None:
    """Get a task and its scraped content

     Returns one task: its status, the target's HTTP status code and headers, the credits it
    used, the scraped `Content` (base64 when `Base64EncodedContent` is true), and the state of
    its webhook delivery. Content is kept until `ExpiresAt`; after that, or when the stored
    content cannot be read, the API answers 410 and retrying will not help.

    Args:
        job_id (str):
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Task
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            task_id=task_id,
            client=client,
        )
    ).parsed
