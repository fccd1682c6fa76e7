"""Activation functions: derivatives (written in terms of the output) match the slope of the
function, ranges are as taught, and sigmoid/softmax survive huge inputs."""

import numpy as np
import pytest

from core import activations
from core.activations import ACTIVATIONS, sigmoid, softmax

# Points on both sides of 0 but not at the kink of ReLU-like functions.
Z = np.concatenate([np.linspace(-6.0, -0.01, 50), np.linspace(0.01, 6.0, 50)])


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_derivative_from_output_matches_numerical_slope(name):
    act, h = ACTIVATIONS[name], 1e-6
    numeric = (act.function(Z + h) - act.function(Z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(act.function(Z)), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name, low, high", [("sigmoid", 0.0, 1.0), ("tanh", -1.0, 1.0),
                                             ("elu", -1.0, np.inf), ("relu", 0.0, np.inf)])
def test_range(name, low, high):
    A = ACTIVATIONS[name].function(np.linspace(-10, 10, 201))
    assert A.min() >= low and A.max() < high
    if name in ("sigmoid", "tanh", "elu"):
        assert A.min() > low  # an open interval: the bound is only approached


@pytest.mark.parametrize("name, slopes", [("relu", {0.0, 1.0}),
                                          ("leaky_relu", {activations.LEAKY_SLOPE, 1.0})])
def test_relu_family_slope_is_piecewise_constant(name, slopes):
    act = ACTIVATIONS[name]
    assert set(act.derivative(act.function(Z)).tolist()) == slopes


def test_sigmoid_derivative_is_at_most_a_quarter():
    # the source of vanishing gradients through stacked sigmoid layers (seed article 000)
    A = sigmoid(np.linspace(-10, 10, 2001))
    assert ACTIVATIONS["sigmoid"].derivative(A).max() == pytest.approx(0.25)


def test_sigmoid_is_finite_and_saturates_for_huge_inputs():
    with np.errstate(over="raise", invalid="raise"):  # no overflow warning either
        A = sigmoid(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(A, [0.0, 1.0])


def test_softmax_is_finite_for_huge_inputs():
    Z_huge = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0], [1000.0, 1000.0, 0.0]])
    with np.errstate(over="raise", invalid="raise"):
        A = softmax(Z_huge)
    np.testing.assert_allclose(A, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.5, 0]], atol=1e-12)


def test_softmax_rows_are_probability_distributions():
    Z_rows = np.random.default_rng(0).normal(0.0, 5.0, (20, 4))
    A = softmax(Z_rows)
    assert (A > 0).all()
    np.testing.assert_allclose(A.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(A.argmax(axis=1), Z_rows.argmax(axis=1))
    np.testing.assert_allclose(softmax(Z_rows + 123.0), A, atol=1e-12)  # shift invariant


def test_unknown_activation_names_the_choices():
    with pytest.raises(ValueError, match="unknown activation 'swish'.*relu"):
        activations.get("swish")
