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


def test_full_collections_freeze_what_survives_and_a_periodic_full_walk_frees_old_cycles(monkeypatch):
    already = pauses.COLLECTOR in gc.callbacks  # an app of another test may still be serving
    monkeypatch.setattr(pauses.COLLECTOR, "busy_at", float("-inf"))  # not busy lately
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


def test_the_full_walk_waits_while_the_server_is_busy_but_not_forever(monkeypatch):
    busy = [True]
    with pauses.short_pauses(busy=lambda: busy[0]):
        pauses.COLLECTOR.walked_all_at = pauses.COLLECTOR.full_collections  # as if it had just walked all
        old = _Node()
        alive = weakref.ref(old)
        gc.collect()
        del old
        for _ in range(pauses.FULL_WALK_EVERY):
            gc.collect()
        assert alive() is not None  # busy: the walk that would free it waits
        busy[0] = False
        gc.collect()
        assert alive() is not None  # busy a moment ago: a next job may be starting
        monkeypatch.setattr(pauses, "QUIET_S", 0.0)  # as if QUIET_S had gone by
        gc.collect()
        assert alive() is None
        old = _Node()
        alive = weakref.ref(old)
        busy[0] = True
        gc.collect()
        del old
        for _ in range(pauses.FULL_WALK_LATEST):
            gc.collect()
        assert alive() is None  # busy all along, walked all the same
