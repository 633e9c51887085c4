from enum import StrEnum


class ExtractEngine(StrEnum):
    HEURISTIC = "heuristic"
    LLM = "llm"

    def __str__(self) -> str:
        return str(self.value)
