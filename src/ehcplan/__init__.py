"""Statutory clocks, local funding policy and caseload simulation for English EHC plans."""

from ehcplan.errors import (
    EhcplanError,
    EventRejected,
    FileFormatError,
    InvalidInput,
    NotFound,
    NotInForce,
)

__all__ = [
    "EhcplanError",
    "EventRejected",
    "FileFormatError",
    "InvalidInput",
    "NotFound",
    "NotInForce",
]
