"""Every number the lesson "Backpropagation, step by step" shows, from core.backprop_steps:
article 001's forward pass, each delta and gradient as the chain-rule product written on
the page, the update and the new loss, the nudge against backprop, the y = 3x descent,
and the matrix shapes of article 004."""

from __future__ import annotations

import numpy as np
import pytest

from core import backprop_steps as bs
from core.network import Network
from figures import backprop as figs
from ui.backprop import latex


@pytest.fixture
def article():
    net, X, Y = bs.build(bs.ARTICLE_001)
    return bs.walkthrough(net, X, Y, lr=0.1)


# --- article 001: the forward pass and the loss -------------------------------------------
def test_article_001_forward_numbers(article):
    np.testing.assert_allclose(article.Z[0], [[1.0, 1.3, 0.8]], atol=1e-12)
    np.testing.assert_allclose(article.A[1], [[0.7311, 0.7858, 0.6900]], atol=5e-5)
    assert latex.num(article.output[0]) == "1.2332"
    assert latex.num(article.loss) == "1.5208"
    assert [latex.num(a) for a in article.A[1][0]] == ["0.7311", "0.7858", "0.6900"]


def test_forward_lines_sum_their_terms(article):
    for layer in article.forward:
        for u in layer:
            assert u.z == pytest.approx(np.dot(u.a_in, u.w) + u.bias, abs=1e-12)
    line = latex.forward_line(article.forward[0][1], "sigmoid", False)
    assert "1.0000 \\times 0.4000 + 1.0000 \\times 0.9000 + 0 = 1.3000" in line
    assert "\\sigma(1.3000) = 0.7858" in line


def test_loss_is_the_articles_squared_error_for_one_sample(article):
    # core's MSE is the mean over samples and outputs; with one of each it is (y - y_hat)^2
    assert article.loss == pytest.approx((article.output[0] - 0.0) ** 2, rel=1e-12)
    assert latex.loss_line(article).endswith("= 1.5208$")


# --- the backward pass: each delta and gradient is the product written on the page ---------
def test_output_delta_is_two_times_the_error(article):
    d = article.deltas[1][0]
    assert d.value == pytest.approx(2 * 1.2332121, abs=1e-6)
    assert d.product() == pytest.approx(d.value, rel=1e-12)
    assert latex.num(d.value) == "2.4664"


def test_hidden_deltas_are_the_chain_rule_products(article):
    expected = [2.4664242 * w * a * (1 - a) for w, a in zip([0.3, 0.5, 0.9], article.A[1][0])]
    values = [d.value for d in article.deltas[0]]
    np.testing.assert_allclose(values, expected, rtol=1e-6)
    for d in article.deltas[0]:
        assert d.product() == pytest.approx(d.value, rel=1e-12)
    assert [latex.num(v) for v in values] == ["0.1455", "0.2075", "0.4748"]


def test_weight_gradients_are_input_times_delta(article):
    for layer, grads in enumerate(article.weight_grads):
        for g in grads:
            assert g.a_in * g.delta == pytest.approx(g.value, rel=1e-12)
            assert g.value == article.dW[layer][g.i, g.j]
    second = [latex.num(g.value) for g in article.weight_grads[1]]
    assert second == ["1.8031", "1.9382", "1.7018"]
    # the article's input is (1, 1), so each first-layer gradient equals its unit's delta
    np.testing.assert_allclose(article.dW[0], np.vstack([article.dZ[0][0]] * 2), rtol=1e-12)


def test_bias_gradients_equal_the_deltas(article):
    for layer, grads in enumerate(article.bias_grads):
        np.testing.assert_array_equal([g.value for g in grads], article.dZ[layer][0])


def test_walkthrough_reads_the_networks_own_arrays():
    net, X, Y = bs.build(bs.ARTICLE_001)
    w = bs.walkthrough(net, X, Y, lr=0.1)
    net.forward(X)
    net.backward(Y)
    for l in range(2):
        np.testing.assert_array_equal(w.dZ[l], net.dZ[l])
        np.testing.assert_array_equal(w.dW[l], net.dW[l])


