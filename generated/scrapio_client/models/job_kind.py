from enum import StrEnum


class JobKind(StrEnum):
    CRAWL = "crawl"
    FETCH = "fetch"
    INTERACT = "interact"
    MAP = "map"
    SEARCH = "search"
    YOUTUBE_SEARCH_CRAWL = "youtube_search_crawl"

    def __str__(self) -> str:
        return str(self.value)
