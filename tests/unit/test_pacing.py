"""The load harness's readers: reads at the times of a Poisson process, never in lockstep."""

import random
import statistics
from types import SimpleNamespace

from newsweave.eval.pacing import poisson_throughput


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_reader_keeps_its_rate_however_long_its_reads_take():
    clock, rng = Clock(), random.Random(7)
    wait_time = poisson_throughput(2.0, clock=clock, draw=rng.expovariate)
    user, starts = SimpleNamespace(), []
    for _ in range(4000):
        clock.now += wait_time(user)
        starts.append(clock.now)
        clock.now += rng.uniform(0.0, 0.2)  # the read itself: shorter than the mean interval
    intervals = [b - a for a, b in zip(starts, starts[1:])]
    # Started on schedule, not after each read's own time: 2 reads a second on average...
    assert abs(len(starts) / (starts[-1] - 100.0) - 2.0) < 0.1
    # ...at exponential intervals (standard deviation about the mean), not equal ones.
    assert 0.8 < statistics.stdev(intervals) / statistics.mean(intervals) < 1.2


def test_a_read_that_overran_its_interval_is_followed_at_once_and_not_made_up_for():
    clock = Clock()
    wait_time = poisson_throughput(2.0, clock=clock, draw=lambda rate: 1 / rate)
    user = SimpleNamespace()
    assert wait_time(user) == 0.5
    clock.now += 0.5 + 3.0  # the read took 3 s
    assert wait_time(user) == 0.0
    # The next is due an interval after that late start, not in a burst for the reads missed.
    assert wait_time(user) == 0.5
