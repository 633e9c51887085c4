from enum import StrEnum


class TaskStatus(StrEnum):
    CANCELED = "canceled"
    ERROR = "error"
    PENDING = "pending"
    QUEUED = "queued"
    ROTATING = "rotating"
    SUCCESS = "success"

    def __str__(self) -> str:
        return str(self.value)
