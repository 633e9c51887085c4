from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.run_list import RunList
from ...models.run_status_filter import RunStatusFilter
from ...types import UNSET, Response, Unset


def _get_kwargs(
    collection_id: str,
    *,
    status_filter: RunStatusFilter | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status_filter: str | Unset = UNSET
    if not isinstance(status_filter, Unset):
        json_status_filter = status_filter.value

    params["status_filter"] = json_status_filter

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/async/collections/{collection_id}/runs".format(
            collection_id=quote(str(collection_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RunList | None:
    if response.status_code == 200:
        response_200 = RunList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

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
) -> Response[Error | RunList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    status_filter: RunStatusFilter | Unset = UNSET,
) -> Response[Error | RunList]:
    """List the runs of a collection

     Returns the collection's runs, newest first, optionally filtered by status.

    Args:
        collection_id (str):
        status_filter (RunStatusFilter | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunList]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        status_filter=status_filter,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    status_filter: RunStatusFilter | Unset = UNSET,
) -> Error | RunList | None:
    """List the runs of a collection

     Returns the collection's runs, newest first, optionally filtered by status.

    Args:
        collection_id (str):
        status_filter (RunStatusFilter | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunList
    """

    return sync_detailed(
        collection_id=collection_id,
        client=client,
        status_filter=status_filter,
    ).parsed


async def asyncio_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    status_filter: RunStatusFilter | Unset = UNSET,
) -> Response[Error | RunList]:
    """List the runs of a collection

     Returns the collection's runs, newest first, optionally filtered by status.

    Args:
        collection_id (str):
        status_filter (RunStatusFilter | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunList]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        status_filter=status_filter,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    status_filter: RunStatusFilter | Unset = UNSET,
) -> Error | RunList | None:
    """List the runs of a collection

     Returns the collection's runs, newest first, optionally filtered by status.

    Args:
        collection_id (str):
        status_filter (RunStatusFilter | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunList
    """

    return (
        await asyncio_detailed(
            collection_id=collection_id,
            client=client,
            status_filter=status_filter,
        )
    ).parsed
