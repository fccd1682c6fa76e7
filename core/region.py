"""The decision region: the network evaluated on a grid over the plane.

Used by the app to shade the plane by the network's output and to draw each hidden
neuron's own activation map.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import inputs
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
    return square_grid(lo - pad, hi + pad, resolution)


def square_grid(lo: float, hi: float, resolution: int = 100) -> Grid:
    """A ``resolution x resolution`` grid over ``[lo, hi]^2`` (a fixed frame, e.g. the
    drawing pad's, whatever points it holds)."""
    axis = np.linspace(lo, hi, resolution, dtype=DTYPE)
    g1, g2 = np.meshgrid(axis, axis)
    return Grid(axis, axis.copy(), np.column_stack([g1.ravel(), g2.ravel()]))


CHUNK_BYTES = 64 * 1024


def _chunk_rows(network: Network) -> int:
    # Arrays above ~128 kB are fresh mmap()s for every call, and their page faults cost
    # more than the maths (a 10,000 x 8 tanh: 0.14 ms reused, 0.7 ms fresh). Chunks of
    # at most 64 kB per array stay in reused heap memory: a 100 x 100 grid through
    # 2-8x6-1 was measured at 4.9 ms whole and 1.6 ms in chunks.
    return max(64, CHUNK_BYTES // (4 * max(network.sizes)))


def _forward_chunks(network: Network, points: np.ndarray, all_layers: bool,
                    features=inputs.DEFAULT) -> list[np.ndarray]:
    """Drawing precision (float32), in chunks, through the input ``features``; non-finite
    values become 0."""
    rows = _chunk_rows(network)
    parts: list[list[np.ndarray]] = []
    with np.errstate(all="ignore"):
        for start in range(0, len(points), rows):
            X = inputs.expand(points[start:start + rows].astype(np.float32), features)
            layers = network.activations_for_drawing(X)
            parts.append(layers if all_layers else layers[-1:])
    return [np.nan_to_num(np.concatenate(layer), posinf=0.0, neginf=0.0)
            for layer in zip(*parts)]


def evaluate(network: Network, grid: Grid, features=inputs.DEFAULT) -> list[np.ndarray]:
    """Every layer's activations on the grid: ``[A1, ..., A_out]``, each
    ``(resolution, resolution, units)``; the last is the network's output. ``features``
    are the input features the network was trained on (core/inputs.py)."""
    r = grid.resolution
    return [A.reshape(r, r, -1) for A in _forward_chunks(network, grid.points, True, features)]


def input_maps(grid: Grid, features=inputs.DEFAULT) -> np.ndarray:
    """Each input feature over the grid: ``(resolution, resolution, len(features))``."""
    r = grid.resolution
    return inputs.expand(grid.points, features).reshape(r, r, -1)


def class_shares(output: np.ndarray, task: str) -> np.ndarray | None:
    """The share of the plane each class holds, ``(n_classes,)``, from the output layer on
    a grid ``(r, r, n_outputs)``: a point belongs to the class the region colours it with
    (class 1 where P(class 1) > 0.5, else the most probable class); None for regression."""
    if task == "regression":
        return None
    if task == "binary":
        won = (np.nan_to_num(output[..., 0]) > 0.5).astype(int)
        n_classes = 2
    else:
        won, n_classes = np.argmax(np.nan_to_num(output), axis=-1), output.shape[-1]
    return np.bincount(won.ravel(), minlength=n_classes) / won.size


def output(network: Network, grid: Grid, features=inputs.DEFAULT) -> np.ndarray:
    """The output layer on the grid, ``(resolution, resolution, n_outputs)``."""
    r = grid.resolution
    return _forward_chunks(network, grid.points, False, features)[0].reshape(r, r, -1)
