"""Backpropagation agrees with a central-difference gradient, for every hidden activation,
every (task, loss) head and every weight penalty, in shallow, 0-hidden and deep networks,
and for networks fed each input feature (x1^2, x1*x2, sin(x1), ...)."""

import numpy as np
import pytest
from helpers import (
    analytic_gradient,
    kink_free_problem,
    numerical_gradient,
    random_network,
    random_targets,
    relative_error,
)

from core import inputs
from core.activations import ACTIVATIONS
from core.losses import HEADS

NAMES = list(ACTIVATIONS)
PENALTIES = {"none": (0.0, 0.0), "L1": (0.03, 0.0), "L2": (0.0, 0.05), "L1+L2": (0.03, 0.05)}
MAX_RELATIVE_ERROR = 1e-6
MAX_ABS_ERROR = 1e-8


def assert_gradients_match(net, X, Y, l1, l2):
    analytic = analytic_gradient(net, X, Y, l1, l2)
    numeric = numerical_gradient(net, X, Y, l1, l2)
    assert np.linalg.norm(analytic) > 1e-4, "a vanishing gradient would make the check vacuous"
    assert relative_error(analytic, numeric) < MAX_RELATIVE_ERROR
    assert np.max(np.abs(analytic - numeric)) < MAX_ABS_ERROR


@pytest.mark.parametrize("penalty", PENALTIES)
@pytest.mark.parametrize("task, loss", HEADS)
@pytest.mark.parametrize("activation", NAMES)
def test_two_hidden_layers(activation, task, loss, penalty):
    # the second hidden layer uses the next activation in the list, so every activation is
    # checked both right after the input and between two hidden layers
    mix = [activation, NAMES[(NAMES.index(activation) + 1) % len(NAMES)]]
    l1, l2 = PENALTIES[penalty]
    net, X, Y = kink_free_problem(seed=NAMES.index(activation), hidden=[4, 3],
                                  activations=mix, task=task, loss=loss, l1=l1)
    assert_gradients_match(net, X, Y, l1, l2)


@pytest.mark.parametrize("penalty", PENALTIES)
@pytest.mark.parametrize("task, loss", HEADS)
def test_no_hidden_layer(task, loss, penalty):
    l1, l2 = PENALTIES[penalty]
    net, X, Y = kink_free_problem(seed=1, hidden=[], activations=[], task=task, loss=loss, l1=l1)
    assert_gradients_match(net, X, Y, l1, l2)


@pytest.mark.parametrize("penalty", PENALTIES)
@pytest.mark.parametrize("task, loss", HEADS)
def test_eight_hidden_layers(task, loss, penalty):
    activations = [NAMES[i % len(NAMES)] for i in range(8)]
    l1, l2 = PENALTIES[penalty]
    net, X, Y = kink_free_problem(seed=2, hidden=[3] * 8, activations=activations, task=task,
                                  loss=loss, l1=l1)
    assert_gradients_match(net, X, Y, l1, l2)


def test_gradients_are_views_into_the_flat_gradient():
    # optimizers step the flat theta with the flat grad, so dW/db must live inside grad
    net, X, Y = kink_free_problem(seed=3, hidden=[4], activations=["tanh"], task="binary",
                                  loss="bce", l1=0.0)
    _, dW, db = net.gradients(X, Y)
    flat = np.concatenate([g.ravel() for pair in zip(dW, db) for g in pair])
    np.testing.assert_array_equal(flat, net.grad)
    assert all(np.shares_memory(g, net.grad) for g in [*dW, *db])


# --- input features (core/inputs.py): the network is fed features of the point --------------
FEATURES = list(inputs.FEATURES)


def featured_problem(seed: int, names: list[str], hidden: list[int], task: str, loss: str):
    """A random network fed ``names`` of random points, and targets: ``(net, P, X, Y)`` with
    points ``P`` ``(n, 2)`` and the network's input ``X = expand(P, names)``."""
    rng = np.random.default_rng(seed)
    net = random_network(rng, hidden, ["tanh"] * len(hidden), task, loss, n_inputs=len(names))
    P = rng.uniform(-3.0, 3.0, (6, 2))
    return net, P, inputs.expand(P, names), random_targets(rng, task, 6)


@pytest.mark.parametrize("task, loss", HEADS)
@pytest.mark.parametrize("name", FEATURES)
def test_a_network_fed_each_feature(name, task, loss):
    # each feature next to the one after it, through a hidden layer and without one
    names = [name, FEATURES[(FEATURES.index(name) + 1) % len(FEATURES)]]
    for hidden in ([3], []):
        net, _, X, Y = featured_problem(FEATURES.index(name), names, hidden, task, loss)
        assert_gradients_match(net, X, Y, 0.0, 0.01)


def test_a_network_fed_every_feature_at_once():
    net, _, X, Y = featured_problem(5, FEATURES, [4], "binary", "bce")
    assert_gradients_match(net, X, Y, 0.0, 0.0)


@pytest.mark.parametrize("name", FEATURES)
def test_the_cost_gradient_reaches_the_points_through_each_feature(name):
    # dJ/dP = (dJ/dX) dX/dP, with dJ/dX = dZ1 W1^T from backpropagation and dX/dP the
    # features' own derivatives: checks those derivatives where they meet the network
    names = [name, "x1*x2"] if name != "x1*x2" else [name, "sin(x1)"]
    net, P, X, Y = featured_problem(11, names, [3], "binary", "bce")
    net.gradients(X, Y)
    dX = net.dZ[0] @ net.W[0].T  # (n, n_features)
    analytic = np.einsum("nf,nfk->nk", dX, inputs.jacobian(P, names))
    numeric, h = np.zeros_like(P), 1e-6
    for i, k in np.ndindex(P.shape):
        up, down = P.copy(), P.copy()
        up[i, k] += h
        down[i, k] -= h
        costs = [net.gradients(inputs.expand(Q, names), Y)[0] for Q in (up, down)]
        numeric[i, k] = (costs[0] - costs[1]) / (2 * h)
    assert np.linalg.norm(analytic) > 1e-4
    assert relative_error(analytic.ravel(), numeric.ravel()) < MAX_RELATIVE_ERROR


@pytest.mark.parametrize("activation, task, loss", [
    ("sigmoid", "regression", "mse"), ("tanh", "binary", "bce"), ("elu", "multiclass", "cce")])
def test_network_keeps_dJ_dZ_of_every_layer(activation, task, loss):
    # Network.dZ[l][n, j] must be dJ/dZ[l][n, j]. Shifting b[l]_j shifts Z[l][n, j] alone
    # when the batch is the one sample n, and J of the batch is the mean over its m samples,
    # so dJ/dZ[l][n, j] = (1/m) * d(cost of sample n)/db[l]_j: a central difference.
    net, X, Y = kink_free_problem(seed=5, hidden=[4, 3], activations=[activation] * 2,
                                  task=task, loss=loss, l1=0.0)
    net.forward(X)
    net.backward(Y)
    dZ = [d.copy() for d in net.dZ]
    assert [d.shape for d in dZ] == [(len(X), n) for n in net.sizes[1:]]
    m, h = len(X), 1e-6
    for l, b in enumerate(net.b):
        for n in range(m):
            for j in range(b.size):
                original = b[j]
                costs = []
                for shift in (h, -h):
                    b[j] = original + shift
                    net.forward(X[n:n + 1])
                    costs.append(net.cost(Y[n:n + 1]))
                b[j] = original
                numeric = (costs[0] - costs[1]) / (2 * h) / m
                assert dZ[l][n, j] == pytest.approx(numeric, abs=1e-8), (l, n, j)
