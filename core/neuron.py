"""One neuron on 2-D data: logistic regression, seen through the engine's own Network.

The neuron is a network with no hidden layer, ``W`` ``(2, 1)`` and ``b`` ``(1,)``:

    z = w1*x1 + w2*x2 + b   (Z = X @ W + b),      a = sigmoid(z)

Everything here calls ``core.network.Network`` and the loss entries of ``core.losses``:
the losses, their gradients and the forward pass are never written a second time.
``theta`` is always the neuron's three numbers in the order ``(w1, w2, b)``, which is
also the order of ``Network.theta`` for this layout.

A 0/1 perceptron (seed article 002) is the same z followed by a step instead of the
sigmoid; ``step`` and ``perceptron_and_sigmoid`` compare the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import activations as acts
from . import losses, optimizers
from .dtype import DTYPE
from .network import Network

LOSSES = ("bce", "mse")  # the two losses a sigmoid neuron can be trained with here


def neuron(theta: Sequence[float], loss: str = "bce") -> Network:
    """The neuron ``(w1, w2, b)`` as a Network 2 -> 1 with a sigmoid output and ``loss``."""
    w1, w2, b = (float(t) for t in theta)
    return Network([np.array([[w1], [w2]])], [np.array([b])], ["sigmoid"], "binary", 2, loss)


def targets(y: np.ndarray) -> np.ndarray:
    """Class ids ``(n,)`` (0/1) as the target matrix ``Y`` ``(n, 1)``."""
    return losses.encode_targets(y, "binary", 2)


@dataclass(frozen=True)
class Reading:
    """What one neuron does on a data set: its cost under each loss and the gradient of
    that cost, ``grad[loss]`` = ``(dJ/dw1, dJ/dw2, dJ/db)``, plus its accuracy."""

    cost: dict[str, float]
    grad: dict[str, tuple[float, float, float]]
    accuracy: float


def read(X: np.ndarray, y: np.ndarray, theta: Sequence[float]) -> Reading:
    """Cost and gradient of neuron ``theta`` on ``X`` ``(n, 2)``, ``y`` ``(n,)`` under
    binary cross-entropy and squared error (one forward and backward pass each)."""
    Y = targets(y)
    cost, grad = {}, {}
    for loss in LOSSES:
        net = neuron(theta, loss)
        with np.errstate(all="ignore"):
            cost[loss], _, _ = net.gradients(X, Y)
        grad[loss] = tuple(float(g) for g in net.grad)
    accuracy = losses.accuracy(net.A[-1], y, "binary")
    return Reading(cost, grad, float(accuracy))


@dataclass(frozen=True)
class Path:
    """The neuron's parameters during gradient descent: ``theta`` ``(steps + 1, 3)``
    (row 0 is the start, then one row per step) and the cost under both losses at every
    row, ``cost[loss]`` ``(steps + 1,)``. ``stopped`` is True when a step made a value
    non-finite; the path then ends at the last finite row."""

    theta: np.ndarray
    cost: dict[str, np.ndarray]
    loss: str
    lr: float
    stopped: bool = False

    @property
    def steps(self) -> int:
        return len(self.theta) - 1


def descent_path(X: np.ndarray, y: np.ndarray, start: Sequence[float], loss: str = "bce",
                 lr: float = 0.1, steps: int = 100, optimizer: str = "sgd") -> Path:
    """Full-batch gradient descent on ``loss`` from ``start`` = ``(w1, w2, b)``: ``steps``
    updates of core's ``optimizer`` with learning rate ``lr``, every intermediate
    parameter vector recorded (see ``Path``)."""
    net = neuron(start, loss)
    opt = optimizers.create(optimizer, lr)
    Y = targets(y)
    rows = [net.theta.copy()]
    stopped = False
    with np.errstate(all="ignore"):
        for _ in range(int(steps)):
            net.gradients(X, Y)
            opt.step([net.theta], [net.grad])
            if not net.is_finite():
                stopped = True
                break
            rows.append(net.theta.copy())
    theta = np.array(rows)
    return Path(theta, {name: costs_along(X, y, theta, name) for name in LOSSES}, loss,
                float(lr), stopped)


def costs_along(X: np.ndarray, y: np.ndarray, thetas: np.ndarray, loss: str) -> np.ndarray:
    """The cost under ``loss`` of every neuron in ``thetas`` ``(k, 3)``: ``(k,)``."""
    thetas = np.asarray(thetas, dtype=DTYPE).reshape(-1, 3)
    with np.errstate(all="ignore"):
        Z, A = _outputs(X, thetas[:, :2].T, thetas[:, 2])
        return _cost_of_columns(Z, A, targets(y), loss)


def _cost_of_columns(Z: np.ndarray, A: np.ndarray, Y: np.ndarray, loss: str) -> np.ndarray:
    """Cost of each column of ``Z``/``A`` ``(n, k)`` (one neuron per column) against ``Y``
    ``(n, 1)``, with the loss entry of ``core.losses``: ``(k,)``."""
    value = losses.head("binary", loss)[1].value
    return np.array([value(Z[:, j:j + 1], A[:, j:j + 1], Y) for j in range(Z.shape[1])])


def _outputs(X: np.ndarray, W: np.ndarray, b) -> tuple[np.ndarray, np.ndarray]:
    """``Z = X @ W + b`` and ``A = sigmoid(Z)`` for k neurons at once, one column each
    (``W`` ``(2, k)``, ``b`` one number or ``(k,)``): the neuron's forward pass,
    batched over neurons so a whole grid of them costs one matrix product."""
    Z = np.dot(np.asarray(X, dtype=DTYPE), W) + b
    return Z, acts.OUTPUT_FUNCTIONS["sigmoid"](Z)


def landscape(X: np.ndarray, y: np.ndarray, w1: np.ndarray, w2: np.ndarray, b: float,
              loss: str = "bce") -> np.ndarray:
    """The cost surface over a grid of weights with the bias held at ``b``:
    ``J[i, j]`` = cost of the neuron ``(w1[j], w2[i], b)``, shape ``(len(w2), len(w1))``
    (rows follow w2, as a contour plot expects)."""
    W1, W2 = np.meshgrid(np.asarray(w1, dtype=DTYPE), np.asarray(w2, dtype=DTYPE))
    W = np.vstack([W1.ravel(), W2.ravel()])
    with np.errstate(all="ignore"):
        Z, A = _outputs(X, W, b)
        J = _cost_of_columns(Z, A, targets(y), loss)
    return J.reshape(W1.shape)


def surface(theta: Sequence[float], x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    """The neuron's output a = sigmoid(z) over the plane: ``a[i, j]`` at the point
    ``(x1[j], x2[i])``, shape ``(len(x2), len(x1))``."""
    G1, G2 = np.meshgrid(np.asarray(x1, dtype=DTYPE), np.asarray(x2, dtype=DTYPE))
    with np.errstate(all="ignore"):
        A = neuron(theta).forward(np.column_stack([G1.ravel(), G2.ravel()]))
    return A[:, 0].reshape(G1.shape)


def boundary(theta: Sequence[float], lo: float, hi: float) -> np.ndarray | None:
    """Two points ``(2, 2)`` of the line z = 0 (where a = 0.5) that span the square
    ``[lo, hi]^2``, or None when w1 = w2 = 0 (z is then the constant b: no line)."""
    w1, w2, b = (float(t) for t in theta)
    if w1 == 0.0 and w2 == 0.0:
        return None
    if abs(w2) >= abs(w1):  # solve for x2: steep lines are better solved for x1
        x1 = np.array([lo, hi])
        return np.column_stack([x1, -(w1 * x1 + b) / w2])
    x2 = np.array([lo, hi])
    return np.column_stack([-(w2 * x2 + b) / w1, x2])


# --- the 0/1 perceptron (seed article 002) -----------------------------------------------
def step(Z: np.ndarray) -> np.ndarray:
    """The perceptron's output: 1 where z > 0, else 0 (same shape as ``Z``)."""
    return (np.asarray(Z) > 0).astype(DTYPE)