def test_the_written_lines_carry_the_values(article):
    assert latex.delta_line(article.deltas[1][0], 2).endswith("(1.2332 - 0) = 2.4664$")
    hidden = latex.delta_line(article.deltas[0][0], 2)
    assert "(2.4664 \\times 0.3000) \\times 0.7311 \\times (1 - 0.7311) = 0.1455" in hidden
    assert latex.weight_grad_line(article.weight_grads[1][0]).endswith(
        "0.7311 \\times 2.4664 = 1.8031$")


# --- one update and the new loss ----------------------------------------------------------
def test_update_is_w_minus_lr_times_gradient_and_lowers_the_loss(article):
    for layer, grads in enumerate(article.weight_grads):
        for g in grads:
            assert g.w_new == pytest.approx(g.w - 0.1 * g.value, rel=1e-12)
            assert article.W_new[layer][g.i, g.j] == g.w_new
    for grads in article.bias_grads:
        for g in grads:
            assert g.b_new == pytest.approx(g.b - 0.1 * g.value, rel=1e-12)
    fresh, X, Y = bs.build(bs.ARTICLE_001)
    moved = Network(article.W_new, article.b_new, fresh.activations, "regression", 0, "mse")
    moved.forward(X)
    assert article.new_loss == pytest.approx(moved.cost(Y), rel=1e-12)
    assert latex.num(article.new_loss) == "0.3113"
    assert article.new_loss < article.loss


def test_too_large_a_learning_rate_raises_the_loss_and_is_clamped():
    net, X, Y = bs.build(bs.ARTICLE_001)
    w = bs.walkthrough(net, X, Y, lr=100.0)
    assert w.lr == bs.MAX_LR
    assert np.isfinite(w.new_loss) and w.new_loss > w.loss


def test_extreme_numbers_are_clamped_and_stay_finite():
    big = bs.Example(x=(1e6, -1e9), y=(float("nan"),), W=bs.ARTICLE_001.W, b=bs.ARTICLE_001.b)
    net, X, Y = bs.build(big)
    assert X.tolist() == [[bs.LIMIT, -bs.LIMIT]] and Y.tolist() == [[0.0]]
    w = bs.walkthrough(net, X, Y, lr=10.0)
    assert all(np.isfinite(a).all() for a in [*w.Z, *w.A, *w.dZ, *w.dW, *w.W_new])
    assert np.isfinite(w.loss) and np.isfinite(w.new_loss)
    assert bs.clamp(float("inf")) == bs.LIMIT and bs.clamp(-1e6) == -bs.LIMIT


def test_stages_walk_forward_then_backward_then_update(article):
    assert article.stages == [("start", 0), ("forward", 1), ("forward", 2), ("loss", 2),
                              ("backward", 2), ("backward", 1), ("update", 0)]


# --- the second example: 2-2-2 with two outputs ---------------------------------------------
def test_two_two_two_example():
    net, X, Y = bs.build(bs.TWO_TWO_TWO)
    w = bs.walkthrough(net, X, Y, lr=0.1)
    assert net.sizes == [2, 2, 2]
    np.testing.assert_allclose(w.Z[0], [[0.3775, 0.3925]], atol=1e-12)
    np.testing.assert_allclose(w.A[1], [[0.593269992, 0.596884378]], atol=1e-9)
    # two outputs: the loss is the mean of the two squared errors, the delta 2/2 (a - y)
    assert w.loss == pytest.approx(np.mean((w.output - [0.01, 0.99]) ** 2), rel=1e-12)
    np.testing.assert_allclose(w.dZ[1][0], w.output - [0.01, 0.99], rtol=1e-12)
    for layer in w.deltas:
        for d in layer:
            assert d.product() == pytest.approx(d.value, rel=1e-12)
    assert latex.num(w.loss) == "0.6281" and latex.num(w.new_loss) == "0.4289"


# --- the article's nudge agrees with backprop ------------------------------------------------
@pytest.mark.parametrize("example", list(bs.EXAMPLES))
def test_numerical_gradient_agrees_with_backprop_for_every_parameter(example):
    net, X, Y = bs.build(bs.EXAMPLES[example])
    for l, (W, b) in enumerate(zip(net.W, net.b), start=1):
        for index in np.ndindex(W.shape):
            n = bs.nudge(net, X, Y, "W", l, index, h=1e-5)
            assert n.numerical == pytest.approx(n.backprop, abs=1e-8)
        for index in np.ndindex(b.shape):
            n = bs.nudge(net, X, Y, "b", l, index, h=1e-5)
            assert n.numerical == pytest.approx(n.backprop, abs=1e-8)


