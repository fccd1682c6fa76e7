"""Lesson 1, One neuron: every number the page shows (core/neuron.py), held against the
formulas written out independently here, and the pictures (figures/neuron.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from figure_reader import Figures

from core import experiment
from core import neuron as N
from figures import neuron
from ui import neuron as room

draw = Figures(neuron)  # its figures read as Plotly Figures

FIRST_GUESS = (1.0, -0.5, 0.5)
WRONG = (3.0, 3.0, 0.0)


@pytest.fixture(scope="module")
def data():
    """The page's default points: two Gaussian clouds, 200 points, spread 0.3, seed 0."""
    d = experiment.make_data(experiment.Config(dataset="gaussians", samples=200, noise=0.3,
                                               seed=0))
    return d.X, d.y


# --- the maths written out by hand, independent of the engine -----------------------------
def by_hand(X, y, theta):
    """(z, a, cross-entropy, squared error, accuracy) from the textbook formulas."""
    w1, w2, b = theta
    z = w1 * X[:, 0] + w2 * X[:, 1] + b
    a = 1.0 / (1.0 + np.exp(-z))
    log_a, log_1_minus_a = -np.logaddexp(0, -z), -np.logaddexp(0, z)  # log σ, exactly
    bce = float(np.mean(-(y * log_a + (1 - y) * log_1_minus_a)))
    mse = float(np.mean((a - y) ** 2))
    return z, a, bce, mse, float(np.mean((a > 0.5) == y))


def numerical_gradient(X, y, theta, loss, h=1e-6):
    idx = 2 if loss == "bce" else 3
    out = []
    for i in range(3):
        up, down = list(theta), list(theta)
        up[i] += h
        down[i] -= h
        out.append((by_hand(X, y, up)[idx] - by_hand(X, y, down)[idx]) / (2 * h))
    return np.array(out)


# --- the neuron and its numbers -----------------------------------------------------------
def test_the_neuron_is_the_engines_network_with_w_then_b():
    net = N.neuron((0.7, -1.2, 0.3), "mse")
    assert net.sizes == [2, 1] and net.activations == ["sigmoid"] and net.loss.name == "mse"
    assert net.W[0].tolist() == [[0.7], [-1.2]] and net.b[0].tolist() == [0.3]
    assert net.theta.tolist() == [0.7, -1.2, 0.3]


@pytest.mark.parametrize("theta", [FIRST_GUESS, WRONG, (-1.4, -1.7, 0.2), (0.0, 0.0, 0.0)])
def test_costs_gradients_and_accuracy_match_the_formulas(data, theta):
    X, y = data
    reading = N.read(X, y, theta)
    _, _, bce, mse, accuracy = by_hand(X, y, theta)
    assert reading.cost["bce"] == pytest.approx(bce, rel=1e-10)
    assert reading.cost["mse"] == pytest.approx(mse, rel=1e-10)
    assert reading.accuracy == pytest.approx(accuracy)
    for loss in N.LOSSES:
        assert np.allclose(reading.grad[loss], numerical_gradient(X, y, theta, loss),
                           rtol=1e-5, atol=1e-8)


def test_the_numbers_the_page_opens_with(data):
    reading = N.read(*data, FIRST_GUESS)
    shown = [room.fmt(reading.cost["bce"]), room.fmt(reading.cost["mse"]),
             f"{reading.accuracy:.1%}", *(room.fmt(g) for g in reading.grad["bce"])]
    assert shown == ["1.5625", "0.5063", "26.0%", "1.6367", "1.2082", "0.0962"]


def test_cross_entropy_gradient_is_a_minus_y_times_x(data):
    # article 002: with a sigmoid output the cross-entropy gradient is (a - y) x, no σ'
    X, y = data
    _, a, *_ = by_hand(X, y, WRONG)
    g = N.read(X, y, WRONG).grad["bce"]
    assert np.allclose(g, [np.mean((a - y) * X[:, 0]), np.mean((a - y) * X[:, 1]),
                           np.mean(a - y)])


