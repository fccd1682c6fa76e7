"""Backpropagation agrees with a central-difference gradient, for every hidden activation,
every (task, loss) head and every weight penalty, in shallow, 0-hidden and deep networks."""

import numpy as np
import pytest
from helpers import analytic_gradient, kink_free_problem, numerical_gradient, relative_error

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
