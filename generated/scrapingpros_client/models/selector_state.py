from enum import StrEnum


class SelectorState(StrEnum):
    ATTACHED = "attached"
    HIDDEN = "hidden"
    VISIBLE = "visible"

    def __str__(self) -> str:
        return str(self.value)
