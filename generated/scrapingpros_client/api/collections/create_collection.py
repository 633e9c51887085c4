from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collection_created import CollectionCreated
from ...models.create_collection_request import CreateCollectionRequest
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateCollectionRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/async/collections",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollectionCreated | Error | None:
    if response.status_code == 201:
        response_201 = CollectionCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

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
) -> Response[CollectionCreated | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateCollectionRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CollectionCreated | Error]:
    """Create a collection

     Stores a named list of scrape requests (items use the `/v1/sync/scrape` body format plus
    an optional `custom_id`). Nothing is scraped until the collection is run.

    Items are validated one by one: rejected items do not fail the call but are reported in
    `blocked_urls` (SSRF/URL checks) and `invalid_items` (field validation); repeated
    (`url`, `custom_id`) pairs keep only the first occurrence and are counted in
    `duplicates_skipped` / listed in `duplicate_urls`.

    Send an `Idempotency-Key` (a client-generated UUID) to make retries safe: within 24 hours
    a replay with the same key returns the original response with `Idempotency-Replayed: true`.
    Reusing a key with a different body is answered with 409 (this spec's decision; the
    provider does not document it).

    `callback_url` registers a webhook that receives a signed `run.completed` event each time
    a run of this collection finishes (see the `runCompleted` callback).

    Args:
        idempotency_key (str | Unset):
        body (CreateCollectionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionCreated | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateCollectionRequest,
    idempotency_key: str | Unset = UNSET,
) -> CollectionCreated | Error | None:
    """Create a collection

     Stores a named list of scrape requests (items use the `/v1/sync/scrape` body format plus
    an optional `custom_id`). Nothing is scraped until the collection is run.

    Items are validated one by one: rejected items do not fail the call but are reported in
    `blocked_urls` (SSRF/URL checks) and `invalid_items` (field validation); repeated
    (`url`, `custom_id`) pairs keep only the first occurrence and are counted in
    `duplicates_skipped` / listed in `duplicate_urls`.

    Send an `Idempotency-Key` (a client-generated UUID) to make retries safe: within 24 hours
    a replay with the same key returns the original response with `Idempotency-Replayed: true`.
    Reusing a key with a different body is answered with 409 (this spec's decision; the
    provider does not document it).

    `callback_url` registers a webhook that receives a signed `run.completed` event each time
    a run of this collection finishes (see the `runCompleted` callback).

    Args:
        idempotency_key (str | Unset):
        body (CreateCollectionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionCreated | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateCollectionRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CollectionCreated | Error]:
    """Create a collection

     Stores a named list of scrape requests (items use the `/v1/sync/scrape` body format plus
    an optional `custom_id`). Nothing is scraped until the collection is run.

    Items are validated one by one: rejected items do not fail the call but are reported in
    `blocked_urls` (SSRF/URL checks) and `invalid_items` (field validation); repeated
    (`url`, `custom_id`) pairs keep only the first occurrence and are counted in
    `duplicates_skipped` / listed in `duplicate_urls`.

    Send an `Idempotency-Key` (a client-generated UUID) to make retries safe: within 24 hours
    a replay with the same key returns the original response with `Idempotency-Replayed: true`.
    Reusing a key with a different body is answered with 409 (this spec's decision; the
    provider does not document it).

    `callback_url` registers a webhook that receives a signed `run.completed` event each time
    a run of this collection finishes (see the `runCompleted` callback).

    Args:
        idempotency_key (str | Unset):
        body (CreateCollectionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionCreated | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateCollectionRequest,
    idempotency_key: str | Unset = UNSET,
) -> CollectionCreated | Error | None:
    """Create a collection

     Stores a named list of scrape requests (items use the `/v1/sync/scrape` body format plus
    an optional `custom_id`). Nothing is scraped until the collection is run.

    Items are validated one by one: rejected items do not fail the call but are reported in
    `blocked_urls` (SSRF/URL checks) and `invalid_items` (field validation); repeated
    (`url`, `custom_id`) pairs keep only the first occurrence and are counted in
    `duplicates_skipped` / listed in `duplicate_urls`.

    Send an `Idempotency-Key` (a client-generated UUID) to make retries safe: within 24 hours
    a replay with the same key returns the original response with `Idempotency-Replayed: true`.
    Reusing a key with a different body is answered with 409 (this spec's decision; the
    provider does not document it).

    `callback_url` registers a webhook that receives a signed `run.completed` event each time
    a run of this collection finishes (see the `runCompleted` callback).

    Args:
        idempotency_key (str | Unset):
        body (CreateCollectionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionCreated | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
