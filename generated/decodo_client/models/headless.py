from enum import StrEnum


class Headless(StrEnum):
    HTML = "html"
    PNG = "png"

    def __str__(self) -> str:
        return str(self.value)
