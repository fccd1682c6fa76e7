"""The decision region: the grid, and the fast drawing pass that evaluates it."""

from __future__ import annotations

import numpy as np
import pytest

from core import region
from core.activations import ACTIVATIONS
from core.network import Network


def network(hidden, activation, task="binary", k=2, seed=0) -> Network:
    return Network.create(2, hidden, activation, task, k, np.random.default_rng(seed))


def test_the_grid_covers_the_data_with_a_margin_and_x1_varies_fastest():
    X = np.array([[-2.0, 0.0], [3.0, 1.0]])
    grid = region.make_grid(X, resolution=11, margin=0.1)
    assert grid.points.shape == (121, 2)
    assert grid.x1[0] == pytest.approx(-2.5) and grid.x1[-1] == pytest.approx(3.5)
    assert grid.points[1, 0] > grid.points[0, 0] and grid.points[1, 1] == grid.points[0, 1]


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("hidden", [(), (8, 8), (64, 3)])  # 64: chunks do not divide 10,000
def test_the_drawing_pass_matches_the_exact_forward_pass(activation, hidden):
    net = network(hidden, activation)
    grid = region.make_grid(np.array([[-6.0, -6.0], [6.0, 6.0]]), resolution=100)
    exact = net.forward(grid.points).reshape(100, 100, -1)
    np.testing.assert_allclose(region.output(net, grid), exact, atol=1e-5)


def test_every_layer_is_evaluated_and_the_last_is_the_output():
    net = network((5, 3), "relu", task="multiclass", k=4)
    grid = region.make_grid(np.zeros((1, 2)) + [[0.0, 1.0]], resolution=20)
    layers = region.evaluate(net, grid)
    assert [A.shape for A in layers] == [(20, 20, 5), (20, 20, 3), (20, 20, 4)]
    np.testing.assert_allclose(layers[-1], region.output(net, grid))
    np.testing.assert_allclose(layers[-1].sum(axis=-1), 1.0, atol=1e-5)  # softmax rows


def test_non_finite_weights_still_give_a_finite_picture():
    net = network((4,), "tanh")
    net.W[0][...] = np.inf
    net.W[1][...] = np.nan
    out = region.output(net, region.make_grid(np.ones((2, 2)), resolution=10))
    assert np.isfinite(out).all()
