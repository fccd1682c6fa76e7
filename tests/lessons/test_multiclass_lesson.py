"""The many-classes lesson's maths (core/multiclass.py) and every claim its page makes in
words, over many seeds and shapes: softmax and categorical cross-entropy, the gradient
ŷ − y against nudging and against the engine's own backward pass, the task table, the
confusion matrix, and what the regions of softmax regression and a network can do."""

from __future__ import annotations

import numpy as np
import pytest

from core import Network, losses, multiclass
from ui import multiclass as room
from ui.i18n import texts


def fit(dataset: str, hidden: tuple[int, ...], seed: int) -> dict:
    return room.fit(room.Choice(dataset, hidden, seed))


@pytest.mark.parametrize("seed", range(20))
def test_softmax_its_loss_and_the_gradient_y_hat_minus_y(seed):
    rng = np.random.default_rng(seed)
    K = int(rng.integers(2, 7))
    z, k = rng.normal(0, 3, K), int(rng.integers(K))
    p = multiclass.probabilities(z)
    assert p.sum() == pytest.approx(1.0, abs=1e-15) and (p > 0).all()
    L = multiclass.cross_entropy(z, k)
    assert L == pytest.approx(-np.log(p[k]), rel=1e-12) and L >= 0
    grad = multiclass.gradient(z, k)
    np.testing.assert_allclose(grad, p - multiclass.one_hot(k, K), atol=1e-15)
    np.testing.assert_allclose(multiclass.numerical_gradient(z, k), grad, atol=1e-8)
    assert abs(grad.sum()) < 1e-12  # raising one probability lowers the others
    assert grad[k] < 0 and (np.delete(grad, k) > 0).all()


@pytest.mark.parametrize("seed", range(5))
def test_the_gradient_is_the_one_the_engine_starts_its_backward_pass_from(seed):
    """A network with no hidden layer: for one sample, ∂J/∂b of the output layer is
    ∂L/∂z itself."""
    rng = np.random.default_rng(seed)
    net = Network.create(2, [], "tanh", "multiclass", 3, rng)
    x, k = rng.normal(0, 2, (1, 2)), int(rng.integers(3))
    net.forward(x)
    _, db = net.backward(losses.encode_targets(np.array([k]), "multiclass", 3))
    np.testing.assert_allclose(db[-1].ravel(), multiclass.gradient(net.Z[-1][0], k), atol=1e-15)


def test_extreme_z_stays_finite():
    z = np.array([1000.0, 0.0, -1000.0])
    assert multiclass.cross_entropy(z, 2) == pytest.approx(2000.0)
    assert multiclass.cross_entropy(z, 0) == pytest.approx(0.0, abs=1e-300)
    np.testing.assert_allclose(multiclass.gradient(z, 2), [1.0, 0.0, -1.0], atol=1e-300)
    with pytest.raises(ValueError):
        multiclass.one_hot(3, 3)


def test_a_confidently_wrong_point_gets_the_largest_gradient_with_cross_entropy_not_squared_error():
    """The page: with squared error on top of softmax a confidently wrong point would get
    almost no gradient; with cross-entropy, nearly −1."""
    z, k = np.array([-8.0, 8.0, 0.0]), 0

    def squared(zz):
        return 0.5 * float(np.sum((multiclass.probabilities(zz) - multiclass.one_hot(k, 3)) ** 2))

    h = 1e-6
    nudged = [(squared(z + h * e) - squared(z - h * e)) / (2 * h) for e in np.eye(3)]
    assert multiclass.gradient(z, k)[k] == pytest.approx(-1.0, abs=1e-6)
    assert max(abs(g) for g in nudged) < 1e-3


def test_independent_sigmoids_need_not_sum_to_one():
    z = np.array([2.0, 1.0, 0.1])
    np.testing.assert_allclose(multiclass.independent_sigmoids(z), 1 / (1 + np.exp(-z)))
    assert multiclass.independent_sigmoids(z).sum() > 2


