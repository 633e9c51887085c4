from enum import StrEnum


class OutputFormat(StrEnum):
    HTML = "html"
    JSON = "json"
    MARKDOWN = "markdown"
    SCREENSHOT = "screenshot"

    def __str__(self) -> str:
        return str(self.value)
