from enum import StrEnum


class OutputFormat(StrEnum):
    MARKDOWN = "markdown"
    RAW = "raw"

    def __str__(self) -> str:
        return str(self.value)
