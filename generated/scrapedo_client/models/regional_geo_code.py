from enum import StrEnum


class RegionalGeoCode(StrEnum):
    AFRICA = "africa"
    ASIA = "asia"
    EUROPE = "europe"
    NORTHAMERICA = "northamerica"
    OCEANIA = "oceania"
    SOUTHAMERICA = "southamerica"

    def __str__(self) -> str:
        return str(self.value)
