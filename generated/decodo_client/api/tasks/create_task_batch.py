from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.airbnb_batch import AirbnbBatch
from ...models.amazon_batch import AmazonBatch
from ...models.amazon_bestsellers_batch import AmazonBestsellersBatch
from ...models.amazon_pricing_batch import AmazonPricingBatch
from ...models.amazon_product_batch import AmazonProductBatch
from ...models.amazon_search_batch import AmazonSearchBatch
from ...models.amazon_sellers_batch import AmazonSellersBatch
from ...models.apple_app_store_batch import AppleAppStoreBatch
from ...models.autotrader_batch import AutotraderBatch
from ...models.batch_response import BatchResponse
from ...models.bbb_batch import BbbBatch
from ...models.bing_batch import BingBatch
from ...models.bing_search_batch import BingSearchBatch
from ...models.chatgpt_batch import ChatgptBatch
from ...models.error import Error
from ...models.gemini_batch import GeminiBatch
from ...models.google_ads_batch import GoogleAdsBatch
from ...models.google_ai_mode_batch import GoogleAiModeBatch
from ...models.google_batch import GoogleBatch
from ...models.google_lens_batch import GoogleLensBatch
from ...models.google_search_batch import GoogleSearchBatch
from ...models.google_travel_hotels_batch import GoogleTravelHotelsBatch
from ...models.mobile_batch import MobileBatch
from ...models.perplexity_batch import PerplexityBatch
from ...models.reddit_post_batch import RedditPostBatch
from ...models.reddit_subreddit_batch import RedditSubredditBatch
from ...models.reddit_user_batch import RedditUserBatch
from ...models.target_batch import TargetBatch
from ...models.target_product_batch import TargetProductBatch
from ...models.target_search_batch import TargetSearchBatch
from ...models.tiktok_batch import TiktokBatch
from ...models.tiktok_post_batch import TiktokPostBatch
from ...models.tiktok_shop_product_batch import TiktokShopProductBatch
from ...models.tiktok_shop_search_batch import TiktokShopSearchBatch
from ...models.universal_batch import UniversalBatch
from ...models.walmart_batch import WalmartBatch
from ...models.walmart_product_batch import WalmartProductBatch
from ...models.walmart_search_batch import WalmartSearchBatch
from ...models.youtube_channel_batch import YoutubeChannelBatch
from ...models.youtube_metadata_batch import YoutubeMetadataBatch
from ...models.youtube_search_batch import YoutubeSearchBatch
from ...models.youtube_subtitles_batch import YoutubeSubtitlesBatch
from ...types import Response