def test_nudge_shows_the_losses_around_the_weight_and_leaves_the_network_alone():
    net, X, Y = bs.build(bs.ARTICLE_001)
    before = net.theta.copy()
    n = bs.nudge(net, X, Y, "W", 1, (0, 0), h=1e-4)
    np.testing.assert_array_equal(net.theta, before)
    assert n.w == 0.8 and n.loss == pytest.approx(1.5208121, abs=1e-7)
    assert n.numerical == pytest.approx((n.loss_plus - n.loss_minus) / 2e-4)
    assert f"{n.backprop:.6f}" == f"{n.numerical:.6f}" == "0.145479"
    # a big nudge measures an average slope: the one-sided estimate drifts first
    coarse = bs.nudge(net, X, Y, "W", 1, (0, 0), h=1e-1)
    assert coarse.difference > 1e-6 and abs(coarse.one_sided - coarse.backprop) > 1e-3


# --- article 001: y = 3x ------------------------------------------------------------------
def test_line_fit_starts_at_the_articles_numbers():
    p = bs.line_fit(steps=0)
    assert (f"{p.loss[0]:.3f}", f"{p.dw[0]:.3f}", f"{p.db[0]:.3f}") == ("13.647", "-45.052",
                                                                          "-5.582")


def test_line_fit_converges_to_w_3_b_0():
    p = bs.line_fit(lr=0.02, steps=2000)
    assert p.diverged_at is None and len(p.w) == 2001
    assert p.w[-1] == pytest.approx(3.0, abs=1e-6) and p.b[-1] == pytest.approx(0.0, abs=1e-6)
    assert np.all(np.diff(p.loss) <= 1e-12)
    assert (f"{p.w[-1]:.4f}", f"{abs(p.b[-1]):.4f}") == ("3.0000", "0.0000")


def test_line_fit_steps_are_sgd_steps():
    p = bs.line_fit(lr=0.01, steps=3)
    np.testing.assert_allclose(p.w[1:], p.w[:-1] - 0.01 * p.dw[:-1], rtol=1e-12)
    np.testing.assert_allclose(p.b[1:], p.b[:-1] - 0.01 * p.db[:-1], rtol=1e-12)


def test_line_fit_with_too_large_a_rate_stops_at_divergence():
    p = bs.line_fit(lr=0.05, steps=5000)
    assert p.diverged_at is not None and p.diverged_at < 100
    assert np.isfinite(p.loss).all() and p.loss[-1] <= bs.DIVERGED_LOSS


def test_loss_surface_matches_the_fit_and_has_its_minimum_at_3_0():
    w_grid, b_grid = np.linspace(2, 4, 21), np.linspace(-1, 1, 21)
    s = bs.line_loss_surface(w_grid, b_grid)
    r, c = np.unravel_index(np.argmin(s), s.shape)
    assert (w_grid[c], b_grid[r]) == (pytest.approx(3.0), pytest.approx(0.0))
    assert bs.line_loss_surface(np.array([2.269]), np.array([1.01]))[0, 0] == pytest.approx(
        13.647394)


def test_descent_figure_plays_in_the_browser():
    p = bs.line_fit(lr=0.02, steps=2000)
    labels = {k: k for k in ["data", "fit", "path", "target", "loss_curve", "x", "y", "w",
                             "b", "loss", "step", "play", "pause", "panel_fit",
                             "panel_surface", "panel_loss"]}
    labels["title"] = "{step} {w} {b} {loss}"
    fig = figs.descent_figure(bs.LINE_X[:, 0], bs.LINE_Y[:, 0], p.w, p.b, p.loss,
                              np.linspace(1, 4, 5), np.linspace(-1, 2, 4), np.ones((4, 5)),
                              labels)
    assert 20 <= len(fig.frames) <= 80
    assert fig.frames[0].layout.title.text == "0 2.269 1.010 13.647"
    assert fig.frames[-1].name == "2000"
    last_line = fig.frames[-1].data[0]
    assert last_line.y[1] == pytest.approx(3.0 * last_line.x[1], abs=1e-3)
    assert fig.layout.updatemenus[0].buttons[0].method == "animate"


