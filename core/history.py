"""A bounded record of a run's snapshots, for curves that stay cheap on long runs.

Every epoch is offered; the history keeps rows at least s epochs apart (epochs 0, s, 2s,
... when offered one at a time) for a stride s that doubles (dropping every other row)
whenever ``max_rows`` is exceeded. So a run of a
million epochs still draws from at most ``max_rows`` points spread over all of it.
The newest snapshot is kept aside (``last``), so a table of the run (``all_rows``,
``to_csv``) always ends with the newest epoch.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable

import numpy as np

from .training import Snapshot


class History:
    def __init__(self, max_rows: int = 1000):
        if max_rows < 2:
            raise ValueError("max_rows must be at least 2")
        self.max_rows = max_rows
        self.stride = 1
        self.rows: list[dict] = []
        self.last: Snapshot | None = None  # always the newest snapshot, kept or not

    def wants(self, epoch: int) -> bool:
        """Would ``add`` keep a row for ``epoch``: ``stride`` epochs or more after the last
        row kept? (A trainer measures only those. From epoch 0, one epoch at a time,
        that is every ``stride``-th epoch; networks trained together are measured when
        their training stops, wherever that falls, and keep rows as far apart.)"""
        return not self.rows or epoch - self.rows[-1]["epoch"] >= self.stride

    def add(self, snap: Snapshot) -> None:
        self.last = snap
        if self.rows and self.rows[-1]["epoch"] == snap.epoch:
            self.rows[-1] = snap.as_row()  # a re-measured epoch replaces its old row
            return
        if not (self.wants(snap.epoch) or snap.diverged):
            return
        self.rows.append(snap.as_row())
        if len(self.rows) > self.max_rows:
            self.stride *= 2
            self.rows = self.rows[::2]  # every other row: rows twice as far apart

    def all_rows(self) -> list[dict]:
        """The kept rows, then the newest epoch's if it was not kept (the curves' stride
        skipped it): the table a learner downloads."""
        last = self.last
        if last is None or (self.rows and self.rows[-1]["epoch"] >= last.epoch):
            return list(self.rows)
        return [*self.rows, last.as_row()]

    def to_csv(self) -> str:
        """``all_rows`` as CSV text (see ``to_csv``)."""
        return to_csv(self.all_rows())

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> np.ndarray:
        """One column as floats ``(len,)``; missing values (None) become NaN."""
        return np.array([np.nan if r.get(name) is None else r[name] for r in self.rows],
                        dtype=float)

    def layer_columns(self, stat: str, n_layers: int) -> np.ndarray:
        """``(len, n_layers)`` of a per-layer statistic such as "grad_norm_W"."""
        if not self.rows:
            return np.empty((0, n_layers))
        return np.column_stack([self.column(f"{stat}_{l}") for l in range(1, n_layers + 1)])


def to_csv(rows: Iterable[dict]) -> str:
    """History rows as CSV text: a header of the first row's keys, numbers as Python
    writes them (exact), flags (``diverged``) as 0/1, missing values (None) empty."""
    rows = list(rows)
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    for row in rows:
        writer.writerow([_cell(row.get(k)) for k in rows[0]])
    return out.getvalue()


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    return repr(float(value)) if isinstance(value, (float, np.floating)) else str(value)
