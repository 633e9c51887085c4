from enum import StrEnum


class SelectorValueType(StrEnum):
    ATTR = "attr"
    HTML = "html"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
