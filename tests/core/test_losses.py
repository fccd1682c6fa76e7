"""Loss values follow their textbook definitions exactly, penalties touch weights only,
cross-entropy stays finite when an output saturates, and mismatched losses are refused."""

import numpy as np
import pytest

from core import losses
from core.activations import OUTPUT_FUNCTIONS
from core.experiment import Config, build
from core.network import Network

# Small hand-checkable examples: output pre-activations Z and encoded targets Y.
Z_BINARY, Y_BINARY = np.array([[2.0], [-1.0], [0.5]]), np.array([[1.0], [0.0], [0.0]])
Z_MULTI = np.array([[2.0, 1.0, -1.0], [0.0, 0.5, 3.0]])
Y_MULTI = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
Z_REGRESSION, Y_REGRESSION = np.array([[1.5], [-0.5], [2.0]]), np.array([[1.0], [0.0], [3.0]])


def bce(a, y):
    return -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))


def cce(a, y):
    return np.mean(-np.sum(y * np.log(a), axis=1))


def mse(a, y):
    return np.mean((a - y) ** 2)


EXAMPLES = {  # head -> (Z, Y, the loss written out by hand)
    ("binary", "bce"): (Z_BINARY, Y_BINARY, bce),
    ("binary", "mse"): (Z_BINARY, Y_BINARY, mse),
    ("multiclass", "cce"): (Z_MULTI, Y_MULTI, cce),
    ("regression", "mse"): (Z_REGRESSION, Y_REGRESSION, mse),
}


def test_every_head_has_an_example():
    assert set(EXAMPLES) == set(losses.HEADS)


@pytest.mark.parametrize("head", EXAMPLES)
def test_loss_value_matches_definition(head):
    Z, Y, by_hand = EXAMPLES[head]
    output, loss = losses.HEADS[head]
    A = OUTPUT_FUNCTIONS[output](Z)
    assert loss.value(Z, A, Y) == pytest.approx(by_hand(A, Y), rel=1e-12)


def test_mse_has_no_half_and_averages_over_outputs():
    # two samples, error 1 and 3: (1 + 9) / 2, not (1 + 9) / 4 or / 2 again
    _, loss = losses.HEADS[("regression", "mse")]
    A, Y = np.array([[1.0], [3.0]]), np.zeros((2, 1))
    assert loss.value(A, A, Y) == pytest.approx(5.0)


def network_with_big_biases():
    W = [np.array([[0.5, -1.0], [2.0, 0.25]]), np.array([[1.5], [-0.5]])]
    b = [np.array([10.0, -20.0]), np.array([30.0])]
    return Network(W, b, ["tanh", "linear"], "regression", 0)


@pytest.mark.parametrize("l1, l2", [(0.0, 0.1), (0.2, 0.0), (0.2, 0.1)])
def test_penalty_is_added_for_weights_only(l1, l2):
    net, X, Y = network_with_big_biases(), np.array([[1.0, -1.0], [0.5, 2.0]]), np.ones((2, 1))
    net.forward(X)
    weights = np.concatenate([W.ravel() for W in net.W])
    expected = 0.5 * l2 * np.sum(weights**2) + l1 * np.sum(np.abs(weights))
    assert net.cost(Y, l1, l2) - net.cost(Y) == pytest.approx(expected, rel=1e-12)


def test_biases_are_not_penalised():
    net, X, Y = network_with_big_biases(), np.array([[1.0, -1.0], [0.5, 2.0]]), np.ones((2, 1))
    _, _, db_plain = net.gradients(X, Y)
    db_plain = [d.copy() for d in db_plain]
    cost_plain = net.cost(Y)
    _, _, db_penalised = net.gradients(X, Y, l1=0.3, l2=0.7)
    for plain, penalised in zip(db_plain, db_penalised):
        np.testing.assert_array_equal(plain, penalised)
    # growing the biases leaves the penalty where it was
    penalty = net.cost(Y, 0.3, 0.7) - cost_plain
    for b in net.b:
        b *= 100.0
    net.forward(X)
    assert net.cost(Y, 0.3, 0.7) - net.cost(Y) == pytest.approx(penalty, abs=1e-6)


@pytest.mark.parametrize("head, Z, Y, expected", [
    (("binary", "bce"), [[800.0], [-800.0]], [[0.0], [1.0]], 800.0),  # confidently wrong
    (("binary", "bce"), [[800.0], [-800.0]], [[1.0], [0.0]], 0.0),  # confidently right
    (("multiclass", "cce"), [[900.0, -900.0, 0.0]], [[0.0, 1.0, 0.0]], 1800.0),
    (("multiclass", "cce"), [[900.0, -900.0, 0.0]], [[1.0, 0.0, 0.0]], 0.0),
])
def test_cross_entropy_is_finite_when_the_output_saturates(head, Z, Y, expected):
    Z, Y = np.array(Z), np.array(Y)
    output, loss = losses.HEADS[head]
    A = OUTPUT_FUNCTIONS[output](Z)
    assert set(np.unique(A)) <= {0.0, 1.0}, "the example must saturate to exactly 0 and 1"
    assert loss.value(Z, A, Y) == pytest.approx(expected, abs=1e-9)
    assert np.isfinite(loss.delta(Z, A, Y)).all()


@pytest.mark.parametrize("task, loss", [("binary", "cce"), ("multiclass", "bce"),
                                        ("multiclass", "mse"), ("regression", "bce"),
                                        ("regression", "cce")])
def test_mismatched_loss_is_refused_with_the_alternatives(task, loss):
    allowed = "|".join(losses.losses_for(task))
    with pytest.raises(ValueError, match=rf"loss '{loss}' does not fit a {task} task.*({allowed})"):
        losses.head(task, loss)
    with pytest.raises(ValueError, match=f"'{loss}'"):
        Network.create(2, [3], "tanh", task, 3, np.random.default_rng(0), loss=loss)


def test_unknown_task_is_refused():
    with pytest.raises(ValueError, match="unknown task 'ranking'; choose from binary"):
        losses.head("ranking")


def test_a_config_with_a_mismatched_loss_is_refused_before_training():
    with pytest.raises(ValueError, match="does not fit a binary task"):
        build(Config(dataset="circles", loss="cce"))


@pytest.mark.parametrize("task, default", [("binary", "bce"), ("multiclass", "cce"),
                                           ("regression", "mse")])
def test_default_loss_is_offered_first(task, default):
    assert losses.losses_for(task)[0] == default
    assert losses.head(task)[1].name == default
