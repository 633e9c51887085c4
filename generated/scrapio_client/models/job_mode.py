from enum import StrEnum


class JobMode(StrEnum):
    ASYNC = "async"

    def __str__(self) -> str:
        return str(self.value)
