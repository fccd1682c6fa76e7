"""The worked numbers and claims of the seed articles (see shared/SEEDS.md), reproduced
with the engine."""

import numpy as np
import pytest
from helpers import numerical_gradient

from core import losses, optimizers
from core.datasets import Split
from core.experiment import Config, build
from core.network import Network
from core.training import Trainer


# --- article 001: forward pass of a 2-3-1 network by hand ---------------------------------
def article_001_network():
    W_hidden = np.array([[0.8, 0.4, 0.3],  # column j holds hidden unit j's input weights:
                         [0.2, 0.9, 0.5]])  # h1 = (0.8, 0.2), h2 = (0.4, 0.9), h3 = (0.3, 0.5)
    W_output = np.array([[0.3], [0.5], [0.9]])
    return Network([W_hidden, W_output], [np.zeros(3), np.zeros(1)], ["sigmoid", "linear"],
                   "regression", 0)


def test_article_001_forward_pass():
    net = article_001_network()
    output = net.forward(np.array([[1.0, 1.0]]))
    np.testing.assert_allclose(net.Z[0], [[1.0, 1.3, 0.8]], atol=1e-12)
    np.testing.assert_allclose(net.A[1], [[0.7311, 0.7858, 0.6900]], atol=5e-5)
    assert output[0, 0] == pytest.approx(1.2332, abs=5e-5)  # the article rounds to 1.235
    assert net.cost(np.array([[0.0]])) == pytest.approx(1.5208, abs=5e-5)


# --- article 001: fitting y = 3x with one weight and one bias ------------------------------
X_LINE = np.array([[1.0], [3.0], [4.0], [8.0], [10.0]])
Y_LINE = 3.0 * X_LINE


def line_network():
    return Network([np.array([[2.269]])], [np.array([1.01])], ["linear"], "regression", 0)


def test_article_001_loss_and_gradient_at_the_start():
    net = line_network()
    cost, dW, db = net.gradients(X_LINE, Y_LINE)
    assert cost == pytest.approx(13.647, abs=5e-4)
    assert dW[0][0, 0] == pytest.approx(-45.052, abs=5e-4)
    assert db[0][0] == pytest.approx(-5.582, abs=5e-4)


def test_article_001_gradient_by_perturbation_agrees():
    # the article's "nudge each weight and watch the loss" is a numerical gradient
    np.testing.assert_allclose(numerical_gradient(line_network(), X_LINE, Y_LINE),
                               [-45.052, -5.582], atol=5e-4)


def test_article_001_gradient_descent_finds_w_3_b_0():
    net = line_network()
    empty = np.empty((0, 1))
    split = Split(X_LINE, Y_LINE[:, 0], empty, empty[:, 0])
    trainer = Trainer(net, split, optimizers.SGD(lr=0.02), batch_size=0)
    loss_curve = [snap.train_loss for snap in trainer.run(2000)]
    assert np.all(np.diff(loss_curve) <= 1e-12), "full-batch descent on a quadratic never climbs"
    assert net.W[0][0, 0] == pytest.approx(3.0, abs=1e-4)
    assert net.b[0][0] == pytest.approx(0.0, abs=1e-4)


# --- article 000: stacked linear layers are one linear map ---------------------------------
@pytest.mark.parametrize("task, n_classes", [("regression", 0), ("multiclass", 3)])
def test_article_000_linear_layers_collapse_into_one(task, n_classes):
    rng = np.random.default_rng(0)
    net = Network.create(2, [5, 4, 3], "linear", task, n_classes, rng)
    for b in net.b:
        b[...] = rng.normal(size=b.shape)
    W_total, b_total = np.eye(2), np.zeros(2)
    for W, b in zip(net.W, net.b):
        W_total, b_total = W_total @ W, b_total @ W + b
    X = rng.normal(0.0, 3.0, (50, 2))
    net.forward(X)
    np.testing.assert_allclose(net.Z[-1], X @ W_total + b_total, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("activation, learns", [("linear", False), ("tanh", True)])
def test_article_000_only_a_non_linear_network_solves_xor(activation, learns):
    _, trainer = build(Config(dataset="xor", hidden=(8, 8), activation=activation,
                              optimizer="adam", lr=0.02, batch_size=32))
    *_, last = trainer.run(100)
    # a straight boundary can get at most three of the four quadrants right
    assert (last.test_accuracy > 0.95) if learns else (last.test_accuracy < 0.8)


# --- article 002: why cross-entropy and not squared error with a sigmoid -------------------
def test_article_002_confidently_wrong_sigmoid_learns_fast_only_with_cross_entropy():
    Z, Y = np.array([[-8.0]]), np.array([[1.0]])  # says "surely 0", the answer is 1
    A = losses.sigmoid(Z)
    delta = {name: losses.HEADS[("binary", name)][1].delta(Z, A, Y)[0, 0]
             for name in ("bce", "mse")}
    assert delta["bce"] == pytest.approx(A[0, 0] - 1.0)  # (sigma(z) - y): about -1
    assert abs(delta["mse"]) < 1e-3 * abs(delta["bce"])  # carries sigma'(z), nearly 0
