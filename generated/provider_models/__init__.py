"""Pydantic v2 models of the five provider specs (generated; used by the emulator)."""
