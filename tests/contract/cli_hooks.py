"""schemathesis CLI hooks (``SCHEMATHESIS_HOOKS=tests.contract.cli_hooks``).

ScraperAPI's credential is the ``apiKey`` body field, which no OpenAPI security scheme can
describe; this hook puts the emulator's token there, as the pytest harness does.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis

TOKEN = os.environ.get("SCRAPEJOBS_CONTRACT_TOKEN", "emulator-token")


@schemathesis.hook
def map_body(context: Any, body: Any) -> Any:
    """Replace a string ``apiKey`` in ScraperAPI bodies with the emulator's token."""
    operation = getattr(context, "operation", None)
    is_scraperapi = operation is not None and "ScraperAPI" in str(
        operation.schema.raw_schema.get("info", {}).get("title", "")
    )
    if is_scraperapi and isinstance(body, dict) and isinstance(body.get("apiKey"), str):
        return {**body, "apiKey": TOKEN}
    return body
