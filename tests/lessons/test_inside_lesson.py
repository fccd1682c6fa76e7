"""Lesson 5, Inside the network: the maths of core/features.py and every number and note
the page shows (ui/inside/views.py), without a browser."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from core import datasets, experiment, features, inputs, losses
from core.network import Network
from ui.i18n import texts
from ui.inside import controller, views

T = texts("inside", "en")


def network(hidden, activation="tanh", task="binary", n_classes=2, seed=0) -> Network:
    return Network.create(2, hidden, activation, task, n_classes, np.random.default_rng(seed))


def trained(dataset: str, epochs: int, activation: str = "tanh"):
    run = controller.FreshRun(dataset, activation)
    run.advance(epochs)
    return run


# --- grid lines and their images ------------------------------------------------------------
def test_grid_lines_cover_the_square_in_both_directions():
    lines = features.grid_lines(-2.0, 3.0, n_lines=5, n_points=7)
    assert lines.shape == (10, 7, 2)
    horizontal, vertical = lines[:5], lines[5:]
    assert np.allclose(horizontal[:, :, 1], horizontal[:, :1, 1])  # x2 fixed along a line
    assert np.allclose(vertical[:, :, 0], vertical[:, :1, 0])
    assert lines.min() == -2.0 and lines.max() == 3.0
    with pytest.raises(ValueError):
        features.grid_lines(1.0, 1.0)


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_mapping_grid_lines_through_a_layer_equals_the_networks_forward_pass(activation):
    net = network([5, 3, 2], activation)
    lines = features.grid_lines(-1.5, 1.5, 6, 9)
    images = features.through_layers(net, lines)
    net.forward(lines.reshape(-1, 2))
    assert [im.shape for im in images] == [(12, 9, n) for n in net.sizes]
    for image, A in zip(images, net.A):
        assert np.allclose(image.reshape(-1, image.shape[-1]), A, rtol=1e-12, atol=1e-12)


def test_a_network_fed_other_input_features_maps_the_plane_through_them():
    names = ("x1", "x2", "x1^2", "x2^2")
    net = Network.create(4, [3, 2], "tanh", "binary", 2, np.random.default_rng(0))
    points = np.random.default_rng(1).normal(size=(20, 2))
    images = features.through_layers(net, points, names)
    assert np.array_equal(images[0], points)  # the first space is the plane itself
    net.forward(inputs.expand(points, names))
    for image, A in zip(images[1:], net.A[1:]):
        assert np.allclose(image, A, rtol=1e-12, atol=1e-12)
    p = views.pictures(net, points, (points[:, 0] > 0).astype(int), 1, 0, 1, T, names)
    assert "nan" not in visible(p).lower()


def test_mapping_keeps_the_networks_own_caches_untouched():
    net = network([4, 2])
    net.forward(np.zeros((3, 2)))
    features.through_layers(net, np.ones((10, 2)))
    assert net.A[0].shape == (3, 2)


def test_the_rest_of_the_network_from_a_layer_gives_the_networks_output():
    net = network([6, 4, 2], task="multiclass", n_classes=3)
    X = np.random.default_rng(1).normal(size=(50, 2))
    spaces = features.through_layers(net, X)
    for layer in range(len(net.W)):
        assert np.allclose(features.output_over(net, layer, spaces[layer]), spaces[-1])
    with pytest.raises(ValueError):
        features.tail(net, len(net.W))


def test_on_the_decision_line_of_a_two_unit_last_layer_the_output_is_one_half():
    net = network([5, 2], seed=3)
    w, c = features.decision_line(net)
    segment = features.clip_line(w, c, (-1.0, 1.0), (-1.0, 1.0))
    assert segment is not None
    on_line = segment[0] + np.linspace(0, 1, 11)[:, None] * (segment[1] - segment[0])
    assert np.allclose(features.output_over(net, 2, on_line), 0.5)
    # and its two sides get the two classes
    normal = w / np.linalg.norm(w)
    mid = on_line[5]
    sides = features.output_over(net, 2, np.array([mid + 0.05 * normal, mid - 0.05 * normal]))
    assert sides[0, 0] > 0.5 > sides[1, 0]


def test_clip_line_ends_on_the_box_and_misses_when_outside():
    seg = features.clip_line(np.array([1.0, 1.0]), 0.0, (-1.0, 1.0), (-2.0, 2.0))
    assert np.allclose(seg.sum(axis=1), 0.0)
    assert {tuple(p) for p in np.round(seg, 9)} == {(-1.0, 1.0), (1.0, -1.0)}
    assert features.clip_line(np.array([1.0, 0.0]), -5.0, (-1.0, 1.0), (-1.0, 1.0)) is None
    assert features.clip_line(np.zeros(2), 1.0, (-1.0, 1.0), (-1.0, 1.0)) is None


def test_decision_line_only_for_one_output_and_a_hidden_layer():
    assert features.decision_line(network([3])) is not None
    assert features.decision_line(network([3], task="multiclass", n_classes=3)) is None
    assert features.decision_line(network([])) is None


def test_decision_surface_lies_on_the_plane():
    w, c = np.array([0.5, -1.0, 2.0]), 0.3
    xs, ys, Z = features.decision_surface(w, c, (-1, 1), (-1, 1), (-5, 5), n=5)
    gx, gy = np.meshgrid(xs, ys)
    assert np.allclose(w[0] * gx + w[1] * gy + w[2] * Z + c, 0.0)
    assert features.decision_surface(np.array([1.0, 1.0, 0.0]), 0, (0, 1), (0, 1), (0, 1)) is None


def test_a_dead_relu_unit_has_no_spread():
    net = network([3], "relu")
    net.b[0][...] = [-100.0, 0.0, 0.0]
    H = features.through_layers(net, np.random.default_rng(0).normal(size=(40, 2)))[1]
    spread = features.spread(H)
    assert spread[0] == 0.0 and spread[1] > 0 and spread[2] > 0


# --- linear separability ---------------------------------------------------------------------
def test_separable_points_score_100_percent_and_circles_in_the_plane_do_not():
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(-2, 0.5, (50, 2)), rng.normal(2, 0.5, (50, 2))])
    y = np.repeat([0, 1], 50)
    assert features.linear_accuracy(X, y, "binary", 2) == 1.0
    data = datasets.make("circles", 400, 0.0, rng)
    acc = features.linear_accuracy(data.X, data.y, "binary", 2)
    assert 0.5 <= acc < 0.7


def test_no_line_scores_below_the_largest_class_and_regression_has_none():
    y = np.array([0] * 30 + [1] * 10)
    X = np.zeros((40, 3))  # all points on top of each other: no line helps
    assert features.linear_accuracy(X, y, "binary", 2) == 0.75
    assert features.linear_accuracy(X, np.zeros(40), "regression", 0) is None


def test_three_classes_use_a_softmax_line_classifier():
    rng = np.random.default_rng(2)
    centres = np.array([[0, 3], [3, -2], [-3, -2]])
    X = np.concatenate([rng.normal(c, 0.4, (30, 2)) for c in centres])
    y = np.repeat([0, 1, 2], 30)
    assert features.linear_accuracy(X, y, "multiclass", 3) == 1.0


def test_training_makes_the_last_hidden_layer_linearly_separable():
    """The lesson's claim, measured: circles are not separable by a line in the plane, but
    after training they are in the last hidden layer, where the output draws its line."""
    run = trained("circles", 60)
    net, split = run.trainer.network, run.trainer.split
    accs = features.layer_accuracies(net, split.X_train, split.y_train)
    assert accs[0] < 0.7 and accs[-1] >= 0.98
    # the output layer alone, applied to the mapped points, is the network itself
    H = features.through_layers(net, split.X_train)[-2]
    out = features.output_over(net, len(net.W) - 1, H)
    assert losses.accuracy(out, split.y_train, "binary") == pytest.approx(run.last.train_accuracy)


@pytest.mark.parametrize("dataset, epochs, least", [
    ("circles", 60, 0.98), ("xor", 60, 0.98), ("spiral", 300, 0.95), ("spiral3", 400, 0.85)])
def test_every_fresh_network_learns_its_data(dataset, epochs, least):
    run = trained(dataset, epochs)
    assert run.last.train_accuracy >= least
    assert run.trainer.network.hidden[-1] == 2  # so the line in the last layer is exact


# --- what the page shows -----------------------------------------------------------------------
def pictures(net, layer, ux=0, uy=1, X=None, y=None):
    if X is None:
        data = experiment.make_data(experiment.Config(samples=120))
        X, y = data.X, data.y
    return views.pictures(net, X, y, layer, ux, uy, T)


def visible(p) -> str:
    return p.input_html + p.layer_html + " ".join(p.notes)


def test_a_two_unit_last_layer_gets_the_exact_line():
    p = pictures(network([4, 2]), 2)
    assert p.exact and p.notes == [T["note_exact_line"]]
    assert "stroke-dasharray" in base64.b64decode(
        p.layer_html.split("data:image/svg+xml;base64,")[1].split('"')[0]).decode()


def test_a_wide_last_layer_says_the_line_is_not_exact():
    p = pictures(network([4, 5]), 2)
    assert not p.exact
    assert T["note_not_exact"].format(n=5) in p.notes


def test_an_earlier_layer_says_more_layers_follow():
    p = pictures(network([4, 3, 2]), 1)
    assert not p.exact and T["note_not_last"] in p.notes


def test_a_one_unit_layer_has_one_axis_and_says_so():
    p = pictures(network([1]), 1)
    assert p.notes[0] == T["note_one_unit"] and T["note_exact_point"] in p.notes
    assert "np-layer-space" in p.layer_html


def test_the_same_unit_on_both_axes_gets_a_note():
    assert T["note_same_unit"] in pictures(network([4, 3, 2]), 1, 2, 2).notes


def test_dead_relu_units_get_a_message_and_still_a_picture():
    net = network([4, 4], "relu")
    net.b[0][..., :2] = -100.0  # units 1 and 2 of layer 1 are dead: every point maps to 0
    p = pictures(net, 1)
    assert T["note_dead"].format(units="1, 2") in p.notes
    assert T["note_all_dead"] not in p.notes  # units 3 and 4 still live: pick them
    assert "nan" not in visible(p).lower()


def test_a_wholly_dead_layer_says_there_is_no_other_unit_to_pick():
    net = network([4, 4], "relu")
    net.b[0][...] = -100.0  # every unit of layer 1 is dead
    p = pictures(net, 1)
    assert T["note_all_dead"] in p.notes
    assert not any("Pick other units" in n for n in p.notes)
    assert "nan" not in visible(p).lower()


def test_a_fresh_relu_spiral_network_learns_on_every_draw_of_weights():
    # at the tanh spiral's learning rate one ReLU draw in three died at 52 % (one class)
    for init_round in range(3):
        run = controller.FreshRun("spiral", "relu", init_round)
        run.advance(300)
        assert run.last.train_accuracy >= 0.75, init_round


def test_huge_weights_draw_without_nan():
    net = network([3, 2])
    net.W[0][...] = 1e300
    p = pictures(net, 1)
    assert "nan" not in visible(p).lower() and "inf" not in p.layer_html.lower()


def test_three_classes_shade_the_last_layer_exactly():
    net = network([5, 2], task="multiclass", n_classes=3)
    data = datasets.make("spiral3", 90, 0.0, np.random.default_rng(0))
    p = pictures(net, 2, X=data.X, y=data.y)
    assert p.exact and p.notes == [T["note_exact_regions"]]


def test_the_3d_view_draws_the_exact_plane_for_three_units():
    net = network([4, 3])
    data = datasets.make("circles", 60, 0.0, np.random.default_rng(0))
    fig = views.figure_3d(net, data.X, data.y, 2, (0, 1, 2), T)
    kinds = [t.type for t in fig.data]
    assert kinds == ["scatter3d", "scatter3d", "surface"]
    assert len(fig.data[1].x) == 60
    wider = views.figure_3d(network([4, 4]), data.X, data.y, 2, (0, 1, 2), T)
    assert "surface" not in [t.type for t in wider.data]  # 4 units: no exact plane in 3-D


def test_the_table_lists_every_space_with_its_percentage():
    table = views.layer_table([0.52, 0.8, 1.0], T)
    assert "| Input plane (x1, x2) | 52.0% |" in table
    assert "| Hidden layer 2 | 100.0% |" in table


def test_the_network_description_names_sizes_and_activations():
    zh = texts("inside", "zh")
    net = network([6, 2])
    assert controller.describe(net, T) == "2-6-2-1 (Tanh hidden layers, Sigmoid output)"
    assert controller.describe(net, zh).startswith("2-6-2-1")
    assert controller.fmt_share(None) == "–" and controller.fmt_share(0.875) == "87.5%"


def test_the_default_view_draws_both_planes_the_same_way_twice():
    """The pictures are a function of the network and the view (their drawing time is a
    speed figure: benchmarks/lesson_speed.py times the page's every interaction)."""
    run = controller.FreshRun("circles", "tanh")
    net, split = run.trainer.network, run.trainer.split
    first = views.pictures(net, split.X_train, split.y_train, 2, 0, 1, T)
    again = views.pictures(net, split.X_train, split.y_train, 2, 0, 1, T)
    assert first.input_html == again.input_html and first.layer_html == again.layer_html
    assert "np-input-space" in first.input_html and first.layer_html