def test_a_confidently_wrong_neuron_has_a_flat_squared_error_but_steep_cross_entropy(data):
    reading = N.read(*data, WRONG)
    assert reading.cost["mse"] > 0.95 and reading.accuracy < 0.05
    assert np.linalg.norm(reading.grad["mse"]) < 0.01
    assert np.linalg.norm(reading.grad["bce"]) > 1.0


def test_huge_weights_give_finite_numbers(data):
    X, y = data
    for theta in [(1e6, 1e6, -1e6), (-1e6, 1e6, 1e6), (1e300, 0.0, 0.0)]:
        reading = N.read(X, y, theta)
        values = [*reading.cost.values(), *(g for gs in reading.grad.values() for g in gs)]
        assert all(math.isfinite(v) for v in values)


# --- gradient descent ---------------------------------------------------------------------
def test_each_step_of_the_path_is_w_minus_lr_times_the_gradient(data):
    X, y = data
    path = N.descent_path(X, y, FIRST_GUESS, "bce", lr=0.3, steps=5)
    assert path.theta.shape == (6, 3) and path.steps == 5
    assert path.theta[0].tolist() == list(FIRST_GUESS)
    for before, after in zip(path.theta[:-1], path.theta[1:]):
        assert np.allclose(after, before - 0.3 * numerical_gradient(X, y, before, "bce"),
                           atol=1e-7)


def test_the_path_records_both_costs_at_every_step(data):
    X, y = data
    path = N.descent_path(X, y, FIRST_GUESS, "mse", lr=1.0, steps=20)
    for loss, idx in (("bce", 2), ("mse", 3)):
        assert path.cost[loss].shape == (21,)
        assert np.allclose(path.cost[loss], [by_hand(X, y, t)[idx] for t in path.theta])


def test_a_small_learning_rate_goes_downhill_all_the_way(data):
    path = N.descent_path(*data, FIRST_GUESS, "bce", lr=0.3, steps=100)
    assert np.all(np.diff(path.cost["bce"]) < 0)
    assert path.cost["bce"][-1] < 0.05 and N.read(*data, path.theta[-1]).accuracy > 0.98


def test_from_confidently_wrong_cross_entropy_recovers_squared_error_does_not(data):
    # the promise of the lesson's notice (article 002), at the page's default α and steps
    bce = N.descent_path(*data, WRONG, "bce", lr=0.3, steps=100)
    mse = N.descent_path(*data, WRONG, "mse", lr=0.3, steps=100)
    assert bce.cost["bce"][-1] < 0.1
    assert mse.cost["mse"][-1] > 0.9
    assert N.read(*data, mse.theta[-1]).accuracy < 0.05


def test_an_enormous_learning_rate_jumps_about_but_stays_finite(data):
    path = N.descent_path(*data, FIRST_GUESS, "bce", lr=100.0, steps=500)
    assert not path.stopped and np.isfinite(path.theta).all()
    assert all(np.isfinite(c).all() for c in path.cost.values())
    assert np.abs(path.theta[:, :2]).max() > room.LIMIT  # what the page warns about


def test_a_path_that_overflows_stops_at_its_last_finite_row(data):
    path = N.descent_path(*data, (1e307, 1e307, 0.0), "bce", lr=1e308, steps=10)
    assert path.stopped and np.isfinite(path.theta).all()


def test_other_optimizers_of_the_engine_work_too(data):
    path = N.descent_path(*data, FIRST_GUESS, "bce", lr=0.1, steps=50, optimizer="adam")
    assert path.cost["bce"][-1] < path.cost["bce"][0]


# --- landscape, surface, line -------------------------------------------------------------
def test_the_landscape_is_the_cost_at_every_grid_point(data):
    X, y = data
    w1, w2 = np.linspace(-3, 3, 7), np.linspace(-2, 2, 5)
    for loss, idx in (("bce", 2), ("mse", 3)):
        J = N.landscape(X, y, w1, w2, 0.4, loss)
        assert J.shape == (5, 7)
        for i, j in [(0, 0), (2, 3), (4, 6), (1, 5)]:
            assert J[i, j] == pytest.approx(by_hand(X, y, (w1[j], w2[i], 0.4))[idx])


