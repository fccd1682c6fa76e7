"""The hidden layers as a feature extractor: the plane, and the data, seen by each layer.

Layer ``l`` maps a point ``x`` of the input plane to ``A[l] = g(...g(x W[1] + b[1])... W[l]
+ b[l])``, a point with one coordinate per unit. Mapping a grid of lines of the plane
shows how a layer bends and folds the plane (after ConvNetJS's hidden-layer view and
C. Olah's "Neural Networks, Manifolds, and Topology"); mapping the data shows whether
the classes, tangled in the plane, have become separable by a straight line (a plane, a
hyperplane), which is all the output layer can draw.

Layers are numbered as the articles do: 0 is the input (the plane itself), 1..L-1 the
hidden layers, L the output layer. Everything here is float64 and keeps nothing on the
``Network`` (its ``Z``/``A`` caches belong to training).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import inputs, losses, optimizers
from .datasets import Split
from .dtype import DTYPE
from .network import Network
from .training import Trainer

DEAD_SPREAD = 1e-9  # a unit whose values over all points differ by less than this is dead


def grid_lines(lo: float, hi: float, n_lines: int = 15, n_points: int = 60) -> np.ndarray:
    """Polylines of a square grid over ``[lo, hi]^2``: ``(2 * n_lines, n_points, 2)``.
    The first ``n_lines`` run along x1 (x2 fixed), the others along x2 (x1 fixed)."""
    if n_lines < 2 or n_points < 2 or not hi > lo:
        raise ValueError(f"need at least 2 lines of 2 points over lo < hi, not "
                         f"{n_lines} x {n_points} over [{lo}, {hi}]")
    levels = np.linspace(lo, hi, n_lines, dtype=DTYPE)
    along = np.linspace(lo, hi, n_points, dtype=DTYPE)
    fixed, moving = np.meshgrid(levels, along, indexing="ij")  # (n_lines, n_points)
    horizontal = np.stack([moving, fixed], axis=-1)
    vertical = np.stack([fixed, moving], axis=-1)
    return np.concatenate([horizontal, vertical])


def through_layers(network: Network, points: np.ndarray,
                   features: Sequence[str] = inputs.DEFAULT) -> list[np.ndarray]:
    """Every layer's image of points of the plane ``points`` ``(..., 2)`` (any leading
    shape, e.g. polylines ``(n_lines, n_points, 2)``): ``[A0, A1, ..., A_L]`` with ``A0``
    the points themselves and ``A_l`` ``(..., units of layer l)``; ``A_L`` is the
    network's output. The network is fed the input ``features`` of each point
    (core/inputs.py; x1, x2 unless it was trained on others)."""
    points = np.asarray(points, dtype=DTYPE)
    lead = points.shape[:-1]
    flat = inputs.expand(points.reshape(-1, points.shape[-1]), features)
    with np.errstate(all="ignore"):
        layers = network.activations_for_drawing(flat, dtype=DTYPE)
    return [points, *(A.reshape(*lead, A.shape[-1]) for A in layers)]


def tail(network: Network, layer: int) -> Network:
    """The rest of the network after ``layer`` (0 = input features .. L-1 = last hidden),
    as a network of its own whose input is that layer's units. It shares no arrays."""
    L = len(network.W)
    if not 0 <= layer < L:
        raise ValueError(f"layer must be 0 to {L - 1}, not {layer}")
    return Network([W.copy() for W in network.W[layer:]], [b.copy() for b in network.b[layer:]],
                   network.activations[layer:], network.task, network.n_classes,
                   network.loss.name)


def output_over(network: Network, layer: int, H: np.ndarray) -> np.ndarray:
    """The network's output ``(n, n_outputs)`` for points ``H`` ``(n, units)`` given
    directly in the space of ``layer``: what the rest of the network makes of them. For
    the last hidden layer that is the output layer alone, a straight-line classifier."""
    with np.errstate(all="ignore"):
        return tail(network, layer).activations_for_drawing(np.asarray(H, DTYPE), DTYPE)[-1]


def plane(x_range: tuple[float, float], y_range: tuple[float, float],
          resolution: int) -> np.ndarray:
    """Points ``(r * r, 2)`` of an ``r x r`` grid over a rectangle, x varying fastest, so
    ``values.reshape(r, r)`` has y on the rows (row 0 at the bottom)."""
    xs = np.linspace(*x_range, resolution, dtype=DTYPE)
    ys = np.linspace(*y_range, resolution, dtype=DTYPE)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def decision_line(network: Network) -> tuple[np.ndarray, float] | None:
    """``(w, c)`` of the output unit's ``z = h . w + c`` over the last hidden layer, for a
    network with one output unit (binary or regression) and at least one hidden layer;
    the sigmoid output is 1/2 exactly where ``z = 0``. ``w`` is ``(units,)``. None else."""
    if len(network.W) < 2 or network.W[-1].shape[1] != 1:
        return None
    return network.W[-1][:, 0].copy(), float(network.b[-1][0])


