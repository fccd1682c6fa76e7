"""The training loop: minibatching and reproducibility, the per-layer measurements a learner
watches, and a run that diverges stops cleanly and can be resumed with a smaller step."""

import math

import numpy as np
import pytest

from core import optimizers
from core.datasets import Split
from core.experiment import Config, build
from core.training import Trainer

CIRCLES = Config(dataset="circles", samples=200, test_ratio=0.5, hidden=(6, 6),
                 activation="tanh", optimizer="sgd", lr=0.1)


class CountingSGD(optimizers.SGD):
    steps = 0

    def step(self, params, grads):
        self.steps += 1
        super().step(params, grads)


def finite_or_none(snapshot) -> bool:
    return all(v is None or math.isfinite(v) for v in snapshot.as_row().values())


# --- minibatches ---------------------------------------------------------------------------
@pytest.mark.parametrize("batch_size, steps_per_epoch", [(0, 1), (100, 1), (5000, 1), (32, 4),
                                                         (30, 4), (1, 100)])
def test_one_step_per_minibatch(batch_size, steps_per_epoch):
    _, trainer = build(CIRCLES.with_(batch_size=batch_size))  # 100 training points
    trainer.optimizer = CountingSGD(0.1)
    list(trainer.run(2))
    assert trainer.optimizer.steps == 2 * steps_per_epoch


def test_a_full_batch_epoch_is_one_gradient_descent_step():
    _, trainer = build(CIRCLES.with_(batch_size=0))
    net = trainer.network
    net.gradients(trainer.split.X_train, trainer.Y_train)  # fills net.grad
    expected = net.theta - 0.1 * net.grad
    trainer.train_epoch()
    np.testing.assert_allclose(net.theta, expected, rtol=1e-12, atol=1e-15)


def batches_of_two_epochs(trainer):
    """The training rows in the order the minibatches fed them, for two epochs."""
    seen, forward = [], trainer.network.forward

    def recording_forward(X):
        seen.append(X.copy())
        return forward(X)

    trainer.network.forward = recording_forward
    trainer.fit_epoch()
    first = len(seen)
    trainer.fit_epoch()
    return np.concatenate(seen[:first]), np.concatenate(seen[first:])


def sorted_rows(X):
    return X[np.lexsort(X.T)]


def test_minibatches_reshuffle_every_epoch_and_cover_the_training_set():
    _, trainer = build(CIRCLES.with_(batch_size=16))
    epoch_1, epoch_2 = batches_of_two_epochs(trainer)
    for order in (epoch_1, epoch_2):
        np.testing.assert_array_equal(sorted_rows(order), sorted_rows(trainer.split.X_train))
    assert not np.array_equal(epoch_1, epoch_2)


def test_same_seed_reproduces_a_run_bit_for_bit():
    config = CIRCLES.with_(batch_size=16, seed=3, optimizer="adam", lr=0.02)
    runs = [build(config)[1] for _ in range(2)]
    snapshots = [list(trainer.run(5)) for trainer in runs]
    assert snapshots[0] == snapshots[1]  # dataclass equality: every float identical
    np.testing.assert_array_equal(runs[0].network.theta, runs[1].network.theta)
    other_seed = list(build(config.with_(seed=4))[1].run(5))
    assert other_seed != snapshots[0]


def test_batch_size_does_not_change_data_split_or_initial_weights():
    (data_a, a), (data_b, b) = (build(CIRCLES.with_(batch_size=bs)) for bs in (8, 64))
    np.testing.assert_array_equal(data_a.X, data_b.X)
    np.testing.assert_array_equal(a.split.X_train, b.split.X_train)
    np.testing.assert_array_equal(a.network.theta, b.network.theta)


# --- what a snapshot measures --------------------------------------------------------------
def test_layer_stats_are_sane():
    _, trainer = build(CIRCLES.with_(activation=("relu", "tanh")))
    *_, snap = trainer.run(3)
    assert snap.epoch == 3 and len(snap.layers) == 3  # two hidden layers and the output
    for layer in snap.layers:
        assert layer.grad_norm_W >= 0 and layer.grad_norm_b >= 0
        assert layer.weight_norm > 0 and layer.update_ratio > 0  # the epoch moved the weights
    relu, tanh, output = (layer.dead_fraction for layer in snap.layers)
    assert 0.0 <= relu < 1.0 and tanh is None and output is None
    assert finite_or_none(snap)


