"""Losses (mean over samples) and the output layer each one pairs with.

A loss entry gives ``value(Z, A, Y) -> float`` and ``delta(Z, A, Y) -> dL/dZ`` for the
output layer, where ``Z`` and ``A = g(Z)`` are the output layer's pre-activation and
activation and ``Y`` the encoded targets, all of shape ``(n_samples, n_outputs)``; both
also take a stack ``(K, n_samples, n_outputs)`` of K networks trained together
(``core.stacked``): each network's own mean, values ``(K,)``. The delta already carries
the 1/m of the mean, so gradients come out averaged over the batch.

Definitions (tests and outside tools rely on them):
- binary cross-entropy: mean over samples of -[y log a + (1 - y) log(1 - a)]
- categorical cross-entropy: mean over samples of -sum_k y_k log a_k
- mean squared error: mean over samples *and* outputs of (a - y)^2, no 1/2
- L2 adds (lambda/2) * sum(W^2), L1 adds lambda * sum(|W|); weights only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import sigmoid
from .dtype import DTYPE

Array = np.ndarray


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable[[Array, Array, Array], float]
    delta: Callable[[Array, Array, Array], Array]


# Cross-entropies are computed from the logits Z, not from log(A): exact, and finite
# even when a sigmoid or softmax output has rounded to exactly 0 or 1.
def _mean(per_sample):
    """The mean over samples (the last axis): a float for one network, ``(K,)`` for a
    stack of K (``core.stacked`` measures them all in one go)."""
    mean = np.mean(per_sample, axis=-1)
    return float(mean) if mean.ndim == 0 else mean


def _bce_value(Z, A, Y):
    return _mean(np.sum(np.logaddexp(0.0, Z) - Y * Z, axis=-1))


def _cce_value(Z, A, Y):
    Zmax = Z.max(axis=-1, keepdims=True)
    log_norm = Zmax[..., 0] + np.log(np.exp(Z - Zmax).sum(axis=-1))
    return _mean(log_norm - np.sum(Y * Z, axis=-1))


def _cross_entropy_delta(Z, A, Y):
    # Sigmoid + BCE and softmax + CCE share the famous simplification dL/dZ = (A - Y) / m:
    # the output's own derivative cancels, so a confidently wrong unit still learns fast.
    return (A - Y) / A.shape[-2]


def _mse_value(Z, A, Y):
    return _mean(np.mean((A - Y) ** 2, axis=-1))


def _per_network_size(A):
    # a stack of networks' outputs (K, n_samples, n_outputs) is K means, not one
    return A.shape[-2] * A.shape[-1]


def _mse_delta_linear(Z, A, Y):
    return 2.0 * (A - Y) / _per_network_size(A)


def _mse_delta_sigmoid(Z, A, Y):
    # The extra factor sigma'(z) = a(1 - a) is why squared error learns slowly when a
    # sigmoid output is confidently wrong (seed article 002).
    return 2.0 * (A - Y) * A * (1.0 - A) / _per_network_size(A)


# (task, loss name) -> (output activation, Loss). The keys are the only pairs allowed.
HEADS: dict[tuple[str, str], tuple[str, Loss]] = {
    ("binary", "bce"): ("sigmoid", Loss("bce", _bce_value, _cross_entropy_delta)),
    ("binary", "mse"): ("sigmoid", Loss("mse", _mse_value, _mse_delta_sigmoid)),
    ("multiclass", "cce"): ("softmax", Loss("cce", _cce_value, _cross_entropy_delta)),
    ("regression", "mse"): ("linear", Loss("mse", _mse_value, _mse_delta_linear)),
}

DEFAULT_LOSS = {"binary": "bce", "multiclass": "cce", "regression": "mse"}
TASKS = tuple(DEFAULT_LOSS)


def losses_for(task: str) -> list[str]:
    """The loss names that make sense for ``task``, default first."""
    names = [loss for (t, loss) in HEADS if t == task]
    return sorted(names, key=lambda n: n != DEFAULT_LOSS[task])


def head(task: str, loss: str | None = None) -> tuple[str, Loss]:
    """The output activation and loss for ``task``; ``loss=None`` picks the default."""
    if task not in DEFAULT_LOSS:
        raise ValueError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")
    loss = loss or DEFAULT_LOSS[task]
    try:
        return HEADS[(task, loss)]
    except KeyError:
        raise ValueError(
            f"loss {loss!r} does not fit a {task} task; choose from {', '.join(losses_for(task))}"
        ) from None


def encode_targets(y: Array, task: str, n_classes: int) -> Array:
    """Targets ``y`` ``(n_samples,)`` as the matrix ``Y`` the output layer is compared with.

    binary: ``(n, 1)`` of 0/1; multiclass: one-hot ``(n, K)``; regression: ``(n, 1)``.
    """
    y = np.asarray(y)
    if task == "multiclass":
        Y = np.zeros((y.shape[0], n_classes), dtype=DTYPE)
        Y[np.arange(y.shape[0]), y.astype(int)] = 1.0
        return Y
    return y.astype(DTYPE).reshape(-1, 1)


def n_outputs(task: str, n_classes: int) -> int:
    """Output units: K for multiclass, 1 for binary; for regression 1, or ``n_classes``
    targets when it is 2 or more (the backprop lesson's 2-2-2 example has two outputs;
    the data sets and model files use 0, so they keep one output)."""
    if task == "regression":
        return max(1, n_classes)
    return n_classes if task == "multiclass" else 1


def penalty(weights: list[Array], l1: float, l2: float) -> float:
    """Regularisation added to the loss: (l2/2) sum W^2 + l1 sum |W| over all weight matrices."""
    total = 0.0
    for W in weights:
        if l2:
            total += 0.5 * l2 * float(np.sum(W * W))
        if l1:
            total += l1 * float(np.sum(np.abs(W)))
    return total


def predict_labels(A: Array, task: str) -> Array | None:
    """Class ids ``(n,)`` from output activations ``A`` ``(n, n_outputs)`` (or ``(K, n)``
    from a stack's ``(K, n, n_outputs)``); None for regression."""
    if task == "binary":
        return (A[..., 0] > 0.5).astype(int)
    if task == "multiclass":
        return A.argmax(axis=-1)
    return None


def accuracy(A: Array, y: Array, task: str) -> float | None:
    """Share of samples whose predicted class is right; None for regression."""
    labels = predict_labels(A, task)
    if labels is None or len(y) == 0:
        return None
    return float(np.mean(labels == y))


__all__ = ["HEADS", "DEFAULT_LOSS", "TASKS", "head", "losses_for", "encode_targets",
           "n_outputs", "penalty", "accuracy", "predict_labels", "sigmoid"]
