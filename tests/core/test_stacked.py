"""Networks trained together in a stack follow, each one, the trajectory it follows alone:
every activation, head, optimizer, penalty and input feature, with 1, 2 and 30 networks,
networks joining and leaving between runs, and one of them diverging."""

import threading

import numpy as np
import pytest

from core import activations, inputs
from core.experiment import Config, build
from core.history import History
from core.stacked import Pool, Stack, stack_key

TOL = 1e-12

BASE = Config(dataset="circles", samples=120, test_ratio=0.25, hidden=(5, 4), activation="tanh",
              optimizer="sgd", lr=0.05, batch_size=10)


def trainers(config: Config, seeds) -> list:
    """One trainer per seed: the same shape, each its own data, weights and shuffling."""
    return [build(config.with_(seed=s))[1] for s in seeds]


def assert_same_run(alone_snaps, stacked_snaps, alone, stacked):
    assert [s.epoch for s in stacked_snaps] == [s.epoch for s in alone_snaps]
    for a, b in zip(alone_snaps, stacked_snaps):
        assert a.diverged == b.diverged
        ra, rb = a.as_row(), b.as_row()
        assert ra.keys() == rb.keys()
        for key in ra:
            if ra[key] is None:
                assert rb[key] is None, key
            else:
                assert rb[key] == pytest.approx(ra[key], rel=TOL, abs=TOL), key
    np.testing.assert_allclose(stacked.network.theta, alone.network.theta, rtol=TOL, atol=TOL)
    assert stacked.epoch == alone.epoch


def compare(config: Config, seeds, epochs=(3, 4), keep=lambda e: e % 2 == 0):
    """Train copies of the same trainers alone and in one stack, in runs of ``epochs``;
    each network's snapshots and weights must agree."""
    alone, stacked = trainers(config, seeds), trainers(config, seeds)
    alone_snaps = [[] for _ in seeds]
    stacked_snaps = [[] for _ in seeds]
    stack = Stack()
    for t, snaps in zip(stacked, stacked_snaps):
        stack.join(t, keep, snaps.append)
    assert len(stack) == len(seeds)
    for n in epochs:
        for t, snaps in zip(alone, alone_snaps):
            snaps.extend(t.run(n, keep))
        assert stack.run(n) == n
    for a, s, sa, ss in zip(alone, stacked, alone_snaps, stacked_snaps):
        assert_same_run(sa, ss, a, s)
    return alone, stacked


@pytest.mark.parametrize("activation", activations.HIDDEN_ACTIVATIONS)
def test_every_activation(activation):
    compare(BASE.with_(activation=activation), range(2))


@pytest.mark.parametrize("dataset, loss", [("circles", "bce"), ("circles", "mse"),
                                           ("blobs3", None), ("spiral3", None),
                                           ("sine", None), ("plane", None)])
def test_every_head(dataset, loss):
    compare(BASE.with_(dataset=dataset, loss=loss), range(2))


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("batch_size", [0, 7, 10, 1000])
def test_every_optimizer_full_batch_and_minibatches(optimizer, batch_size):
    compare(BASE.with_(optimizer=optimizer, batch_size=batch_size, lr=0.01), range(2))


@pytest.mark.parametrize("l1, l2", [(0.01, 0.0), (0.0, 0.01), (0.003, 0.02)])
def test_every_penalty(l1, l2):
    compare(BASE.with_(l1=l1, l2=l2), range(2))


def test_members_with_their_own_learning_rates_and_penalties():
    alone = [build(BASE.with_(seed=s, lr=lr, l2=l2))[1]
             for s, lr, l2 in ((0, 0.01, 0.0), (1, 0.3, 0.01), (2, 0.05, 0.0))]
    stacked = [build(BASE.with_(seed=s, lr=lr, l2=l2))[1]
               for s, lr, l2 in ((0, 0.01, 0.0), (1, 0.3, 0.01), (2, 0.05, 0.0))]
    for t in alone:
        list(t.run(5))
    Stack(stacked).run(5)
    for a, s in zip(alone, stacked):
        np.testing.assert_allclose(s.network.theta, a.network.theta, rtol=TOL, atol=TOL)


@pytest.mark.parametrize("feature", list(inputs.FEATURES))
def test_every_input_feature(feature):
    features = tuple(dict.fromkeys(("x1", feature)))
    compare(BASE.with_(features=features), range(2))


@pytest.mark.parametrize("K", [1, 2, 30])
def test_one_two_and_thirty_networks(K):
    compare(BASE.with_(optimizer="adam", lr=0.01), range(K), epochs=(2, 3))


def test_networks_joining_and_leaving_between_runs():
    config = BASE.with_(optimizer="adam", lr=0.02)
    alone, stacked = trainers(config, range(4)), trainers(config, range(4))
    stack = Stack(stacked[:2])
    for t in alone[:2]:
        list(t.run(3))
    stack.run(3)
    stack.join(stacked[2])  # joins with no training yet
    list(alone[2].run(0))
    for t in alone[:3]:
        list(t.run(2))
    stack.run(2)
    assert stack.leave(stacked[0]) and not stack.leave(stacked[0])
    list(alone[1].run(4))
    list(alone[2].run(4))
    stack.run(4)
    list(alone[0].run(1))  # the one that left trains on alone, from its own copies
    list(stacked[0].run(1))
    stack.join(stacked[3])
    list(alone[1].run(2))
    list(alone[2].run(2))
    list(alone[3].run(2))
    stack.run(2)
    for a, s in zip(alone, stacked):
        np.testing.assert_allclose(s.network.theta, a.network.theta, rtol=TOL, atol=TOL)
        assert s.epoch == a.epoch
    # who left owns its numbers: the stack's training no longer moves them
    kept = stacked[0].network.theta.copy()
    stack.run(1)
    np.testing.assert_array_equal(stacked[0].network.theta, kept)