def test_layer_stats_are_the_norms_of_each_layers_gradient_weights_and_step():
    _, trainer = build(CIRCLES.with_(hidden=(5, 3), l2=0.01))
    net = trainer.network
    before = net.theta.copy()
    W_before = [W.copy() for W in net.W]
    snap = trainer.train_epoch()
    _, dW, db = net.gradients(trainer.split.X_train, trainer.Y_train, trainer.l1, trainer.l2)
    for l, stats in enumerate(snap.layers):
        assert stats.grad_norm_W == pytest.approx(np.linalg.norm(dW[l]), rel=1e-12)
        assert stats.grad_norm_b == pytest.approx(np.linalg.norm(db[l]), rel=1e-12)
        assert stats.weight_norm == pytest.approx(np.linalg.norm(net.W[l]), rel=1e-12)
        step = np.linalg.norm(net.W[l] - W_before[l]) / np.linalg.norm(net.W[l])
        assert stats.update_ratio == pytest.approx(step, rel=1e-9) and step > 0
    assert not np.array_equal(before, net.theta)


def test_a_relu_layer_pushed_below_zero_is_reported_dead_and_stays_dead():
    _, trainer = build(CIRCLES.with_(activation="relu"))
    trainer.network.b[0][...] = -1e3  # no input in [-6, 6]^2 can switch these units on
    W_before = trainer.network.W[0].copy()
    snap = trainer.train_epoch()
    assert snap.layers[0].dead_fraction == 1.0
    assert snap.layers[0].grad_norm_W == 0.0 and snap.layers[0].update_ratio == 0.0
    np.testing.assert_array_equal(trainer.network.W[0], W_before)


def test_an_empty_test_split_has_no_test_loss():
    _, trainer = build(CIRCLES.with_(test_ratio=0.0))
    snap = trainer.train_epoch()
    assert snap.test_loss is None and snap.test_accuracy is None
    assert math.isfinite(snap.train_loss) and snap.train_accuracy is not None


def test_an_empty_training_set_is_refused():
    X, y = np.zeros((0, 2)), np.zeros(0, dtype=int)
    _, trainer = build(CIRCLES)
    with pytest.raises(ValueError, match="training set is empty"):
        Trainer(trainer.network, Split(X, y, X, y), optimizers.SGD(0.1))


def test_a_thousand_unit_layer_learns():
    _, trainer = build(CIRCLES.with_(hidden=(1000,), activation="relu", optimizer="adam",
                                     lr=0.01, batch_size=32))
    assert trainer.network.sizes == [2, 1000, 1]
    snaps = list(trainer.run(20))
    assert snaps[-1].train_loss < 0.5 * snaps[0].train_loss
    assert snaps[-1].test_accuracy > 0.9


# --- divergence ----------------------------------------------------------------------------
DIVERGING = {
    "linear layers, lr 1e6": CIRCLES.with_(dataset="plane", activation="linear", lr=1e6),
    # full batch: the weights stay finite for an epoch longer than the loss does
    "full batch, lr 10": CIRCLES.with_(dataset="plane", activation="linear", lr=10,
                                       batch_size=0),
    "leaky ReLU, momentum": CIRCLES.with_(activation="leaky_relu", optimizer="momentum",
                                          lr=1e6),
    # tanh saturates, so the loss stays finite while the weights outgrow their norm
    "saturated tanh, lr 10": Config(dataset="sine", hidden=(8, 8), activation="tanh",
                                    optimizer="sgd", lr=10, seed=2),
}


