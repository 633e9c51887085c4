from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.scrape_request import ScrapeRequest
from ...models.scrape_result import ScrapeResult
from ...types import Response


def _get_kwargs(
    *,
    body: ScrapeRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sync/scrape",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ScrapeResult | None:
    if response.status_code == 200:
        response_200 = ScrapeResult.from_dict(response.json())

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
) -> Response[Error | ScrapeResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ScrapeRequest,
) -> Response[Error | ScrapeResult]:
    """Scrape one URL synchronously

     Scrapes one URL and returns the result in the response. The body is the same request
    format as a collection item (without `custom_id`). Rules the client must respect:
    `screenshot`, `actions`, `network_capture`, `block_resources` and `block_requests`
    require `browser: true`; a country code in `use_proxy` requires account approval
    (otherwise 403). Costs 1 credit (simple) or 5 (browser), refunded on failure.

    Args:
        body (ScrapeRequest): One scrape request (body of `/v1/sync/scrape`, item of a
            collection). Fields other than
            `url` are optional; omitted fields take the server default named in their description.
            `screenshot`, `actions`, `network_capture`, `block_resources` and `block_requests`
            require `browser: true`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ScrapeResult]
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
    body: ScrapeRequest,
) -> Error | ScrapeResult | None:
    """Scrape one URL synchronously

     Scrapes one URL and returns the result in the response. The body is the same request
    format as a collection item (without `custom_id`). Rules the client must respect:
    `screenshot`, `actions`, `network_capture`, `block_resources` and `block_requests`
    require `browser: true`; a country code in `use_proxy` requires account approval
    (otherwise 403). Costs 1 credit (simple) or 5 (browser), refunded on failure.

    Args:
        body (ScrapeRequest): One scrape request (body of `/v1/sync/scrape`, item of a
            collection). Fields other than
            `url` are optional; omitted fields take the server default named in their description.
            `screenshot`, `actions`, `network_capture`, `block_resources` and `block_requests`
            require `browser: true`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ScrapeResult
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ScrapeRequest,
) -> Response[Error | ScrapeResult]:
    """Scrape one URL synchronously

     Scrapes one URL and returns the result in the response. The body is the same request
    format as a collection item (without `custom_id`). Rules the client must respect:
    `screenshot`, `actions`, `network_capture`, `block_resources` and `block_requests`
    require `browser: true`; a country code in `use_proxy` requires account approval
    (otherwise 403). Costs 1 credit (simple) or 5 (browser), refunded on failure.

    Args:
        body (ScrapeRequest): One scrape request (body of `/v1/sync/scrape`, item of a
            collection). Fields other than
            `url` are optional; omitted fields take the server default named in their description.
            `screenshot`, `actions`, `network_capture`, `block_resources` and `block_requests`
            require `browser: true`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ScrapeResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ScrapeRequest,
) -> Error | ScrapeResult | None:
    """Scrape one URL synchronously

     Scrapes one URL and returns the result in the response. The body is the same request
    format as a collection item (without `custom_id`). Rules the client must respect:
    `screenshot`, `actions`, `network_capture`, `block_resources` and `block_requests`
    require `browser: true`; a country code in `use_proxy` requires account approval
    (otherwise 403). Costs 1 credit (simple) or 5 (browser), refunded on failure.

    Args:
        body (ScrapeRequest): One scrape request (body of `/v1/sync/scrape`, item of a
            collection). Fields other than
            `url` are optional; omitted fields take the server default named in their description.
            `screenshot`, `actions`, `network_capture`, `block_resources` and `block_requests`
            require `browser: true`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ScrapeResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
