"""The capacity lesson's maths (core/capacity.py) and every claim its page makes in words,
over seeds and settings: a curve is the sum of its units' shares, more units fit closer
(up to training's limit), parameters are counted right and matched, the gradient's factor
through L layers, a real network's gradients scale with its weights, and restarts of
XOR's 2-2-1 network that stop above the bottom where bigger ones do not."""

from __future__ import annotations

import numpy as np
import pytest

from core import Network, capacity, optimizers, seeding
from core.datasets import Split
from core.stacked import Stack
from core.training import Trainer
from ui import capacity as room


@pytest.mark.parametrize("target", list(capacity.TARGETS))
@pytest.mark.parametrize("units", [1, 3, 8])
def test_the_fit_is_the_sum_of_its_units_shares(target, units):
    run = capacity.curve_fit(target, units, epochs=50)
    assert run.parts.shape == (units, len(run.x))
    np.testing.assert_allclose(run.parts.sum(axis=0) + run.c, run.fit, atol=1e-12)
    assert run.cost == pytest.approx(np.mean((run.fit - run.y) ** 2), rel=1e-12)


@pytest.mark.parametrize("target", list(capacity.TARGETS))
@pytest.mark.parametrize("seed", [0, 1])
def test_more_units_fit_closer_over_the_first_few(target, seed):
    """The page: the cost drops steeply over the first few units."""
    costs = [capacity.curve_fit(target, n, seed).cost for n in (1, 2, 4)]
    assert costs[0] > costs[1] > costs[2]
    assert min(capacity.curve_fit(target, n, seed).cost for n in (8, 16)) < costs[0] / 20


def test_more_units_can_end_above_fewer_and_units_needed():
    """The page: past a few units training, not the units, is the limit."""
    costs = {n: capacity.curve_fit("wave", n).cost for n in capacity.UNIT_COUNTS}
    assert costs[32] > costs[16]
    assert capacity.units_needed(costs, 0.005) == 16
    assert capacity.units_needed({1: 0.5, 2: 0.1}, 0.005) is None


def test_parameters_counted_and_matched():
    assert capacity.parameter_count([2, 25, 1]) == 101
    assert capacity.parameter_count([2, 6, 6, 6, 1]) == 109
    net = Network.create(2, [6, 6, 6], "tanh", "binary", 2, np.random.default_rng(0))
    assert net.n_parameters() == 109
    for budget in (50, 100, 200, 500):
        wide, deep = capacity.matched(budget)
        assert len(wide) == 1 and len(deep) == 3 and len(set(deep)) == 1
        for shape in (wide, deep):
            count = capacity.parameter_count([2, *shape, 1])
            worse = [capacity.parameter_count([2, *(n,) * len(shape), 1])
                     for n in (shape[0] - 1, shape[0] + 1) if n > 0]
            assert all(abs(count - budget) <= abs(w - budget) for w in worse)


@pytest.mark.parametrize("w", [0.5, 1.0, 2.0])
def test_the_chain_factor(w):
    relu = capacity.chain_log10(w, "relu", 0.5, 30)
    np.testing.assert_allclose(relu, np.arange(31) * np.log10(w), atol=1e-12)
    sig = capacity.chain_log10(w, "sigmoid", 0.0, 5)
    np.testing.assert_allclose(10 ** sig, (w * 0.25) ** np.arange(6), rtol=1e-12)
    assert np.isneginf(capacity.chain_log10(w, "relu", -1.0, 3)[1:]).all()  # a dead ReLU


def test_sigmoids_product_never_grows_with_w_up_to_4():
    for z in np.linspace(-4, 4, 17):
        for w in (0.5, 1.0, 2.0, 4.0):
            assert np.all(np.diff(capacity.chain_log10(w, "sigmoid", float(z), 10)) <= 1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_real_networks_gradients_scale_with_its_weights(seed):
    """The page: doubling every weight makes layer 1's gradient over a hundred times
    larger; halving them, over a hundred times smaller."""
    own = capacity.layer_gradients(1.0, seed=seed)
    assert own.shape == (9,)
    assert capacity.layer_gradients(2.0, seed=seed)[0] > 100 * own[0]
    assert capacity.layer_gradients(0.5, seed=seed)[0] < own[0] / 100


@pytest.fixture(scope="module")
def runs():
    return capacity.restarts()


def test_restarts_stop_above_the_bottom_where_the_network_is_sure_of_two_points(runs):
    stuck = capacity.stuck(runs)
    assert 1 <= len(stuck) < len(runs)  # some stop above, a restart finds the bottom
    best = min(r.final for r in runs)
    assert best < 0.01
    for r in runs:
        if r.seed in stuck:
            assert r.final == pytest.approx(np.log(2) / 2, abs=0.002)
            assert sorted(np.round(r.outputs, 2).tolist()).count(0.5) == 2
            assert r.start_gradient / r.gradient > 50  # all but stopped
        else:
            assert np.all(np.abs(r.outputs - capacity.XOR_Y) < 0.05)


def test_more_epochs_do_not_get_a_stuck_start_out(runs):
    seed = capacity.stuck(runs)[0]
    net = Network.create(2, [2], "tanh", "binary", 2, seeding.stream(seed, "init"))
    split = Split(capacity.XOR_X, capacity.XOR_Y, capacity.XOR_X[:0], capacity.XOR_Y[:0])
    trainer = Trainer(net, split, optimizers.create("sgd", 0.5), 0)
    for snap in trainer.run(12000, keep=lambda _e: False):  # noqa: B007
        pass
    assert snap.train_loss > 0.34


def test_stacked_restarts_are_the_runs_alone(runs):
    """The restarts train in one stack: each ends where it would alone."""
    r = runs[0]
    net = Network.create(2, [2], "tanh", "binary", 2, seeding.stream(0, "init"))
    split = Split(capacity.XOR_X, capacity.XOR_Y, capacity.XOR_X[:0], capacity.XOR_Y[:0])
    trainer = Trainer(net, split, optimizers.create("sgd", 0.5), 0)
    for snap in trainer.run(capacity.RESTARTS["epochs"], keep=lambda _e: False):  # noqa: B007
        pass
    assert snap.train_loss == pytest.approx(r.final, rel=1e-9)


@pytest.mark.parametrize("units", [4, 8])
def test_bigger_networks_rarely_stop_above_the_bottom(units):
    split = Split(capacity.XOR_X, capacity.XOR_Y, capacity.XOR_X[:0], capacity.XOR_Y[:0])
    stack, trainers = Stack(), []
    for seed in range(30):
        net = Network.create(2, [units], "tanh", "binary", 2, seeding.stream(seed, "init"))
        trainers.append(Trainer(net, split, optimizers.create("sgd", 0.5), 0))
        stack.join(trainers[-1], keep=lambda _e: False)
    stack.run(3000)
    finals = [t.measure().train_loss for t in trainers]
    assert sum(f > min(finals) + 0.05 for f in finals) <= 1


def test_neither_deep_nor_wide_always_wins():
    """The page: on a problem this small neither always wins (other seeds and budgets)."""
    outcomes = set()
    for budget in (100, 200):
        wide, deep = capacity.matched(budget)
        for seed in range(5):
            a_wide = room.spiral_fit(wide, seed)["accuracy"]
            a_deep = room.spiral_fit(deep, seed)["accuracy"]
            outcomes.add("wide" if a_wide > a_deep else "deep" if a_deep > a_wide else "tie")
    assert {"wide", "deep"} <= outcomes
