from enum import StrEnum


class TaskStatus(StrEnum):
    DONE = "done"
    FAULTED = "faulted"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
