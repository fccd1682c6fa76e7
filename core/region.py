"""The decision region: the network evaluated on a grid over the plane.

Used by the app to shade the plane by the network's output and to draw each hidden
neuron's own activation map.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dtype import DTYPE
from .network import Network


@dataclass
class Grid:
    """A ``resolution x resolution`` grid over ``[lo, hi]^2``; ``points`` ``(r*r, 2)`` row-major
    with x1 varying fastest, so ``values.reshape(r, r)`` puts x2 on the rows."""

    x1: np.ndarray  # (r,)
    x2: np.ndarray  # (r,)
    points: np.ndarray  # (r*r, 2)

    @property
    def resolution(self) -> int:
        return len(self.x1)


def make_grid(X: np.ndarray, resolution: int = 100, margin: float = 0.1) -> Grid:
    """A square grid covering the points ``X`` ``(n, 2)`` plus ``margin`` of their span."""
    lo, hi = float(np.min(X)), float(np.max(X))
    pad = margin * max(hi - lo, 1e-9)
    axis = np.linspace(lo - pad, hi + pad, resolution, dtype=DTYPE)
    g1, g2 = np.meshgrid(axis, axis)
    return Grid(axis, axis.copy(), np.column_stack([g1.ravel(), g2.ravel()]))


def evaluate(network: Network, grid: Grid) -> list[np.ndarray]:
    """Every layer's activations on the grid: ``[A1, ..., A_out]``, each
    ``(resolution, resolution, units)``; the last is the network's output."""
    r = grid.resolution
    with np.errstate(all="ignore"):
        network.forward(grid.points)
    return [A.reshape(r, r, -1) for A in network.A[1:]]


def output(network: Network, grid: Grid) -> np.ndarray:
    """The output layer on the grid, ``(resolution, resolution, n_outputs)``."""
    r = grid.resolution
    with np.errstate(all="ignore"):
        return network.forward(grid.points).reshape(r, r, -1)
