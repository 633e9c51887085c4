from enum import StrEnum


class WhileConditionKind(StrEnum):
    SELECTOR_INVISIBLE = "selector-invisible"
    SELECTOR_VISIBLE = "selector-visible"

    def __str__(self) -> str:
        return str(self.value)
