from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.job_order_by import JobOrderBy
from ...models.run_job_page import RunJobPage
from ...models.sort_direction import SortDirection
from ...types import UNSET, Response, Unset


def _get_kwargs(
    collection_id: str,
    run_id: str,
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    order_by: JobOrderBy | Unset = UNSET,
    order_dir: SortDirection | Unset = UNSET,
    since_completed_at: str | Unset = UNSET,
    include_results: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["status_filter"] = status_filter

    json_order_by: str | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by.value

    params["order_by"] = json_order_by

    json_order_dir: str | Unset = UNSET
    if not isinstance(order_dir, Unset):
        json_order_dir = order_dir.value

    params["order_dir"] = json_order_dir

    params["since_completed_at"] = since_completed_at

    params["include_results"] = include_results

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/async/collections/{collection_id}/runs/{run_id}/jobs".format(
            collection_id=quote(str(collection_id), safe=""),
            run_id=quote(str(run_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RunJobPage | None:
    if response.status_code == 200:
        response_200 = RunJobPage.from_dict(response.json())

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
) -> Response[Error | RunJobPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    collection_id: str,
    run_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    order_by: JobOrderBy | Unset = UNSET,
    order_dir: SortDirection | Unset = UNSET,
    since_completed_at: str | Unset = UNSET,
    include_results: bool | Unset = UNSET,
) -> Response[Error | RunJobPage]:
    """List the jobs of a run

     Cursor-paginated list of the run's jobs. Pass `cursor_next` of the previous page as
    `cursor` while `has_more` is true. With `include_results=true` each completed job embeds
    its scrape result (when it is at most about 256 KB) and the server caps `limit` at 100.
    For incremental polling use `order_by=completed_at` with `since_completed_at` set to the
    highest `completed_at` seen (the comparison is strictly greater, so jobs completing at the
    same instant may need a re-read).

    Args:
        collection_id (str):
        run_id (str):
        limit (int | Unset):
        cursor (str | Unset):
        status_filter (str | Unset):
        order_by (JobOrderBy | Unset):
        order_dir (SortDirection | Unset):
        since_completed_at (str | Unset):
        include_results (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunJobPage]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        run_id=run_id,
        limit=limit,
        cursor=cursor,
        status_filter=status_filter,
        order_by=order_by,
        order_dir=order_dir,
        since_completed_at=since_completed_at,
        include_results=include_results,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collection_id: str,
    run_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    order_by: JobOrderBy | Unset = UNSET,
    order_dir: SortDirection | Unset = UNSET,
    since_completed_at: str | Unset = UNSET,
    include_results: bool | Unset = UNSET,
) -> Error | RunJobPage | None:
    """List the jobs of a run

     Cursor-paginated list of the run's jobs. Pass `cursor_next` of the previous page as
    `cursor` while `has_more` is true. With `include_results=true` each completed job embeds
    its scrape result (when it is at most about 256 KB) and the server caps `limit` at 100.
    For incremental polling use `order_by=completed_at` with `since_completed_at` set to the
    highest `completed_at` seen (the comparison is strictly greater, so jobs completing at the
    same instant may need a re-read).

    Args:
        collection_id (str):
        run_id (str):
        limit (int | Unset):
        cursor (str | Unset):
        status_filter (str | Unset):
        order_by (JobOrderBy | Unset):
        order_dir (SortDirection | Unset):
        since_completed_at (str | Unset):
        include_results (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunJobPage
    """

    return sync_detailed(
        collection_id=collection_id,
        run_id=run_id,
        client=client,
        limit=limit,
        cursor=cursor,
        status_filter=status_filter,
        order_by=order_by,
        order_dir=order_dir,
        since_completed_at=since_completed_at,
        include_results=include_results,
    ).parsed


async def asyncio_detailed(
    collection_id: str,
    run_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    order_by: JobOrderBy | Unset = UNSET,
    order_dir: SortDirection | Unset = UNSET,
    since_completed_at: str | Unset = UNSET,
    include_results: bool | Unset = UNSET,
) -> Response[Error | RunJobPage]:
    """List the jobs of a run

     Cursor-paginated list of the run's jobs. Pass `cursor_next` of the previous page as
    `cursor` while `has_more` is true. With `include_results=true` each completed job embeds
    its scrape result (when it is at most about 256 KB) and the server caps `limit` at 100.
    For incremental polling use `order_by=completed_at` with `since_completed_at` set to the
    highest `completed_at` seen (the comparison is strictly greater, so jobs completing at the
    same instant may need a re-read).

    Args:
        collection_id (str):
        run_id (str):
        limit (int | Unset):
        cursor (str | Unset):
        status_filter (str | Unset):
        order_by (JobOrderBy | Unset):
        order_dir (SortDirection | Unset):
        since_completed_at (str | Unset):
        include_results (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunJobPage]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        run_id=run_id,
        limit=limit,
        cursor=cursor,
        status_filter=status_filter,
        order_by=order_by,
        order_dir=order_dir,
        since_completed_at=since_completed_at,
        include_results=include_results,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collection_id: str,
    run_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    order_by: JobOrderBy | Unset = UNSET,
    order_dir: SortDirection | Unset = UNSET,
    since_completed_at: str | Unset = UNSET,
    include_results: bool | Unset = UNSET,
) -> Error | RunJobPage | None:
    """List the jobs of a run

     Cursor-paginated list of the run's jobs. Pass `cursor_next` of the previous page as
    `cursor` while `has_more` is true. With `include_results=true` each completed job embeds
    its scrape result (when it is at most about 256 KB) and the server caps `limit` at 100.
    For incremental polling use `order_by=completed_at` with `since_completed_at` set to the
    highest `completed_at` seen (the comparison is strictly greater, so jobs completing at the
    same instant may need a re-read).

    Args:
        collection_id (str):
        run_id (str):
        limit (int | Unset):
        cursor (str | Unset):
        status_filter (str | Unset):
        order_by (JobOrderBy | Unset):
        order_dir (SortDirection | Unset):
        since_completed_at (str | Unset):
        include_results (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunJobPage
    """

    return (
        await asyncio_detailed(
            collection_id=collection_id,
            run_id=run_id,
            client=client,
            limit=limit,
            cursor=cursor,
            status_filter=status_filter,
            order_by=order_by,
            order_dir=order_dir,
            since_completed_at=since_completed_at,
            include_results=include_results,
        )
    ).parsed