def test_a_network_that_left_keeps_its_optimizer_state():
    config = BASE.with_(optimizer="adam", lr=0.02)
    (alone,), (stacked,) = trainers(config, [5]), trainers(config, [5])
    stack = Stack(trainers(config, [1, 2]))
    stack.join(stacked)
    stack.run(3)
    stack.leave(stacked)
    list(alone.run(3))
    assert stacked.optimizer.t == alone.optimizer.t == 3 * 9  # 90 training points, batch 10
    np.testing.assert_allclose(stacked.optimizer.m[0], alone.optimizer.m[0], rtol=TOL, atol=TOL)
    list(alone.run(2))
    list(stacked.run(2))
    np.testing.assert_allclose(stacked.network.theta, alone.network.theta, rtol=TOL, atol=TOL)


def test_a_diverging_network_stops_alone_and_the_others_train_on():
    config = BASE.with_(lr=0.05, hidden=(8, 8), activation="relu")
    wild = build(config.with_(seed=9, lr=1e6))[1]
    (wild_alone,) = [build(config.with_(seed=9, lr=1e6))[1]]
    alone, stacked = trainers(config, range(3)), trainers(config, range(3))
    records = {id(t): [] for t in [*stacked, wild]}
    stack = Stack()
    for t in [stacked[0], wild, *stacked[1:]]:
        stack.join(t, None, records[id(t)].append)
    stack.run(40)
    wild_snaps = list(wild_alone.run(40))
    assert wild_snaps[-1].diverged and records[id(wild)][-1].diverged
    assert records[id(wild)][-1].epoch == wild_snaps[-1].epoch
    np.testing.assert_allclose(wild.network.theta, wild_alone.network.theta, rtol=TOL, atol=TOL)
    assert wild not in stack and len(stack) == 3
    for a, s in zip(alone, stacked):
        list(a.run(40))
        assert not records[id(s)][-1].diverged
        np.testing.assert_allclose(s.network.theta, a.network.theta, rtol=TOL, atol=TOL)


def test_members_never_see_each_others_data():
    # the same network and seed on two different data sets: each stacked run equals its
    # own run alone, and the two differ
    circles, xor = BASE.with_(dataset="circles"), BASE.with_(dataset="xor")
    a_alone, b_alone = build(circles)[1], build(xor)[1]
    a, b = build(circles)[1], build(xor)[1]
    Stack([a, b]).run(5)
    list(a_alone.run(5))
    list(b_alone.run(5))
    np.testing.assert_allclose(a.network.theta, a_alone.network.theta, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(b.network.theta, b_alone.network.theta, rtol=TOL, atol=TOL)
    assert not np.allclose(a.network.theta, b.network.theta)


def test_only_networks_of_one_shape_share_a_stack():
    a, b = build(BASE)[1], build(BASE.with_(hidden=(5, 5)))[1]
    c, d = build(BASE.with_(optimizer="adam"))[1], build(BASE.with_(batch_size=20))[1]
    stack = Stack([a])
    for other in (b, c, d):
        assert stack_key(other) != stack_key(a)
        with pytest.raises(ValueError):
            stack.join(other)
    assert stack_key(build(BASE.with_(seed=4, lr=0.5, l2=0.1, noise=0.3))[1]) == stack_key(a)


def test_the_pool_keeps_a_stack_per_shape_and_follows_a_changed_optimizer():
    pool = Pool()
    runs = trainers(BASE, range(3)) + trainers(BASE.with_(hidden=(3,)), range(2))
    histories = [History(50) for _ in runs]
    for t, h in zip(runs, histories):
        assert pool.join(t, h.wants, h.add)
    assert pool.stacks() == [3, 2] and pool.size(runs[0]) == 3 and pool.size(runs[4]) == 2
    assert pool.train(runs[0], 4) == 4
    assert [t.epoch for t in runs] == [4, 4, 4, 0, 0]
    assert histories[0].last.epoch == 4  # the caller is measured at the end
    assert histories[1].last.epoch == 4  # every member is measured at the end
    runs[1].optimizer = type(runs[1].optimizer)(0.2)  # a learner changes the optimizer
    runs[1].batch_size = 30  # ... and the batch size: another shape of training
    pool.train(runs[0], 1)
    assert pool.stacks() == [2, 2, 1] and pool.size(runs[1]) == 1
    pool.leave(runs[0])
    assert runs[0] not in pool and pool.train(runs[0], 3) == 0 and runs[0].epoch == 5
    pool.leave(runs[0])  # twice: nothing


def test_the_pool_from_many_threads():
    # live loops join, train and leave from their own threads
    pool, errors = Pool(), []
    runs = trainers(BASE, range(8))

    def learner(t):
        try:
            for _ in range(5):
                pool.join(t)
                pool.train(t, 2)
                pool.leave(t)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=learner, args=(t,)) for t in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and pool.stacks() == []
    assert all(t.epoch >= 10 for t in runs)