@pytest.mark.parametrize("config", DIVERGING.values(), ids=DIVERGING)
def test_divergence_is_flagged_rolled_back_and_stops_the_run(config):
    _, trainer = build(config)
    start = trainer.measure()
    snaps = list(trainer.run(50))
    assert snaps[-1].diverged and not any(s.diverged for s in snaps[:-1])
    assert len(snaps) < 50, "run() must stop at the diverged snapshot"
    assert [s.epoch for s in snaps] == list(range(1, len(snaps) + 1))
    assert all(finite_or_none(s) for s in snaps), "no NaN or inf in any snapshot"
    assert trainer.network.is_finite()
    # the weights went back to the last finite state, which measures as it did then
    assert snaps[-1].train_loss == [start, *snaps][-2].train_loss


def test_lowering_the_learning_rate_after_divergence_resumes_training():
    _, trainer = build(DIVERGING["linear layers, lr 1e6"])
    *_, diverged = trainer.run(50)
    assert diverged.diverged
    trainer.optimizer.lr = 0.01
    resumed = list(trainer.run(30))
    assert not any(s.diverged for s in resumed)
    assert resumed[0].epoch == diverged.epoch + 1
    assert resumed[-1].train_loss < 0.01 < diverged.train_loss  # the plane's variance is 0.24


# --- a loss that blows up but stays finite -------------------------------------------------
BLOWING_UP = {
    "ReLU 16,16 spiral, SGD lr 500": Config(dataset="spiral", hidden=(16, 16),
                                            activation="relu", optimizer="sgd", lr=500),
    "ReLU 16,16 spiral, SGD lr 1e6": Config(dataset="spiral", hidden=(16, 16),
                                            activation="relu", optimizer="sgd", lr=1e6),
}


@pytest.mark.parametrize("config", BLOWING_UP.values(), ids=BLOWING_UP)
def test_a_loss_that_blows_up_while_finite_is_diverged(config):
    _, trainer = build(config)
    start = trainer.measure()
    snaps = list(trainer.run(300))
    last = snaps[-1]
    assert last.diverged and len(snaps) < 300
    assert trainer.guessing_loss() == pytest.approx(math.log(2), abs=0.01)
    assert last.train_loss <= trainer.loss_limit  # back to sane weights, not 135 or 292,543
    sane = [s for s in [start, *snaps[:-1]] if s.train_loss <= trainer.loss_limit]
    assert last.train_loss == sane[-1].train_loss  # the last sane state
    assert all(finite_or_none(s) for s in snaps)


SPIKING = {  # the loss jumps past the limit for a few epochs, then the run learns
    "circles ReLU 16,16 full batch SGD lr 3": Config(
        dataset="circles", samples=500, hidden=(16, 16), activation="relu", optimizer="sgd",
        lr=3.0, batch_size=0),
    "circles leaky ReLU 16,16 Adam lr 3": Config(
        dataset="circles", samples=500, hidden=(16, 16), activation="leaky_relu",
        optimizer="adam", lr=3.0, batch_size=10),
}


@pytest.mark.parametrize("config", SPIKING.values(), ids=SPIKING)
def test_a_brief_spike_that_recovers_is_not_diverged(config):
    _, trainer = build(config)
    trainer.measure()
    snaps = list(trainer.run(400))
    assert max(s.train_loss for s in snaps) > trainer.loss_limit  # it did spike
    assert not snaps[-1].diverged and snaps[-1].train_accuracy > 0.95


def test_a_high_but_sane_learning_rate_is_not_diverged():
    # the "dying ReLU" lesson: lr 3 kills units but the loss stays near guessing
    _, trainer = build(Config(dataset="circles", hidden=(8, 8, 8), activation="relu",
                              optimizer="sgd", lr=3.0, batch_size=10))
    assert not any(s.diverged for s in trainer.run(200))


def test_measuring_only_some_epochs_trains_exactly_the_same():
    every, lazy = build(CIRCLES.with_(batch_size=10))[1], build(CIRCLES.with_(batch_size=10))[1]
    all_snaps = list(every.run(30))
    kept = list(lazy.run(30, keep=lambda epoch: epoch % 10 == 0))
    assert [s.epoch for s in kept] == [10, 20, 30]
    assert np.array_equal(every.network.theta, lazy.network.theta)
    assert kept[-1].train_loss == all_snaps[-1].train_loss


