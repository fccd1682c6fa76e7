"""Built-in 2-D data sets and the train/test split.

Every generator has one signature, ``generator(n_samples, noise, rng) -> (X, y)``,
with ``X`` ``(n_samples, 2)`` and ``y`` ``(n_samples,)``: integer class ids 0..K-1
for classification, floats for regression. Points lie roughly in [-6, 6]^2, the
frame TensorFlow Playground uses, so its settings carry over. ``noise`` runs from
0 (clean) to 1 (very noisy). Built-in data is never rescaled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .dtype import DTYPE

Generator = Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray]]
EXTENT = 6.0  # half-width of the square the built-in data sets live in


@dataclass
class Dataset:
    """Points ``X`` ``(n, 2)`` with targets ``y`` ``(n,)`` for one task."""

    X: np.ndarray
    y: np.ndarray
    task: str  # "binary" | "multiclass" | "regression"
    n_classes: int  # 2 for binary, K for multiclass, 0 for regression
    name: str = ""
    feature_names: tuple[str, str] = ("x1", "x2")
    # Standardisation of features, when the data came from a CSV: X = (raw - mean) / std.
    input_scaling: dict | None = None
    class_names: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.y)


@dataclass
class Split:
    """A data set cut into a training part and a test part (the test part may be empty)."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    task: str
    n_classes: int
    generate: Generator
    about: str


def _class_sizes(n: int, k: int) -> list[int]:
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


def _labels(sizes: list[int]) -> np.ndarray:
    return np.repeat(np.arange(len(sizes)), sizes)


def circles(n, noise, rng):
    """Class 1 is a disc of radius 2 inside class 0, a ring from radius 3.5 to 5."""
    n0, n1 = _class_sizes(n, 2)
    r = np.concatenate([rng.uniform(3.5, 5.0, n0), rng.uniform(0.0, 2.0, n1)])
    t = rng.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([r * np.cos(t), r * np.sin(t)])
    return X + rng.normal(0.0, noise, X.shape), _labels([n0, n1])


def _spiral(n, noise, rng, arms):
    sizes = _class_sizes(n, arms)
    parts = []
    for k, m in enumerate(sizes):
        s = np.arange(m) / max(m, 1)
        r = 5.0 * s
        t = 1.75 * 2 * np.pi * s + 2 * np.pi * k / arms
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
    X = np.concatenate(parts)
    return X + rng.normal(0.0, noise, X.shape), _labels(sizes)


def spiral(n, noise, rng):
    """Two interleaved arms winding 1.75 turns out to radius 5 (as in TF Playground)."""
    return _spiral(n, noise, rng, 2)


def spiral3(n, noise, rng):
    """Three interleaved arms."""
    return _spiral(n, noise, rng, 3)


def blobs3(n, noise, rng):
    """Three round clusters at the corners of a triangle."""
    sizes = _class_sizes(n, 3)
    angles = np.pi / 2 + 2 * np.pi * np.arange(3) / 3
    centres = 3.5 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = _labels(sizes)
    return centres[y] + rng.normal(0.0, 0.8 + 2.0 * noise, (n, 2)), y


def xor(n, noise, rng):
    """Quadrants: class 1 where x1 and x2 have the same sign."""
    y = _labels(_class_sizes(n, 2))  # label first, then a quadrant: classes exactly balanced
    s1 = rng.choice([-1.0, 1.0], n)
    signs = np.column_stack([s1, np.where(y == 1, s1, -s1)])
    X = signs * rng.uniform(0.3, 5.3, (n, 2))  # 0.3 keeps points off the axes
    return X + rng.normal(0.0, 1.5 * noise, X.shape), y


def moons(n, noise, rng):
    """Two interlocking half circles."""
    n0, n1 = _class_sizes(n, 2)
    t0, t1 = rng.uniform(0, np.pi, n0), rng.uniform(0, np.pi, n1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    X = 3.0 * (np.concatenate([upper, lower]) - [0.5, 0.25])
    return X + rng.normal(0.0, 1.2 * noise, X.shape), _labels([n0, n1])


def gaussians(n, noise, rng):
    """Two Gaussian clouds around (2, 2) and (-2, -2): almost linearly separable."""
    n0, n1 = _class_sizes(n, 2)
    centres = np.array([[2.0, 2.0], [-2.0, -2.0]])
    y = _labels([n0, n1])
    return centres[y] + rng.normal(0.0, 0.7 + 2.0 * noise, (n, 2)), y


def plane(n, noise, rng):
    """Regression: a tilted plane y = (x1 + x2) / 10."""
    X = rng.uniform(-EXTENT, EXTENT, (n, 2))
    return X, (X[:, 0] + X[:, 1]) / 10.0 + rng.normal(0.0, 0.5 * noise, n)


def sine(n, noise, rng):
    """Regression: a sine surface y = sin(x1 / 2) cos(x2 / 2)."""
    X = rng.uniform(-EXTENT, EXTENT, (n, 2))
    return X, np.sin(X[:, 0] / 2) * np.cos(X[:, 1] / 2) + rng.normal(0.0, 0.5 * noise, n)


DATASETS: dict[str, DatasetSpec] = {
    d.name: d
    for d in [
        DatasetSpec("circles", "binary", 2, circles, circles.__doc__),
        DatasetSpec("spiral", "binary", 2, spiral, spiral.__doc__),
        DatasetSpec("spiral3", "multiclass", 3, spiral3, spiral3.__doc__),
        DatasetSpec("blobs3", "multiclass", 3, blobs3, blobs3.__doc__),
        DatasetSpec("xor", "binary", 2, xor, xor.__doc__),
        DatasetSpec("moons", "binary", 2, moons, moons.__doc__),
        DatasetSpec("gaussians", "binary", 2, gaussians, gaussians.__doc__),
        DatasetSpec("plane", "regression", 0, plane, plane.__doc__),
        DatasetSpec("sine", "regression", 0, sine, sine.__doc__),
    ]
}


def make(name: str, n_samples: int, noise: float, rng: np.random.Generator) -> Dataset:
    """Generate built-in data set ``name`` with ``n_samples`` points."""
    try:
        spec = DATASETS[name]
    except KeyError:
        raise ValueError(f"unknown data set {name!r}; choose from {', '.join(DATASETS)}") from None
    if n_samples < 2:
        raise ValueError(f"a data set needs at least 2 samples, not {n_samples}")
    if not 0.0 <= noise <= 1.0:
        raise ValueError(f"noise runs from 0 to 1, not {noise}")
    X, y = spec.generate(int(n_samples), float(noise), rng)
    y = y.astype(int) if spec.task != "regression" else y.astype(DTYPE)
    return Dataset(X.astype(DTYPE), y, spec.task, spec.n_classes, name)


def split(data: Dataset, test_ratio: float, rng: np.random.Generator) -> Split:
    """Shuffle and cut: ``round(n * test_ratio)`` test points, at least one training point."""
    if not 0.0 <= test_ratio < 1.0:
        raise ValueError(f"the test share must be in [0, 1), not {test_ratio}")
    n = len(data.y)
    n_test = min(int(round(n * test_ratio)), n - 1)
    order = rng.permutation(n)
    test, train = order[:n_test], order[n_test:]
    return Split(data.X[train], data.y[train], data.X[test], data.y[test])
