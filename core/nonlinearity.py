"""Why a network needs non-linear activations, in numbers (seed articles 000 and 004).

- Saturation: where an activation's slope g'(z) has nearly vanished. A zone is where
  ``g'(z) < SATURATION_SHARE * max g'`` (5 % of the activation's steepest slope).
- Vanishing gradients: the backward pass multiplies one g'(z[l]) per layer, so the
  product through L layers shrinks like (max g')^L at best; 0.25^L for sigmoid.
- Linear collapse: with linear activations, z[L] = (...((x W[1] + b[1]) W[2] + b[2])...)
  W[L] + b[L] is one affine map x W + b, so depth adds nothing a single layer lacks.

Pure NumPy; activations come from ``core.activations``, never a second copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from . import activations as acts

SATURATION_SHARE = 0.05  # a slope below 5 % of the steepest one counts as saturated
_PEAK_GRID = np.linspace(-30.0, 30.0, 60_001)  # step 0.001, includes z = 0 exactly
CORE = 10.0  # every activation here changes slope within |z| < 10 (sigmoid's edge: 4.36)


def curves(name: str, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(a, g'(z))`` for the activation ``name`` at ``z`` (any shape): a = g(z), and the
    derivative from the registry, written in terms of a."""
    act = acts.get(name)
    a = act.function(np.asarray(z, dtype=float))
    return a, act.derivative(a)


@cache
def derivative_peak(name: str) -> float:
    """The largest slope max_z g'(z) of ``name`` (0.25 for sigmoid, 1 for tanh and ReLU)."""
    return float(curves(name, _PEAK_GRID)[1].max())


def saturated(name: str, z: np.ndarray, share: float = SATURATION_SHARE) -> np.ndarray:
    """Boolean array of ``z``'s shape: True where g'(z) < ``share`` * max g'."""
    return curves(name, z)[1] < share * derivative_peak(name)


def sample_points(lo: float, hi: float, n: int = 801) -> np.ndarray:
    """Sorted points ``(m,)`` covering ``[lo, hi]``: ``n`` evenly spaced, plus ``n`` more over
    ``[-CORE, CORE]`` where every activation here bends, plus powers of ten either side of
    0. So even over a range of a million, the bend near z = 0 is drawn and found."""
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ValueError(f"need finite lo < hi, not [{lo}, {hi}]")
    powers = np.logspace(-6, 7, 131)
    z = np.concatenate([np.linspace(lo, hi, n), np.linspace(-CORE, CORE, n), powers, -powers])
    return np.unique(z[(z >= lo) & (z <= hi)])


def saturation_zones(name: str, lo: float, hi: float, share: float = SATURATION_SHARE,
                     n: int = 4001) -> list[tuple[float, float]]:
    """The intervals ``[(start, end), ...]`` of ``[lo, hi]`` where ``name`` is saturated,
    left to right. Edges are found on ``sample_points(lo, hi, n)``, then refined by
    bisection, so they are exact enough to print (sigmoid: |z| > 4.3565)."""
    z = sample_points(lo, hi, n)
    mask = saturated(name, z, share)
    lo, hi = float(lo), float(hi)
    zones, start = [], lo if mask[0] else None
    for i in np.flatnonzero(mask[1:] != mask[:-1]):
        edge = _bisect(name, z[i], z[i + 1], share)
        edge = 0.0 if abs(edge) < 1e-9 * (hi - lo) else edge  # ReLU's kink is at 0 exactly
        if start is None:
            start = edge
        else:
            zones.append((start, edge))
            start = None
    if start is not None:
        zones.append((start, hi))
    return zones


def _bisect(name: str, left: float, right: float, share: float) -> float:
    """The z between ``left`` and ``right`` where saturation switches on or off."""
    left_state = bool(saturated(name, np.array([left]), share)[0])
    for _ in range(60):
        mid = 0.5 * (left + right)
        if bool(saturated(name, np.array([mid]), share)[0]) == left_state:
            left = mid
        else:
            right = mid
    return float(0.5 * (left + right))


# --- vanishing gradients ----------------------------------------------------------------
def derivative_product(name: str, z_path: Sequence[float]) -> float:
    """prod_l g'(z[l]) along one path through ``len(z_path)`` layers (1 for no layer): the
    factor the activations alone put on a gradient flowing back through them."""
    slopes = curves(name, np.asarray(z_path, dtype=float).reshape(-1))[1]
    with np.errstate(under="ignore"):
        return float(np.prod(slopes))


def log10_derivative_products(name: str, z: float, max_depth: int) -> np.ndarray:
    """log10 of g'(z)^L for L = 0..``max_depth`` ``(max_depth + 1,)``, every layer at the same
    pre-activation ``z``. In logs, because 0.25^600 already underflows; ``-inf`` where
    g'(z) = 0 (a dead ReLU passes exactly nothing back)."""
    if max_depth < 0:
        raise ValueError(f"the depth must be 0 or more, not {max_depth}")
    slope = float(curves(name, np.array([z]))[1][0])
    depths = np.arange(max_depth + 1)
    with np.errstate(divide="ignore"):
        logs = depths * np.log10(slope) if slope > 0 else np.where(depths == 0, 0.0, -np.inf)
    return np.asarray(logs, dtype=float)


# --- a linear network is one layer -----------------------------------------------------
def collapse(W: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The single layer ``(W, b)`` equal to linear layers ``W[l]`` ``(fan_in, units)`` and
    ``b[l]`` ``(units,)`` applied in order: x W + b == (...(x W[1] + b[1]) W[2] ...) + b[L].
    ``W`` is ``(n_inputs, n_outputs)`` = W[1] W[2] ... W[L], and ``b`` ``(n_outputs,)`` is
    every bias carried through the layers after it."""
    if len(W) == 0 or len(W) != len(b):
        raise ValueError(f"need as many biases as weight matrices (at least 1): "
                         f"{len(W)} and {len(b)}")
    W_one = np.asarray(W[0], dtype=float)
    b_one = np.asarray(b[0], dtype=float)
    for W_l, b_l in zip(W[1:], b[1:]):
        W_one = W_one @ W_l
        b_one = b_one @ W_l + b_l
    return W_one, b_one


def one_layer(X: np.ndarray, W: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> np.ndarray:
    """``X`` ``(n_samples, n_inputs)`` through the single layer that ``collapse(W, b)`` gives:
    x W + b for every row, ``(n_samples, n_outputs)``."""
    W_one, b_one = collapse(W, b)
    return np.asarray(X, dtype=float) @ W_one + b_one
