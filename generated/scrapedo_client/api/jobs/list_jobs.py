import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.job_list import JobList
from ...models.job_status import JobStatus
from ...models.list_jobs_sort import ListJobsSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page_size: int | Unset = 10,
    page: int | Unset = 1,
    status: JobStatus | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    sort: ListJobsSort | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page_size"] = page_size

    params["page"] = page

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_start_from: str | Unset = UNSET
    if not isinstance(start_from, Unset):
        json_start_from = start_from.isoformat()
    params["start_from"] = json_start_from

    json_start_to: str | Unset = UNSET
    if not isinstance(start_to, Unset):
        json_start_to = start_to.isoformat()
    params["start_to"] = json_start_to

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/jobs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | JobList | None:
    if response.status_code == 200:
        response_200 = JobList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[Error | JobList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = 10,
    page: int | Unset = 1,
    status: JobStatus | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    sort: ListJobsSort | Unset = UNSET,
) -> Response[Error | JobList]:
    """List jobs

     Returns one page of the account's jobs. `page_size` is 1 to 100 (default 10) and `page`
    starts at 1 (default 1). The filters `status`, `start_from`, `start_to` and `sort` exist
    since 2026-11-17 but their exact formats are not documented (open point).

    Args:
        page_size (int | Unset):  Default: 10.
        page (int | Unset):  Default: 1.
        status (JobStatus | Unset): Job status. `queuing` = being prepared, `queued` = waiting,
            `pending` = being processed,
            `rotating` = retrying with other proxies, then the terminal `success`, `error` and
            `canceled` (one "l").
        start_from (datetime.datetime | Unset):
        start_to (datetime.datetime | Unset):
        sort (ListJobsSort | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | JobList]
    """

    kwargs = _get_kwargs(
        page_size=page_size,
        page=page,
        status=status,
        start_from=start_from,
        start_to=start_to,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = 10,
    page: int | Unset = 1,
    status: JobStatus | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    sort: ListJobsSort | Unset = UNSET,
) -> Error | JobList | None:
    """List jobs

     Returns one page of the account's jobs. `page_size` is 1 to 100 (default 10) and `page`
    starts at 1 (default 1). The filters `status`, `start_from`, `start_to` and `sort` exist
    since 2026-11-17 but their exact formats are not documented (open point).

    Args:
        page_size (int | Unset):  Default: 10.
        page (int | Unset):  Default: 1.
        status (JobStatus | Unset): Job status. `queuing` = being prepared, `queued` = waiting,
            `pending` = being processed,
            `rotating` = retrying with other proxies, then the terminal `success`, `error` and
            `canceled` (one "l").
        start_from (datetime.datetime | Unset):
        start_to (datetime.datetime | Unset):
        sort (ListJobsSort | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | JobList
    """

    return sync_detailed(
        client=client,
        page_size=page_size,
        page=page,
        status=status,
        start_from=start_from,
        start_to=start_to,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = 10,
    page: int | Unset = 1,
    status: JobStatus | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    sort: ListJobsSort | Unset = UNSET,
) -> Response[Error | JobList]:
    """List jobs

     Returns one page of the account's jobs. `page_size` is 1 to 100 (default 10) and `page`
    starts at 1 (default 1). The filters `status`, `start_from`, `start_to` and `sort` exist
    since 2026-11-17 but their exact formats are not documented (open point).

    Args:
        page_size (int | Unset):  Default: 10.
        page (int | Unset):  Default: 1.
        status (JobStatus | Unset): Job status. `queuing` = being prepared, `queued` = waiting,
            `pending` = being processed,
            `rotating` = retrying with other proxies, then the terminal `success`, `error` and
            `canceled` (one "l").
        start_from (datetime.datetime | Unset):
        start_to (datetime.datetime | Unset):
        sort (ListJobsSort | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | JobList]
    """

    kwargs = _get_kwargs(
        page_size=page_size,
        page=page,
        status=status,
        start_from=start_from,
        start_to=start_to,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = 10,
    page: int | Unset = 1,
    status: JobStatus | Unset = UNSET,
    start_from: datetime.datetime | Unset = UNSET,
    start_to: datetime.datetime | Unset = UNSET,
    sort: ListJobsSort | Unset = UNSET,
) -> Error | JobList | None:
    """List jobs

     Returns one page of the account's jobs. `page_size` is 1 to 100 (default 10) and `page`
    starts at 1 (default 1). The filters `status`, `start_from`, `start_to` and `sort` exist
    since 2026-11-17 but their exact formats are not documented (open point).

    Args:
        page_size (int | Unset):  Default: 10.
        page (int | Unset):  Default: 1.
        status (JobStatus | Unset): Job status. `queuing` = being prepared, `queued` = waiting,
            `pending` = being processed,
            `rotating` = retrying with other proxies, then the terminal `success`, `error` and
            `canceled` (one "l").
        start_from (datetime.datetime | Unset):
        start_to (datetime.datetime | Unset):
        sort (ListJobsSort | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | JobList
    """

    return (
        await asyncio_detailed(
            client=client,
            page_size=page_size,
            page=page,
            status=status,
            start_from=start_from,
            start_to=start_to,
            sort=sort,
        )
    ).parsed
