"""A live run follows the sidebar the way TensorFlow Playground does: training settings
act on the running network, network settings rebuild it on the same data, data
settings make new data; and long or broken runs stay cheap and readable."""

from __future__ import annotations

import numpy as np
import pytest

from core import optimizers
from core.history import History
from core.training import Snapshot
from ui.i18n import texts
from ui.playground import views
from ui.playground.live import LiveRun
from ui.playground.settings import DEFAULTS

T = texts("playground")
SMALL = DEFAULTS.with_(samples=200)
# Blows up in its first epoch, so "the last finite weights" are the initial ones.
DIVERGES = SMALL.with_(dataset="plane", act=("linear",), opt="momentum", lr=10.0)


def trained(settings=SMALL, epochs: int = 3) -> LiveRun:
    run = LiveRun(settings)
    run.advance(epochs)
    return run


# --- training settings act on the running network -------------------------------------
@pytest.mark.parametrize("change", [
    {"lr": 0.3}, {"opt": "adam"}, {"opt": "momentum", "lr": 0.1}, {"batch": 0},
    {"reg": "l2", "reg_rate": 0.01}, {"reg": "l1", "reg_rate": 0.003}, {"speed": 20},
])
def test_training_settings_keep_the_weights_and_the_epoch_count(change):
    run = trained()
    theta, epoch, X = run.trainer.network.theta.copy(), run.epoch, run.data.X
    assert run.apply(SMALL.with_(**change)) == "training"
    np.testing.assert_array_equal(run.trainer.network.theta, theta)
    assert run.epoch == epoch and run.data.X is X
    assert len(run.history) == epoch + 1  # the curves carry on


def test_a_new_learning_rate_reaches_the_optimizer():
    run = trained()
    run.apply(SMALL.with_(lr=0.3))
    assert run.trainer.optimizer.lr == 0.3


@pytest.mark.parametrize("opt", ["adam", "momentum"])
def test_a_new_optimizer_replaces_the_old_one_with_the_current_learning_rate(opt):
    run = trained()
    run.apply(SMALL.with_(opt=opt, lr=0.01))
    assert type(run.trainer.optimizer) is optimizers.OPTIMIZERS[opt]
    assert run.trainer.optimizer.lr == 0.01


@pytest.mark.parametrize("reg, l1, l2", [("l1", 0.01, 0.0), ("l2", 0.0, 0.01),
                                         ("none", 0.0, 0.0)])
def test_batch_size_and_regularisation_reach_the_trainer(reg, l1, l2):
    run = trained(SMALL.with_(reg="l1", reg_rate=0.3))
    run.apply(SMALL.with_(batch=25, reg=reg, reg_rate=0.01))
    assert (run.trainer.batch_size, run.trainer.l1, run.trainer.l2) == (25, l1, l2)


def test_the_new_learning_rate_is_used_by_the_next_epoch():
    same, changed = trained(SMALL.with_(batch=0)), trained(SMALL.with_(batch=0))
    changed.apply(SMALL.with_(batch=0, lr=0.3))
    before = same.trainer.network.theta.copy()
    same.advance(1)
    changed.advance(1)
    step_same = same.trainer.network.theta - before
    step_changed = changed.trainer.network.theta - before
    np.testing.assert_allclose(step_changed, step_same * 10)  # plain SGD, full batch


# --- network settings: a new network on the same data ----------------------------------
@pytest.mark.parametrize("change", [
    {"hidden": (6,)}, {"hidden": (4, 4, 2)}, {"hidden": ()}, {"act": ("relu",)},
    {"act": ("relu", "sigmoid")}, {"loss": "mse"},
])
def test_network_settings_build_a_new_network_on_the_same_data(change):
    run = trained()
    X, split_X = run.data.X, run.trainer.split.X_train
    assert run.apply(SMALL.with_(**change)) == "network"
    assert run.data.X is X
    np.testing.assert_array_equal(run.trainer.split.X_train, split_X)
    assert run.epoch == 0 and len(run.history) == 1
    net = run.trainer.network
    settings = run.settings
    assert net.hidden == list(settings.hidden)
    assert net.activations[:-1] == list(settings.activations())


def test_a_new_network_keeps_the_training_settings():
    run = trained(SMALL.with_(opt="adam", lr=0.01, batch=25))
    run.apply(SMALL.with_(opt="adam", lr=0.01, batch=25, hidden=(7,)))
    t = run.trainer
    assert (type(t.optimizer), t.optimizer.lr, t.batch_size) == (optimizers.Adam, 0.01, 25)


# --- data settings: new data ----------------------------------------------------------
@pytest.mark.parametrize("change", [
    {"dataset": "xor"}, {"samples": 300}, {"noise": 0.3}, {"train_pct": 80}, {"seed": 1},
])
def test_data_settings_make_new_data_and_start_again(change):
    run = trained()
    old_train = run.trainer.split.X_train
    assert run.apply(SMALL.with_(**change)) == "data"
    new_train = run.trainer.split.X_train
    assert new_train.shape != old_train.shape or not np.allclose(new_train, old_train)
    assert run.epoch == 0 and len(run.history) == 1


def test_the_same_settings_change_nothing():
    run = trained()
    theta = run.trainer.network.theta.copy()
    assert run.apply(SMALL) is None
    np.testing.assert_array_equal(run.trainer.network.theta, theta)


def test_going_back_to_earlier_data_settings_gives_the_earlier_data():
    run = LiveRun(SMALL)
    X = run.data.X.copy()
    run.apply(SMALL.with_(dataset="moons"))
    run.apply(SMALL)
    np.testing.assert_array_equal(run.data.X, X)