def test_the_cross_entropy_landscape_is_a_bowl_squared_error_has_plateaus(data):
    w = np.linspace(-6, 6, 41)
    bce = N.landscape(*data, w, w, 0.0, "bce")
    mse = N.landscape(*data, w, w, 0.0, "mse")
    i, j = np.unravel_index(bce.argmin(), bce.shape)
    assert w[j] < 0 and w[i] < 0  # class 1 sits at the lower left
    # far up the wrong side squared error is flat (< 1 % change), cross-entropy still climbs
    assert abs(mse[-1, -1] - mse[-3, -3]) < 0.01 * mse[-1, -1]
    assert bce[-1, -1] - bce[-3, -3] > 1.0


def test_the_surface_is_sigmoid_of_z_over_the_plane():
    x1, x2 = np.linspace(-6, 6, 5), np.linspace(-4, 4, 3)
    a = N.surface(FIRST_GUESS, x1, x2)
    assert a.shape == (3, 5)
    assert a[2, 4] == pytest.approx(1 / (1 + np.exp(-(1.0 * 6 - 0.5 * 4 + 0.5))))
    assert a[0, 0] == pytest.approx(1 / (1 + np.exp(-(1.0 * -6 - 0.5 * -4 + 0.5))))


@pytest.mark.parametrize("theta", [FIRST_GUESS, (0.0, 2.0, 1.0), (3.0, 0.0, -1.0),
                                   (1e-9, 1.0, 0.0), (5.0, 0.1, 2.0)])
def test_the_line_is_where_z_is_zero(theta):
    line = N.boundary(theta, -6, 6)
    w1, w2, b = theta
    assert line.shape == (2, 2) and np.all(np.isfinite(line))
    assert np.allclose(w1 * line[:, 0] + w2 * line[:, 1] + b, 0.0, atol=1e-9)


def test_no_line_without_weights():
    assert N.boundary((0.0, 0.0, 1.0), -6, 6) is None


# --- the 0/1 perceptron -------------------------------------------------------------------
def test_step_outputs_zero_or_one():
    assert N.step(np.array([-2.0, 0.0, 1e-12, 3.0])).tolist() == [0.0, 0.0, 1.0, 1.0]


def test_perceptron_cost_is_the_share_of_points_it_gets_wrong(data):
    X, y = data
    w1 = np.linspace(-2, 2, 9)
    c = N.perceptron_and_sigmoid(X, y, w1, -0.5, 0.5)
    for k, w in enumerate(w1):
        z, _, _, mse, _ = by_hand(X, y, (w, -0.5, 0.5))
        assert c.perceptron[k] == pytest.approx(np.mean((z > 0) != y))
        assert c.sigmoid[k] == pytest.approx(mse)


def test_perceptron_cost_is_a_staircase_sigmoid_cost_is_smooth(data):
    X, y = data
    w1 = np.linspace(0.5, 1.5, 801)  # the page's close look around w1 = 1
    c = N.perceptron_and_sigmoid(X, y, w1, -0.5, 0.5)
    jumps = np.diff(c.perceptron)
    assert np.mean(jumps == 0) > 0.8  # flat almost everywhere
    assert np.allclose(np.abs(jumps[jumps != 0]) * len(y), np.round(np.abs(jumps) * len(y))
                       [jumps != 0])  # each jump is a whole number of points
    assert np.all(np.diff(c.sigmoid) != 0)  # every small change of w1 changes J


