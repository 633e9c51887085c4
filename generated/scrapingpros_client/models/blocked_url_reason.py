from enum import StrEnum


class BlockedUrlReason(StrEnum):
    BLOCKED = "blocked"
    BLOCKED_HOSTNAME = "blocked_hostname"
    DNS_FAILED = "dns_failed"
    INVALID_PORT = "invalid_port"
    INVALID_PROTOCOL = "invalid_protocol"
    MALFORMED_URL = "malformed_url"
    PRIVATE_IP = "private_ip"

    def __str__(self) -> str:
        return str(self.value)