# --- reset and regenerate ---------------------------------------------------------------
def test_reset_gives_new_initial_weights_on_the_same_data():
    run = trained()
    X, untrained = run.data.X, LiveRun(SMALL).trainer.network.theta
    run.reset()
    assert run.data.X is X and run.epoch == 0
    assert not np.allclose(run.trainer.network.theta, untrained)


@pytest.mark.parametrize("resets", [1, 3])
def test_resets_are_reproducible_whatever_was_trained_before(resets):
    a, b = LiveRun(SMALL), trained(SMALL, epochs=2)
    for _ in range(resets):
        a.reset()
        b.reset()
    np.testing.assert_array_equal(a.trainer.network.theta, b.trainer.network.theta)


def test_every_reset_draws_different_weights():
    run = LiveRun(SMALL)
    draws = [run.trainer.network.theta.copy()]
    for _ in range(3):
        run.reset()
        draws.append(run.trainer.network.theta.copy())
    assert all(not np.allclose(draws[i], draws[j]) for i in range(4) for j in range(i))


def test_regenerate_draws_a_new_sample_of_the_same_data_set():
    # the page's Regenerate moves the seed on by one, so the link names the new sample too
    run = LiveRun(SMALL)
    X = run.data.X
    assert run.apply(SMALL.with_(seed=SMALL.seed + 1)) == "data"
    assert run.settings == SMALL.with_(seed=1)
    assert run.data.X.shape == X.shape and not np.allclose(run.data.X, X)


# --- training -----------------------------------------------------------------------------
@pytest.mark.parametrize("epochs", [1, 7])
def test_advance_trains_the_requested_number_of_epochs(epochs):
    run = trained(epochs=2)
    snap = run.advance(epochs)
    assert run.epoch == snap.epoch == run.last.epoch == 2 + epochs
    assert len(run.history) == 3 + epochs


def test_training_lowers_the_loss():
    run = LiveRun(SMALL.with_(lr=0.1))
    start = run.last.train_loss
    run.advance(20)
    assert run.last.train_loss < 0.8 * start


def test_a_long_run_keeps_a_bounded_history_over_all_of_it(monkeypatch):
    monkeypatch.setattr("ui.playground.live.MAX_HISTORY_ROWS", 16)
    run = LiveRun(SMALL.with_(samples=40, hidden=(2,), batch=0))
    run.advance(300)
    epochs = run.history.column("epoch")
    assert len(epochs) <= 16 and epochs[0] == 0 and epochs[-1] >= 300 - 32
    assert run.last.epoch == 300


def snapshot(epoch: int, diverged: bool = False) -> Snapshot:
    return Snapshot(epoch, 1.0 / (epoch + 1), None, None, None, [], diverged)


@pytest.mark.parametrize("max_rows", [2, 7, 100, 600])
def test_history_stays_bounded_and_spread_over_the_whole_run(max_rows):
    history = History(max_rows)
    n = 10_000
    for epoch in range(n):
        history.add(snapshot(epoch))
        assert len(history) <= max_rows
    epochs = history.column("epoch")
    assert epochs[0] == 0
    steps = np.diff(epochs)
    assert np.all(steps == steps[0])  # evenly spread
    assert epochs[-1] > n - 1 - steps[0]  # reaching to the end of the run
    assert len(history) > max_rows // 2  # and not thinned more than needed
    assert history.last.epoch == n - 1
    np.testing.assert_allclose(history.column("train_loss"), 1.0 / (epochs + 1))


def test_history_keeps_the_epoch_a_run_diverged():
    history = History(10)
    for epoch in range(41):
        history.add(snapshot(epoch))
    history.add(snapshot(41, diverged=True))
    assert history.rows[-1]["epoch"] == 41 and history.rows[-1]["diverged"]


def test_a_re_measured_epoch_replaces_its_row():
    history = History(10)
    history.add(snapshot(0))
    history.add(Snapshot(0, 0.5, None, None, None, []))
    assert len(history) == 1 and history.column("train_loss")[0] == 0.5


def test_history_needs_room_for_two_rows():
    with pytest.raises(ValueError):
        History(1)


def test_missing_values_become_nan_in_columns():
    history = History(10)
    history.add(snapshot(0))
    assert np.isnan(history.column("test_loss")).all()
    assert history.layer_columns("grad_norm_W", 3).shape == (1, 3)


# --- a run that diverges -------------------------------------------------------------------
def test_a_divergent_run_stops_at_finite_weights_and_says_so():
    run = LiveRun(DIVERGES)
    snap = run.advance(50)
    assert snap.diverged and run.last.diverged
    assert run.epoch < 50
    assert np.isfinite(run.trainer.network.theta).all()
    theta, epoch = run.trainer.network.theta.copy(), run.epoch
    snap = run.advance(50)  # pressing Play again: the same learning rate fails at once
    assert snap.diverged and run.epoch == epoch + 1
    np.testing.assert_array_equal(run.trainer.network.theta, theta)


def test_a_divergent_run_shows_no_nan_or_inf():
    run = LiveRun(DIVERGES)
    run.advance(50)
    shown = " ".join(value for _, value in views.metrics(run, T)).lower()
    assert "nan" not in shown and "inf" not in shown
    for chart in (views.loss_chart(run, T), views.gradient_chart(run, T)):
        for series in chart.series:
            assert not np.isinf(series.y).any()


def test_a_lower_learning_rate_lets_a_diverged_run_carry_on():
    run = LiveRun(DIVERGES)
    assert run.advance(50).diverged
    run.apply(DIVERGES.with_(lr=0.01))
    epoch = run.epoch
    snap = run.advance(5)
    assert not snap.diverged and run.epoch == epoch + 5
