"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .cancel_job_response import CancelJobResponse
from .click_action import ClickAction
from .create_job_request import CreateJobRequest
from .create_job_response import CreateJobResponse
from .device import Device
from .error import Error
from .execute_action import ExecuteAction
from .fill_action import FillAction
from .http_method import HttpMethod
from .job import Job
from .job_list import JobList
from .job_list_item import JobListItem
from .job_status import JobStatus
from .list_jobs_sort import ListJobsSort
from .output_format import OutputFormat
from .plugin_options import PluginOptions
from .regional_geo_code import RegionalGeoCode
from .render_options import RenderOptions
from .response_headers import ResponseHeaders
from .screen_shot_action import ScreenShotAction
from .scroll_to_action import ScrollToAction
from .scroll_x_action import ScrollXAction
from .scroll_y_action import ScrollYAction
from .target_headers import TargetHeaders
from .task import Task
from .task_credits import TaskCredits
from .task_status import TaskStatus
from .task_summary import TaskSummary
from .task_webhook import TaskWebhook
from .wait_action import WaitAction
from .wait_selector_action import WaitSelectorAction
from .wait_until import WaitUntil
from .webhook_headers import WebhookHeaders
from .webhook_status import WebhookStatus

__all__ = (
    "Account",
    "CancelJobResponse",
    "ClickAction",
    "CreateJobRequest",
    "CreateJobResponse",
    "Device",
    "Error",
    "ExecuteAction",
    "FillAction",
    "HttpMethod",
    "Job",
    "JobList",
    "JobListItem",
    "JobStatus",
    "ListJobsSort",
    "OutputFormat",
    "PluginOptions",
    "RegionalGeoCode",
    "RenderOptions",
    "ResponseHeaders",
    "ScreenShotAction",
    "ScrollToAction",
    "ScrollXAction",
    "ScrollYAction",
    "TargetHeaders",
    "Task",
    "TaskCredits",
    "TaskStatus",
    "TaskSummary",
    "TaskWebhook",
    "WaitAction",
    "WaitSelectorAction",
    "WaitUntil",
    "WebhookHeaders",
    "WebhookStatus",
)
