"""The training-loop lesson's maths (core/training_loop.py) and every claim its page makes
in words, over seeds and settings: each iteration of the walk is the engine's own forward,
cost, backward and update; batches, iterations and epochs add up; the batch sizes behave
as the page says; a symmetric start stays symmetric; the scale of the first weights
decides what the first forward pass sees."""

from __future__ import annotations

import numpy as np
import pytest

from core import articles
from core import training_loop as tl
from core.backprop_steps import line_fit


def test_the_first_full_batch_iteration_is_article_001s_numbers():
    it = tl.line_loop(5, 0.01, 1)[0]
    assert (it.w, it.b) == articles.LINE_START
    assert it.cost == pytest.approx(13.647, abs=5e-4)
    assert it.dw == pytest.approx(-45.052, abs=5e-4) and it.db == pytest.approx(-5.582, abs=5e-4)
    assert it.w_new == pytest.approx(it.w - 0.01 * it.dw, rel=1e-14)
    assert it.b_new == pytest.approx(it.b - 0.01 * it.db, rel=1e-14)


@pytest.mark.parametrize("lr", [0.002, 0.01])
def test_the_full_batch_walk_is_the_backprop_lessons_fit(lr):
    """Full batch, one iteration an epoch: the same path as core's line_fit."""
    walk = tl.line_loop(5, lr, 30)
    fit = line_fit(lr=lr, steps=30)
    np.testing.assert_allclose([it.w_new for it in walk], fit.w[1:], rtol=1e-12)
    np.testing.assert_allclose([it.b_new for it in walk], fit.b[1:], rtol=1e-12)
    np.testing.assert_allclose([it.cost_all for it in walk], fit.loss[1:], rtol=1e-12)