@dataclass(frozen=True)
class Comparison:
    """Squared error of a 0/1 perceptron and of a sigmoid neuron as w1 varies, w2 and b
    held: ``w1`` ``(k,)``, ``perceptron`` ``(k,)``, ``sigmoid`` ``(k,)``. For the
    perceptron the squared error is exactly the share of points it gets wrong."""

    w1: np.ndarray
    perceptron: np.ndarray
    sigmoid: np.ndarray


def perceptron_and_sigmoid(X: np.ndarray, y: np.ndarray, w1: np.ndarray, w2: float,
                           b: float) -> Comparison:
    """The squared error of both units for every ``w1`` (see ``Comparison``)."""
    w1 = np.asarray(w1, dtype=DTYPE)
    W = np.vstack([w1, np.full_like(w1, w2)])
    Y = targets(y)
    with np.errstate(all="ignore"):
        Z, A = _outputs(X, W, b)
        return Comparison(w1, _cost_of_columns(Z, step(Z), Y, "mse"),
                          _cost_of_columns(Z, A, Y, "mse"))


@dataclass(frozen=True)
class Nudge:
    """What a small change h of w1 does to the squared error of each unit:
    ``change_*`` = J(w1 + h) - J(w1), ``slope_*`` = that change / h (the gradient by
    perturbation of seed article 001)."""

    h: float
    change_perceptron: float
    change_sigmoid: float

    @property
    def slope_perceptron(self) -> float:
        return self.change_perceptron / self.h

    @property
    def slope_sigmoid(self) -> float:
        return self.change_sigmoid / self.h


def nudge(X: np.ndarray, y: np.ndarray, theta: Sequence[float], h: float = 0.01) -> Nudge:
    """Nudge w1 of ``theta`` = ``(w1, w2, b)`` by ``h`` and measure both units' change."""
    w1, w2, b = (float(t) for t in theta)
    c = perceptron_and_sigmoid(X, y, np.array([w1, w1 + h]), w2, b)
    return Nudge(float(h), float(c.perceptron[1] - c.perceptron[0]),
                 float(c.sigmoid[1] - c.sigmoid[0]))
