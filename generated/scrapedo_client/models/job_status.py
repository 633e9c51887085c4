from enum import StrEnum


class JobStatus(StrEnum):
    CANCELED = "canceled"
    ERROR = "error"
    PENDING = "pending"
    QUEUED = "queued"
    QUEUING = "queuing"
    ROTATING = "rotating"
    SUCCESS = "success"

    def __str__(self) -> str:
        return str(self.value)