def test_a_nudge_moves_only_the_sigmoid_and_matches_its_gradient(data):
    X, y = data
    nudge = N.nudge(X, y, FIRST_GUESS, room.NUDGE)
    assert nudge.change_perceptron == 0.0 and nudge.slope_perceptron == 0.0
    assert nudge.slope_sigmoid == pytest.approx(N.read(X, y, FIRST_GUESS).grad["mse"][0],
                                                rel=1e-2)
    assert [room.fmt(nudge.change_sigmoid), room.fmt(nudge.slope_sigmoid)] == [
        "0.000356", "0.3560"]


# --- what the page does with numbers ------------------------------------------------------
def test_numbers_are_shown_short_and_never_as_nan():
    assert room.fmt(1.5625247) == "1.5625"
    assert room.fmt(-0.00299) == "-0.0030" and room.fmt(0.000356) == "0.000356"
    assert room.fmt(4108402.9) == "4.11e+06"
    assert room.fmt(0.0) == "0"
    assert room.signed(-0.25) == "-0.2500" and room.signed(0.0) is None
    assert room.signed(math.nan) is None


def test_the_formula_shows_the_current_numbers_with_their_signs():
    tex = room.formula(1.0, -0.5, 0.5)
    assert tex.startswith("z = 1.00") and "- 0.50\\;x_2" in tex and "+ 0.50" in tex


def test_link_values_are_clamped_or_ignored_with_a_note():
    values, notes = room.from_link({"w1": "1e6", "w2": "abc", "b": "-2.5", "lr": "100"})
    assert values["w1"] == room.LIMIT and values["b"] == -2.5
    assert values["w2"] == room.DEFAULTS["w2"]
    assert ("clamped", "w1", 1e6, -room.LIMIT, room.LIMIT, room.LIMIT) in notes
    assert ("junk", "w2", "abc") in notes and len(notes) == 2
    values, notes = room.from_link({"w1": "nan", "b": "inf"})
    assert values["w1"] == room.DEFAULTS["w1"] and values["b"] == room.DEFAULTS["b"]
    assert [n[0] for n in notes] == ["junk", "junk"]


# --- pictures -----------------------------------------------------------------------------
PLANE_LABELS = {"title": "T", "class0": "c0", "class1": "c1", "line": "L", "colorbar": "a",
                "start_line": "S"}
MAP_LABELS = {"title": "T", "colorbar": "J", "current": "now", "path": "P", "start": "s",
              "end": "e", "play": "▶", "step": "k"}


def test_plane_draws_the_output_the_points_and_the_line(data):
    X, y = data
    grid = np.linspace(-6, 6, 11)
    a = N.surface(FIRST_GUESS, grid, grid)
    line = N.boundary(FIRST_GUESS, -6, 6)
    fig = draw.plane(grid, grid, a, X, y, line, PLANE_LABELS)
    heat, c0, c1, drawn = fig.data
    assert np.array_equal(heat.z, a) and (heat.zmin, heat.zmax) == (0.0, 1.0)
    assert len(c0.x) == np.sum(y == 0) and len(c1.x) == np.sum(y == 1)
    assert np.allclose(drawn.x, line[:, 0]) and drawn.name == "L"
    assert fig.layout.title.text == "T"
    assert fig.layout.yaxis.scaleanchor == "x"  # square, so (w1, w2) looks perpendicular
    assert len(draw.plane(grid, grid, a, X, y, None, PLANE_LABELS).data) == 3
    with_start = draw.plane(grid, grid, a, X, y, line, PLANE_LABELS, start_line=line)
    assert [t.name for t in with_start.data[3:]] == ["S", "L"]


def test_landscape_replays_the_path_in_at_most_forty_frames(data):
    w = np.linspace(-6, 6, 9)
    J = N.landscape(*data, w, w, 0.0, "bce")
    path = N.descent_path(*data, FIRST_GUESS, "bce", 0.3, 200)
    fig = draw.landscape(w, w, J, (1.0, -0.5), path.theta[:, :2], MAP_LABELS)
    assert 2 <= len(fig.frames) <= draw.MAX_FRAMES
    assert fig.frames[0].data[0].x[0] == path.theta[0, 0]
    assert fig.frames[-1].data[0].x[0] == path.theta[-1, 0]
    assert fig.layout.updatemenus[0].buttons[0].label == "▶"
    assert list(fig.layout.xaxis.range) == [-6.0, 6.0]
    plain = draw.landscape(w, w, J, (1.0, -0.5), None, MAP_LABELS)
    assert len(plain.frames) == 0 and len(plain.data) == 2 and not plain.layout.updatemenus


