"""Input limits: what the readers refuse, so one hostile file cannot eat the machine.

All sizes are bytes. They are set once per run (CLI flags ``--max-page-bytes`` and
``--max-expanded-bytes``) and passed down; documented in the README's "Limits" section.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_page_bytes: int = 10 * 1024 * 1024          # one page (a .txt/.html file, a WARC record, a JSONL line)
    max_expanded_bytes: int = 4 * 1024 * 1024 * 1024  # all bytes decompressed from one .gz file (gzip bombs)
    max_records: int = 10_000_000                    # records in one WARC / lines in one JSONL file
    follow_symlinks: bool = False                    # folders: symlinked entries are skipped unless asked

    def human(self, n: int) -> str:
        return human_bytes(n)


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


DEFAULT_LIMITS = Limits()
