from enum import StrEnum


class ErrorCode(StrEnum):
    BLOCKED_BY_AMAZON = "blocked_by_amazon"
    CREDITS_EXHAUSTED = "credits_exhausted"
    FREE_PLAN_PROXY_REQUIRED = "free_plan_proxy_required"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    INSTRUCTION_LIMITS_EXCEEDED = "instruction_limits_exceeded"
    INVALID_REQUEST = "invalid_request"
    JOB_FAILED = "job_failed"
    JOB_NOT_FOUND = "job_not_found"
    JOB_NOT_READY = "job_not_ready"
    LLM_UNAVAILABLE = "llm_unavailable"
    PLAN_UPGRADE_REQUIRED = "plan_upgrade_required"
    PROXY_UNAVAILABLE = "proxy_unavailable"
    SCHEMA_VALIDATION_FAILED = "schema_validation_failed"
    SELECTORS_UNSUPPORTED = "selectors_unsupported"
    TARGET_BLOCKED = "target_blocked"
    TIMEOUT = "timeout"
    UNAUTHORIZED = "unauthorized"

    def __str__(self) -> str:
        return str(self.value)
