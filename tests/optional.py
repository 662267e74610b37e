"""Parts a test may lack on a developer's machine (Chromium, Playwright's package): skipped there, but under
CI=true a missing part FAILS the run: CI installs them, and a browser suite that silently skips proves nothing."""
from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(reason: str) -> None:
    """Skip the calling test because `reason`; fail it instead under CI=true."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing part fails the run instead of skipping it)", pytrace=False)
    pytest.skip(reason)


def import_or_missing(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as e:
        missing(f"{name} cannot be imported ({e})")
        raise   # not reached: missing() raises
