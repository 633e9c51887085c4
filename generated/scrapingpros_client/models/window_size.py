from enum import StrEnum


class WindowSize(StrEnum):
    ANY = "any"
    DESKTOP = "desktop"
    MOBILE = "mobile"

    def __str__(self) -> str:
        return str(self.value)
