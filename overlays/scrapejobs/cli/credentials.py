"""Where the command line finds credentials: a flag, else one environment variable per provider.

========================  =====================================================
provider                  environment variable
========================  =====================================================
decodo                    ``SCRAPEJOBS_DECODO_TOKEN`` (the Basic auth token)
scrapedo                  ``SCRAPEJOBS_SCRAPEDO_TOKEN``
scrapingpros              ``SCRAPEJOBS_SCRAPINGPROS_TOKEN``
scraperapi                ``SCRAPEJOBS_SCRAPERAPI_TOKEN`` (the API key)
scrapio                   ``SCRAPEJOBS_SCRAPIO_TOKEN``
========================  =====================================================

``SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET`` is the ScrapingPros account's webhook signing secret,
needed only to wait for ScrapingPros by webhook. Values are never printed or logged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from scrapejobs.cli.logs import remember_secret
from scrapejobs.clients import PROVIDERS, UnknownProviderError
from scrapejobs.errors import ScrapejobsError

TOKEN_VARIABLES: Mapping[str, str] = {
    provider: f"SCRAPEJOBS_{provider.upper()}_TOKEN" for provider in PROVIDERS
}
"""The environment variable holding each provider's credential."""

SCRAPINGPROS_WEBHOOK_SECRET_VARIABLE = "SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET"  # noqa: S105 -- a name


class MissingCredentialsError(ScrapejobsError):
    """No credential was given for a provider (neither flag nor environment variable)."""

    def __init__(self, provider: str) -> None:
        super().__init__(
            f"no credential for {provider}: pass --token or set {TOKEN_VARIABLES[provider]}",
            provider=provider,
        )


def resolve_token(provider: str, flag: str | None, environ: Mapping[str, str] | None = None) -> str:
    """Return the credential for ``provider``: ``flag`` when given, else its environment variable.

    Surrounding whitespace is removed (a pasted newline is never sent).

    Raises:
        UnknownProviderError: for a provider scrapejobs does not support.
        MissingCredentialsError: neither is set, or the value is blank.

    """
    if provider not in PROVIDERS:
        raise UnknownProviderError(provider)
    env = os.environ if environ is None else environ
    value = flag if flag is not None else env.get(TOKEN_VARIABLES[provider], "")
    value = value.strip()
    if not value:
        raise MissingCredentialsError(provider)
    remember_secret(value)  # never printed by -v / --log-level
    return value