@pytest.mark.parametrize("B, seed", [(1, 0), (2, 3), (3, 7), (4, 1)])
def test_every_iteration_is_forward_cost_backward_update_on_its_batch(B, seed):
    run = tl.line_loop(B, 0.005, 4, seed)
    per = tl.iterations_per_epoch(5, B)
    assert per == -(-5 // B) and len(run) == 4 * per
    for epoch in range(1, 5):
        its = [it for it in run if it.epoch == epoch]
        assert [it.iteration for it in its] == list(range(1, per + 1))
        seen = np.concatenate([it.batch for it in its])
        assert sorted(seen) == list(range(5))  # an epoch sees every point once
    for prev, it in zip(run, run[1:]):
        assert (it.w, it.b) == (prev.w_new, prev.b_new)
    for it in run:
        x, y = articles.LINE_X[it.batch], articles.LINE_Y[it.batch]
        e = it.w * x + it.b - y
        np.testing.assert_allclose(it.y_hat, it.w * x + it.b, rtol=1e-14)
        assert it.cost == pytest.approx(np.mean(e ** 2), rel=1e-12)
        assert it.dw == pytest.approx(2 * np.mean(e * x), rel=1e-10, abs=1e-12)
        assert it.db == pytest.approx(2 * np.mean(e), rel=1e-10, abs=1e-12)
        assert it.cost_all == pytest.approx(tl.line_cost(it.w_new, it.b_new), rel=1e-14)


def test_the_order_is_shuffled_from_the_seed_and_reproducible():
    a, b, c = (tl.line_loop(1, 0.005, 3, seed) for seed in (0, 0, 1))
    assert [list(it.batch) for it in a] == [list(it.batch) for it in b]
    assert [list(it.batch) for it in a] != [list(it.batch) for it in c]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("lr", [0.002, 0.005, 0.01])
def test_per_epoch_stochastic_gradient_descent_gets_furthest(seed, lr):
    """The page: B = 1 makes five updates an epoch and gets further in the same epochs."""
    runs = {B: tl.line_loop(B, lr, 10, seed) for B in (1, 2, 5)}
    assert [len(r) for r in runs.values()] == [50, 30, 10]
    assert tl.closest(runs) == (1,)


@pytest.mark.parametrize("seed", range(5))
def test_the_full_batch_path_is_smooth_and_the_stochastic_one_zigzags(seed):
    def turns(run):  # changes of direction of w along the path
        dw = np.diff([articles.LINE_START[0], *[it.w_new for it in run]])
        return int(np.sum(np.sign(dw[1:]) != np.sign(dw[:-1])))
    assert turns(tl.line_loop(5, 0.005, 20, seed)) == 0
    assert turns(tl.line_loop(1, 0.005, 20, seed)) >= 10


@pytest.mark.parametrize("seed", range(6))
def test_at_0_02_the_full_batch_comes_down_and_stochastic_gradient_descent_ends_far_higher(seed):
    sgd, full = tl.line_loop(1, 0.02, 50, seed), tl.line_loop(5, 0.02, 50, seed)
    costs = [it.cost_all for it in full]
    assert np.all(np.diff(costs) < 0) and costs[-1] < 0.2  # smoothly down
    assert sgd[-1].cost_all > 10 * full[-1].cost_all
    # x = 10 curves its own cost (x w + b - y)^2 in w by 2 x^2: 100 times x = 1's
    assert (2 * 10.0 ** 2) / (2 * 1.0 ** 2) == 100


def test_b_crawls():
    """The page: most of the way to b = 0 is slow: after 20 epochs b has hardly moved
    while w is most of the way to 3."""
    run = tl.line_loop(5, 0.005, 20)
    w0, b0 = articles.LINE_START
    assert (run[-1].w_new - w0) / (3 - w0) > 0.7
    assert (b0 - run[-1].b_new) / b0 < 0.1


@pytest.mark.parametrize("seed", range(3))
def test_the_classifier_curves(seed):
    """The page: SGD ends far lower in the same epochs, its curve rises now and then, the
    full batch's only goes down at this rate."""
    sgd, mini, full = tl.classifier_curves((1, 10, 0), 30, 0.1, seed)
    assert sgd.updates_per_epoch == 100 and mini.updates_per_epoch == 10
    assert full.updates_per_epoch == 1
    assert sgd.cost[-1] < mini.cost[-1] < full.cost[-1]
    assert tl.roughness(sgd.cost) > 0 and tl.roughness(full.cost) == 0
    assert all(len(c.cost) == 31 for c in (sgd, mini, full))
    assert sgd.cost[0] == mini.cost[0] == full.cost[0]  # the same start


def test_distinct_units():
    W = np.array([[1.0, 1.0, 2.0], [0.5, 0.5 + 1e-12, 0.5]])
    assert tl.distinct_units(W) == 2
    assert tl.distinct_units(np.zeros((2, 4))) == 1


@pytest.mark.parametrize("seed", range(4))
def test_a_symmetric_start_stays_symmetric_and_a_random_one_learns(seed):
    zeros, constant, rand = (tl.symmetry_run(i, seed=seed) for i in tl.INITS)
    # all zeros: no weight ever gets a gradient; the network answers the same everywhere
    assert np.all(zeros.W1 == 0)
    assert zeros.answers == 1 and zeros.accuracy <= 0.6
    # all equal: the units change, but together
    assert constant.distinct == 1 and np.ptp(constant.W1[-1], axis=1).max() < 1e-9
    assert np.abs(constant.W1[-1] - constant.W1[0]).max() > 0.01
    # random: every unit its own, and the circles separated
    assert rand.distinct == 4 and rand.accuracy >= 0.9


@pytest.mark.parametrize("seed", range(3))
def test_the_scale_of_the_first_weights(seed):
    small, large, xavier = tl.first_pass(0.01, seed=seed), tl.first_pass(3.0, seed=seed), \
        tl.first_pass(None, seed=seed)
    assert small.spread[2] < 1e-3 and np.all(np.diff(small.spread) < 0)  # dies out
    assert np.all(large.saturated > 0.5)  # most units at ±1
    assert xavier.spread.max() / xavier.spread.min() < 5  # within a few times of itself
    assert np.all(xavier.saturated <= 0.1)
    assert xavier.scale == pytest.approx(0.25)
