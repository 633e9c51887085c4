from enum import StrEnum


class ProxyPool(StrEnum):
    PREMIUM = "premium"
    STANDARD = "standard"

    def __str__(self) -> str:
        return str(self.value)
