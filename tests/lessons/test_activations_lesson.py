"""Every number the Activation functions lesson shows: saturation zones, softmax with a
temperature (sums to 1, both limits), the product of slopes through L layers, a linear
network collapsed into one matrix, the linear-vs-tanh fit and the measured gradients;
and the checks that turn typed values into usable ones."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core import Config, Network, build, nonlinearity
from core.activations import ACTIVATIONS, softmax, softmax_temperature
from figures import activations as fig
from ui import activations as room


# --- saturation ---------------------------------------------------------------------------
@pytest.mark.parametrize("name, peak", [("sigmoid", 0.25), ("tanh", 1.0), ("relu", 1.0),
                                        ("leaky_relu", 1.0), ("elu", 1.0), ("linear", 1.0)])
def test_steepest_slope(name, peak):
    assert nonlinearity.derivative_peak(name) == pytest.approx(peak, abs=1e-9)


SIGMOID_EDGE = math.log((1 - math.sqrt(0.95)) / (1 + math.sqrt(0.95)))  # a(1-a) = 0.0125
TANH_EDGE = math.atanh(math.sqrt(0.95))  # 1 - a^2 = 0.05


@pytest.mark.parametrize("name, expected", [
    ("sigmoid", [(-6.0, SIGMOID_EDGE), (-SIGMOID_EDGE, 6.0)]),
    ("tanh", [(-6.0, -TANH_EDGE), (TANH_EDGE, 6.0)]),
    ("elu", [(-6.0, math.log(0.05))]),  # g'(z) = e^z for z < 0
    ("relu", [(-6.0, 0.0)]),  # slope exactly 0
    ("leaky_relu", [(-6.0, 0.0)]),  # slope 0.01 < 5 % of 1
    ("linear", []),
])
def test_saturation_zones_on_the_default_range(name, expected):
    zones = nonlinearity.saturation_zones(name, -6.0, 6.0)
    assert len(zones) == len(expected)
    for (a, b), (ea, eb) in zip(zones, expected):
        assert a == pytest.approx(ea, abs=1e-9) and b == pytest.approx(eb, abs=1e-9)
    assert SIGMOID_EDGE == pytest.approx(-4.3565, abs=1e-4)  # the value the lesson quotes
    assert TANH_EDGE == pytest.approx(2.1783, abs=1e-4)


def test_zones_are_where_the_slope_is_under_five_percent_and_follow_the_range():
    z = np.linspace(-10, 10, 2001)
    slope = nonlinearity.curves("sigmoid", z)[1]
    np.testing.assert_array_equal(nonlinearity.saturated("sigmoid", z), slope < 0.0125)
    assert nonlinearity.saturation_zones("sigmoid", -3.0, 3.0) == []
    assert nonlinearity.saturation_zones("tanh", 5.0, 1e6) == [(5.0, 1e6)]
    # over a huge range the bend near 0 is still found (and drawn: sample_points)
    zones = nonlinearity.saturation_zones("tanh", -1e6, 1e6)
    assert [round(e, 4) for zone in zones for e in zone] == [-1e6, -2.1783, 2.1783, 1e6]
    z = nonlinearity.sample_points(-1e6, 1e6)
    assert z[0] == -1e6 and z[-1] == 1e6 and np.all(np.diff(z) > 0)
    assert np.sum(np.abs(z) < 10) >= 800
    with pytest.raises(ValueError):
        nonlinearity.saturation_zones("tanh", 1.0, 1.0)


def test_curves_use_the_engine_registry():
    z = np.array([-2.0, 0.5, 3.0])
    for name, act in ACTIVATIONS.items():
        a, da = nonlinearity.curves(name, z)
        np.testing.assert_array_equal(a, act.function(z))
        np.testing.assert_array_equal(da, act.derivative(act.function(z)))


# --- softmax with a temperature ------------------------------------------------------------
def test_the_default_softmax_numbers():
    p = softmax_temperature(np.array([2.0, 1.0, 0.1]), 1.0)
    np.testing.assert_allclose(p, [0.659001, 0.242433, 0.098566], atol=1e-6)
    np.testing.assert_allclose(p, softmax(np.array([[2.0, 1.0, 0.1]]))[0], atol=1e-15)


@pytest.mark.parametrize("T", room.TEMPERATURES + (math.inf, 1e-300))
def test_softmax_sums_to_one_at_every_temperature_even_for_huge_inputs(T):
    for z in ([2.0, 1.0, 0.1], [1e6, -1e6, 0.0], [1e9, 1e9 - 1, -1e9], [0.0, 0.0]):
        with np.errstate(all="raise"):
            p = softmax_temperature(np.array(z), T)
        assert np.isfinite(p).all() and (p >= 0).all()
        assert p.sum() == pytest.approx(1.0, abs=1e-12)


def test_temperature_limits():
    z = np.array([2.0, 1.0, 0.1])
    np.testing.assert_array_equal(softmax_temperature(z, 0.0), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(softmax_temperature(np.array([3.0, 3.0, 1.0]), 0.0),
                                  [0.5, 0.5, 0.0])  # a tie shares the weight
    np.testing.assert_allclose(softmax_temperature(z, 0.01), [1.0, 0.0, 0.0], atol=1e-40)
    np.testing.assert_allclose(softmax_temperature(z, 1e6), [1 / 3] * 3, atol=1e-6)
    np.testing.assert_array_equal(softmax_temperature(z, math.inf), [1 / 3] * 3)
    # lower temperatures only sharpen: the top probability rises as T falls
    tops = [softmax_temperature(z, T)[0] for T in (100.0, 10.0, 1.0, 0.1)]
    assert tops == sorted(tops)


def test_softmax_only_sees_differences_and_rejects_nonsense():
    z = np.array([2.0, 1.0, 0.1])
    np.testing.assert_allclose(softmax_temperature(z + 1e6, 2.0), softmax_temperature(z, 2.0),
                               atol=1e-9)
    P = softmax_temperature(np.array([[1.0, 2.0], [5.0, 5.0]]), 1.0)  # rows as samples
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    for bad_T in (-1.0, math.nan):
        with pytest.raises(ValueError):
            softmax_temperature(z, bad_T)
    with pytest.raises(ValueError):
        softmax_temperature(np.array([1.0, math.inf]), 1.0)


# --- vanishing gradients -------------------------------------------------------------------
def test_the_product_of_slopes_through_layers():
    assert nonlinearity.derivative_product("sigmoid", [0.0] * 10) == pytest.approx(0.25 ** 10)
    assert 0.25 ** 10 == pytest.approx(9.54e-7, rel=1e-3)
    assert nonlinearity.derivative_product("tanh", [0.0] * 50) == 1.0
    assert nonlinearity.derivative_product("relu", [0.5, 2.0, 7.0]) == 1.0
    assert nonlinearity.derivative_product("relu", [0.5, -1.0, 7.0]) == 0.0  # one dead unit
    assert nonlinearity.derivative_product("sigmoid", []) == 1.0
    z_path = [0.3, -1.2, 2.0]
    slopes = [1 - math.tanh(z) ** 2 for z in z_path]
    assert nonlinearity.derivative_product("tanh", z_path) == pytest.approx(np.prod(slopes))


def test_log_products_as_the_chart_draws_them():
    logs = nonlinearity.log10_derivative_products("sigmoid", 0.5, 60)
    s = float(ACTIVATIONS["sigmoid"].function(0.5))
    slope = s * (1 - s)
    np.testing.assert_allclose(logs, np.arange(61) * math.log10(slope))
    assert fig.power_text(logs[10]) == f"{slope ** 10:.3g}" == "5.14e-07"
    assert logs[0] == 0.0  # no layer: the product is 1
    relu_dead = nonlinearity.log10_derivative_products("relu", -1.0, 5)
    assert relu_dead[0] == 0.0 and np.isneginf(relu_dead[1:]).all()
    assert fig.power_text(-np.inf) == "0"
    tiny = nonlinearity.log10_derivative_products("tanh", 10.0, 60)  # 8e-9 ** 60 underflows
    assert np.isfinite(tiny).all() and fig.power_text(tiny[60]).startswith("10^-")
    with pytest.raises(ValueError):
        nonlinearity.log10_derivative_products("tanh", 0.0, -1)


def test_the_product_chart_has_no_nan_and_notes_the_dead_relu():
    logs = {n: nonlinearity.log10_derivative_products(n, 0.0, 60) for n in ("sigmoid", "relu")}
    figure = fig.product_figure(np.arange(61), logs, {"sigmoid": "S", "relu": "R"}, "t", "L",
                                "p", 10, note="R: 0")
    relu = figure["data"][1]
    assert np.isnan(relu["y"][1:]).all()  # gaps, sent as null
    assert figure["layout"]["annotations"][0]["text"] == "R: 0"
    assert figure["layout"]["yaxis"]["ticktext"][-1] == "1"


def test_measured_gradients_vanish_for_sigmoid_only():
    norms = room.measured_gradients(10, 0)
    ratio = {n: v[0] / v[-1] for n, v in norms.items()}
    assert all(len(v) == 11 for v in norms.values())
    assert ratio["sigmoid"] < 1e-5
    assert ratio["tanh"] > 1e-2 and ratio["relu"] > 1e-2
    assert room.measured_gradients(0, 0)["sigmoid"][0] > 0  # a single layer still works
    # the notice: "from two hidden layers on ... orders of magnitude smaller", for every depth
    for depth in range(2, 17):
        sigmoid = room.measured_gradients(depth, 0)["sigmoid"]
        assert sigmoid[0] / sigmoid[-1] < 0.02, depth


# --- a linear network is one matrix ---------------------------------------------------------
def test_collapse_multiplies_the_weights_and_carries_the_biases():
    rng = np.random.default_rng(3)
    W = [rng.normal(size=s) for s in [(2, 3), (3, 4), (4, 1)]]
    b = [rng.normal(size=s[1]) for s in [(2, 3), (3, 4), (4, 1)]]
    W_one, b_one = nonlinearity.collapse(W, b)
    np.testing.assert_allclose(W_one, W[0] @ W[1] @ W[2], atol=1e-14)
    np.testing.assert_allclose(b_one, (b[0] @ W[1] + b[1]) @ W[2] + b[2], atol=1e-14)
    X = rng.normal(size=(50, 2))
    layer_by_layer = ((X @ W[0] + b[0]) @ W[1] + b[1]) @ W[2] + b[2]
    np.testing.assert_allclose(nonlinearity.one_layer(X, W, b), layer_by_layer, atol=1e-12)
    one_W, one_b = nonlinearity.collapse(W[:1], b[:1])  # one layer: itself
    np.testing.assert_array_equal(one_W, W[0])
    np.testing.assert_array_equal(one_b, b[0])
    with pytest.raises(ValueError):
        nonlinearity.collapse([], [])


def test_a_deep_linear_network_of_the_engine_gives_the_same_outputs_as_one_layer():
    net = Network.create(2, [3, 3, 3], "linear", "binary", 2, np.random.default_rng(0))
    X = np.random.default_rng(1).normal(0, 3, size=(200, 2))
    net.forward(X)
    np.testing.assert_allclose(nonlinearity.one_layer(X, net.W, net.b), net.Z[-1], atol=1e-12)


def test_the_fit_the_page_shows_linear_fails_tanh_succeeds():
    pair = room.fit_pair((3, 3), 0)
    linear, tanh = pair["linear"], pair["tanh"]
    assert linear["accuracy"] < 0.65 and tanh["accuracy"] > 0.95
    z_one = nonlinearity.one_layer(linear["X"], linear["W"], linear["b"])[:, 0]
    assert np.max(np.abs(linear["z_layers"] - z_one)) < 1e-12
    assert [W.shape for W in linear["W"]] == [(2, 3), (3, 3), (3, 1)]
    assert linear["P"].shape == (room.FIT["resolution"],) * 2
    assert np.isfinite(tanh["P"]).all()
    # the same data and the same training as core's build, so the page shows core's numbers
    _, trainer = build(Config(dataset="circles", samples=300, noise=0.05, hidden=(3, 3),
                              activation="tanh", optimizer="adam", lr=0.03, batch_size=0))
    snap = list(trainer.run(room.FIT["epochs"]))[-1]
    assert snap.test_accuracy == tanh["accuracy"]
    no_hidden = room.fit_pair((), 0)
    assert no_hidden["linear"]["accuracy"] < 0.65 and no_hidden["tanh"]["accuracy"] < 0.65


@pytest.mark.parametrize("seed", [0, 2, 42])
def test_the_linear_vs_tanh_notice_holds_for_other_seeds_and_shapes(seed):
    # "about 50 to 70 %" for the linear network; tanh with 3+ units "usually about 100 %",
    # with 1 or 2 units it cannot close the curve
    for hidden in [(3,), (5, 5), (4, 4, 4, 4), (1,), (2, 2)]:
        pair = room.fit_pair(hidden, seed)
        assert 0.4 < pair["linear"]["accuracy"] < 0.72, hidden
        if min(hidden) >= 3:
            assert pair["tanh"]["accuracy"] > 0.85, hidden
        else:
            assert pair["tanh"]["accuracy"] < 0.92, hidden


# --- typed values --------------------------------------------------------------------------
def test_ranges_are_clamped_ordered_and_widened_with_a_note():
    assert room.z_range(-6.0, 6.0) == (-6.0, 6.0, [])
    lo, hi, notes = room.z_range(-1e12, 5.0)
    assert (lo, hi) == (-1e6, 5.0) and notes[0][0] == "note_clamped"
    lo, hi, notes = room.z_range(4.0, -2.0)
    assert (lo, hi) == (-2.0, 4.0) and notes[0][0] == "note_swapped"
    lo, hi, notes = room.z_range(3.0, 3.0)
    assert (lo, hi) == (2.0, 4.0) and notes[0][0] == "note_widened"
    lo, hi, notes = room.z_range(math.nan, math.inf)
    assert (lo, hi) == room.DEFAULT_RANGE and len(notes) == 2


def test_softmax_inputs_are_clamped():
    z, notes = room.softmax_inputs([1e6, -1e300, 2.0])
    np.testing.assert_array_equal(z, [1e6, -1e9, 2.0])
    assert [k for k, _ in notes] == ["note_clamped"]


def test_printed_numbers():
    assert room.number(-0.0) == "0" and room.number(0.25) == "0.25"
    assert room.number(2.178272) == "2.178"
    assert room.zones_text([(-6.0, -4.35654), (4.35654, 6.0)], "none") == \
        "[-6, -4.357] ∪ [4.357, 6]"
    assert room.zones_text([], "none") == "none"
    # softmax's table: the 4 decimals of the bars, and a tiny p never printed as 0
    assert room.probability(0.659001) == "0.6590" and room.probability(0.0) == "0.0000"
    assert room.probability(2.06e-9) == "2.1e-09"
    # the measured-gradient table: 0.259 and 1.23, not 2.59e-01 and 1.23e+00
    assert room.size(0.2591) == "0.259" and room.size(1.2301) == "1.23"
    assert room.size(2.86e-8) == "2.86e-08" and room._ratio(1.0, 0.0) == "—"


def test_trained_matrices_fit_their_columns():
    # three 3-column matrices in one row were cut off at 1280 px: at most two share a row
    assert [room.matrices_per_row(u) for u in range(1, 6)] == [3, 3, 2, 2, 1]
    assert room._bias_formula(2) == "b^{[1]}W^{[2]} + b^{[2]}"
    assert "\\sum_{l=1}^{5}" in room._bias_formula(5)  # the terms one by one run off a phone
