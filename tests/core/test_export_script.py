"""Take it home: a trained network as one Python file that needs only NumPy
(core/export_script.py, ``python -m core export-script``). Its predictions equal the
engine's and ``python -m core predict``'s, for every activation, output and input feature."""

from __future__ import annotations

import ast
import csv
import importlib.util
import io
import subprocess
import sys
import warnings

import numpy as np
import pytest

from core import activations as acts
from core import cli, export_script, inputs, model_io
from core.model_io import Model
from core.network import Network

TASKS = {"binary": 2, "multiclass": 3, "regression": 0}
SCALING = {"mean": [0.7, -1.3], "std": [2.5, 0.4]}


def points(n: int = 200, seed: int = 0) -> np.ndarray:
    """Points over the plane and far beyond it (where outputs saturate)."""
    rng = np.random.default_rng(seed)
    return np.vstack([rng.uniform(-6, 6, (n, 2)), [[1e3, -1e3], [-50.0, 40.0], [0.0, 0.0]]])


def model(activation, task: str, features=inputs.DEFAULT, scaling=None, hidden=(5, 4),
          seed: int = 0) -> Model:
    net = Network.create(len(features), hidden, activation, task, TASKS[task],
                         np.random.default_rng(seed))
    return Model(net, scaling, tuple(features))


def load(text: str, tmp_path, name: str = "network"):
    """The exported file, imported as a module (as its reader would)."""
    path = tmp_path / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_same(m: Model, tmp_path, X=None) -> None:
    X = points() if X is None else X
    module = load(export_script.script(m), tmp_path)
    expected = m.network.forward(m.inputs_for(X))
    got = module.feed_forward(module.features(X), module.weights)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(module.predict(X), m.network.predict(m.inputs_for(X)))


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("activation", acts.ACTIVATIONS)
def test_every_activation_and_output_predicts_as_the_engine(activation, task, tmp_path):
    features = tuple(inputs.FEATURES)  # every input feature at once
    check_same(model(activation, task, features, SCALING), tmp_path)


@pytest.mark.parametrize("feature", inputs.FEATURES)
def test_every_input_feature_alone_predicts_as_the_engine(feature, tmp_path):
    check_same(model("tanh", "binary", (feature,), hidden=(3,)), tmp_path)


def test_layers_of_different_activations_and_no_hidden_layer(tmp_path):
    check_same(model(("relu", "elu", "sigmoid"), "multiclass", hidden=(4, 3, 5)), tmp_path)
    check_same(model("tanh", "binary", ("x1^2", "x2^2"), hidden=()), tmp_path)


def test_large_weights_neither_overflow_nor_warn(tmp_path):
    m = model("sigmoid", "multiclass", hidden=(4,))
    m.network.W[0] *= 1e3
    m.network.W[1] *= 1e3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_same(m, tmp_path)


def test_every_feature_and_activation_has_its_code():
    assert set(export_script.FEATURE_CODE) == set(inputs.FEATURES)
    assert set(acts.ACTIVATIONS) | set(acts.OUTPUT_FUNCTIONS) <= set(export_script.ACTIVATION_CODE)


def test_the_file_needs_only_numpy_and_reads_like_article_001(tmp_path):
    text = export_script.script(model(("relu", "tanh"), "binary", scaling=SCALING))
    tree = ast.parse(text)
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    assert imported == {"csv", "sys", "numpy"}
    assert not any(isinstance(node, ast.ImportFrom) for node in ast.walk(tree))
    assert "pre_hidden1 = np.dot(inputs, weights[0]) + weights[1]" in text
    assert "hidden1 = relu(pre_hidden1)" in text and "out = sigmoid(pre_out)" in text
    assert "Network: 2 inputs (x1, x2) -> 5 relu -> 4 tanh -> 1 sigmoid." in text
    assert "def tanh" in text and "def elu" not in text  # only the functions it uses


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("task", TASKS)
def test_the_file_on_a_csv_prints_what_core_predict_prints(task, tmp_path, capsys):
    """Train, save, export; then ``python network.py points.csv`` against
    ``python -m core predict``: the same columns, the same classes, numbers to 1e-12."""
    dataset = {"binary": "spiral", "multiclass": "blobs3", "regression": "sine"}[task]
    saved, exported = tmp_path / "model.json", tmp_path / "network.py"
    assert cli.main(["train", "--dataset", dataset, "--hidden", "5,5", "--epochs", "20",
                     "--features", "x1,x2,x1*x2", "--save-model", str(saved), "--json"]) == 0
    assert cli.main(["export-script", "--model", str(saved), "--output", str(exported)]) == 0
    table = tmp_path / "points.csv"
    rows = (f"{float(a)!r},{float(b)!r}" for a, b in points(40))
    table.write_text("x1,x2\n" + "\n".join(rows) + "\n")
    capsys.readouterr()
    assert cli.main(["predict", "--model", str(saved), "--csv", str(table)]) == 0
    expected = csv_rows(capsys.readouterr().out)
    run = subprocess.run([sys.executable, str(exported), str(table)], capture_output=True,
                         text=True, cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr
    got = csv_rows(run.stdout)
    assert got[0] == expected[0] and len(got) == len(expected) == 44
    for row, want in zip(got[1:], expected[1:]):
        if task != "regression":
            assert row[2] == want[2]  # the class
        numbers = [c for i, c in enumerate(row) if i != 2 or task == "regression"]
        wanted = [c for i, c in enumerate(want) if i != 2 or task == "regression"]
        np.testing.assert_allclose(np.array(numbers, float), np.array(wanted, float),
                                   rtol=0, atol=1e-12)


def test_a_csv_with_a_bad_row_gets_a_sentence_not_a_traceback(tmp_path):
    path = tmp_path / "network.py"
    path.write_text(export_script.script(model("tanh", "binary")))
    table = tmp_path / "points.csv"
    table.write_text("x1,x2\n1,2\nthree,4\n")
    run = subprocess.run([sys.executable, str(path), str(table)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "row 3: x1 and x2 must be numbers" in run.stderr
    run = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 1 and run.stderr.startswith("usage:")
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\x00not text")
    for name in ("binary.csv", "no-such-file.csv"):
        run = subprocess.run([sys.executable, str(path), str(tmp_path / name)],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert run.stderr.startswith(f"cannot read {tmp_path / name}")


def test_the_command_refuses_a_missing_or_broken_model_in_one_line(tmp_path, capsys):
    assert cli.main(["export-script", "--model", str(tmp_path / "nope.json")]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "neural-playground/model"')
    assert cli.main(["export-script", "--model", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 2 and "Traceback" not in err


def test_without_output_the_file_goes_to_standard_output(tmp_path, capsys):
    saved = tmp_path / "model.json"
    model_io.save(saved, model("relu", "regression").network)
    assert cli.main(["export-script", "--model", str(saved)]) == 0
    text = capsys.readouterr().out
    ast.parse(text)
    assert "out = linear(pre_out)" in text
