from enum import StrEnum


class DiagnosticsOutcome(StrEnum):
    FAILED = "failed"
    PARTIAL = "partial"

    def __str__(self) -> str:
        return str(self.value)