def clip_line(w: np.ndarray, c: float, x_range: tuple[float, float],
              y_range: tuple[float, float]) -> np.ndarray | None:
    """The segment ``(2, 2)`` of the line ``w[0] x + w[1] y + c = 0`` inside a rectangle,
    or None when the line misses it (or ``w`` is 0)."""
    (x0, x1), (y0, y1) = x_range, y_range
    a, b = float(w[0]), float(w[1])
    hits = []
    if abs(b) > 1e-12:
        for x in (x0, x1):
            y = -(a * x + c) / b
            if y0 <= y <= y1:
                hits.append((x, y))
    if abs(a) > 1e-12:
        for y in (y0, y1):
            x = -(b * y + c) / a
            if x0 <= x <= x1:
                hits.append((x, y))
    hits = list(dict.fromkeys((round(x, 12), round(y, 12)) for x, y in hits))
    if len(hits) < 2:
        return None
    pts = np.array(hits)
    far = np.argmax(np.linalg.norm(pts - pts[0], axis=1))
    return np.array([pts[0], pts[far]]) if far else None


def spread(H: np.ndarray) -> np.ndarray:
    """Per unit, how far apart the points are: ``max - min`` over ``H`` ``(n, units)``,
    ``(units,)``. 0 means the unit gives every point the same value (a dead ReLU)."""
    H = np.asarray(H, dtype=DTYPE)
    return np.ptp(H, axis=0) if len(H) else np.zeros(H.shape[-1])


def linear_accuracy(H: np.ndarray, y: np.ndarray, task: str, n_classes: int,
                    steps: int = 250) -> float | None:
    """How linearly separable the points ``H`` ``(n, units)`` with labels ``y`` ``(n,)``
    are: the training accuracy of a straight-line classifier (logistic regression, or
    softmax regression for several classes) fitted to them. 1.0 means a line (plane,
    hyperplane) separates the classes; the share of the largest class means no line
    helps (a line past all the points scores that much, so the answer is never below it).
    None for regression.

    The classifier is a network with no hidden layer trained by this engine (Adam, full
    batch, from zero weights, on standardised features), so the same ``H`` always gives
    the same number."""
    if task == "regression" or len(y) == 0:
        return None
    H = np.nan_to_num(np.asarray(H, dtype=DTYPE))
    std = H.std(axis=0)
    H = (H - H.mean(axis=0)) / np.where(std > DEAD_SPREAD, std, 1.0)
    k = H.shape[1]
    out = losses.n_outputs(task, n_classes)
    head, _ = losses.head(task)
    net = Network([np.zeros((k, out))], [np.zeros(out)], [head], task, n_classes)
    empty = np.empty((0, k))
    trainer = Trainer(net, Split(H, np.asarray(y), empty, np.empty(0)),
                      optimizers.create("adam", 0.1), batch_size=0)
    with np.errstate(all="ignore"):
        for _ in range(steps):
            trainer.fit_epoch()
        fitted = float(losses.accuracy(net.forward(H), np.asarray(y), task))
    majority = float(np.max(np.bincount(np.asarray(y, dtype=int)))) / len(y)
    return max(fitted, majority)


def layer_accuracies(network: Network, X: np.ndarray, y: np.ndarray,
                     features: Sequence[str] = inputs.DEFAULT) -> list[float | None]:
    """``linear_accuracy`` of the points ``X`` ``(n, 2)`` in each layer's space, the plane
    first: ``[plane, hidden 1, ..., last hidden]`` (length L). Rising to 1 in the last
    hidden layer is the point of the hidden layers."""
    spaces = through_layers(network, X, features)[:-1]
    return [linear_accuracy(H, y, network.task, network.n_classes) for H in spaces]


def decision_surface(w: np.ndarray, c: float, x_range: tuple[float, float],
                     y_range: tuple[float, float], z_range: tuple[float, float],
                     n: int = 12) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The plane ``w[0] x + w[1] y + w[2] z + c = 0`` over a box, as surface arrays
    ``xs`` ``(n,)``, ``ys`` ``(n,)``, ``Z`` ``(n, n)`` (rows follow ``ys``), NaN where the
    plane leaves the box. None when the plane is (nearly) parallel to the z axis."""
    if abs(float(w[2])) < 1e-9:
        return None
    xs = np.linspace(*x_range, n)
    ys = np.linspace(*y_range, n)
    gx, gy = np.meshgrid(xs, ys)
    Z = -(w[0] * gx + w[1] * gy + c) / w[2]
    Z[(Z < z_range[0]) | (Z > z_range[1])] = np.nan
    return xs, ys, Z
