"""Small tools shared by the engine tests: random networks with known parameters, encoded
targets, and a central-difference gradient to hold backpropagation against."""

from __future__ import annotations

import numpy as np

from core import losses
from core.network import Network

N_CLASSES = {"binary": 2, "multiclass": 3, "regression": 0}
KINK_MARGIN = 1e-3  # no pre-activation or (with L1) weight closer than this to 0


def random_targets(rng: np.random.Generator, task: str, n: int) -> np.ndarray:
    """Encoded targets ``Y`` ``(n, n_outputs)`` for ``task``: 0/1, one-hot or real values."""
    if task == "regression":
        return rng.normal(size=(n, 1))
    y = rng.integers(0, N_CLASSES[task], n)
    return losses.encode_targets(y, task, N_CLASSES[task])


def random_network(rng: np.random.Generator, hidden: list[int], activations: list[str],
                   task: str, loss: str, n_inputs: int = 2) -> Network:
    """A network with random weights *and* biases (``Network.create`` starts biases at 0,
    which would hide a bias-gradient bug)."""
    output_activation, _ = losses.head(task, loss)
    sizes = [n_inputs, *hidden, losses.n_outputs(task, N_CLASSES[task])]
    W = [rng.normal(0.0, 1.5 / np.sqrt(fan_in), (fan_in, fan_out))
         for fan_in, fan_out in zip(sizes[:-1], sizes[1:])]
    b = [rng.normal(0.0, 0.5, fan_out) for fan_out in sizes[1:]]
    return Network(W, b, [*activations, output_activation], task, N_CLASSES[task], loss)


def is_kink_free(net: Network, X: np.ndarray, check_weights: bool) -> bool:
    """True when no hidden pre-activation (ReLU-like kinks) and, if ``check_weights``, no
    weight (the kink of |W| under L1) lies within ``KINK_MARGIN`` of 0: a finite difference
    across a kink would measure a slope that backpropagation rightly does not report."""
    net.forward(X)
    near = [np.abs(Z).min() < KINK_MARGIN for Z in net.Z[:-1]]
    if check_weights:
        near += [np.abs(W).min() < KINK_MARGIN for W in net.W]
    return not any(near)


def kink_free_problem(seed: int, hidden: list[int], activations: list[str], task: str,
                      loss: str, l1: float, n: int = 6
                      ) -> tuple[Network, np.ndarray, np.ndarray]:
    """A random ``(network, X, Y)`` on which a gradient check is valid (resampled until so)."""
    rng = np.random.default_rng(seed)
    for _ in range(200):
        net = random_network(rng, hidden, activations, task, loss)
        X = rng.normal(0.0, 1.0, (n, 2))
        if is_kink_free(net, X, check_weights=l1 > 0):
            return net, X, random_targets(rng, task, n)
    raise AssertionError("could not draw a kink-free problem")


def analytic_gradient(net: Network, X, Y, l1: float = 0.0, l2: float = 0.0) -> np.ndarray:
    """Backpropagation's gradient, flattened in ``theta``'s layout (W1, b1, W2, b2, ...).

    Built from the returned ``dW``/``db`` rather than ``net.grad``, so a mix-up between
    those views and the flat vector shows up too."""
    _, dW, db = net.gradients(X, Y, l1, l2)
    return np.concatenate([g.ravel() for pair in zip(dW, db) for g in pair])


def numerical_gradient(net: Network, X, Y, l1: float = 0.0, l2: float = 0.0,
                       h: float = 1e-5) -> np.ndarray:
    """Central differences (J(theta + h e_i) - J(theta - h e_i)) / 2h for every entry."""
    def cost() -> float:
        net.forward(X)
        return net.cost(Y, l1, l2)

    grad = np.zeros_like(net.theta)
    for i in range(net.theta.size):
        original = net.theta[i]
        net.theta[i] = original + h
        up = cost()
        net.theta[i] = original - h
        down = cost()
        net.theta[i] = original
        grad[i] = (up - down) / (2 * h)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||): scale-aware, and 0 only when they agree."""
    return float(np.linalg.norm(a - b) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(b)))
