from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.airbnb_task import AirbnbTask
from ...models.amazon_bestsellers_task import AmazonBestsellersTask
from ...models.amazon_pricing_task import AmazonPricingTask
from ...models.amazon_product_task import AmazonProductTask
from ...models.amazon_search_task import AmazonSearchTask
from ...models.amazon_sellers_task import AmazonSellersTask
from ...models.amazon_task import AmazonTask
from ...models.apple_app_store_task import AppleAppStoreTask
from ...models.autotrader_task import AutotraderTask
from ...models.bbb_task import BbbTask
from ...models.bing_search_task import BingSearchTask
from ...models.bing_task import BingTask
from ...models.chatgpt_task import ChatgptTask
from ...models.error import Error
from ...models.gemini_task import GeminiTask
from ...models.google_ads_task import GoogleAdsTask
from ...models.google_ai_mode_task import GoogleAiModeTask
from ...models.google_lens_task import GoogleLensTask
from ...models.google_search_task import GoogleSearchTask
from ...models.google_task import GoogleTask
from ...models.google_travel_hotels_task import GoogleTravelHotelsTask
from ...models.mobile_task import MobileTask
from ...models.perplexity_task import PerplexityTask
from ...models.reddit_post_task import RedditPostTask
from ...models.reddit_subreddit_task import RedditSubredditTask
from ...models.reddit_user_task import RedditUserTask
from ...models.target_product_task import TargetProductTask
from ...models.target_search_task import TargetSearchTask
from ...models.target_task import TargetTask
from ...models.task import Task
from ...models.tiktok_post_task import TiktokPostTask
from ...models.tiktok_shop_product_task import TiktokShopProductTask
from ...models.tiktok_shop_search_task import TiktokShopSearchTask
from ...models.tiktok_task import TiktokTask
from ...models.universal_task import UniversalTask
from ...models.walmart_product_task import WalmartProductTask
from ...models.walmart_search_task import WalmartSearchTask
from ...models.walmart_task import WalmartTask
from ...models.youtube_channel_task import YoutubeChannelTask
from ...models.youtube_metadata_task import YoutubeMetadataTask
from ...models.youtube_search_task import YoutubeSearchTask
from ...models.youtube_subtitles_task import YoutubeSubtitlesTask
from ...types import Response


