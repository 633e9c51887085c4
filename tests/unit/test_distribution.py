"""The installed distribution ships every package with its PEP 561 marker."""

from __future__ import annotations

import importlib.resources

import pytest

PACKAGES = [
    "decodo_client",
    "scrapedo_client",
    "scrapingpros_client",
    "scraperapi_client",
    "scrapio_client",
    "provider_models",
    "scrapejobs",
]


@pytest.mark.parametrize("package", PACKAGES)
def test_package_is_typed(package: str) -> None:
    assert importlib.resources.files(package).joinpath("py.typed").is_file()
