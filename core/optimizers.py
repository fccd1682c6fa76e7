"""Gradient-descent update rules, one class each, each owning its own state.

``step(params, grads)`` updates every array in ``params`` in place; ``params`` and
``grads`` are parallel lists of arrays of equal shapes. ``lr`` is a plain attribute
so it can be changed between steps (the app lets a learner turn it while training).

Exact rules (tests recompute them by hand):
- SGD:      W -= lr * g
- Momentum: v = 0.9 v + g;  W -= lr * v
- Adam:     m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  m^ = m/(1-b1^t);  v^ = v/(1-b2^t);
            W -= lr * m^ / (sqrt(v^) + eps),  b1 = 0.9, b2 = 0.999, eps = 1e-8
"""

from __future__ import annotations

import numpy as np


class SGD:
    label = "SGD"

    def __init__(self, lr: float):
        self.lr = float(lr)

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        for p, g in zip(params, grads):
            p -= self.lr * g


class Momentum:
    label = "Momentum"
    beta = 0.9

    def __init__(self, lr: float):
        self.lr = float(lr)
        self.v: list[np.ndarray] | None = None

    def step(self, params, grads) -> None:
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v):
            v *= self.beta
            v += g
            p -= self.lr * v


class Adam:
    label = "Adam"
    beta1, beta2, eps = 0.9, 0.999, 1e-8

    def __init__(self, lr: float):
        self.lr = float(lr)
        self.t = 0
        self.m: list[np.ndarray] | None = None
        self.v: list[np.ndarray] | None = None

    def step(self, params, grads) -> None:
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        # Bias correction folded into one scalar per step instead of two arrays per parameter.
        c1 = 1.0 - self.beta1 ** self.t
        c2 = 1.0 - self.beta2 ** self.t
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)

    def corrected_moments(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of the bias-corrected m^ and v^ the last step used, one array per parameter
        (empty lists before the first step): read-only access for pictures of the state."""
        if self.m is None or self.t == 0:
            return [], []
        c1, c2 = 1.0 - self.beta1 ** self.t, 1.0 - self.beta2 ** self.t
        return [m / c1 for m in self.m], [v / c2 for v in self.v]


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def create(name: str, lr: float):
    """A new optimizer by name ("sgd", "momentum", "adam") with learning rate ``lr``."""
    try:
        return OPTIMIZERS[name](lr)
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}"
        ) from None
