"""The training loop itself (articles 001 and 003): initialise, then forward, cost,
backward, update, again and again; how the batch size cuts an epoch into iterations; and
what the first step, initialisation, decides.

Every number comes from the engine: the networks are ``core.Network`` (article 001's
y = 3x as one weight and one bias, ``backprop_steps.line_network``), the steps are its
``forward``/``cost``/``backward`` and an optimizer's ``step``, exactly the calls of
``Trainer.fit_epoch``; here they are taken one iteration at a time so a page can show
each. Randomness (the order of the samples, the initial weights) flows from a seed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import articles, datasets, optimizers, seeding
from .backprop_steps import line_network
from .experiment import Config, build
from .network import Network

STEPS = ("init", "forward", "cost", "backward", "update")  # the loop, article 003's summary
LINE_X, LINE_Y = articles.LINE_X[:, None], articles.LINE_Y[:, None]  # (5, 1)


# --- the loop, one iteration at a time, on y = 3x --------------------------------------------
@dataclass(frozen=True)
class Iteration:
    """One pass of forward, cost, backward and update on one batch of y = 3x.

    ``epoch`` and ``iteration`` count from 1 (``iteration`` within the epoch); ``batch``
    are the indices of the samples ``(B,)``; ``y_hat`` their predictions ``(B,)``; ``cost``
    J of the batch (the mean of its squared errors); ``dw``, ``db`` its gradient;
    ``w``, ``b`` before the update and ``w_new``, ``b_new`` after; ``cost_all`` J over all
    five points after the update (what a curve of the training shows)."""

    epoch: int
    iteration: int
    batch: np.ndarray
    w: float
    b: float
    y_hat: np.ndarray
    cost: float
    dw: float
    db: float
    w_new: float
    b_new: float
    cost_all: float


def iterations_per_epoch(n: int, batch_size: int) -> int:
    """An epoch sees every sample once, ``batch_size`` at a time: ⌈n / B⌉ iterations."""
    return -(-n // min(max(batch_size, 1), n))


def line_cost(w: float, b: float) -> float:
    """J(w, b) over all five points of y = 3x, from the engine's forward pass and cost."""
    net = line_network(w, b)
    net.forward(LINE_X)
    return float(net.cost(LINE_Y))


def line_loop(batch_size: int, lr: float, epochs: int, seed: int = 0,
              start: tuple[float, float] = articles.LINE_START) -> list[Iteration]:
    """Train ŷ = w x + b on y = 3x with plain gradient descent, ``batch_size`` samples per
    iteration (1: stochastic gradient descent, 5: full batch), the samples reshuffled
    every epoch as the Trainer does, for ``epochs`` epochs; every iteration kept. Stops
    early if the cost stops being finite (a learning rate too large)."""
    net, sgd = line_network(*start), optimizers.SGD(lr)
    rng = seeding.stream(seed, "shuffle")
    n = len(LINE_X)
    B = min(max(int(batch_size), 1), n)
    out = []
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n) if B < n else np.arange(n)
        for i, first in enumerate(range(0, n, B), start=1):
            batch = order[first:first + B]
            w, b = float(net.W[0][0, 0]), float(net.b[0][0])
            y_hat = net.forward(LINE_X[batch])[:, 0].copy()
            cost = float(net.cost(LINE_Y[batch]))
            dW, db = net.backward(LINE_Y[batch])
            dw, dbias = float(dW[0][0, 0]), float(db[0][0])
            sgd.step(net.params, [dW[0], db[0]])
            w_new, b_new = float(net.W[0][0, 0]), float(net.b[0][0])
            cost_all = line_cost(w_new, b_new)
            out.append(Iteration(epoch, i, batch, w, b, y_hat, cost, dw, dbias, w_new, b_new,
                                 cost_all))
            if not np.isfinite(cost_all):
                return out
    return out


def closest(runs: dict[int, list[Iteration]]) -> tuple[int, ...]:
    """The batch sizes whose run ends with the lowest cost over all points (several when
    they tie to 1e-9 of it)."""
    final = {B: run[-1].cost_all if run and np.isfinite(run[-1].cost_all) else np.inf
             for B, run in runs.items()}
    best = min(final.values())
    return tuple(B for B, c in final.items() if c <= best + 1e-9 * max(1.0, abs(best)))


# --- the same on a small classifier: noise and cost of an epoch ---------------------------
@dataclass(frozen=True)
class EpochCurve:
    batch_size: int  # 0: full batch
    updates_per_epoch: int
    cost: np.ndarray  # (epochs + 1,): training cost J after each epoch, the start first


def classifier_curves(batch_sizes: tuple[int, ...], epochs: int, lr: float, seed: int = 0,
                      dataset: str = "circles", hidden: tuple[int, ...] = (8,)
                      ) -> list[EpochCurve]:
    """The same network (same data, same initial weights) trained by the engine's Trainer
    with each batch size, plain gradient descent at rate ``lr``: its cost after every
    epoch."""
    out = []
    for B in batch_sizes:
        config = Config(dataset=dataset, samples=200, noise=0.1, hidden=hidden,
                        activation="tanh", optimizer="sgd", lr=lr, batch_size=B, seed=seed)
        _, trainer = build(config)
        costs = [trainer.measure().train_loss]
        for snap in trainer.run(epochs, keep=lambda _e: True):
            costs.append(snap.train_loss)
        n = len(trainer.split.y_train)
        out.append(EpochCurve(B, iterations_per_epoch(n, B or n), np.array(costs)))
    return out


