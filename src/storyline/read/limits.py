"""Input limits: what the readers refuse, so one hostile file cannot eat the machine.

All sizes are bytes. They are set once per run (CLI flags ``--max-page-bytes``,
``--max-expanded-bytes`` and ``--follow-symlinks``) and passed down; SECURITY.md lists the defaults
and the tests that hold them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_page_bytes: int = 10 * 1024 * 1024          # one page (a .txt/.html file, a WARC record, a JSONL line)
    max_expanded_bytes: int = 4 * 1024 * 1024 * 1024  # all bytes decompressed from one .gz file (gzip bombs)
    max_records: int = 10_000_000                    # records in one WARC / lines in one JSONL file
    # gzip bombs are refused early by their ratio: once a .gz file has given ``ratio_after_bytes``, it
    # may not have expanded more than ``max_expansion_ratio`` times the compressed bytes read so far
    # (news HTML compresses 4-10x; a bomb 1000x). max_expanded_bytes still bounds everything else.
    max_expansion_ratio: int = 100
    ratio_after_bytes: int = 16 * 1024 * 1024
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
