"""Contains all the data models used in inputs/outputs"""

from .click_action import ClickAction
from .crawl_input import CrawlInput
from .crawl_job_request import CrawlJobRequest
from .crawl_output_format import CrawlOutputFormat
from .device import Device
from .diagnostics import Diagnostics
from .diagnostics_outcome import DiagnosticsOutcome
from .error_code import ErrorCode
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .extract_engine import ExtractEngine
from .extract_instruction import ExtractInstruction
from .extract_page import ExtractPage
from .extract_schema import ExtractSchema
from .extract_selectors import ExtractSelectors
from .fetch_input import FetchInput
from .fetch_job_request import FetchJobRequest
from .fetch_json_output import FetchJsonOutput
from .fetch_outputs import FetchOutputs
from .goto_action import GotoAction
from .interact_input import InteractInput
from .interact_job_request import InteractJobRequest
from .job import Job
from .job_accepted import JobAccepted
from .job_cancelled import JobCancelled
from .job_error import JobError
from .job_kind import JobKind
from .job_mode import JobMode
from .job_progress import JobProgress
from .job_result import JobResult
from .job_result_data import JobResultData
from .job_status import JobStatus
from .job_webhook_event import JobWebhookEvent
from .map_input import MapInput
from .map_job_request import MapJobRequest
from .output_failure import OutputFailure
from .output_format import OutputFormat
from .press_action import PressAction
from .schema_field_map import SchemaFieldMap
from .screenshot import Screenshot
from .scroll_action import ScrollAction
from .scroll_direction import ScrollDirection
from .search_input import SearchInput
from .search_job_request import SearchJobRequest
from .search_provider import SearchProvider
from .select_action import SelectAction
from .selector_field import SelectorField
from .selector_field_map import SelectorFieldMap
from .selector_value_type import SelectorValueType
from .session import Session
from .type_action import TypeAction
from .wait_condition import WaitCondition
from .wait_for_action import WaitForAction
from .wait_ms_action import WaitMsAction
from .webhook import Webhook
from .webhook_event_type import WebhookEventType

__all__ = (
    "ClickAction",
    "CrawlInput",
    "CrawlJobRequest",
    "CrawlOutputFormat",
    "Device",
    "Diagnostics",
    "DiagnosticsOutcome",
    "ErrorCode",
    "ErrorDetail",
    "ErrorResponse",
    "ExtractEngine",
    "ExtractInstruction",
    "ExtractPage",
    "ExtractSchema",
    "ExtractSelectors",
    "FetchInput",
    "FetchJobRequest",
    "FetchJsonOutput",
    "FetchOutputs",
    "GotoAction",
    "InteractInput",
    "InteractJobRequest",
    "Job",
    "JobAccepted",
    "JobCancelled",
    "JobError",
    "JobKind",
    "JobMode",
    "JobProgress",
    "JobResult",
    "JobResultData",
    "JobStatus",
    "JobWebhookEvent",
    "MapInput",
    "MapJobRequest",
    "OutputFailure",
    "OutputFormat",
    "PressAction",
    "SchemaFieldMap",
    "Screenshot",
    "ScrollAction",
    "ScrollDirection",
    "SearchInput",
    "SearchJobRequest",
    "SearchProvider",
    "SelectAction",
    "SelectorField",
    "SelectorFieldMap",
    "SelectorValueType",
    "Session",
    "TypeAction",
    "WaitCondition",
    "WaitForAction",
    "WaitMsAction",
    "Webhook",
    "WebhookEventType",
)
