"""Contains all the data models used in inputs/outputs"""

from .api_params import ApiParams
from .batch_job_request import BatchJobRequest
from .callback import Callback
from .error import Error
from .job import Job
from .job_callback import JobCallback
from .job_meta import JobMeta
from .job_request import JobRequest
from .job_response import JobResponse
from .job_status import JobStatus
from .output_format import OutputFormat
from .response_headers import ResponseHeaders
from .target_headers import TargetHeaders

__all__ = (
    "ApiParams",
    "BatchJobRequest",
    "Callback",
    "Error",
    "Job",
    "JobCallback",
    "JobMeta",
    "JobRequest",
    "JobResponse",
    "JobStatus",
    "OutputFormat",
    "ResponseHeaders",
    "TargetHeaders",
)
