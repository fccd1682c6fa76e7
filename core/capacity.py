"""Capacity: what a network can represent, and what stops training from getting there
(articles 000, 002 and 003).

- One hidden layer builds a curve out of its units: each tanh unit adds one smooth step
  v·tanh(w x + b), two of them a bump; more units, a closer fit (the universal
  approximation theorem, article 002).
- Deep or wide at one parameter count (article 002's "deep vs fat"), counted.
- The gradient on its way back is a product of weights and slopes: below 1 it vanishes,
  above 1 it explodes.
- Gradient descent can stop above the best loss: article 003 says squared error with a
  sigmoid makes the cost non-convex (many local minima); a 2-2-1 network on four XOR
  points shows such a place, beside restarts that find the bottom.

Every fit is the engine's: ``core.Network``, its ``Trainer`` (or a ``Stack`` of them for
restarts), its optimizers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import nonlinearity, optimizers, seeding
from .datasets import Split
from .experiment import Config, build
from .network import Network
from .stacked import Stack
from .training import Trainer

# --- 1. one hidden layer, built from steps ---------------------------------------------------
CURVE_X = np.linspace(-3.0, 3.0, 100)
TARGETS = {  # a curve to fit: y = f(x) on CURVE_X
    "wave": lambda x: np.sin(2.0 * x) + 0.3 * x,
    "bump": lambda x: np.exp(-2.0 * x ** 2) - 0.5 * np.exp(-2.0 * (x - 1.8) ** 2),
    "abs": lambda x: np.abs(x) - 1.5,
}
BUMP_FIT = {"epochs": 2000, "lr": 0.03}
UNIT_COUNTS = (1, 2, 4, 8, 16, 32)


@dataclass(frozen=True)
class CurveFit:
    """A 1-``units``-1 tanh network fitted to ``target`` on ``x`` ``(n,)``: its output
    ``fit`` ``(n,)``, each hidden unit's share of it ``parts`` ``(units, n)`` (v_j · a_j(x),
    the output weight times the unit's activation), the output bias ``c`` (fit = Σ parts
    + c), and the cost (mean squared error)."""

    target: str
    units: int
    x: np.ndarray
    y: np.ndarray
    fit: np.ndarray
    parts: np.ndarray
    c: float
    cost: float


def curve_fit(target: str, units: int, seed: int = 0, epochs: int = BUMP_FIT["epochs"],
              lr: float = BUMP_FIT["lr"]) -> CurveFit:
    """Fit ``TARGETS[target]`` with ``units`` tanh units: full batch, Adam."""
    if target not in TARGETS:
        raise ValueError(f"unknown curve {target!r}; choose from {', '.join(TARGETS)}")
    x = CURVE_X[:, None]
    y = TARGETS[target](CURVE_X)
    net = Network.create(1, [int(units)], "tanh", "regression", 0, seeding.stream(seed, "init"))
    trainer = Trainer(net, Split(x, y, x[:0], y[:0]), optimizers.create("adam", lr), 0)
    snap = trainer.measure()
    for snap in trainer.run(epochs, keep=lambda _e: False):  # noqa: B007
        pass
    fit = net.forward(x)[:, 0]
    parts = (net.A[1] * net.W[1][:, 0]).T  # (units, n)
    return CurveFit(target, int(units), CURVE_X, y, fit.copy(), parts, float(net.b[1][0]),
                    float(snap.train_loss))


def units_needed(costs: dict[int, float], below: float) -> int | None:
    """The fewest units (of those tried) whose fit's cost is below ``below``."""
    fits = [n for n, c in sorted(costs.items()) if c < below]
    return fits[0] if fits else None


# --- 2. deep or wide -------------------------------------------------------------------------
def parameter_count(sizes: list[int]) -> int:
    """Weights and biases of a dense network with layers ``sizes`` (input first):
    Σ (n[l-1] + 1) · n[l]."""
    return sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))


def matched(budget: int, depth: int = 3, n_in: int = 2, n_out: int = 1
            ) -> tuple[tuple[int], tuple[int, ...]]:
    """One wide hidden layer and ``depth`` equal hidden layers, each with the parameter
    count closest to ``budget``: (wide hidden, deep hidden)."""
    def closest(make) -> tuple[int, ...]:
        return min((make(n) for n in range(1, 1025)),
                   key=lambda h: (abs(parameter_count([n_in, *h, n_out]) - budget), h))
    return closest(lambda n: (n,)), closest(lambda n: (n,) * depth)