# --- article 004: the shapes for m samples ------------------------------------------------
def test_shapes_for_m_samples():
    net, _, _ = bs.build(bs.ARTICLE_001)
    x, layers = bs.matrix_shapes(net, np.zeros((5, 2)))
    assert x == (5, 2)
    first, second = layers
    assert (first.W, first.b, first.Z, first.A, first.dZ, first.dW, first.db) == (
        (2, 3), (3,), (5, 3), (5, 3), (5, 3), (2, 3), (3,))
    assert (second.W, second.Z, second.dW) == ((3, 1), (5, 1), (3, 1))


def test_shapes_of_the_playground_default_network():
    from core import experiment
    from ui.playground.settings import DEFAULTS

    _, trainer = experiment.build(DEFAULTS.to_config())
    net, X = trainer.network, trainer.split.X_train
    before = net.theta.copy()
    x, layers = bs.matrix_shapes(net, X)
    np.testing.assert_array_equal(net.theta, before)
    m = X.shape[0]
    assert net.sizes == [2, 4, 4, 1] and x == (m, 2)
    assert [s.W for s in layers] == [(2, 4), (4, 4), (4, 1)]
    assert [s.Z for s in layers] == [(m, 4), (m, 4), (m, 1)]
    assert [s.dW for s in layers] == [s.W for s in layers]


# --- the picture ----------------------------------------------------------------------------
def test_network_figure_writes_every_label():
    edges = [np.array([["a", "b"], ["c", "d"]], dtype=object), np.array([["e"], ["f"]],
                                                                         dtype=object)]
    fig = figs.network_figure([2, 2, 1], [["x1", "x2"], ["h1", "h2"], ["y"]],
                              [["1", "2"], ["z 1", "z 2"], ["out"]], edges, ["I", "H", "O"],
                              active=1)
    texts = {a.text for a in fig.layout.annotations}
    assert {"a", "b", "c", "d", "e", "f", "z 1", "out", "<b>H</b>"} <= texts
    positions = [(a.x, a.y) for a in fig.layout.annotations if a.text in "abcdef"]
    assert len(set(positions)) == 6, "no two weight labels in the same place"


@pytest.mark.parametrize("example", list(bs.EXAMPLES))
def test_weight_labels_keep_clear_of_each_other(example):
    sizes = bs.EXAMPLES[example].sizes
    ys = [figs.unit_ys(n) for n in sizes]
    below = {0: figs.INPUT_BELOW, **{k: figs.VALUES_BELOW for k in range(1, len(sizes) - 1)}}
    for l in range(len(sizes) - 1):
        ends = [(l, y0, l + 1, y1, 1) for y0 in ys[l] for y1 in ys[l + 1]]
        spots = figs.place_labels(ends, below)
        for a in range(len(spots)):
            for b in range(a):
                (xa, ya), (xb, yb) = spots[a], spots[b]
                assert abs(xa - xb) >= figs.LABEL_DX or abs(ya - yb) >= figs.LABEL_DY_PER_LINE


def test_loss_surface_picture_is_darkest_at_the_minimum():
    import base64
    import zlib

    w_grid, b_grid = np.linspace(1, 5, 41), np.linspace(-2, 2, 21)
    uri = figs.surface_picture(bs.line_loss_surface(w_grid, b_grid))
    raw = base64.b64decode(uri.split(",")[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    # the IDAT rows: a filter byte then RGB per pixel; first row = highest b
    rows = zlib.decompress(raw[raw.index(b"IDAT") + 4:])
    img = np.frombuffer(rows, np.uint8).reshape(21, 1 + 41 * 3)[:, 1:].reshape(21, 41, 3)
    darkest = np.unravel_index(np.argmin(img.sum(axis=2)), (21, 41))
    assert (w_grid[darkest[1]], b_grid[::-1][darkest[0]]) == (pytest.approx(3.0),
                                                               pytest.approx(0.0))