def _get_kwargs(
    *,
    body: AirbnbTask
    | AmazonBestsellersTask
    | AmazonPricingTask
    | AmazonProductTask
    | AmazonSearchTask
    | AmazonSellersTask
    | AmazonTask
    | AppleAppStoreTask
    | AutotraderTask
    | BbbTask
    | BingSearchTask
    | BingTask
    | ChatgptTask
    | GeminiTask
    | GoogleAdsTask
    | GoogleAiModeTask
    | GoogleLensTask
    | GoogleSearchTask
    | GoogleTask
    | GoogleTravelHotelsTask
    | MobileTask
    | PerplexityTask
    | RedditPostTask
    | RedditSubredditTask
    | RedditUserTask
    | TargetProductTask
    | TargetSearchTask
    | TargetTask
    | TiktokPostTask
    | TiktokShopProductTask
    | TiktokShopSearchTask
    | TiktokTask
    | UniversalTask
    | WalmartProductTask
    | WalmartSearchTask
    | WalmartTask
    | YoutubeChannelTask
    | YoutubeMetadataTask
    | YoutubeSearchTask
    | YoutubeSubtitlesTask,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/task",
    }

    if isinstance(body, AirbnbTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonBestsellersTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonPricingTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonProductTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonSearchTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonSellersTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AppleAppStoreTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AutotraderTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, BbbTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, BingTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, BingSearchTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, ChatgptTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GeminiTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleAdsTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleAiModeTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleLensTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleSearchTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleTravelHotelsTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, MobileTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, PerplexityTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, RedditPostTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, RedditSubredditTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, RedditUserTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TargetTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TargetProductTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TargetSearchTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TiktokTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TiktokPostTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TiktokShopProductTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TiktokShopSearchTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, UniversalTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, WalmartTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, WalmartProductTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, WalmartSearchTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, YoutubeChannelTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, YoutubeMetadataTask):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, YoutubeSearchTask):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
) -> Response[Error | Task]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AirbnbTask
    | AmazonBestsellersTask
    | AmazonPricingTask
    | AmazonProductTask
    | AmazonSearchTask
    | AmazonSellersTask
    | AmazonTask
    | AppleAppStoreTask
    | AutotraderTask
    | BbbTask
    | BingSearchTask
    | BingTask
    | ChatgptTask
    | GeminiTask
    | GoogleAdsTask
    | GoogleAiModeTask
    | GoogleLensTask
    | GoogleSearchTask
    | GoogleTask
    | GoogleTravelHotelsTask
    | MobileTask
    | PerplexityTask
    | RedditPostTask
    | RedditSubredditTask
    | RedditUserTask
    | TargetProductTask
    | TargetSearchTask
    | TargetTask
    | TiktokPostTask
    | TiktokShopProductTask
    | TiktokShopSearchTask
    | TiktokTask
    | UniversalTask
    | WalmartProductTask
    | WalmartSearchTask
    | WalmartTask
    | YoutubeChannelTask
    | YoutubeMetadataTask
    | YoutubeSearchTask
    | YoutubeSubtitlesTask,
) -> Response[Error | Task]:
    """Queue one scraping task

     Queues one task and returns the task object at once (`status: pending`), echoing the
    parameters with the server defaults filled in. Use its `id` with `get_task` and
    `get_task_results`.

    The body is one of 40 per-target parameter sets, selected by `target`. Decodo defaults
    `target` to `universal` when it is omitted; this spec makes `target` required in every
    variant (so the union can be discriminated), so the generated client always sends it.
    Each variant rejects unknown keys. If `callback_url` is set, Decodo POSTs the finished task
    object there (see the `taskDone` callback); `passthrough` is echoed in that payload.

    Args:
        body (AirbnbTask | AmazonBestsellersTask | AmazonPricingTask | AmazonProductTask |
            AmazonSearchTask | AmazonSellersTask | AmazonTask | AppleAppStoreTask | AutotraderTask |
            BbbTask | BingSearchTask | BingTask | ChatgptTask | GeminiTask | GoogleAdsTask |
            GoogleAiModeTask | GoogleLensTask | GoogleSearchTask | GoogleTask | GoogleTravelHotelsTask
            | MobileTask | PerplexityTask | RedditPostTask | RedditSubredditTask | RedditUserTask |
            TargetProductTask | TargetSearchTask | TargetTask | TiktokPostTask | TiktokShopProductTask
            | TiktokShopSearchTask | TiktokTask | UniversalTask | WalmartProductTask |
            WalmartSearchTask | WalmartTask | YoutubeChannelTask | YoutubeMetadataTask |
            YoutubeSearchTask | YoutubeSubtitlesTask): Parameters of one task; the allowed keys depend
            on `target`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Task]
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
    body: AirbnbTask
    | AmazonBestsellersTask
    | AmazonPricingTask
    | AmazonProductTask
    | AmazonSearchTask
    | AmazonSellersTask
    | AmazonTask
    | AppleAppStoreTask
    | AutotraderTask
    | BbbTask
    | BingSearchTask
    | BingTask
    | ChatgptTask
    | GeminiTask
    | GoogleAdsTask
    | GoogleAiModeTask
    | GoogleLensTask
    | GoogleSearchTask
    | GoogleTask
    | GoogleTravelHotelsTask
    | MobileTask
    | PerplexityTask
    | RedditPostTask
    | RedditSubredditTask
    | RedditUserTask
    | TargetProductTask
    | TargetSearchTask
    | TargetTask
    | TiktokPostTask
    | TiktokShopProductTask
    | TiktokShopSearchTask
    | TiktokTask
    | UniversalTask
    | WalmartProductTask
    | WalmartSearchTask
    | WalmartTask
    | YoutubeChannelTask
    | YoutubeMetadataTask
    | YoutubeSearchTask
    | YoutubeSubtitlesTask,
) -> Error | Task | None:
    """Queue one scraping task

     Queues one task and returns the task object at once (`status: pending`), echoing the
    parameters with the server defaults filled in. Use its `id` with `get_task` and
    `get_task_results`.

    The body is one of 40 per-target parameter sets, selected by `target`. Decodo defaults
    `target` to `universal` when it is omitted; this spec makes `target` required in every
    variant (so the union can be discriminated), so the generated client always sends it.
    Each variant rejects unknown keys. If `callback_url` is set, Decodo POSTs the finished task
    object there (see the `taskDone` callback); `passthrough` is echoed in that payload.

    Args:
        body (AirbnbTask | AmazonBestsellersTask | AmazonPricingTask | AmazonProductTask |
            AmazonSearchTask | AmazonSellersTask | AmazonTask | AppleAppStoreTask | AutotraderTask |
            BbbTask | BingSearchTask | BingTask | ChatgptTask | GeminiTask | GoogleAdsTask |
            GoogleAiModeTask | GoogleLensTask | GoogleSearchTask | GoogleTask | GoogleTravelHotelsTask
            | MobileTask | PerplexityTask | RedditPostTask | RedditSubredditTask | RedditUserTask |
            TargetProductTask | TargetSearchTask | TargetTask | TiktokPostTask | TiktokShopProductTask
            | TiktokShopSearchTask | TiktokTask | UniversalTask | WalmartProductTask |
            WalmartSearchTask | WalmartTask | YoutubeChannelTask | YoutubeMetadataTask |
            YoutubeSearchTask | YoutubeSubtitlesTask): Parameters of one task; the allowed keys depend
            on `target`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Task
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AirbnbTask
    | AmazonBestsellersTask
    | AmazonPricingTask
    | AmazonProductTask
    | AmazonSearchTask
    | AmazonSellersTask
    | AmazonTask
    | AppleAppStoreTask
    | AutotraderTask
    | BbbTask
    | BingSearchTask
    | BingTask
    | ChatgptTask
    | GeminiTask
    | GoogleAdsTask
    | GoogleAiModeTask
    | GoogleLensTask
    | GoogleSearchTask
    | GoogleTask
    | GoogleTravelHotelsTask
    | MobileTask
    | PerplexityTask
    | RedditPostTask
    | RedditSubredditTask
    | RedditUserTask
    | TargetProductTask
    | TargetSearchTask
    | TargetTask
    | TiktokPostTask
    | TiktokShopProductTask
    | TiktokShopSearchTask
    | TiktokTask
    | UniversalTask
    | WalmartProductTask
    | WalmartSearchTask
    | WalmartTask
    | YoutubeChannelTask
    | YoutubeMetadataTask
    | YoutubeSearchTask
    | YoutubeSubtitlesTask,
) -> Response[Error | Task]:
    """Queue one scraping task

     Queues one task and returns the task object at once (`status: pending`), echoing the
    parameters with the server defaults filled in. Use its `id` with `get_task` and
    `get_task_results`.

    The body is one of 40 per-target parameter sets, selected by `target`. Decodo defaults
    `target` to `universal` when it is omitted; this spec makes `target` required in every
    variant (so the union can be discriminated), so the generated client always sends it.
    Each variant rejects unknown keys. If `callback_url` is set, Decodo POSTs the finished task
    object there (see the `taskDone` callback); `passthrough` is echoed in that payload.

    Args:
        body (AirbnbTask | AmazonBestsellersTask | AmazonPricingTask | AmazonProductTask |
            AmazonSearchTask | AmazonSellersTask | AmazonTask | AppleAppStoreTask | AutotraderTask |
            BbbTask | BingSearchTask | BingTask | ChatgptTask | GeminiTask | GoogleAdsTask |
            GoogleAiModeTask | GoogleLensTask | GoogleSearchTask | GoogleTask | GoogleTravelHotelsTask
            | MobileTask | PerplexityTask | RedditPostTask | RedditSubredditTask | RedditUserTask |
            TargetProductTask | TargetSearchTask | TargetTask | TiktokPostTask | TiktokShopProductTask
            | TiktokShopSearchTask | TiktokTask | UniversalTask | WalmartProductTask |
            WalmartSearchTask | WalmartTask | YoutubeChannelTask | YoutubeMetadataTask |
            YoutubeSearchTask | YoutubeSubtitlesTask): Parameters of one task; the allowed keys depend
            on `target`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Task]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AirbnbTask
    | AmazonBestsellersTask
    | AmazonPricingTask
    | AmazonProductTask
    | AmazonSearchTask
    | AmazonSellersTask
    | AmazonTask
    | AppleAppStoreTask
    | AutotraderTask
    | BbbTask
    | BingSearchTask
    | BingTask
    | ChatgptTask
    | GeminiTask
    | GoogleAdsTask
    | GoogleAiModeTask
    | GoogleLensTask
    | GoogleSearchTask
    | GoogleTask
    | GoogleTravelHotelsTask
    | MobileTask
    | PerplexityTask
    | RedditPostTask
    | RedditSubredditTask
    | RedditUserTask
    | TargetProductTask
    | TargetSearchTask
    | TargetTask
    | TiktokPostTask
    | TiktokShopProductTask
    | TiktokShopSearchTask
    | TiktokTask
    | UniversalTask
    | WalmartProductTask
    | WalmartSearchTask
    | WalmartTask
    | YoutubeChannelTask
    | YoutubeMetadataTask
    | YoutubeSearchTask
    | YoutubeSubtitlesTask,
) -> Error | Task | None:
    """Queue one scraping task

     Queues one task and returns the task object at once (`status: pending`), echoing the
    parameters with the server defaults filled in. Use its `id` with `get_task` and
    `get_task_results`.

    The body is one of 40 per-target parameter sets, selected by `target`. Decodo defaults
    `target` to `universal` when it is omitted; this spec makes `target` required in every
    variant (so the union can be discriminated), so the generated client always sends it.
    Each variant rejects unknown keys. If `callback_url` is set, Decodo POSTs the finished task
    object there (see the `taskDone` callback); `passthrough` is echoed in that payload.

    Args:
        body (AirbnbTask | AmazonBestsellersTask | AmazonPricingTask | AmazonProductTask |
            AmazonSearchTask | AmazonSellersTask | AmazonTask | AppleAppStoreTask | AutotraderTask |
            BbbTask | BingSearchTask | BingTask | ChatgptTask | GeminiTask | GoogleAdsTask |
            GoogleAiModeTask | GoogleLensTask | GoogleSearchTask | GoogleTask | GoogleTravelHotelsTask
            | MobileTask | PerplexityTask | RedditPostTask | RedditSubredditTask | RedditUserTask |
            TargetProductTask | TargetSearchTask | TargetTask | TiktokPostTask | TiktokShopProductTask
            | TiktokShopSearchTask | TiktokTask | UniversalTask | WalmartProductTask |
            WalmartSearchTask | WalmartTask | YoutubeChannelTask | YoutubeMetadataTask |
            YoutubeSearchTask | YoutubeSubtitlesTask): Parameters of one task; the allowed keys depend
            on `target`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Task
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
