from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.task_results import TaskResults
from ...types import Response


def _get_kwargs(
    task_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/task/{task_id}/results".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | TaskResults | None:
    if response.status_code == 200:
        response_200 = TaskResults.from_dict(response.json())

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

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
) -> Response[Any | Error | TaskResults]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Error | TaskResults]:
    """Get a finished task's results

     Returns `{"results": [...]}`, one entry per fetched page. `content` is the raw page (HTML
    or Markdown string) or, with `parse: true`, the parsed JSON object. While the task is still
    `pending` the endpoint answers 204 No Content (poll `get_task` or wait for the callback).
    Results can be fetched any number of times within 24 hours of the request; after that,
    and for unknown ids, the answer is 404.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | TaskResults]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | Error | TaskResults | None:
    """Get a finished task's results

     Returns `{"results": [...]}`, one entry per fetched page. `content` is the raw page (HTML
    or Markdown string) or, with `parse: true`, the parsed JSON object. While the task is still
    `pending` the endpoint answers 204 No Content (poll `get_task` or wait for the callback).
    Results can be fetched any number of times within 24 hours of the request; after that,
    and for unknown ids, the answer is 404.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | TaskResults
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Error | TaskResults]:
    """Get a finished task's results

     Returns `{"results": [...]}`, one entry per fetched page. `content` is the raw page (HTML
    or Markdown string) or, with `parse: true`, the parsed JSON object. While the task is still
    `pending` the endpoint answers 204 No Content (poll `get_task` or wait for the callback).
    Results can be fetched any number of times within 24 hours of the request; after that,
    and for unknown ids, the answer is 404.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | TaskResults]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | Error | TaskResults | None:
    """Get a finished task's results

     Returns `{"results": [...]}`, one entry per fetched page. `content` is the raw page (HTML
    or Markdown string) or, with `parse: true`, the parsed JSON object. While the task is still
    `pending` the endpoint answers 204 No Content (poll `get_task` or wait for the callback).
    Results can be fetched any number of times within 24 hours of the request; after that,
    and for unknown ids, the answer is 404.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | TaskResults
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
        )
    ).parsed
