from enum import StrEnum


class BrowserType(StrEnum):
    HEAVY = "heavy"
    LIGHT = "light"
    STEALTH = "stealth"

    def __str__(self) -> str:
        return str(self.value)
