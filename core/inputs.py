"""Input features: what the network is fed, computed from a point (x1, x2) of the plane.

TensorFlow Playground's signature lesson: besides x1 and x2, offer x1^2, x2^2, x1*x2,
sin(x1) and sin(x2), and a network with no hidden layer separates the circles (the
boundary x1^2 + x2^2 = r^2 is a straight line in the squared features). Hidden layers
build such features themselves; here the learner hands them over.

A registry ``name -> Feature`` with one signature, ``function(X) -> (n,)`` for ``X``
``(n, 2)``; ``expand(X, names)`` stacks the chosen ones into the network's input
``(n, len(names))``. The values are TF Playground's, unscaled: the plane's frame
[-6, 6]^2 puts x1^2 in [0, 36].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .datasets import Split
from .dtype import DTYPE


@dataclass(frozen=True)
class Feature:
    """One input feature: its value ``function(X)`` ``(n,)`` and its gradient with respect
    to the point, ``gradient(X)`` ``(n, 2)`` = (d/dx1, d/dx2)."""

    name: str
    function: Callable[[np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray], np.ndarray]


def _pair(d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    return np.column_stack([d1, d2])


FEATURES: dict[str, Feature] = {f.name: f for f in [
    Feature("x1", lambda X: X[:, 0], lambda X: _pair(np.ones(len(X)), np.zeros(len(X)))),
    Feature("x2", lambda X: X[:, 1], lambda X: _pair(np.zeros(len(X)), np.ones(len(X)))),
    Feature("x1^2", lambda X: X[:, 0] ** 2, lambda X: _pair(2 * X[:, 0], np.zeros(len(X)))),
    Feature("x2^2", lambda X: X[:, 1] ** 2, lambda X: _pair(np.zeros(len(X)), 2 * X[:, 1])),
    Feature("x1*x2", lambda X: X[:, 0] * X[:, 1], lambda X: _pair(X[:, 1], X[:, 0])),
    Feature("sin(x1)", lambda X: np.sin(X[:, 0]),
            lambda X: _pair(np.cos(X[:, 0]), np.zeros(len(X)))),
    Feature("sin(x2)", lambda X: np.sin(X[:, 1]),
            lambda X: _pair(np.zeros(len(X)), np.cos(X[:, 1]))),
]}
DEFAULT: tuple[str, ...] = ("x1", "x2")  # the plane itself: what every model file of version 1 saw


def check(names: Sequence[str]) -> tuple[str, ...]:
    """``names`` as a tuple in registry order, without repeats; ``ValueError`` for an unknown
    name or an empty choice (a network needs at least one input)."""
    names = [str(n).strip() for n in names]
    unknown = [n for n in names if n not in FEATURES]
    if unknown:
        raise ValueError(f"unknown input feature {unknown[0]!r}; choose from "
                         f"{', '.join(FEATURES)}")
    if not names:
        raise ValueError("choose at least one input feature")
    return tuple(n for n in FEATURES if n in names)


def parse(text: str) -> tuple[str, ...]:
    """'x1,x2,x1^2' -> ('x1', 'x2', 'x1^2'); spaces ignored; ``ValueError`` if wrong."""
    return check([part for part in text.replace(" ", "").split(",") if part])


def expand(X: np.ndarray, names: Sequence[str] = DEFAULT) -> np.ndarray:
    """The network's input ``(n, len(names))`` for points ``X`` ``(n, 2)``, one column per
    feature in the order of ``names``. Keeps ``X``'s float dtype (float32 for drawing)."""
    X = np.asarray(X)
    dtype = X.dtype if np.issubdtype(X.dtype, np.floating) else DTYPE
    if tuple(names) == DEFAULT:
        return X.astype(dtype, copy=False)  # the common case costs nothing
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"input features are computed from points (n, 2), not {X.shape}")
    out = np.empty((len(X), len(names)), dtype=dtype)
    for j, name in enumerate(names):
        out[:, j] = FEATURES[name].function(X)
    return out


def expand_split(split: Split, names: Sequence[str] = DEFAULT) -> Split:
    """``split`` with both parts' points turned into the network's inputs."""
    if tuple(names) == DEFAULT:
        return split
    return Split(expand(split.X_train, names), split.y_train, expand(split.X_test, names),
                 split.y_test)


def jacobian(X: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """d(input features)/d(x1, x2) per point: ``(n, len(names), 2)``."""
    return np.stack([FEATURES[name].gradient(np.asarray(X, dtype=DTYPE)) for name in names],
                    axis=1)
