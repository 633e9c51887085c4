"""Contains all the data models used in inputs/outputs"""

from .airbnb_batch import AirbnbBatch
from .airbnb_task import AirbnbTask
from .amazon_batch import AmazonBatch
from .amazon_bestsellers_batch import AmazonBestsellersBatch
from .amazon_bestsellers_task import AmazonBestsellersTask
from .amazon_pricing_batch import AmazonPricingBatch
from .amazon_pricing_task import AmazonPricingTask
from .amazon_product_batch import AmazonProductBatch
from .amazon_product_task import AmazonProductTask
from .amazon_search_batch import AmazonSearchBatch
from .amazon_search_task import AmazonSearchTask
from .amazon_sellers_batch import AmazonSellersBatch
from .amazon_sellers_task import AmazonSellersTask
from .amazon_task import AmazonTask
from .apple_app_store_batch import AppleAppStoreBatch
from .apple_app_store_task import AppleAppStoreTask
from .autotrader_batch import AutotraderBatch
from .autotrader_task import AutotraderTask
from .batch_error import BatchError
from .batch_response import BatchResponse
from .bbb_batch import BbbBatch
from .bbb_task import BbbTask
from .bing_batch import BingBatch
from .bing_search_batch import BingSearchBatch
from .bing_search_task import BingSearchTask
from .bing_task import BingTask
from .browser_action_message import BrowserActionMessage
from .chatgpt_batch import ChatgptBatch
from .chatgpt_task import ChatgptTask
from .cookie import Cookie
from .custom_cookies import CustomCookies
from .custom_headers import CustomHeaders
from .error import Error
from .gemini_batch import GeminiBatch
from .gemini_task import GeminiTask
from .google_ads_batch import GoogleAdsBatch
from .google_ads_task import GoogleAdsTask
from .google_ai_mode_batch import GoogleAiModeBatch
from .google_ai_mode_task import GoogleAiModeTask
from .google_batch import GoogleBatch
from .google_lens_batch import GoogleLensBatch
from .google_lens_task import GoogleLensTask
from .google_search_batch import GoogleSearchBatch
from .google_search_task import GoogleSearchTask
from .google_task import GoogleTask
from .google_travel_hotels_batch import GoogleTravelHotelsBatch
from .google_travel_hotels_task import GoogleTravelHotelsTask
from .headless import Headless
from .mobile_batch import MobileBatch
from .mobile_task import MobileTask
from .parsed_content import ParsedContent
from .perplexity_batch import PerplexityBatch
from .perplexity_task import PerplexityTask
from .proxy_pool import ProxyPool
from .reddit_post_batch import RedditPostBatch
from .reddit_post_task import RedditPostTask
from .reddit_subreddit_batch import RedditSubredditBatch
from .reddit_subreddit_task import RedditSubredditTask
from .reddit_user_batch import RedditUserBatch
from .reddit_user_task import RedditUserTask
from .target_batch import TargetBatch
from .target_product_batch import TargetProductBatch
from .target_product_task import TargetProductTask
from .target_response_headers import TargetResponseHeaders
from .target_search_batch import TargetSearchBatch
from .target_search_task import TargetSearchTask
from .target_task import TargetTask
from .task import Task
from .task_callback import TaskCallback
from .task_result import TaskResult
from .task_results import TaskResults
from .task_status import TaskStatus
from .tiktok_batch import TiktokBatch
from .tiktok_post_batch import TiktokPostBatch
from .tiktok_post_task import TiktokPostTask
from .tiktok_shop_product_batch import TiktokShopProductBatch
from .tiktok_shop_product_task import TiktokShopProductTask
from .tiktok_shop_search_batch import TiktokShopSearchBatch
from .tiktok_shop_search_task import TiktokShopSearchTask
from .tiktok_task import TiktokTask
from .universal_batch import UniversalBatch
from .universal_task import UniversalTask
from .walmart_batch import WalmartBatch
from .walmart_product_batch import WalmartProductBatch
from .walmart_product_task import WalmartProductTask
from .walmart_search_batch import WalmartSearchBatch
from .walmart_search_task import WalmartSearchTask
from .walmart_task import WalmartTask
from .youtube_channel_batch import YoutubeChannelBatch
from .youtube_channel_task import YoutubeChannelTask
from .youtube_metadata_batch import YoutubeMetadataBatch
from .youtube_metadata_task import YoutubeMetadataTask
from .youtube_search_batch import YoutubeSearchBatch
from .youtube_search_task import YoutubeSearchTask
from .youtube_subtitles_batch import YoutubeSubtitlesBatch
from .youtube_subtitles_task import YoutubeSubtitlesTask

__all__ = (
    "AirbnbBatch",
    "AirbnbTask",
    "AmazonBatch",
    "AmazonBestsellersBatch",
    "AmazonBestsellersTask",
    "AmazonPricingBatch",
    "AmazonPricingTask",
    "AmazonProductBatch",
    "AmazonProductTask",
    "AmazonSearchBatch",
    "AmazonSearchTask",
    "AmazonSellersBatch",
    "AmazonSellersTask",
    "AmazonTask",
    "AppleAppStoreBatch",
    "AppleAppStoreTask",
    "AutotraderBatch",
    "AutotraderTask",
    "BatchError",
    "BatchResponse",
    "BbbBatch",
    "BbbTask",
    "BingBatch",
    "BingSearchBatch",
    "BingSearchTask",
    "BingTask",
    "BrowserActionMessage",
    "ChatgptBatch",
    "ChatgptTask",
    "Cookie",
    "CustomCookies",
    "CustomHeaders",
    "Error",
    "GeminiBatch",
    "GeminiTask",
    "GoogleAdsBatch",
    "GoogleAdsTask",
    "GoogleAiModeBatch",
    "GoogleAiModeTask",
    "GoogleBatch",
    "GoogleLensBatch",
    "GoogleLensTask",
    "GoogleSearchBatch",
    "GoogleSearchTask",
    "GoogleTask",
    "GoogleTravelHotelsBatch",
    "GoogleTravelHotelsTask",
    "Headless",
    "MobileBatch",
    "MobileTask",
    "ParsedContent",
    "PerplexityBatch",
    "PerplexityTask",
    "ProxyPool",
    "RedditPostBatch",
    "RedditPostTask",
    "RedditSubredditBatch",
    "RedditSubredditTask",
    "RedditUserBatch",
    "RedditUserTask",
    "TargetBatch",
    "TargetProductBatch",
    "TargetProductTask",
    "TargetResponseHeaders",
    "TargetSearchBatch",
    "TargetSearchTask",
    "TargetTask",
    "Task",
    "TaskCallback",
    "TaskResult",
    "TaskResults",
    "TaskStatus",
    "TiktokBatch",
    "TiktokPostBatch",
    "TiktokPostTask",
    "TiktokShopProductBatch",
    "TiktokShopProductTask",
    "TiktokShopSearchBatch",
    "TiktokShopSearchTask",
    "TiktokTask",
    "UniversalBatch",
    "UniversalTask",
    "WalmartBatch",
    "WalmartProductBatch",
    "WalmartProductTask",
    "WalmartSearchBatch",
    "WalmartSearchTask",
    "WalmartTask",
    "YoutubeChannelBatch",
    "YoutubeChannelTask",
    "YoutubeMetadataBatch",
    "YoutubeMetadataTask",
    "YoutubeSearchBatch",
    "YoutubeSearchTask",
    "YoutubeSubtitlesBatch",
    "YoutubeSubtitlesTask",
)
