from enum import StrEnum


class JobStatus(StrEnum):
    COMPLETED = "completed"
    FAILED = "failed"
    PROCESSING = "processing"
    TIMEOUT = "timeout"

    def __str__(self) -> str:
        return str(self.value)
