"""The server's collector: full collections walk only what is new, and every FULL_WALK_EVERY-th
walks everything, so cycles among old objects are still freed."""

from __future__ import annotations

import gc
import weakref

from newsweave.api import pauses


class _Node:
    def __init__(self) -> None:
        self.other = self


def _tracked(node: _Node) -> bool:
    return any(o is node for o in gc.get_objects())  # frozen objects are in no generation


def test_full_collections_freeze_what_survives_and_a_periodic_full_walk_frees_old_cycles():
    already = pauses.COLLECTOR in gc.callbacks  # an app of another test may still be serving
    with pauses.short_pauses(), pauses.short_pauses():  # two apps in one process share it
        assert gc.callbacks.count(pauses.COLLECTOR) == 1
        old = _Node()  # a cycle that survives a full collection, then becomes garbage
        alive = weakref.ref(old)
        assert _tracked(old)
        gc.collect()
        assert not _tracked(old)  # what survived is frozen: the next full collections skip it
        del old
        for _ in range(pauses.FULL_WALK_EVERY):
            gc.collect()
        assert alive() is None  # a periodic full walk freed it
    assert (pauses.COLLECTOR in gc.callbacks) == already
    if not already:
        assert gc.get_freeze_count() == 0
