"""The loss surfaces and descents of lesson 4: every number the page shows, recomputed by
hand (article 001's y = 3x numbers, one step of each optimizer, the sigmoid-output
gradients), gradients against numerical ones, the crawl/oscillate/diverge verdicts, the
convexity claim measured, and the figures valid for Plotly with no NaN in them."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from figure_reader import Figures

from core import optimizers, surfaces
from core.surfaces import SURFACES
from figures import descent

fig = Figures(descent)  # its figures read as Plotly Figures

rng = np.random.default_rng(7)


def by_hand_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def numerical_gradient(s, theta, h=1e-6):
    out = np.zeros(2)
    for k in range(2):
        e = np.zeros(2)
        e[k] = h
        out[k] = (s.value(theta + e) - s.value(theta - e)) / (2 * h)
    return out


def inner_points(s, n=6):
    (a1, b1), (a2, b2) = s.box
    return np.stack([rng.uniform(a1, b1, n), rng.uniform(a2, b2, n)], axis=1)


# --- the surfaces ---------------------------------------------------------------------------
def test_the_y_equals_3x_surface_gives_article_001s_numbers():
    s = SURFACES["line"]
    theta = np.array([2.269, 1.01])
    assert round(float(s.value(theta)), 3) == 13.647
    np.testing.assert_allclose(s.gradient(theta), [-45.052, -5.5824], atol=5e-5)
    assert s.start == (2.269, 1.01)
    assert s.value(np.array([3.0, 0.0])) == 0.0


def test_the_model_surfaces_are_their_losses_by_hand():
    x, y = surfaces.LOGISTIC_X, surfaces.LOGISTIC_Y
    for w, b in inner_points(SURFACES["logistic"]):
        a = by_hand_sigmoid(w * x + b)
        bce = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
        assert SURFACES["logistic"].value(np.array([w, b])) == pytest.approx(bce, rel=1e-9)
        assert SURFACES["logistic_mse"].value(np.array([w, b])) == pytest.approx(
            np.mean((a - y) ** 2), rel=1e-9)
        line = np.mean((w * surfaces.LINE_X + b - surfaces.LINE_Y) ** 2)
        assert SURFACES["line"].value(np.array([w, b])) == pytest.approx(line, rel=1e-12)


@pytest.mark.parametrize("name", SURFACES)
def test_gradients_match_numerical_ones(name):
    s = SURFACES[name]
    for theta in inner_points(s):
        np.testing.assert_allclose(s.gradient(theta), numerical_gradient(s, theta),
                                   rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", SURFACES)
def test_a_grid_gives_the_same_numbers_as_single_points(name):
    s = SURFACES[name]
    grid = inner_points(s, 6).reshape(2, 3, 2)
    values, grads = s.value(grid), s.gradient(grid)
    assert values.shape == (2, 3) and grads.shape == (2, 3, 2)
    for i in range(2):
        for j in range(3):
            assert values[i, j] == pytest.approx(float(s.value(grid[i, j])), rel=1e-12)
            np.testing.assert_allclose(grads[i, j], s.gradient(grid[i, j]), rtol=1e-12)


@pytest.mark.parametrize("name", SURFACES)
def test_the_minimum_is_flat_and_lowest(name):
    s = SURFACES[name]
    theta, lowest = s.minimum
    np.testing.assert_allclose(s.gradient(np.array(theta)), 0.0, atol=1e-6)
    assert s.value(np.array(theta)) == pytest.approx(lowest, abs=1e-12)
    t1, t2, L = s.grid(41)
    assert L.min() >= lowest - 1e-9


def test_the_grid_is_laid_out_as_contour_plots_expect():
    s = SURFACES["ravine"]
    t1, t2, L = s.grid(5)
    assert L[1, 3] == pytest.approx(s.value(np.array([t1[3], t2[1]])))


# --- descents: one step of each optimizer by hand ----------------------------------------------
@pytest.mark.parametrize("name", SURFACES)
def test_one_step_of_each_optimizer_by_hand(name):
    s = SURFACES[name]
    lr = 0.01
    theta0 = np.array(s.start)
    g = s.gradient(theta0)
    sgd = surfaces.descend(s, "sgd", s.start, lr, 1)
    np.testing.assert_allclose(sgd.theta[1], theta0 - lr * g, rtol=1e-12)
    momentum = surfaces.descend(s, "momentum", s.start, lr, 1)
    np.testing.assert_allclose(momentum.velocity[0], g)  # v = 0.9 * 0 + g
    np.testing.assert_allclose(momentum.theta[1], theta0 - lr * g, rtol=1e-12)
    adam = surfaces.descend(s, "adam", s.start, lr, 1)
    np.testing.assert_allclose(adam.m_hat[0], g, rtol=1e-12)  # m^ = 0.1 g / (1 - 0.9)
    np.testing.assert_allclose(adam.v_hat[0], g * g, rtol=1e-12)  # v^ = 0.001 g^2 / 0.001
    np.testing.assert_allclose(adam.theta[1], theta0 - lr * g / (np.abs(g) + 1e-8),
                               rtol=1e-12)
    for p in (sgd, momentum, adam):
        np.testing.assert_allclose(p.grad[0], g)
        assert p.loss[1] == pytest.approx(float(s.value(p.theta[1])))


def test_two_steps_of_momentum_and_adam_by_hand():
    s = SURFACES["saddle"]
    lr, t = 0.1, np.array(s.start)
    v, m, u = np.zeros(2), np.zeros(2), np.zeros(2)
    mom_t, adam_t = t.copy(), t.copy()
    for step in (1, 2):
        g = s.gradient(mom_t)
        v = 0.9 * v + g
        mom_t = mom_t - lr * v
        g = s.gradient(adam_t)
        m, u = 0.9 * m + 0.1 * g, 0.999 * u + 0.001 * g * g
        m_hat, v_hat = m / (1 - 0.9 ** step), u / (1 - 0.999 ** step)
        adam_t = adam_t - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
    momentum = surfaces.descend(s, "momentum", s.start, lr, 2)
    adam = surfaces.descend(s, "adam", s.start, lr, 2)
    np.testing.assert_allclose(momentum.theta[2], mom_t, rtol=1e-12)
    np.testing.assert_allclose(momentum.velocity[1], v, rtol=1e-12)
    np.testing.assert_allclose(adam.theta[2], adam_t, rtol=1e-12)
    np.testing.assert_allclose(adam.m_hat[1], m_hat, rtol=1e-12)
    np.testing.assert_allclose(adam.v_hat[1], v_hat, rtol=1e-12)


def test_adam_reports_its_bias_corrected_moments():
    opt = optimizers.Adam(0.1)
    assert opt.corrected_moments() == ([], [])
    p, g = np.array([1.0, -2.0]), np.array([0.5, 3.0])
    opt.step([p], [g])
    m_hat, v_hat = opt.corrected_moments()
    np.testing.assert_allclose(m_hat[0], g)
    np.testing.assert_allclose(v_hat[0], g * g)
    m_hat[0][:] = 99.0  # a copy: reading the state never changes it
    np.testing.assert_allclose(opt.corrected_moments()[0][0], g)


# --- what happened: crawl, reach, oscillate, diverge -----------------------------------------
def verdicts(name, lr, steps=100, start=None):
    s = SURFACES[name]
    return {o: surfaces.verdict(surfaces.descend(s, o, start or s.start, lr, steps),
                                s.minimum[1]) for o in ("sgd", "momentum", "adam")}


@pytest.mark.parametrize("name, expected", [
    ("line", {"sgd": "crawls", "momentum": "reached", "adam": "crawls"}),
    ("ravine", {"sgd": "crawls", "momentum": "reached", "adam": "crawls"}),
    ("saddle", {"sgd": "crawls", "momentum": "reached", "adam": "reached"}),
    ("logistic", {"sgd": "crawls", "momentum": "reached", "adam": "reached"}),
])
def test_the_default_views_show_the_optimizers_characters(name, expected):
    assert verdicts(name, SURFACES[name].lr) == expected


def test_too_small_crawls_and_too_large_diverges_or_oscillates():
    assert set(verdicts("line", 1e-4).values()) == {"crawls"}
    assert verdicts("line", 100.0) == {"sgd": "diverged", "momentum": "diverged",
                                       "adam": "oscillates"}
    assert verdicts("ravine", 0.3)["sgd"] == "diverged"  # 0.3 * 15 > 2: unstable across
    assert verdicts("logistic", 100.0)["sgd"] == "oscillates"  # bounded gradient: no blow-up


@pytest.mark.parametrize("name", SURFACES)
def test_a_diverging_path_is_cut_at_its_last_finite_point(name):
    s = SURFACES[name]
    for o in ("sgd", "momentum", "adam"):
        p = surfaces.descend(s, o, (s.box[0][1], s.box[1][0]), 100.0, 500)
        assert np.all(np.isfinite(p.theta)) and np.all(np.isfinite(p.loss))
        assert len(p.theta) == p.steps + 1 == len(p.loss)
        if p.diverged:
            assert p.steps < 500
            assert surfaces.verdict(p, s.minimum[1]) == "diverged"


def test_steps_are_clamped():
    s = SURFACES["ravine"]
    assert surfaces.descend(s, "sgd", s.start, 0.01, 10**9).steps == surfaces.MAX_STEPS
    assert surfaces.descend(s, "sgd", s.start, 0.01, -5).steps == 0


def test_the_verdict_rules_on_made_up_paths():
    def path(loss, diverged=False):
        loss = np.asarray(loss, float)
        n = len(loss) - 1
        return surfaces.Path("sgd", 0.1, np.zeros((n + 1, 2)), loss, np.zeros((n, 2)), None,
                             None, None, diverged, n)
    assert surfaces.verdict(path([10, 5, 0.005]), 0.0) == "reached"
    assert surfaces.verdict(path([10, 9, 8, 7, 6]), 0.0) == "crawls"
    assert surfaces.verdict(path([10, 4, 6, 3, 5, 2, 4]), 0.0) == "oscillates"
    assert surfaces.verdict(path([10, 20, 30]), 0.0) == "oscillates"  # worse, but finite
    assert surfaces.verdict(path([10, 1e9], diverged=True), 0.0) == "diverged"

    def flat(loss, grad):  # a path whose gradient shrank from 1 to ``grad``
        p = path(loss)
        g = np.zeros((len(loss) - 1, 2))
        g[:, 0] = np.geomspace(1.0, grad, len(loss) - 1)
        return surfaces.Path("sgd", 0.1, p.theta, p.loss, g, None, None, None, False, p.steps)
    assert surfaces.verdict(flat([10, 5, 5, 5, 5], 1e-6), 0.0) == "stalled"
    assert surfaces.verdict(flat([10, 5, 5, 5, 5], 0.5), 0.0) == "crawls"  # a slope is left
    assert surfaces.verdict(flat([10, 9, 8, 7, 6], 1e-6), 0.0) == "crawls"  # still moving


def test_squared_error_stalls_on_a_plateau_at_a_huge_learning_rate():
    # what section 3's notice promises: at alpha = 100 all three stall at 0.25, above the
    # best fit's 0.179, in the picture's default 100 steps and in 500
    s = SURFACES["logistic_mse"]
    assert round(s.minimum[1], 3) == 0.179
    for steps in (100, 500):
        assert set(verdicts("logistic_mse", 100.0, steps).values()) == {"stalled"}
        for o in ("sgd", "momentum", "adam"):
            assert round(float(surfaces.descend(s, o, s.start, 100.0, steps).loss[-1]), 2) == 0.25


# --- convexity, measured -------------------------------------------------------------------
def test_cross_entropy_is_a_bowl_and_squared_error_is_not():
    assert surfaces.bends_down_share(SURFACES["logistic"]) == 0.0
    assert surfaces.bends_down_share(SURFACES["logistic_mse"]) > 0.5
    assert surfaces.bends_down_share(SURFACES["line"]) == 0.0


def test_the_saddle_curves_down_one_way_and_up_the_other():
    eig = np.linalg.eigvalsh(surfaces.hessian(SURFACES["saddle"], np.zeros(2)))
    np.testing.assert_allclose(eig, [-1.0, 1.0], atol=1e-6)


def test_squared_error_with_a_sigmoid_stalls_on_a_plateau_cross_entropy_does_not():
    start, lr = (-5.0, 5.0), 0.3
    mse, bce = SURFACES["logistic_mse"], SURFACES["logistic"]
    stuck = surfaces.descend(mse, "sgd", start, lr, 100)
    assert stuck.loss[-1] - mse.minimum[1] > 0.3  # still far above the best fit
    assert surfaces.verdict(surfaces.descend(bce, "sgd", start, lr, 100), bce.minimum[1]) == \
        "reached"


# --- one sigmoid output, two losses (the numbers of section 1) --------------------------------
@pytest.mark.parametrize("z, y", [(-4.0, 1), (-6.0, 1), (3.0, 0), (0.5, 1), (8.0, 1)])
def test_sigmoid_output_losses_by_hand(z, y):
    a = by_hand_sigmoid(z)
    out = surfaces.sigmoid_output_losses([z], y)
    assert out["mse"][0][0] == pytest.approx((a - y) ** 2, rel=1e-9)
    assert out["bce"][0][0] == pytest.approx(-(y * np.log(a) + (1 - y) * np.log(1 - a)),
                                             rel=1e-9)
    assert out["mse"][1][0] == pytest.approx(2 * (a - y) * a * (1 - a), rel=1e-9)
    assert out["bce"][1][0] == pytest.approx(a - y, rel=1e-9)


def test_a_confidently_wrong_unit_gets_28_times_the_push_from_cross_entropy():
    out = surfaces.sigmoid_output_losses([-4.0], 1)
    assert round(out["bce"][1][0] / out["mse"][1][0], 1) == 28.3
    assert round(out["mse"][1][0], 3) == -0.035 and round(out["bce"][1][0], 3) == -0.982


def test_the_curves_stay_finite_at_the_ends():
    out = surfaces.sigmoid_output_losses(np.linspace(-40, 40, 9), 1)
    assert all(np.all(np.isfinite(v)) for pair in out.values() for v in pair)


# --- figures: valid for Plotly, no NaN, animated without the server -------------------------
LABELS = fig.SurfaceLabels("t", "w", "b", "L", "start", "min", "step ", "▶", "❚❚")


def surface_figure(name, lr, three_d, steps=100):
    s = SURFACES[name]
    paths = {o: surfaces.descend(s, o, s.start, lr, steps) for o in ("sgd", "momentum", "adam")}
    lines = [fig.PathLine(o, p.theta, p.loss, fig.OPTIMIZER_COLORS[o]) for o, p in paths.items()]
    arrows = [fig.Arrow(tuple(p.theta[0]), tuple(p.theta[0] - lr * p.grad[0]), "#000")
              for p in paths.values() if p.steps]
    t1, t2, L = s.grid(21)
    return fig.surface(t1, t2, L, s.minimum[1], lines, s.start, s.minimum[0], LABELS,
                       three_d=three_d, arrows=arrows)


@pytest.mark.parametrize("three_d", [False, True])
@pytest.mark.parametrize("lr", [0.01, 100.0])
def test_the_surface_figure_is_valid_plotly_with_no_nan(lr, three_d):
    f = surface_figure("line", lr, three_d)
    go.Figure(f.to_dict())  # Plotly's own validation, which the page skips for speed
    text = pio.to_json(f, validate=False)
    assert "NaN" not in text
    spec = json.loads(text)
    frames, drawn = spec["frames"], spec["data"][-3:]  # the three paths are drawn last
    assert len(frames) <= fig.MAX_FRAMES + 1
    assert frames[0]["name"] == "0" and all(len(d["x"]) == 1 for d in frames[0]["data"])
    for path, last in zip(drawn, frames[-1]["data"]):  # the animation stops on the still path
        assert last["x"] == path["x"] and last["y"] == path["y"]
    for frame in frames[:-1]:  # the frames before it carry a thinned path
        assert all(len(d["x"]) <= fig.MAX_FRAME_POINTS for d in frame["data"])
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"


def test_the_line_and_gap_figures_are_valid_plotly():
    c = [fig.Curve("a", np.arange(3), np.array([1.0, np.inf, 2.0]), "#000")]
    f = fig.lines(c, [fig.Marker(0.0, 1.0, "#000", "1")], "t", "x", "y")
    go.Figure(f.to_dict())
    assert "NaN" not in pio.to_json(f, validate=False)
    s = SURFACES["ravine"]
    p = surfaces.descend(s, "momentum", s.start, s.lr, 100)
    g = fig.gaps([fig.PathLine("m", p.theta, p.loss, "#000")], 0.0, "t", "x", "y")
    go.Figure(g.to_dict())
    assert min(g.data[0].y) >= 1e-12  # exact zeros kept on a log axis


def test_arrows_are_shortened_at_the_edge_and_dropped_from_outside():
    box = ((0.0, 1.0), (0.0, 1.0))
    assert fig.clip_to_box((0.5, 0.5), (0.7, 0.6), box) == (0.7, 0.6)
    assert fig.clip_to_box((0.5, 0.5), (2.5, 0.5), box) == (1.0, 0.5)
    assert fig.clip_to_box((5.0, 0.5), (0.5, 0.5), box) is None


def test_a_long_zigzag_ends_its_animation_on_every_point():
    # SGD bouncing across the ravine: a thinned last frame would alias the zigzag away
    s = SURFACES["ravine"]
    p = surfaces.descend(s, "sgd", s.start, 0.13, 500)
    t1, t2, L = s.grid(21)
    f = fig.surface(t1, t2, L, s.minimum[1], [fig.PathLine("SGD", p.theta, p.loss, "#d62728")],
                    s.start, s.minimum[0], LABELS)
    last = f.frames[-1].data[0]
    assert len(last.x) == p.steps + 1 == 501
    np.testing.assert_allclose(last.y, p.theta[:, 1])


def test_frames_end_on_the_last_step():
    assert fig.frame_steps(5) == [0, 1, 2, 3, 4, 5]
    ks = fig.frame_steps(500)
    assert ks[0] == 0 and ks[-1] == 500 and len(ks) <= fig.MAX_FRAMES + 1
