"""How a student's run is going, in the few numbers a class dashboard needs."""

from __future__ import annotations

import numpy as np

PLATEAU_MIN_EPOCHS = 300  # younger runs are still finding their way
PLATEAU_GAIN = 0.01  # less than 1 % lower than half the run ago: a plateau
SOLVED_ACCURACY = 0.99  # a run this accurate is done, not stuck


def plateaued(epochs: np.ndarray, losses: np.ndarray, accuracy: float | None) -> bool:
    """Has the loss stopped falling? True when the run is at least
    ``PLATEAU_MIN_EPOCHS`` old, its loss now is within ``PLATEAU_GAIN`` of what it was at
    half its age, and it has not solved the task (``accuracy`` below ``SOLVED_ACCURACY``;
    None for regression)."""
    epochs, losses = np.asarray(epochs, float), np.asarray(losses, float)
    ok = np.isfinite(losses)
    epochs, losses = epochs[ok], losses[ok]
    if len(epochs) < 3 or epochs[-1] < PLATEAU_MIN_EPOCHS:
        return False
    if accuracy is not None and accuracy >= SOLVED_ACCURACY:
        return False
    then = losses[np.searchsorted(epochs, epochs[-1] / 2)]
    return bool(losses[-1] > (1 - PLATEAU_GAIN) * then)


def thin(n: int, most: int) -> np.ndarray:
    """Indices of at most ``most`` of ``n`` rows, evenly spread, the first and last kept."""
    if n <= most:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, most).round().astype(int))
