"""Errors a user can cause and fix. Each carries a code and says what to do."""
from __future__ import annotations


class TacitusError(Exception):
    """Base class: the CLI prints these as a message (no traceback)."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ModelNotFound(TacitusError):
    code = "E001"


class InputError(TacitusError):
    """A source cannot be read at all (missing file, unknown format)."""

    code = "E002"


class StoreError(TacitusError):
    code = "E003"
