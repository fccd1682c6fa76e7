"""Extreme settings and data a learner may try: each trains or is refused with
a clear message; no NaN or infinity ever reaches a snapshot."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core import csvdata, experiment
from core.experiment import Config


def finite(snap) -> bool:
    values = [snap.train_loss, snap.test_loss, snap.train_accuracy, snap.test_accuracy]
    values += [v for layer in snap.layers for v in vars(layer).values()]
    return all(v is None or math.isfinite(v) for v in values)


def run(config: Config, epochs: int, data=None) -> list:
    _, trainer = experiment.build(config, data)
    return list(trainer.run(epochs))


def csv(rows: list[tuple]) -> bytes:
    return ("x1,x2,label\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows)).encode()


def test_the_widest_deepest_relu_network_at_the_highest_rate_never_shows_nan():
    snaps = run(Config(dataset="circles", samples=200, hidden=(64,) * 8, activation="relu",
                       optimizer="adam", lr=10.0, batch_size=10), 15)
    assert snaps and all(finite(s) for s in snaps)


def test_one_sample_per_class_trains():
    data = csvdata.read_csv(csv([(0, 0, "a"), (1, 1, "b")]))
    snaps = run(Config(test_ratio=0.5, hidden=(4,)), 5, data)
    assert len(snaps) == 5 and all(finite(s) for s in snaps)


def test_all_points_in_one_class_is_refused_with_the_reason():
    with pytest.raises(csvdata.CSVDataError, match="only one class"):
        csvdata.read_csv(csv([(i, i, "a") for i in range(10)]))


def test_duplicate_points_with_both_labels_leave_the_network_at_chance():
    data = csvdata.read_csv(csv([(1, 2, i % 2) for i in range(100)]), standardize=False)
    snaps = run(Config(test_ratio=0.2, hidden=(4,), optimizer="adam", lr=0.01), 100, data)
    assert all(finite(s) for s in snaps)
    assert snaps[-1].train_loss == pytest.approx(math.log(2), abs=0.01)


def test_a_hundred_thousand_rows_are_accepted_and_train():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(100_000, 2))
    rows = [(f"{a:.3f}", f"{b:.3f}", int(a * b > 0)) for a, b in X]
    data = csvdata.read_csv(csv(rows))
    assert len(data) == 100_000
    snap = run(Config(hidden=(8, 8), batch_size=0, lr=0.5), 3, data)[-1]
    assert finite(snap)


def test_a_row_more_than_the_limit_is_refused_with_the_limit_named():
    rows = [(i % 7, i % 5, i % 2) for i in range(csvdata.MAX_ROWS + 1)]
    with pytest.raises(csvdata.CSVDataError, match="100,000"):
        csvdata.read_csv(csv(rows))
