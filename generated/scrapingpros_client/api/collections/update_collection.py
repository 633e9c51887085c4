from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collection_updated import CollectionUpdated
from ...models.error import Error
from ...models.update_collection_request import UpdateCollectionRequest
from ...types import Response


def _get_kwargs(
    collection_id: str,
    *,
    body: UpdateCollectionRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/async/collections/{collection_id}".format(
            collection_id=quote(str(collection_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollectionUpdated | Error | None:
    if response.status_code == 200:
        response_200 = CollectionUpdated.from_dict(response.json())

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
) -> Response[CollectionUpdated | Error]:
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
    body: UpdateCollectionRequest,
) -> Response[CollectionUpdated | Error]:
    """Replace a collection's name and/or requests

     Updates the collection. `name` is always sent (the official SDK does so). When `requests`
    is present it REPLACES the whole stored list (same per-item validation and report fields
    as on create); when it is absent the stored requests are kept. Past runs are unaffected.

    Args:
        collection_id (str):
        body (UpdateCollectionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionUpdated | Error]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateCollectionRequest,
) -> CollectionUpdated | Error | None:
    """Replace a collection's name and/or requests

     Updates the collection. `name` is always sent (the official SDK does so). When `requests`
    is present it REPLACES the whole stored list (same per-item validation and report fields
    as on create); when it is absent the stored requests are kept. Past runs are unaffected.

    Args:
        collection_id (str):
        body (UpdateCollectionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionUpdated | Error
    """

    return sync_detailed(
        collection_id=collection_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateCollectionRequest,
) -> Response[CollectionUpdated | Error]:
    """Replace a collection's name and/or requests

     Updates the collection. `name` is always sent (the official SDK does so). When `requests`
    is present it REPLACES the whole stored list (same per-item validation and report fields
    as on create); when it is absent the stored requests are kept. Past runs are unaffected.

    Args:
        collection_id (str):
        body (UpdateCollectionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionUpdated | Error]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateCollectionRequest,
) -> CollectionUpdated | Error | None:
    """Replace a collection's name and/or requests

     Updates the collection. `name` is always sent (the official SDK does so). When `requests`
    is present it REPLACES the whole stored list (same per-item validation and report fields
    as on create); when it is absent the stored requests are kept. Past runs are unaffected.

    Args:
        collection_id (str):
        body (UpdateCollectionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionUpdated | Error
    """

    return (
        await asyncio_detailed(
            collection_id=collection_id,
            client=client,
            body=body,
        )
    ).parsed
