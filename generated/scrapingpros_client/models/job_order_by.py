from enum import StrEnum


class JobOrderBy(StrEnum):
    COMPLETED_AT = "completed_at"
    ID = "id"

    def __str__(self) -> str:
        return str(self.value)
