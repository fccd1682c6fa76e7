"""Each update rule, recomputed step by step with plain NumPy, matches the optimizer; the
learning rate can be changed between steps."""

import numpy as np
import pytest

from core import optimizers


def sgd_by_hand(p, grads, lrs):
    for g, lr in zip(grads, lrs):
        p = p - lr * g
    return p


def momentum_by_hand(p, grads, lrs):
    v = np.zeros_like(p)
    for g, lr in zip(grads, lrs):
        v = 0.9 * v + g
        p = p - lr * v
    return p


def adam_by_hand(p, grads, lrs):
    m, v = np.zeros_like(p), np.zeros_like(p)
    for t, (g, lr) in enumerate(zip(grads, lrs), start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g**2
        m_hat, v_hat = m / (1 - 0.9**t), v / (1 - 0.999**t)
        p = p - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
    return p


BY_HAND = {"sgd": sgd_by_hand, "momentum": momentum_by_hand, "adam": adam_by_hand}

rng = np.random.default_rng(0)
W0, b0 = rng.normal(size=(2, 3)), rng.normal(size=3)
GRADS = [(rng.normal(size=(2, 3)), rng.normal(size=3)) for _ in range(2)]


def run(name, lrs):
    """Steps optimizer ``name`` over [W, b] with GRADS, setting ``opt.lr`` before each step."""
    params = [W0.copy(), b0.copy()]
    opt = optimizers.create(name, lrs[0])
    for (gW, gb), lr in zip(GRADS, lrs):
        opt.lr = lr
        opt.step(params, [gW, gb])
    return params


def test_every_optimizer_has_a_reference():
    assert set(BY_HAND) == set(optimizers.OPTIMIZERS)


@pytest.mark.parametrize("lrs", [[0.1], [0.1, 0.1], [0.1, 0.003]],
                         ids=["one step", "two steps", "lr changed between steps"])
@pytest.mark.parametrize("name", BY_HAND)
def test_steps_match_the_rule_by_hand(name, lrs):
    W, b = run(name, lrs)
    grads = GRADS[:len(lrs)]
    np.testing.assert_allclose(W, BY_HAND[name](W0, [g[0] for g in grads], lrs), rtol=1e-13)
    np.testing.assert_allclose(b, BY_HAND[name](b0, [g[1] for g in grads], lrs), rtol=1e-13)


@pytest.mark.parametrize("name", BY_HAND)
def test_a_new_learning_rate_changes_the_next_step(name):
    slow, fast = run(name, [0.1, 0.001]), run(name, [0.1, 1.0])
    assert not np.allclose(slow[0], fast[0])


def test_first_adam_step_moves_each_weight_by_about_the_learning_rate():
    # bias correction makes m^/sqrt(v^) = g/|g| on step 1, whatever the gradient's scale
    W, _ = run("adam", [0.05])
    np.testing.assert_allclose(np.abs(W - W0), 0.05, rtol=1e-6)


@pytest.mark.parametrize("name", BY_HAND)
def test_updates_reach_views_into_a_flat_vector(name):
    # a network's W and b are views into its theta: the update must land in theta
    theta = np.concatenate([W0.ravel(), b0])
    optimizers.create(name, 0.1).step([theta[:6].reshape(2, 3), theta[6:]], list(GRADS[0]))
    np.testing.assert_allclose(theta[:6], BY_HAND[name](W0, [GRADS[0][0]], [0.1]).ravel())


def test_unknown_optimizer_names_the_choices():
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'; choose from sgd"):
        optimizers.create("rmsprop", 0.1)


def test_adams_direction_is_the_step_it_takes_per_unit_of_learning_rate():
    """The descent lesson draws Adam's step from ``direction``: it must be the step."""
    rng = np.random.default_rng(3)
    p, g = rng.normal(size=5), rng.normal(size=5)
    adam = optimizers.Adam(0.1)
    before = p.copy()
    adam.step([p], [g])
    (m_hat,), (v_hat,) = adam.corrected_moments()
    np.testing.assert_allclose(before - p, 0.1 * optimizers.Adam.direction(m_hat, v_hat),
                               rtol=1e-12)
