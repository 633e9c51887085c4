"""Contains all the data models used in inputs/outputs"""

from .blocked_url import BlockedUrl
from .blocked_url_reason import BlockedUrlReason
from .browser_type import BrowserType
from .callback_status import CallbackStatus
from .click_action import ClickAction
from .collect_action import CollectAction
from .collection import Collection
from .collection_created import CollectionCreated
from .collection_deleted import CollectionDeleted
from .collection_request import CollectionRequest
from .collection_updated import CollectionUpdated
from .cookies import Cookies
from .create_collection_request import CreateCollectionRequest
from .error import Error
from .error_detail import ErrorDetail
from .evaluate_action import EvaluateAction
from .extract_field import ExtractField
from .extract_rules import ExtractRules
from .failed_job import FailedJob
from .field_error import FieldError
from .guidance import Guidance
from .http_get import HttpGet
from .http_post import HttpPost
from .input_action import InputAction
from .invalid_item import InvalidItem
from .job_order_by import JobOrderBy
from .job_status import JobStatus
from .json_object import JsonObject
from .key_press_action import KeyPressAction
from .network_capture import NetworkCapture
from .network_request import NetworkRequest
from .output_format import OutputFormat
from .post_content_type import PostContentType
from .proxy_config import ProxyConfig
from .request_headers import RequestHeaders
from .result_error import ResultError
from .result_error_code import ResultErrorCode
from .result_error_detail import ResultErrorDetail
from .run import Run
from .run_completed_event import RunCompletedEvent
from .run_job import RunJob
from .run_job_page import RunJobPage
from .run_list import RunList
from .run_status import RunStatus
from .run_status_filter import RunStatusFilter
from .scrape_request import ScrapeRequest
from .scrape_result import ScrapeResult
from .scrape_timings import ScrapeTimings
from .select_action import SelectAction
from .selector_state import SelectorState
from .sort_direction import SortDirection
from .success_criterion import SuccessCriterion
from .update_collection_request import UpdateCollectionRequest
from .validation_issue import ValidationIssue
from .wait_for_selector_action import WaitForSelectorAction
from .wait_for_timeout_action import WaitForTimeoutAction
from .while_action import WhileAction
from .while_condition import WhileCondition
from .while_condition_kind import WhileConditionKind
from .window_size import WindowSize

__all__ = (
    "BlockedUrl",
    "BlockedUrlReason",
    "BrowserType",
    "CallbackStatus",
    "ClickAction",
    "CollectAction",
    "Collection",
    "CollectionCreated",
    "CollectionDeleted",
    "CollectionRequest",
    "CollectionUpdated",
    "Cookies",
    "CreateCollectionRequest",
    "Error",
    "ErrorDetail",
    "EvaluateAction",
    "ExtractField",
    "ExtractRules",
    "FailedJob",
    "FieldError",
    "Guidance",
    "HttpGet",
    "HttpPost",
    "InputAction",
    "InvalidItem",
    "JobOrderBy",
    "JobStatus",
    "JsonObject",
    "KeyPressAction",
    "NetworkCapture",
    "NetworkRequest",
    "OutputFormat",
    "PostContentType",
    "ProxyConfig",
    "RequestHeaders",
    "ResultError",
    "ResultErrorCode",
    "ResultErrorDetail",
    "Run",
    "RunCompletedEvent",
    "RunJob",
    "RunJobPage",
    "RunList",
    "RunStatus",
    "RunStatusFilter",
    "ScrapeRequest",
    "ScrapeResult",
    "ScrapeTimings",
    "SelectAction",
    "SelectorState",
    "SortDirection",
    "SuccessCriterion",
    "UpdateCollectionRequest",
    "ValidationIssue",
    "WaitForSelectorAction",
    "WaitForTimeoutAction",
    "WhileAction",
    "WhileCondition",
    "WhileConditionKind",
    "WindowSize",
)
