"""The one an act goes to when the actor gives its own thing ('offered its mediators to Sri Lanka's government',
'extended its condolences to Japan', 'sent its envoy to Cairo'): the object of the verb's dative 'to' that
resolves to an actor. An owned object ('its actions') otherwise ends the search for a target ('condemned its
actions against X' targets whoever 'its' is), but a recipient is the verb's own, not the object's."""
from __future__ import annotations

from typing import Optional

from storyline.understand.events.tokens import _Ctx


def given_to(ctx: _Ctx, tcands: list, actor_id) -> Optional[tuple[str, str]]:
    """(name, id) of the first candidate that is the object of a 'to' the verb itself governs, resolving to an
    actor other than the doer; None when there is none."""
    for g in tcands:
        p = g.head
        if g.dep_ != "pobj" or p.lower_ != "to" or p.dep_ not in ("dative", "prep") or p.head.pos_ != "VERB":
            continue
        name, oid = ctx.role(g)
        if oid is not None and oid != actor_id:
            return name, oid
    return None
