"""A story's brief is the same in every process: nothing in it may follow Python's string-hash seed."""
from __future__ import annotations

import json
import os
import subprocess
import sys

SNIPPET = r"""
import json
from storyline.link.brief import brief
from storyline.model import Annotated, Article, content_hash
texts = []
for i in range(6):
    topic = ["the port", "wages", "the drought"][i % 3]
    texts.append(f"Officials met to discuss {topic} on Tuesday, they said in a statement numbered {1000 + i}.\n\n"
                 f"We will not accept another delay on {topic}, the minister told reporters after meeting {i}.\n\n"
                 f"The talks on {topic} began {i + 2} months ago and will resume next week, a spokesman said.")
anns = [Annotated(article=Article(id=content_hash(t)[:16], source=f"t{i}.txt", text=t, content_hash=content_hash(t)))
        for i, t in enumerate(texts)]
print(json.dumps(brief(anns, merged=[])))
"""


def _brief_with_seed(seed: str) -> list:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    r = subprocess.run([sys.executable, "-c", SNIPPET], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_brief_does_not_follow_the_hash_seed():
    first = _brief_with_seed("1")
    assert len(first) >= 3
    for seed in ("2", "3", "4", "5", "6"):
        assert _brief_with_seed(seed) == first, f"PYTHONHASHSEED={seed} gave another brief"