def roughness(cost: np.ndarray) -> float:
    """How much a cost curve jumps about: the mean size of its rises, relative to its mean
    (a curve that only goes down scores 0)."""
    rises = np.clip(np.diff(cost), 0, None)
    return float(rises.mean() / max(float(np.mean(cost)), 1e-300))


# --- initialisation --------------------------------------------------------------------------
INITS = ("zeros", "constant", "random")
CONSTANT = 0.5


def symmetric_network(init: str, hidden: int = 4, seed: int = 0,
                      dataset: str = "circles") -> tuple[Network, datasets.Dataset]:
    """A 2-``hidden``-1 tanh network for ``dataset`` whose weights all start at 0
    (``zeros``), all at ``CONSTANT`` (``constant``), or drawn at random (``random``, the
    engine's Xavier scale); biases at 0."""
    if init not in INITS:
        raise ValueError(f"unknown start {init!r}; choose from {', '.join(INITS)}")
    config = Config(dataset=dataset, samples=200, noise=0.05, hidden=(hidden,), seed=seed)
    data, trainer = build(config)
    net = trainer.network
    if init != "random":
        value = 0.0 if init == "zeros" else CONSTANT
        for W in net.W:
            W[...] = value
    return net, data


@dataclass(frozen=True)
class SymmetryRun:
    """A network trained from one start: ``W1`` ``(epochs + 1, 2, units)``, each hidden
    unit's two incoming weights after every epoch (the start first); ``accuracy`` on the
    training points at the end; ``distinct`` units at the end; ``answers``: how many
    different classes the network predicts for the training points at the end."""

    init: str
    W1: np.ndarray
    accuracy: float
    distinct: int
    answers: int


def distinct_units(W: np.ndarray, tol: float = 1e-9) -> int:
    """How many different units a layer has: columns of ``W`` ``(fan_in, units)`` that
    differ from every other by more than ``tol``."""
    kept: list[np.ndarray] = []
    for column in W.T:
        if not any(np.max(np.abs(column - k)) <= tol for k in kept):
            kept.append(column)
    return len(kept)


def symmetry_run(init: str, epochs: int = 300, lr: float = 0.5, hidden: int = 4,
                 seed: int = 0) -> SymmetryRun:
    """Full-batch gradient descent from ``init`` (``symmetric_network``), by the engine's
    Trainer on the circles."""
    net, _ = symmetric_network(init, hidden, seed)
    config = Config(dataset="circles", samples=200, noise=0.05, hidden=(hidden,),
                    optimizer="sgd", lr=lr, batch_size=0, seed=seed)
    _, trainer = build(config, network=net)
    history = [net.W[0].copy()]
    snap = trainer.measure()
    for snap in trainer.run(epochs, keep=lambda _e: True):  # noqa: B007
        history.append(net.W[0].copy())
    answers = len(np.unique(net.predict(trainer.split.X_train)))
    return SymmetryRun(init, np.array(history), float(snap.train_accuracy),
                       distinct_units(net.W[0]), answers)


@dataclass(frozen=True)
class FirstPass:
    """The first forward pass of a deep tanh network whose weights are drawn with
    standard deviation ``scale``: per hidden layer, the spread (standard deviation) of its
    activations ``(L,)`` and the share of them saturated (|a| > 0.99) ``(L,)``."""

    scale: float
    spread: np.ndarray
    saturated: np.ndarray


SATURATED = 0.99


def xavier_scale(fan_in: int, fan_out: int) -> float:
    """The engine's own scale for a tanh layer (Xavier): √(2 / (fan_in + fan_out))."""
    return float(np.sqrt(2.0 / (fan_in + fan_out)))


def first_pass(scale: float | None, layers: int = 6, units: int = 16, seed: int = 0
               ) -> FirstPass:
    """Draw every weight from N(0, ``scale``²) (None: the engine's Xavier draw), biases
    0, and run the circles' points forward once through ``layers`` tanh layers of
    ``units``."""
    config = Config(dataset="circles", samples=300, noise=0.05, hidden=(units,) * layers,
                    activation="tanh", seed=seed)
    data, trainer = build(config)
    net = trainer.network
    if scale is not None:
        rng = seeding.stream(seed, "init")
        for W in net.W:
            W[...] = rng.normal(0.0, scale, W.shape)
    net.forward(data.X)
    hidden = net.A[1:-1]
    return FirstPass(float(scale if scale is not None else xavier_scale(units, units)),
                     np.array([float(np.std(a)) for a in hidden]),
                     np.array([float(np.mean(np.abs(a) > SATURATED)) for a in hidden]))
