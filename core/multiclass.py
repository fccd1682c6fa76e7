"""Many classes (articles 000 and 001): the softmax output layer, its categorical
cross-entropy and the famous gradient ∂L/∂z = ŷ − y, which output and loss fit which task,
and where a trained classifier goes wrong (the confusion matrix).

Every number is the engine's own: the probabilities are ``activations.softmax``, the
loss and its gradient are the multiclass head's ``Loss`` (``losses.head``), the one the
Network trains with; the numerical gradient nudges z and re-evaluates that same loss.
Shapes: one sample's z and ŷ are ``(K,)``; a class id is an int in 0..K-1."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import losses
from .activations import ACTIVATIONS, softmax

NUDGE = 1e-6  # the numerical gradient's h: central differences agree to ~1e-10 (rounding)


def one_hot(k: int, K: int) -> np.ndarray:
    """y ``(K,)``: 1 at class ``k``, 0 elsewhere."""
    if not 0 <= k < K:
        raise ValueError(f"class {k} is not one of 0..{K - 1}")
    y = np.zeros(K)
    y[k] = 1.0
    return y


def probabilities(z: np.ndarray) -> np.ndarray:
    """ŷ = softmax(z) ``(K,)``: the output layer's activation."""
    return softmax(np.asarray(z, dtype=float)[None, :])[0]


def _head() -> losses.Loss:
    activation, loss = losses.head("multiclass")
    assert activation == "softmax"
    return loss


def cross_entropy(z: np.ndarray, k: int) -> float:
    """L = −Σ_j y_j log ŷ_j = −log ŷ_k for one sample of class ``k`` (the engine's loss,
    computed from z, so it stays finite when ŷ_k rounds to 0)."""
    z = np.asarray(z, dtype=float)
    Y = one_hot(k, len(z))[None, :]
    return float(_head().value(z[None, :], probabilities(z)[None, :], Y))


def gradient(z: np.ndarray, k: int) -> np.ndarray:
    """∂L/∂z ``(K,)`` as the engine's backward pass starts it: ŷ − y."""
    z = np.asarray(z, dtype=float)
    Y = one_hot(k, len(z))[None, :]
    return _head().delta(z[None, :], probabilities(z)[None, :], Y)[0]


def numerical_gradient(z: np.ndarray, k: int, h: float = NUDGE) -> np.ndarray:
    """∂L/∂z ``(K,)`` by nudging each z_j by ±h and re-evaluating the loss."""
    z = np.asarray(z, dtype=float)
    out = np.empty(len(z))
    for j in range(len(z)):
        up, down = z.copy(), z.copy()
        up[j] += h
        down[j] -= h
        out[j] = (cross_entropy(up, k) - cross_entropy(down, k)) / (2 * h)
    return out


def independent_sigmoids(z: np.ndarray) -> np.ndarray:
    """The same z through K separate sigmoids ``(K,)``: a many-labels output, where each
    label is a yes/no of its own and the K values need not sum to 1."""
    return ACTIVATIONS["sigmoid"].function(np.asarray(z, dtype=float))


@dataclass(frozen=True)
class TaskHead:
    """Article 001's table: for a task, the output layer's units and activation, the loss,
    and how a target is written."""

    task: str  # "regression" | "binary" | "multiclass" | "multilabel"
    units: str  # "1" or "K"
    activation: str  # a name in core.activations, or "softmax"
    loss: str  # "mse" | "bce" | "cce"
    target: str  # "number" | "zero_one" | "one_hot" | "zero_one_each"
    in_engine: bool  # does the engine train it (the Playground offers it)?


def task_heads() -> list[TaskHead]:
    """Which output and loss for which task. The first three are the engine's own
    defaults (``losses.HEADS``); many labels (several yes/no answers per sample: K sigmoids,
    binary cross-entropy per label) is the fourth row of the article's table, which no data
    set of the app has."""
    rows = []
    for task, units, target in [("regression", "1", "number"), ("binary", "1", "zero_one"),
                                ("multiclass", "K", "one_hot")]:
        loss = losses.DEFAULT_LOSS[task]
        rows.append(TaskHead(task, units, losses.HEADS[(task, loss)][0], loss, target, True))
    rows.append(TaskHead("multilabel", "K", "sigmoid", "bce", "zero_one_each", False))
    return rows


def confusion(y_true: np.ndarray, y_pred: np.ndarray, K: int) -> np.ndarray:
    """C ``(K, K)`` of counts: C[i, j] = samples of class i predicted as class j (the
    diagonal is what the network gets right)."""
    y_true, y_pred = np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)
    if y_true.shape != y_pred.shape:
        raise ValueError("one prediction per sample is needed")
    return np.bincount(y_true * K + y_pred, minlength=K * K).reshape(K, K)


def largest_mixup(C: np.ndarray) -> tuple[int, int, int] | None:
    """(true class i, predicted class j, count) of the largest off-diagonal entry of
    ``C`` (the first in reading order when several tie); None when nothing is mixed up."""
    off = C - np.diag(np.diag(C))
    if not off.any():
        return None
    i, j = np.unravel_index(int(np.argmax(off)), off.shape)
    return int(i), int(j), int(off[i, j])
