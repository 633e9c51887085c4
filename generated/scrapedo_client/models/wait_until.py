from enum import StrEnum


class WaitUntil(StrEnum):
    DOMCONTENTLOADED = "domcontentloaded"
    NETWORKIDLE0 = "networkidle0"
    NETWORKIDLE2 = "networkidle2"

    def __str__(self) -> str:
        return str(self.value)
