from enum import StrEnum


class WebhookEventType(StrEnum):
    JOB_COMPLETED = "job.completed"
    JOB_FAILED = "job.failed"

    def __str__(self) -> str:
        return str(self.value)