# --- 3. vanishing and exploding ----------------------------------------------------------
def chain_log10(weight: float, activation: str, z: float, depth: int) -> np.ndarray:
    """log10 |Π (w g'(z))| for L = 0..``depth`` ``(depth + 1,)``: the factor one unit per
    layer multiplies the gradient by on its way back through L layers, every layer with
    weight ``weight`` and pre-activation ``z``. −inf where g'(z) = 0 or w = 0."""
    slopes = nonlinearity.log10_derivative_products(activation, z, depth)
    with np.errstate(divide="ignore"):
        per_weight = np.log10(abs(weight)) if weight else -np.inf
    L = np.arange(depth + 1)
    return np.where(L == 0, 0.0, slopes + L * per_weight)


def layer_gradients(factor: float, depth: int = 8, width: int = 16, activation: str = "relu",
                    seed: int = 0) -> np.ndarray:
    """||∂J/∂W[l]|| for every layer ``(depth + 1,)`` (layer 1 first, the output last) of a
    fresh network on the circles whose initial weights are the engine's times ``factor``
    (1: the engine's own scale)."""
    config = Config(dataset="circles", samples=200, noise=0.05, hidden=(width,) * depth,
                    activation=activation, seed=seed)
    _, trainer = build(config)
    for W in trainer.network.W:
        W *= factor
    return np.array([layer.grad_norm_W for layer in trainer.measure().layers])


# --- 4. stopping above the bottom --------------------------------------------------------------
XOR_X = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])  # (4, 2)
XOR_Y = np.array([0, 1, 1, 0])
RESTARTS = {"count": 12, "epochs": 3000, "lr": 0.5, "every": 20}


@dataclass(frozen=True)
class Restart:
    """One start of a 2-2-1 tanh network on the four XOR points (full-batch gradient
    descent, binary cross-entropy): the cost every ``RESTARTS["every"]`` epochs, the cost
    and gradient size at the end (and at the start), and the network's outputs for the
    four points ``(4,)``."""

    seed: int
    epochs: np.ndarray
    cost: np.ndarray
    final: float
    gradient: float
    start_gradient: float
    outputs: np.ndarray


def restarts(count: int = RESTARTS["count"], epochs: int = RESTARTS["epochs"],
             lr: float = RESTARTS["lr"], every: int = RESTARTS["every"]) -> list[Restart]:
    """``count`` starts from seeds 0, 1, ... trained together (one stack: the same steps
    each would take alone)."""
    split = Split(XOR_X, XOR_Y, XOR_X[:0], XOR_Y[:0])
    trainers, starts = [], []
    for seed in range(count):
        net = Network.create(2, [2], "tanh", "binary", 2, seeding.stream(seed, "init"))
        trainer = Trainer(net, split, optimizers.create("sgd", lr), 0)
        starts.append(trainer.measure())
        trainers.append(trainer)
    curves: list[list[tuple[int, float]]] = [[(0, s.train_loss)] for s in starts]
    stack = Stack()
    for k, trainer in enumerate(trainers):
        stack.join(trainer, keep=lambda e: e % every == 0,
                   record=lambda s, k=k: curves[k].append((s.epoch, s.train_loss)))
    stack.run(epochs)
    for trainer in list(stack.trainers):  # each takes its own weights back out of the stack
        stack.leave(trainer)
    out = []
    for seed, (trainer, curve, start) in enumerate(zip(trainers, curves, starts)):
        end = trainer.measure()
        e, c = (np.array(v) for v in zip(*curve))
        outputs = trainer.network.forward(XOR_X)[:, 0].copy()
        out.append(Restart(seed, e, c, float(end.train_loss), _norm(end), _norm(start), outputs))
    return out


def _norm(snap) -> float:
    return float(np.sqrt(sum(layer.grad_norm_W ** 2 + layer.grad_norm_b ** 2
                             for layer in snap.layers)))


def stuck(runs: list[Restart], tol: float = 0.05) -> list[int]:
    """The seeds whose run ended more than ``tol`` above the lowest cost of all."""
    best = min(r.final for r in runs)
    return [r.seed for r in runs if r.final > best + tol]
