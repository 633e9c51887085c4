from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.result_error import ResultError
from ...models.scrape_result import ScrapeResult
from ...types import Response


def _get_kwargs(
    collection_id: str,
    run_id: str,
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/async/collections/{collection_id}/runs/{run_id}/jobs/{job_id}/result".format(
            collection_id=quote(str(collection_id), safe=""),
            run_id=quote(str(run_id), safe=""),
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Error | ResultError | ScrapeResult | None:
    if response.status_code == 200:
        response_200 = ScrapeResult.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:

        def _parse_response_404(data: object) -> Error | ResultError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_404_type_0 = ResultError.from_dict(data)

                return response_404_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_404_type_1 = Error.from_dict(data)

            return response_404_type_1

        response_404 = _parse_response_404(response.json())

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
) -> Response[Error | Error | ResultError | ScrapeResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    collection_id: str,
    run_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Error | ResultError | ScrapeResult]:
    """Get one job's scrape result

     Returns the scrape result of one job (`job_id` is the listing's `job_public_id`). Results
    are retained for 24 hours after the job completes. A 404 carries a structured `detail`
    with `error_code`: `result_pending` (job not finished; retry later), `result_expired`
    (older than 24 h), `result_lost` (stored result missing) or `job_id_invalid`; an unknown
    collection or run gives the plain string `detail`.

    Args:
        collection_id (str):
        run_id (str):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Error | ResultError | ScrapeResult]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        run_id=run_id,
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collection_id: str,
    run_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Error | Error | ResultError | ScrapeResult | None:
    """Get one job's scrape result

     Returns the scrape result of one job (`job_id` is the listing's `job_public_id`). Results
    are retained for 24 hours after the job completes. A 404 carries a structured `detail`
    with `error_code`: `result_pending` (job not finished; retry later), `result_expired`
    (older than 24 h), `result_lost` (stored result missing) or `job_id_invalid`; an unknown
    collection or run gives the plain string `detail`.

    Args:
        collection_id (str):
        run_id (str):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Error | ResultError | ScrapeResult
    """

    return sync_detailed(
        collection_id=collection_id,
        run_id=run_id,
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    collection_id: str,
    run_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Error | ResultError | ScrapeResult]:
    """Get one job's scrape result

     Returns the scrape result of one job (`job_id` is the listing's `job_public_id`). Results
    are retained for 24 hours after the job completes. A 404 carries a structured `detail`
    with `error_code`: `result_pending` (job not finished; retry later), `result_expired`
    (older than 24 h), `result_lost` (stored result missing) or `job_id_invalid`; an unknown
    collection or run gives the plain string `detail`.

    Args:
        collection_id (str):
        run_id (str):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Error | ResultError | ScrapeResult]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        run_id=run_id,
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collection_id: str,
    run_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Error | Error | ResultError | ScrapeResult | None:
    """Get one job's scrape result

     Returns the scrape result of one job (`job_id` is the listing's `job_public_id`). Results
    are retained for 24 hours after the job completes. A 404 carries a structured `detail`
    with `error_code`: `result_pending` (job not finished; retry later), `result_expired`
    (older than 24 h), `result_lost` (stored result missing) or `job_id_invalid`; an unknown
    collection or run gives the plain string `detail`.

    Args:
        collection_id (str):
        run_id (str):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Error | ResultError | ScrapeResult
    """

    return (
        await asyncio_detailed(
            collection_id=collection_id,
            run_id=run_id,
            job_id=job_id,
            client=client,
        )
    ).parsed
