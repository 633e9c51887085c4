from enum import StrEnum


class SearchProvider(StrEnum):
    GOOGLE = "google"

    def __str__(self) -> str:
        return str(self.value)