def test_a_deadline_ends_the_run_after_the_epoch_it_passed_and_measures_that_epoch():
    # the live loop trains each frame until its time is up: ``until`` is asked after
    # every epoch, and the epoch on which it says yes is the last, measured one
    plain, timed = build(CIRCLES.with_(batch_size=10))[1], build(CIRCLES.with_(batch_size=10))[1]
    asked = []

    def until() -> bool:
        asked.append(timed.epoch)
        return len(asked) == 7

    snaps = list(timed.run(1_000_000, keep=lambda epoch: epoch % 5 == 0, until=until))
    assert asked == [1, 2, 3, 4, 5, 6, 7]
    assert [s.epoch for s in snaps] == [5, 7] and timed.epoch == 7
    *_, last = plain.run(7)
    assert snaps[-1].train_loss == last.train_loss
    assert list(timed.run(3, until=lambda: False))[-1].epoch == 10  # else the count ends it


def test_a_lazily_measured_blow_up_goes_back_to_the_last_sane_state():
    _, trainer = build(BLOWING_UP["ReLU 16,16 spiral, SGD lr 1e6"])
    start = trainer.measure()
    # as the live loop trains: chunks of epochs, only each chunk's last one measured
    snaps = []
    while not (snaps and snaps[-1].diverged) and len(snaps) < 30:
        snaps += trainer.run(10, keep=lambda epoch: False)
    assert snaps[-1].diverged
    assert snaps[-1].epoch >= 30  # judged over 30 epochs at least: a spike can recover
    assert snaps[-1].train_loss == pytest.approx(start.train_loss)


@pytest.mark.parametrize("l2", [0.0, 0.01])
def test_full_batch_reuses_the_measured_gradient_and_trains_the_same(l2):
    config = CIRCLES.with_(batch_size=0, l2=l2)
    measured, plain = build(config)[1], build(config)[1]
    for _ in range(20):
        measured.train_epoch()
        plain.fit_epoch()
    np.testing.assert_allclose(measured.network.theta, plain.network.theta, rtol=1e-12)


def test_full_batch_recomputes_the_gradient_when_the_weights_were_changed():
    _, trainer = build(CIRCLES.with_(batch_size=0))
    fresh = build(CIRCLES.with_(batch_size=0))[1]
    trainer.measure()
    trainer.network.theta *= 0.5  # e.g. weights loaded in between
    fresh.network.theta[...] = trainer.network.theta
    trainer.fit_epoch()
    fresh.fit_epoch()
    np.testing.assert_array_equal(trainer.network.theta, fresh.network.theta)


def test_full_batch_measured_every_epoch_takes_one_backward_pass_an_epoch(monkeypatch):
    _, trainer = build(CIRCLES.with_(batch_size=0))
    net, calls = trainer.network, []
    backward = net.backward
    monkeypatch.setattr(net, "backward", lambda *a: calls.append(1) or backward(*a))
    trainer.measure()
    list(trainer.run(20))
    # before: 2 an epoch (the step's, then the measurement's on the same weights)
    assert len(calls) == 1 + 20


def test_a_last_epoch_left_unmeasured_is_measured_later_as_the_run_would_have():
    """A live frame may leave its last epoch unmeasured (its page shows numbers a few
    times a second, not every frame): ``catch_up`` then gives exactly the snapshot the run
    would have yielded, update ratio included, and nothing once the next run has begun."""
    config = Config(dataset="circles", samples=200, hidden=(6,), batch_size=10)
    _, measured = build(config)
    _, later = build(config)
    expected = list(measured.run(7))[-1]
    assert [s.epoch for s in later.run(7, keep=lambda e: e == 3, last=False)] == [3]
    assert later.epoch == 7
    caught = later.catch_up()
    assert caught == expected and caught.layers[0].update_ratio > 0
    assert later.catch_up() is None  # once
    list(later.run(2, keep=lambda e: False, last=False))
    list(later.run(1))  # a new run: the earlier last epoch is no longer the last
    assert later.catch_up() is None and later.epoch == 10
