"""The server's collector: full collections walk only what is new, and every FULL_WALK_EVERY-th
walks everything, so cycles among old objects are still freed."""

from __future__ import annotations

import gc
import weakref

from newsweave.api import pauses


class _Node:
    def __init__(self) -> None:
        self.other = self


def test_full_collections_freeze_what_survives_and_a_periodic_full_walk_frees_old_cycles():
    with pauses.short_pauses():
        frozen_at_start = gc.get_freeze_count()
        assert frozen_at_start > 0
        old = _Node()  # a cycle that survives one full collection, then becomes garbage
        alive = weakref.ref(old)
        gc.collect()
        assert gc.get_freeze_count() > frozen_at_start  # what survived is frozen: not walked again
        del old
        gc.collect()
        assert alive() is not None  # frozen: the next full collections do not see it
        for _ in range(pauses.FULL_WALK_EVERY):
            gc.collect()
        assert alive() is None  # the periodic full walk freed it
    assert gc.get_freeze_count() == 0 and not any(isinstance(c, pauses._FreezingCollector) for c in gc.callbacks)