def test_the_task_table_is_the_engines_own_and_every_row_is_worded():
    rows = {h.task: h for h in multiclass.task_heads()}
    assert list(rows) == ["regression", "binary", "multiclass", "multilabel"]
    for task in losses.TASKS:
        activation, _ = losses.head(task)
        h = rows[task]
        assert (h.activation, h.loss, h.in_engine) == (activation, losses.DEFAULT_LOSS[task], True)
        net = Network.create(2, [3], "tanh", task, 4 if task == "multiclass" else 2,
                             np.random.default_rng(0))
        assert net.activations[-1] == h.activation
    assert not rows["multilabel"].in_engine
    for lang in ("en", "zh"):
        T, N = texts("multiclass", lang), texts("names", lang)
        for h in rows.values():
            assert T["task_names"][h.task] and T["units_names"][h.units]
            assert T["target_names"][h.target]
            assert N["activations"][h.activation] and N["losses"][h.loss]


def test_the_confusion_matrix():
    C = multiclass.confusion([0, 1, 2, 2, 1], [0, 2, 2, 1, 1], 3)
    np.testing.assert_array_equal(C, [[1, 0, 0], [0, 1, 1], [0, 1, 1]])
    assert multiclass.largest_mixup(C) == (1, 2, 1)  # the first of the ties, reading order
    assert multiclass.largest_mixup(np.diag([3, 4, 5])) is None
    with pytest.raises(ValueError):
        multiclass.confusion([0, 1], [0], 2)


@pytest.mark.parametrize("seed", range(3))
def test_the_confusion_matrix_of_a_trained_network_adds_up(seed):
    """The page: each row sums to that class's test points; the diagonal over all points
    is the accuracy."""
    run = fit("spiral3", (8,), seed)
    C = multiclass.confusion(run["y_test"], run["z_test"].argmax(1), 3)
    np.testing.assert_array_equal(C.sum(axis=1), np.bincount(run["y_test"], minlength=3))
    assert np.trace(C) / C.sum() == pytest.approx(run["after"]["accuracy"])


def test_the_default_matrix_is_not_symmetric():
    """The page: a network may often take one class for a second and never the reverse;
    its default view shows such a pair."""
    run = fit("spiral3", (), 0)
    C = multiclass.confusion(run["y_test"], run["z_test"].argmax(1), 3)
    assert not (C == C.T).all()
    assert max(abs(int(C[i, j]) - int(C[j, i])) for i in range(3) for j in range(3)) > 20


@pytest.mark.parametrize("seed", range(5))
def test_softmax_regression_separates_the_blobs_never_the_spiral_and_a_network_does(seed):
    """The page: with no hidden layer the borders are straight: the three blobs are
    separated, the spiral's arms are not; two hidden layers of 16 untangle most of it."""
    assert fit("blobs3", (), seed)["after"]["accuracy"] >= 0.95
    linear = fit("spiral3", (), seed)["after"]["accuracy"]
    network = fit("spiral3", (16, 16), seed)["after"]["accuracy"]
    assert linear <= 0.6 and network >= 0.8 and network - linear >= 0.3


def test_before_training_the_spiral_is_a_guess_and_the_blobs_anything():
    """The page: before training, about a third on the spiral; on the blobs anything from
    almost none to almost all."""
    spiral = [fit("spiral3", (), s)["before"]["accuracy"] for s in range(8)]
    blobs = [fit("blobs3", (), s)["before"]["accuracy"] for s in range(8)]
    assert all(0.2 <= a <= 0.5 for a in spiral)
    assert min(blobs) < 0.1 and max(blobs) > 0.9


def test_softmax_regression_borders_are_straight_lines():
    """Where two classes meet, z_i = z_j: with no hidden layer every z is linear in x, so
    along any straight line the winner changes at most K − 1 times (once per border)."""
    run = fit("spiral3", (), 1)
    winners = run["after"]["output"].argmax(axis=-1)  # (r, r)
    for row in [*winners, *winners.T, np.diag(winners), np.diag(winners[::-1])]:
        assert np.count_nonzero(np.diff(row)) <= 2
