from enum import StrEnum


class WebhookStatus(StrEnum):
    FAILED = "failed"

    def __str__(self) -> str:
        return str(self.value)
