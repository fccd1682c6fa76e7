"""Input features (core/inputs.py): the values a network is fed besides x1, x2, as in TF
Playground; their gradients; TF Playground's lesson (circles, x1^2, x2^2, no hidden layer);
model files of version 1 and 2; the command line's --features; the Playground's picker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core import experiment, inputs, model_io, region
from core.experiment import Config
from core.model_io import ModelFileError

ROOT = Path(__file__).resolve().parents[2]
NAMES = list(inputs.FEATURES)
POINTS = np.array([[0.0, 0.0], [1.5, -2.0], [-3.0, 0.5], [6.0, 6.0]])


# --- the transform ------------------------------------------------------------------------
def test_the_registry_holds_tf_playgrounds_seven_inputs():
    assert NAMES == ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]


def test_expand_computes_each_feature_in_the_order_asked():
    x1, x2 = POINTS[:, 0], POINTS[:, 1]
    expected = {"x1": x1, "x2": x2, "x1^2": x1 ** 2, "x2^2": x2 ** 2, "x1*x2": x1 * x2,
                "sin(x1)": np.sin(x1), "sin(x2)": np.sin(x2)}
    out = inputs.expand(POINTS, ["sin(x2)", "x1^2", "x1"])
    assert out.shape == (4, 3)
    np.testing.assert_allclose(out, np.column_stack([expected["sin(x2)"], expected["x1^2"],
                                                     expected["x1"]]))
    every = inputs.expand(POINTS, NAMES)
    for j, name in enumerate(NAMES):
        np.testing.assert_allclose(every[:, j], expected[name], err_msg=name)


def test_the_plain_plane_is_passed_through_and_float32_stays_float32():
    np.testing.assert_array_equal(inputs.expand(POINTS), POINTS)
    assert inputs.expand(POINTS.astype(np.float32), ["x1^2"]).dtype == np.float32


@pytest.mark.parametrize("name", NAMES)
def test_each_features_gradient_matches_a_central_difference(name):
    rng = np.random.default_rng(0)
    X, h = rng.uniform(-6, 6, (20, 2)), 1e-6
    analytic = inputs.jacobian(X, [name])[:, 0, :]
    for k in range(2):
        step = np.zeros(2)
        step[k] = h
        numeric = (inputs.expand(X + step, [name]) - inputs.expand(X - step, [name]))[:, 0]
        np.testing.assert_allclose(analytic[:, k], numeric / (2 * h), rtol=1e-6, atol=1e-6)


def test_a_choice_is_checked_and_put_in_registry_order():
    assert inputs.parse(" x2^2, x1 ,x1") == ("x1", "x2^2")
    with pytest.raises(ValueError, match="unknown input feature 'x3'"):
        inputs.parse("x1,x3")
    with pytest.raises(ValueError, match="at least one"):
        inputs.parse(" , ")


# --- in the engine ------------------------------------------------------------------------
def test_the_network_gets_one_input_per_feature_and_the_trainer_sees_them():
    config = Config(hidden=(3,), features=("x1", "x2", "x1*x2"), samples=60)
    data, trainer = experiment.build(config)
    assert trainer.network.sizes[0] == 3
    split = experiment.make_split(config, data)
    np.testing.assert_array_equal(trainer.split.X_train,
                                  inputs.expand(split.X_train, config.features))


def test_a_network_whose_inputs_do_not_match_the_features_is_refused():
    config = Config(hidden=(), samples=40)
    data = experiment.make_data(config)
    two_inputs = experiment.make_network(config, data)
    with pytest.raises(ValueError, match="2 inputs but 1 input features"):
        experiment.build(config.with_(features=("x1^2",)), data, two_inputs)


def test_the_region_feeds_the_grid_through_the_features():
    config = Config(hidden=(4,), features=("x1^2", "x2^2", "sin(x1)"), samples=60)
    _, trainer = experiment.build(config)
    grid = region.square_grid(-6.0, 6.0, 20)
    expected = trainer.network.forward(inputs.expand(grid.points, config.features))
    got = region.output(trainer.network, grid, config.features)
    assert got.shape == (20, 20, 1)
    np.testing.assert_allclose(got.reshape(-1, 1), expected, atol=1e-5)
    maps = region.input_maps(grid, config.features)
    assert maps.shape == (20, 20, 3)
    np.testing.assert_allclose(maps[..., 0], grid.points[:, 0].reshape(20, 20) ** 2)


def accuracy_after(features: tuple[str, ...], seed: int, epochs: int = 50) -> float:
    config = Config(dataset="circles", noise=0.1, hidden=(), features=features, seed=seed)
    _, trainer = experiment.build(config)
    return list(trainer.run(epochs))[-1].test_accuracy


def test_tf_playgrounds_lesson_no_hidden_layer_separates_circles_given_squares():
    # measured: 100 % on all ten seeds after 20 epochs (92-98 % after 5)
    squares = [accuracy_after(("x1^2", "x2^2"), seed) for seed in range(10)]
    assert sum(a >= 0.95 for a in squares) >= 9, squares
    # ... and not without them: a straight line in (x1, x2) cannot (measured 34-65 %)
    plain = [accuracy_after(("x1", "x2"), seed) for seed in range(10)]
    assert max(plain) < 0.8, plain


def test_the_preset_is_that_lesson():
    from ui.playground import presets

    s = presets.load()["features_circles"]
    assert (s.dataset, s.hidden, s.features) == ("circles", (), ("x1^2", "x2^2"))
    _, trainer = experiment.build(s.to_config())
    assert list(trainer.run(20))[-1].test_accuracy >= 0.95


# --- model files --------------------------------------------------------------------------
def trained(features: tuple[str, ...], hidden=(5,)):
    config = Config(dataset="circles", samples=100, hidden=hidden, features=features,
                    optimizer="adam", lr=0.01)
    data, trainer = experiment.build(config)
    for _ in trainer.run(5):
        pass
    return trainer.network, data


def test_a_model_with_features_is_version_2_and_predicts_the_same_after_loading():
    net, data = trained(("x1", "x1^2", "sin(x2)"))
    d = json.loads(model_io.dumps(net, None, ("x1", "x1^2", "sin(x2)")))
    assert (d["version"], d["features"]) == (2, ["x1", "x1^2", "sin(x2)"])
    assert list(d) == ["format", "version", "task", "classes", "input_scaling", "features",
                       "layers"]
    model = model_io.model_from_dict(d)
    assert model.features == ("x1", "x1^2", "sin(x2)")
    np.testing.assert_array_equal(model.network.forward(model.inputs_for(data.X)),
                                  net.forward(inputs.expand(data.X, model.features)))


def test_a_model_fed_x1_x2_is_still_written_as_version_1_which_loads_as_x1_x2():
    net, data = trained(inputs.DEFAULT)
    d = json.loads(model_io.dumps(net))
    assert d["version"] == 1 and "features" not in d
    model = model_io.loads_model(json.dumps(d))
    assert model.features == ("x1", "x2")
    np.testing.assert_array_equal(model.network.forward(model.inputs_for(data.X)),
                                  net.forward(data.X))


def test_a_hand_written_version_1_file_loads():
    v1 = {"format": "neural-playground/model", "version": 1, "task": "binary", "classes": 2,
          "input_scaling": None,
          "layers": [{"units": 1, "activation": "sigmoid", "W": [[1.0], [-1.0]], "b": [0.0]}]}
    model = model_io.model_from_dict(v1)
    assert model.features == inputs.DEFAULT
    assert model.network.predict(np.array([[2.0, 1.0], [1.0, 2.0]])).tolist() == [1, 0]
    assert model_io.from_dict(v1)[0].sizes == [2, 1]  # the older reader still reads it


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d.pop("features"), "missing field 'features'"),
    (lambda d: d.update(features=["x1", "x9"]), "features[1]: unknown input feature \"x9\""),
    (lambda d: d.update(features=[]), "features: expected a non-empty list"),
    (lambda d: d.update(features=["x1", "x1"]), "features: a feature is listed twice"),
    (lambda d: d.update(features=["x1", "x2"]),
     "layers[0].W: expected 2 rows (the 2 input features), got 3"),
    (lambda d: d.update(version=1), "unknown field 'features'"),
    (lambda d: d.update(version=3), "version: the file is version 3"),
])
def test_a_damaged_version_2_file_names_the_field_at_fault(change, fragment):
    net, _ = trained(("x1^2", "x2^2", "x1*x2"))
    d = json.loads(model_io.dumps(net, None, ("x1^2", "x2^2", "x1*x2")))
    change(d)
    with pytest.raises(ModelFileError) as caught:
        model_io.model_from_dict(d)
    assert fragment in str(caught.value)


def test_the_older_reader_refuses_a_model_with_features_instead_of_mispredicting():
    net, _ = trained(("x1^2", "x2^2"))
    with pytest.raises(ModelFileError, match="this model reads x1\\^2, x2\\^2"):
        model_io.loads(model_io.dumps(net, None, ("x1^2", "x2^2")))


def test_saving_with_features_that_do_not_match_the_network_is_refused():
    net, _ = trained(inputs.DEFAULT)
    with pytest.raises(ValueError, match="cannot be saved"):
        model_io.dumps(net, None, ("x1^2",))


# --- the command line ---------------------------------------------------------------------
def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_cli_features_teach_the_circles_without_a_hidden_layer_and_predict_applies_them(
        tmp_path):
    model = tmp_path / "squares.json"
    run = cli("train", "--dataset", "circles", "--features", "x1^2,x2^2", "--hidden", "0",
              "--epochs", "40", "--save-model", model, "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["test_accuracy"] >= 0.95
    assert json.loads(model.read_text())["features"] == ["x1^2", "x2^2"]
    points = tmp_path / "points.csv"
    points.write_text("x1,x2\n0,0\n0.5,-1\n4.5,0\n-3,-3.5\n")
    rows = cli("predict", "--model", model, "--csv", points).stdout.splitlines()
    assert [row.split(",")[2] for row in rows[1:]] == ["1", "1", "0", "0"]  # inside: class 1
    more = cli("train", "--dataset", "circles", "--init-model", model, "--epochs", "0",
               "--json")  # the model's features come with it
    assert more.returncode == 0, more.stderr
    assert json.loads(more.stdout)["test_accuracy"] >= 0.95


def test_cli_names_an_unknown_feature_in_one_line():
    run = cli("train", "--features", "x1,cos(x1)")
    assert run.returncode == 2
    assert run.stderr.startswith("error: argument --features: unknown input feature "
                                 "'cos(x1)'; choose from x1, x2, x1^2")
    assert "Traceback" not in run.stderr
    assert "--features" in cli("train", "--help").stdout


# --- the Playground -----------------------------------------------------------------------
def test_ticking_a_feature_in_the_app_feeds_it_to_the_network():
    st_testing = pytest.importorskip("streamlit.testing.v1")
    at = st_testing.AppTest.from_file("../../main.py", default_timeout=60).run()
    picker = next(w for w in at.get("button_group") if w.label == "Input features")
    assert picker.value == ["x1", "x2"]
    picker.set_value(["x1", "x2", "x1*x2"]).run()
    assert not at.exception
    run = at.session_state["playground.run"]
    assert run.trainer.network.sizes[0] == 3
    assert at.query_params["features"] == "x1,x2,x1*x2"
    picker = next(w for w in at.get("button_group") if w.label == "Input features")
    picker.set_value([]).run()  # none at all: the choice before stays, with a message
    assert at.session_state["playground.run"].settings.features == ("x1", "x2", "x1*x2")
    assert any("at least one input feature" in w.value for w in at.warning)
