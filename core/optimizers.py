"""Gradient-descent update rules, one class each, each owning its own state.

``step(params, grads)`` updates every array in ``params`` in place; ``params`` and
``grads`` are parallel lists of arrays of equal shapes. ``lr`` is a plain attribute
so it can be changed between steps (the app lets a learner turn it while training).
``reset()`` forgets the state (momentum, Adam's moments and step count).

Each rule is written once, in ``update``, elementwise: ``step`` applies it to one
network's arrays with a scalar learning rate, and ``core.stacked`` to K networks' rows at
once with a column of K learning rates (and K step counts for Adam). The state each
optimizer keeps per parameter array is named in ``state_names``.

Exact rules (tests recompute them by hand):
- SGD:      W -= lr * g
- Momentum: v = 0.9 v + g;  W -= lr * v
- Adam:     m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  m^ = m/(1-b1^t);  v^ = v/(1-b2^t);
            W -= lr * m^ / (sqrt(v^) + eps),  b1 = 0.9, b2 = 0.999, eps = 1e-8
"""

from __future__ import annotations

import numpy as np


class SGD:
    state_names: tuple[str, ...] = ()

    def __init__(self, lr: float):
        self.lr = float(lr)

    def reset(self) -> None:
        """Forget the state (SGD keeps none)."""

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        for p, g in zip(params, grads):
            self.update(p, g, self.lr)

    @staticmethod
    def update(p, g, lr) -> None:
        p -= lr * g


class Momentum:
    beta = 0.9
    state_names = ("v",)

    def __init__(self, lr: float):
        self.lr = float(lr)
        self.reset()

    def reset(self) -> None:
        self.v: list[np.ndarray] | None = None

    def step(self, params, grads) -> None:
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v):
            self.update(p, g, self.lr, v)

    @classmethod
    def update(cls, p, g, lr, v) -> None:
        v *= cls.beta
        v += g
        p -= lr * v


class Adam:
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    state_names = ("m", "v")

    def __init__(self, lr: float):
        self.lr = float(lr)
        self.reset()

    def reset(self) -> None:
        self.t = 0
        self.m: list[np.ndarray] | None = None
        self.v: list[np.ndarray] | None = None

    def step(self, params, grads) -> None:
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        c1, c2 = self.corrections(self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            self.update(p, g, self.lr, c1, c2, m, v)

    @classmethod
    def corrections(cls, t):
        """Adam's bias corrections ``(1 - b1^t, 1 - b2^t)`` for step ``t`` (a number, or an
        array of K networks' step counts): folded into one scalar per step instead of two
        arrays per parameter."""
        return 1.0 - cls.beta1 ** t, 1.0 - cls.beta2 ** t

    @classmethod
    def update(cls, p, g, lr, c1, c2, m, v) -> None:
        m *= cls.beta1
        m += (1.0 - cls.beta1) * g
        v *= cls.beta2
        v += (1.0 - cls.beta2) * g * g
        p -= lr * (m / c1) / (np.sqrt(v / c2) + cls.eps)

    def corrected_moments(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of the bias-corrected m^ and v^ the last step used, one array per parameter
        (empty lists before the first step): read-only access for pictures of the state."""
        if self.m is None or self.t == 0:
            return [], []
        c1, c2 = self.corrections(self.t)
        return [m / c1 for m in self.m], [v / c2 for v in self.v]

    @classmethod
    def direction(cls, m_hat, v_hat):
        """The step Adam takes per unit of learning rate, m^ / (sqrt(v^) + eps): what
        ``update`` subtracts times lr (there folded in place, for speed)."""
        return m_hat / (np.sqrt(v_hat) + cls.eps)


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def create(name: str, lr: float):
    """A new optimizer by name ("sgd", "momentum", "adam") with learning rate ``lr``."""
    try:
        return OPTIMIZERS[name](lr)
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}"
        ) from None
