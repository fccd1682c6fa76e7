"""Activation functions g(z) and their derivatives.

Each derivative is written in terms of the *output* a = g(z) (as scikit-learn
does), so the backward pass needs only the cached activations A. Every entry
has the same signature: ``function(Z) -> A`` and ``derivative(A) -> g'(z)``,
both elementwise on arrays of shape ``(n_samples, units)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAKY_SLOPE = 0.01  # slope of leaky ReLU for z < 0
ELU_ALPHA = 1.0  # with alpha = 1, g'(z) = a + 1 for z < 0


@dataclass(frozen=True)
class Activation:
    name: str  # the key; each page's catalogue holds the learner's word for it
    function: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray], np.ndarray]  # g'(z) as a function of a = g(z)
    he_init: bool  # ReLU-like units keep their variance with He init, the rest with Xavier
    can_die: bool  # its gradient is exactly 0 for z <= 0, so a unit can stop learning for good


def sigmoid(Z: np.ndarray) -> np.ndarray:
    # exp of a large positive number overflows; the tanh form never does.
    return 0.5 * (1.0 + np.tanh(0.5 * Z))


def _relu(Z):
    return np.maximum(Z, 0.0)


def _relu_derivative(A):
    return (A > 0).astype(A.dtype)


def _leaky_relu(Z):
    return np.where(Z > 0, Z, LEAKY_SLOPE * Z)


def _leaky_relu_derivative(A):
    return np.where(A > 0, 1.0, LEAKY_SLOPE).astype(A.dtype)


def _elu(Z):
    return np.where(Z > 0, Z, ELU_ALPHA * np.expm1(np.minimum(Z, 0.0)))


def _elu_derivative(A):
    return np.where(A > 0, 1.0, A + ELU_ALPHA).astype(A.dtype)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in [
        Activation("linear", lambda Z: Z, np.ones_like, False, False),
        Activation("sigmoid", sigmoid, lambda A: A * (1.0 - A), False, False),
        Activation("tanh", np.tanh, lambda A: 1.0 - A * A, False, False),
        Activation("relu", _relu, _relu_derivative, True, True),
        Activation("leaky_relu", _leaky_relu, _leaky_relu_derivative, True, False),
        Activation("elu", _elu, _elu_derivative, True, False),
    ]
}

# Softmax is not elementwise, so it is only ever an output (paired with cross-entropy,
# whose combined derivative is simple); it lives here so outputs share one lookup.
def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of ``Z`` ``(..., n_samples, K)`` (over the last axis); subtracting
    the row max avoids overflow."""
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def softmax_temperature(Z: np.ndarray, T: float) -> np.ndarray:
    """Softmax of ``Z / T`` over the last axis (``(K,)`` or ``(n_samples, K)``), for any
    temperature ``T >= 0`` (``inf`` allowed) and finite ``Z``.

    The max is subtracted *before* dividing, so a tiny ``T`` sends the others to exactly
    0 instead of overflowing. The limits: ``T = 0`` puts all weight on the largest z
    (shared equally by ties), ``T = inf`` spreads it evenly (1/K each)."""
    Z = np.asarray(Z, dtype=float)
    if not np.isfinite(Z).all():
        raise ValueError("softmax needs finite inputs z")
    if not T >= 0:  # also catches NaN
        raise ValueError(f"the temperature must be 0 or more, not {T}")
    shifted = Z - Z.max(axis=-1, keepdims=True)  # <= 0, the max is exactly 0
    if T == 0:
        E = (shifted == 0).astype(float)
    elif np.isinf(T):
        E = np.ones_like(shifted)
    else:
        with np.errstate(under="ignore", over="ignore"):
            E = np.exp(shifted / T)
    return E / E.sum(axis=-1, keepdims=True)


OUTPUT_FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": ACTIVATIONS["linear"].function,
    "sigmoid": sigmoid,
    "softmax": softmax,
}

HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)


def get(name: str) -> Activation:
    """Look up a hidden-layer activation by name, with a clear error for unknown names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose from {', '.join(ACTIVATIONS)}"
        ) from None