def test_cost_by_step_draws_the_minimised_loss_solid(data):
    path = N.descent_path(*data, FIRST_GUESS, "mse", 0.3, 10)
    fig = draw.cost_by_step(path.cost, {"bce": "CE", "mse": "SE"}, "mse",
                            {"title": "T", "x": "k", "y": "J"})
    lines = {t.name: t for t in fig.data}
    assert lines["SE"].line.dash == "solid" and lines["CE"].line.dash == "dot"
    assert np.allclose(lines["SE"].y, path.cost["mse"])


def test_perceptron_pictures(data):
    z = np.linspace(-6, 6, 13)
    fig = draw.step_and_sigmoid(z, N.step(z), 1 / (1 + np.exp(-z)),
                                {"title": "T", "perceptron": "P", "sigmoid": "S"})
    assert fig.data[0].line.shape == "hv" and set(fig.data[0].y) == {0.0, 1.0}
    c = N.perceptron_and_sigmoid(*data, np.linspace(0.5, 1.5, 11), -0.5, 0.5)
    fig = draw.perceptron_cost(c.w1, c.perceptron, c.sigmoid, 1.0,
                               {"title": "T", "perceptron": "P", "sigmoid": "S",
                                "current": "now"})
    assert fig.layout.shapes[0].x0 == 1.0 and fig.layout.annotations[0].text == "now"


def test_every_figure_passes_plotlys_own_validation(data):
    # the page builds them without validation (for speed); Plotly checks them here
    import plotly.graph_objects as go

    X, y = data
    grid = np.linspace(-6, 6, 7)
    line = N.boundary(FIRST_GUESS, -6, 6)
    path = N.descent_path(X, y, FIRST_GUESS, "bce", 0.3, 20)
    c = N.perceptron_and_sigmoid(X, y, np.linspace(0.5, 1.5, 11), -0.5, 0.5)
    names = {"title": "T", "perceptron": "P", "sigmoid": "S", "current": "now"}
    figures = [
        draw.plane(grid, grid, N.surface(FIRST_GUESS, grid, grid), X, y, line, PLANE_LABELS,
                   start_line=line),
        draw.landscape(grid, grid, N.landscape(X, y, grid, grid, 0.0), (1.0, -0.5),
                       path.theta[:, :2], MAP_LABELS),
        draw.cost_by_step(path.cost, {"bce": "CE", "mse": "SE"}, "bce",
                          {"title": "T", "x": "k", "y": "J"}),
        draw.step_and_sigmoid(grid, N.step(grid), 1 / (1 + np.exp(-grid)), names),
        draw.perceptron_cost(c.w1, c.perceptron, c.sigmoid, 1.0, names),
    ]
    for fig in figures:
        spec = fig.to_dict()
        go.Figure(spec)  # raises on any property Plotly does not know
        assert "NaN" not in fig.to_json()


def test_the_notices_promises_about_the_line(data):
    # "larger weights keep the line where it is"; "flip the signs: the same line, every
    # point on the wrong side; cross-entropy shoots up, squared error stops near 1"
    fitted = np.array([-1.4131, -1.6734, 0.1818])
    line = N.boundary(fitted, -6, 6)
    assert np.allclose(N.boundary(3 * fitted, -6, 6), line)
    assert np.allclose(N.boundary(-fitted, -6, 6), line)
    flipped = N.read(*data, -fitted)
    assert flipped.accuracy < 0.01
    assert flipped.cost["bce"] > 5 and 0.95 < flipped.cost["mse"] < 1.0
