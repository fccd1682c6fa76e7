"""The bounded history and its CSV: the newest epoch is always in the table, and flags are
written as 0/1."""

import csv
import io

import numpy as np

from core.experiment import Config, build
from core.history import History, to_csv
from core.training import Snapshot


def snapshot(epoch: int, diverged: bool = False) -> Snapshot:
    return Snapshot(epoch, 1.0 / (epoch + 1), None, 0.5, None, [], diverged)


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_past_600_rows_the_csv_still_ends_with_the_newest_epoch():
    history = History(600)
    for epoch in range(0, 1002):
        history.add(snapshot(epoch))
    assert history.rows[-1]["epoch"] != 1001  # the curves' stride skipped it
    rows = rows_of(history.to_csv())
    assert int(rows[-1]["epoch"]) == 1001 and len(rows) <= 601
    epochs = [int(r["epoch"]) for r in rows]
    assert epochs == sorted(set(epochs)) and epochs[0] == 0


def test_the_newest_epoch_is_not_repeated_when_it_was_kept():
    history = History(600)
    for epoch in range(11):
        history.add(snapshot(epoch))
    assert [int(r["epoch"]) for r in rows_of(history.to_csv())] == list(range(11))


def test_diverged_is_written_as_0_or_1_and_missing_values_empty():
    history = History(10)
    history.add(snapshot(0))
    history.add(snapshot(1, diverged=True))
    rows = rows_of(history.to_csv())
    assert [r["diverged"] for r in rows] == ["0", "1"]
    assert rows[0]["test_loss"] == "" and float(rows[0]["train_accuracy"]) == 0.5


def test_numbers_read_back_exactly():
    _, trainer = build(Config(dataset="xor", samples=60, hidden=(3,)))
    snaps = [trainer.measure(), *trainer.run(3)]
    rows = rows_of(to_csv(s.as_row() for s in snaps))
    assert [float(r["train_loss"]) for r in rows] == [s.train_loss for s in snaps]
    assert float(rows[-1]["grad_norm_W_1"]) == snaps[-1].layers[0].grad_norm_W


def test_wants_says_which_epochs_a_row_is_kept_for():
    history = History(4)
    for epoch in range(9):
        history.add(snapshot(epoch))
    assert history.stride > 1
    for epoch in range(9, 40):
        wanted, rows = history.wants(epoch), len(history.rows)
        history.add(snapshot(epoch))
        assert (history.rows[-1]["epoch"] == epoch) == wanted
        assert len(history.rows) in ((rows + 1, (rows + 1 + 1) // 2) if wanted else (rows,))
    kept = [r["epoch"] for r in history.rows]  # offered one at a time: 0, s, 2s, ...
    assert all(e % history.stride == 0 for e in kept)


def test_rows_measured_wherever_training_stops_stay_a_stride_apart():
    # networks trained together are measured where their training stops: 3, 7, 8, 12, ...
    history, epoch = History(50), 0
    rng = np.random.default_rng(0)
    for _ in range(2000):
        epoch += int(rng.integers(1, 6))
        history.add(snapshot(epoch))
    epochs = [r["epoch"] for r in history.rows]
    assert len(epochs) <= 50 and history.last.epoch == epoch
    assert all(b - a >= history.stride // 2 for a, b in zip(epochs, epochs[1:]))
    assert epochs[-1] > epoch - 4 * history.stride  # the curves reach the present


def test_an_empty_table_is_an_empty_csv():
    assert to_csv([]) == "" and History(5).to_csv() == ""
