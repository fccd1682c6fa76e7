"""Built-in data sets: shapes, labels, balance, reproducibility, validated noise; the
train/test split; and the independent random streams behind one seed."""

import numpy as np
import pytest

from core import datasets, seeding
from core.datasets import DATASETS

CLASSIFICATION = [name for name, spec in DATASETS.items() if spec.task != "regression"]
REGRESSION = [name for name, spec in DATASETS.items() if spec.task == "regression"]


def make(name, n=300, noise=0.2, seed=0):
    return datasets.make(name, n, noise, np.random.default_rng(seed))


@pytest.mark.parametrize("name", DATASETS)
def test_shape_and_frame(name):
    data = make(name, n=301)
    assert data.X.shape == (301, 2) and data.y.shape == (301,)
    assert data.X.dtype == np.float64 and np.isfinite(data.X).all()
    assert np.abs(data.X).max() < 10.0  # roughly the [-6, 6]^2 frame, plus noise


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_labels_are_class_ids(name):
    data = make(name)
    assert np.issubdtype(data.y.dtype, np.integer)
    assert set(np.unique(data.y)) == set(range(data.n_classes))
    assert data.n_classes == (2 if data.task == "binary" else 3)


@pytest.mark.parametrize("name", REGRESSION)
def test_regression_targets_are_real_values(name):
    data = make(name)
    assert data.task == "regression" and data.n_classes == 0
    assert data.y.dtype == np.float64 and len(np.unique(data.y)) == len(data.y)


@pytest.mark.parametrize("name", [name for name in CLASSIFICATION if name != "xor"])
def test_classes_are_balanced(name):
    counts = np.bincount(make(name, n=1000).y)
    assert counts.max() - counts.min() <= 1


def test_xor_is_balanced_on_average():
    # xor draws points first and labels them by quadrant, so any one draw is only about even
    # (n=1000, seed 0 gives 533 / 467); over many points each class holds half
    share = make("xor", n=20_000).y.mean()
    assert share == pytest.approx(0.5, abs=0.02)


@pytest.mark.parametrize("name", DATASETS)
def test_the_seed_reproduces_the_data(name):
    first, again, other = make(name, seed=1), make(name, seed=1), make(name, seed=2)
    np.testing.assert_array_equal(first.X, again.X)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.X, other.X)


@pytest.mark.parametrize("name", DATASETS)
def test_noise_blurs_the_data(name):
    # the same seed with more noise moves the points (or, for regression, the targets)
    clean, noisy = make(name, noise=0.0), make(name, noise=1.0)
    moved = np.abs(noisy.X - clean.X).mean() + np.abs(noisy.y - clean.y).mean()
    assert moved > 0.1


@pytest.mark.parametrize("noise", [-0.1, 1.01, 5.0])
def test_noise_outside_0_to_1_is_refused(noise):
    with pytest.raises(ValueError, match="noise runs from 0 to 1"):
        make("circles", noise=noise)


@pytest.mark.parametrize("name, n, message", [("ring", 100, "unknown data set 'ring'"),
                                              ("circles", 1, "at least 2 samples")])
def test_bad_requests_are_refused(name, n, message):
    with pytest.raises(ValueError, match=message):
        make(name, n=n)


# --- split ---------------------------------------------------------------------------------
@pytest.mark.parametrize("n, ratio, n_test", [(300, 0.5, 150), (301, 0.2, 60), (10, 0.0, 0),
                                              (10, 0.99, 9)])
def test_split_sizes(n, ratio, n_test):
    part = datasets.split(make("moons", n=n), ratio, np.random.default_rng(0))
    assert (len(part.y_test), len(part.y_train)) == (n_test, n - n_test)


def test_split_is_a_seeded_partition():
    data = make("spiral3", n=200)
    part = datasets.split(data, 0.3, np.random.default_rng(5))
    both = np.concatenate([part.X_train, part.X_test])
    np.testing.assert_array_equal(np.sort(both, axis=0), np.sort(data.X, axis=0))
    again = datasets.split(data, 0.3, np.random.default_rng(5))
    other = datasets.split(data, 0.3, np.random.default_rng(6))
    np.testing.assert_array_equal(part.X_test, again.X_test)
    assert not np.array_equal(part.X_test, other.X_test)
    assert len(np.unique(part.y_test)) == 3, "a shuffled split, not the first 60 rows"


@pytest.mark.parametrize("ratio", [-0.1, 1.0])
def test_split_ratio_outside_0_to_1_is_refused(ratio):
    with pytest.raises(ValueError, match="test share"):
        datasets.split(make("moons"), ratio, np.random.default_rng(0))


# --- random streams ------------------------------------------------------------------------
def test_streams_are_reproducible_and_distinct():
    draws = {name: rng.random(1000) for name, rng in seeding.streams(7).items()}
    assert set(draws) == set(seeding.STREAMS)
    np.testing.assert_array_equal(draws["init"], seeding.stream(7, "init").random(1000))
    values = list(draws.values())
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            assert abs(np.corrcoef(a, b)[0, 1]) < 0.15
    assert not np.array_equal(draws["data"], seeding.stream(8, "data").random(1000))


def test_using_one_stream_leaves_the_others_alone():
    untouched = seeding.streams(7)["data"].random(5)
    rngs = seeding.streams(7)
    rngs["shuffle"].permutation(10_000)  # e.g. a smaller batch size shuffles more often
    rngs["init"].normal(size=10_000)
    np.testing.assert_array_equal(rngs["data"].random(5), untouched)