def _get_kwargs(
    *,
    body: AirbnbBatch
    | AmazonBatch
    | AmazonBestsellersBatch
    | AmazonPricingBatch
    | AmazonProductBatch
    | AmazonSearchBatch
    | AmazonSellersBatch
    | AppleAppStoreBatch
    | AutotraderBatch
    | BbbBatch
    | BingBatch
    | BingSearchBatch
    | ChatgptBatch
    | GeminiBatch
    | GoogleAdsBatch
    | GoogleAiModeBatch
    | GoogleBatch
    | GoogleLensBatch
    | GoogleSearchBatch
    | GoogleTravelHotelsBatch
    | MobileBatch
    | PerplexityBatch
    | RedditPostBatch
    | RedditSubredditBatch
    | RedditUserBatch
    | TargetBatch
    | TargetProductBatch
    | TargetSearchBatch
    | TiktokBatch
    | TiktokPostBatch
    | TiktokShopProductBatch
    | TiktokShopSearchBatch
    | UniversalBatch
    | WalmartBatch
    | WalmartProductBatch
    | WalmartSearchBatch
    | YoutubeChannelBatch
    | YoutubeMetadataBatch
    | YoutubeSearchBatch
    | YoutubeSubtitlesBatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/task/batch",
    }

    if isinstance(body, AirbnbBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonBestsellersBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonPricingBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonProductBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonSearchBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AmazonSellersBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AppleAppStoreBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, AutotraderBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, BbbBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, BingBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, BingSearchBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, ChatgptBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GeminiBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleAdsBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleAiModeBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleLensBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleSearchBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, GoogleTravelHotelsBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, MobileBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, PerplexityBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, RedditPostBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, RedditSubredditBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, RedditUserBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TargetBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TargetProductBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TargetSearchBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TiktokBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TiktokPostBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TiktokShopProductBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, TiktokShopSearchBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, UniversalBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, WalmartBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, WalmartProductBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, WalmartSearchBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, YoutubeChannelBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, YoutubeMetadataBatch):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, YoutubeSearchBatch):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchResponse | Error | None:
    if response.status_code == 200:
        response_200 = BatchResponse.from_dict(response.json())

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
) -> Response[BatchResponse | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AirbnbBatch
    | AmazonBatch
    | AmazonBestsellersBatch
    | AmazonPricingBatch
    | AmazonProductBatch
    | AmazonSearchBatch
    | AmazonSellersBatch
    | AppleAppStoreBatch
    | AutotraderBatch
    | BbbBatch
    | BingBatch
    | BingSearchBatch
    | ChatgptBatch
    | GeminiBatch
    | GoogleAdsBatch
    | GoogleAiModeBatch
    | GoogleBatch
    | GoogleLensBatch
    | GoogleSearchBatch
    | GoogleTravelHotelsBatch
    | MobileBatch
    | PerplexityBatch
    | RedditPostBatch
    | RedditSubredditBatch
    | RedditUserBatch
    | TargetBatch
    | TargetProductBatch
    | TargetSearchBatch
    | TiktokBatch
    | TiktokPostBatch
    | TiktokShopProductBatch
    | TiktokShopSearchBatch
    | UniversalBatch
    | WalmartBatch
    | WalmartProductBatch
    | WalmartSearchBatch
    | YoutubeChannelBatch
    | YoutubeMetadataBatch
    | YoutubeSearchBatch
    | YoutubeSubtitlesBatch,
) -> Response[BatchResponse | Error]:
    """Queue many scraping tasks of one target

     Queues one task per input. The body has the same keys as a single task for ONE target,
    except that the primary input (`url`, `query`, `product_id` or `prompt`, depending on the
    target) is an array of strings (at least one). A batch carries either URLs or queries, never
    both, and exactly one `target`. The number of inputs allowed per batch depends on the
    subscription; the endpoint is limited to 1 request per second (429 otherwise).
    `callback_url` applies to every task of the batch (one callback per task is expected).

    Args:
        body (AirbnbBatch | AmazonBatch | AmazonBestsellersBatch | AmazonPricingBatch |
            AmazonProductBatch | AmazonSearchBatch | AmazonSellersBatch | AppleAppStoreBatch |
            AutotraderBatch | BbbBatch | BingBatch | BingSearchBatch | ChatgptBatch | GeminiBatch |
            GoogleAdsBatch | GoogleAiModeBatch | GoogleBatch | GoogleLensBatch | GoogleSearchBatch |
            GoogleTravelHotelsBatch | MobileBatch | PerplexityBatch | RedditPostBatch |
            RedditSubredditBatch | RedditUserBatch | TargetBatch | TargetProductBatch |
            TargetSearchBatch | TiktokBatch | TiktokPostBatch | TiktokShopProductBatch |
            TiktokShopSearchBatch | UniversalBatch | WalmartBatch | WalmartProductBatch |
            WalmartSearchBatch | YoutubeChannelBatch | YoutubeMetadataBatch | YoutubeSearchBatch |
            YoutubeSubtitlesBatch): Parameters of a batch for ONE target; the primary input is an
            array.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponse | Error]
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
    body: AirbnbBatch
    | AmazonBatch
    | AmazonBestsellersBatch
    | AmazonPricingBatch
    | AmazonProductBatch
    | AmazonSearchBatch
    | AmazonSellersBatch
    | AppleAppStoreBatch
    | AutotraderBatch
    | BbbBatch
    | BingBatch
    | BingSearchBatch
    | ChatgptBatch
    | GeminiBatch
    | GoogleAdsBatch
    | GoogleAiModeBatch
    | GoogleBatch
    | GoogleLensBatch
    | GoogleSearchBatch
    | GoogleTravelHotelsBatch
    | MobileBatch
    | PerplexityBatch
    | RedditPostBatch
    | RedditSubredditBatch
    | RedditUserBatch
    | TargetBatch
    | TargetProductBatch
    | TargetSearchBatch
    | TiktokBatch
    | TiktokPostBatch
    | TiktokShopProductBatch
    | TiktokShopSearchBatch
    | UniversalBatch
    | WalmartBatch
    | WalmartProductBatch
    | WalmartSearchBatch
    | YoutubeChannelBatch
    | YoutubeMetadataBatch
    | YoutubeSearchBatch
    | YoutubeSubtitlesBatch,
) -> BatchResponse | Error | None:
    """Queue many scraping tasks of one target

     Queues one task per input. The body has the same keys as a single task for ONE target,
    except that the primary input (`url`, `query`, `product_id` or `prompt`, depending on the
    target) is an array of strings (at least one). A batch carries either URLs or queries, never
    both, and exactly one `target`. The number of inputs allowed per batch depends on the
    subscription; the endpoint is limited to 1 request per second (429 otherwise).
    `callback_url` applies to every task of the batch (one callback per task is expected).

    Args:
        body (AirbnbBatch | AmazonBatch | AmazonBestsellersBatch | AmazonPricingBatch |
            AmazonProductBatch | AmazonSearchBatch | AmazonSellersBatch | AppleAppStoreBatch |
            AutotraderBatch | BbbBatch | BingBatch | BingSearchBatch | ChatgptBatch | GeminiBatch |
            GoogleAdsBatch | GoogleAiModeBatch | GoogleBatch | GoogleLensBatch | GoogleSearchBatch |
            GoogleTravelHotelsBatch | MobileBatch | PerplexityBatch | RedditPostBatch |
            RedditSubredditBatch | RedditUserBatch | TargetBatch | TargetProductBatch |
            TargetSearchBatch | TiktokBatch | TiktokPostBatch | TiktokShopProductBatch |
            TiktokShopSearchBatch | UniversalBatch | WalmartBatch | WalmartProductBatch |
            WalmartSearchBatch | YoutubeChannelBatch | YoutubeMetadataBatch | YoutubeSearchBatch |
            YoutubeSubtitlesBatch): Parameters of a batch for ONE target; the primary input is an
            array.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponse | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AirbnbBatch
    | AmazonBatch
    | AmazonBestsellersBatch
    | AmazonPricingBatch
    | AmazonProductBatch
    | AmazonSearchBatch
    | AmazonSellersBatch
    | AppleAppStoreBatch
    | AutotraderBatch
    | BbbBatch
    | BingBatch
    | BingSearchBatch
    | ChatgptBatch
    | GeminiBatch
    | GoogleAdsBatch
    | GoogleAiModeBatch
    | GoogleBatch
    | GoogleLensBatch
    | GoogleSearchBatch
    | GoogleTravelHotelsBatch
    | MobileBatch
    | PerplexityBatch
    | RedditPostBatch
    | RedditSubredditBatch
    | RedditUserBatch
    | TargetBatch
    | TargetProductBatch
    | TargetSearchBatch
    | TiktokBatch
    | TiktokPostBatch
    | TiktokShopProductBatch
    | TiktokShopSearchBatch
    | UniversalBatch
    | WalmartBatch
    | WalmartProductBatch
    | WalmartSearchBatch
    | YoutubeChannelBatch
    | YoutubeMetadataBatch
    | YoutubeSearchBatch
    | YoutubeSubtitlesBatch,
) -> Response[BatchResponse | Error]:
    """Queue many scraping tasks of one target

     Queues one task per input. The body has the same keys as a single task for ONE target,
    except that the primary input (`url`, `query`, `product_id` or `prompt`, depending on the
    target) is an array of strings (at least one). A batch carries either URLs or queries, never
    both, and exactly one `target`. The number of inputs allowed per batch depends on the
    subscription; the endpoint is limited to 1 request per second (429 otherwise).
    `callback_url` applies to every task of the batch (one callback per task is expected).

    Args:
        body (AirbnbBatch | AmazonBatch | AmazonBestsellersBatch | AmazonPricingBatch |
            AmazonProductBatch | AmazonSearchBatch | AmazonSellersBatch | AppleAppStoreBatch |
            AutotraderBatch | BbbBatch | BingBatch | BingSearchBatch | ChatgptBatch | GeminiBatch |
            GoogleAdsBatch | GoogleAiModeBatch | GoogleBatch | GoogleLensBatch | GoogleSearchBatch |
            GoogleTravelHotelsBatch | MobileBatch | PerplexityBatch | RedditPostBatch |
            RedditSubredditBatch | RedditUserBatch | TargetBatch | TargetProductBatch |
            TargetSearchBatch | TiktokBatch | TiktokPostBatch | TiktokShopProductBatch |
            TiktokShopSearchBatch | UniversalBatch | WalmartBatch | WalmartProductBatch |
            WalmartSearchBatch | YoutubeChannelBatch | YoutubeMetadataBatch | YoutubeSearchBatch |
            YoutubeSubtitlesBatch): Parameters of a batch for ONE target; the primary input is an
            array.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponse | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AirbnbBatch
    | AmazonBatch
    | AmazonBestsellersBatch
    | AmazonPricingBatch
    | AmazonProductBatch
    | AmazonSearchBatch
    | AmazonSellersBatch
    | AppleAppStoreBatch
    | AutotraderBatch
    | BbbBatch
    | BingBatch
    | BingSearchBatch
    | ChatgptBatch
    | GeminiBatch
    | GoogleAdsBatch
    | GoogleAiModeBatch
    | GoogleBatch
    | GoogleLensBatch
    | GoogleSearchBatch
    | GoogleTravelHotelsBatch
    | MobileBatch
    | PerplexityBatch
    | RedditPostBatch
    | RedditSubredditBatch
    | RedditUserBatch
    | TargetBatch
    | TargetProductBatch
    | TargetSearchBatch
    | TiktokBatch
    | TiktokPostBatch
    | TiktokShopProductBatch
    | TiktokShopSearchBatch
    | UniversalBatch
    | WalmartBatch
    | WalmartProductBatch
    | WalmartSearchBatch
    | YoutubeChannelBatch
    | YoutubeMetadataBatch
    | YoutubeSearchBatch
    | YoutubeSubtitlesBatch,
) -> BatchResponse | Error | None:
    """Queue many scraping tasks of one target

     Queues one task per input. The body has the same keys as a single task for ONE target,
    except that the primary input (`url`, `query`, `product_id` or `prompt`, depending on the
    target) is an array of strings (at least one). A batch carries either URLs or queries, never
    both, and exactly one `target`. The number of inputs allowed per batch depends on the
    subscription; the endpoint is limited to 1 request per second (429 otherwise).
    `callback_url` applies to every task of the batch (one callback per task is expected).

    Args:
        body (AirbnbBatch | AmazonBatch | AmazonBestsellersBatch | AmazonPricingBatch |
            AmazonProductBatch | AmazonSearchBatch | AmazonSellersBatch | AppleAppStoreBatch |
            AutotraderBatch | BbbBatch | BingBatch | BingSearchBatch | ChatgptBatch | GeminiBatch |
            GoogleAdsBatch | GoogleAiModeBatch | GoogleBatch | GoogleLensBatch | GoogleSearchBatch |
            GoogleTravelHotelsBatch | MobileBatch | PerplexityBatch | RedditPostBatch |
            RedditSubredditBatch | RedditUserBatch | TargetBatch | TargetProductBatch |
            TargetSearchBatch | TiktokBatch | TiktokPostBatch | TiktokShopProductBatch |
            TiktokShopSearchBatch | UniversalBatch | WalmartBatch | WalmartProductBatch |
            WalmartSearchBatch | YoutubeChannelBatch | YoutubeMetadataBatch | YoutubeSearchBatch |
            YoutubeSubtitlesBatch): Parameters of a batch for ONE target; the primary input is an
            array.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponse | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
