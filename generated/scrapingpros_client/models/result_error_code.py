from enum import StrEnum


class ResultErrorCode(StrEnum):
    JOB_ID_INVALID = "job_id_invalid"
    RESULT_EXPIRED = "result_expired"
    RESULT_LOST = "result_lost"
    RESULT_PENDING = "result_pending"

    def __str__(self) -> str:
        return str(self.value)
