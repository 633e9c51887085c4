"""The five emulated providers, one package each, split moto-style.

``providers/<name>/backend.py`` is the provider's model (its records, rules and payloads; no
HTTP) and ``providers/<name>/routes.py`` its HTTP side (request parsing, status codes, the error
envelope), which calls into the backend. Providers never import each other.
"""
