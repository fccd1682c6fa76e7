"""Model files: a saved network loads back with identical predictions, and a damaged or
foreign file is refused with a ModelFileError naming the field at fault."""

import json

import numpy as np
import pytest

from core import Config, build, model_io
from core.model_io import ModelFileError
from core.network import Network

SCALING = {"mean": [1.5, -2.0], "std": [3.0, 0.5]}


def trained(dataset: str, loss: str | None = None, hidden=(8, 7), activation="tanh"):
    """A network trained a few epochs on ``dataset``, and its data."""
    config = Config(dataset=dataset, samples=120, hidden=hidden, activation=activation,
                    loss=loss, optimizer="adam", lr=0.01)
    data, trainer = build(config)
    for _ in trainer.run(5):
        pass
    return trainer.network, data


@pytest.fixture(scope="module")
def binary_text():
    net, _ = trained("circles")
    return model_io.dumps(net, SCALING)


# --- round trips ------------------------------------------------------------------------
@pytest.mark.parametrize("dataset, activation", [("circles", "tanh"), ("spiral3", "relu"),
                                                 ("sine", ("elu", "leaky_relu"))])
def test_a_saved_model_loads_back_with_identical_predictions(tmp_path, dataset, activation):
    net, data = trained(dataset, activation=activation)
    path = tmp_path / "model.json"
    model_io.save(path, net, SCALING)
    loaded, scaling = model_io.load(path)
    np.testing.assert_array_equal(loaded.forward(data.X), net.forward(data.X))
    np.testing.assert_array_equal(loaded.theta, net.theta)
    assert (loaded.task, loaded.n_classes, loaded.activations) == (
        net.task, net.n_classes, net.activations)
    assert scaling == SCALING


def test_a_model_without_a_hidden_layer_round_trips():
    net, data = trained("gaussians", hidden=())
    loaded, scaling = model_io.loads(model_io.dumps(net))
    np.testing.assert_array_equal(loaded.predict(data.X), net.predict(data.X))
    assert scaling is None


def test_the_file_has_exactly_the_documented_fields():
    net, _ = trained("spiral3")
    d = json.loads(model_io.dumps(net))
    assert list(d) == ["format", "version", "task", "classes", "input_scaling", "layers"]
    assert (d["format"], d["version"], d["task"], d["classes"]) == (
        "neural-playground/model", 1, "multiclass", 3)
    assert [(layer["units"], layer["activation"]) for layer in d["layers"]] == [
        (8, "tanh"), (7, "tanh"), (3, "softmax")]
    assert np.shape(d["layers"][1]["W"]) == (8, 7)  # fan_in rows x units columns
    assert model_io.to_dict(net) == d


@pytest.mark.parametrize("dataset, classes", [("circles", 2), ("plane", 0)])
def test_classes_is_2_for_binary_and_0_for_regression(dataset, classes):
    net, _ = trained(dataset)
    assert model_io.to_dict(net)["classes"] == classes


def test_a_squared_error_binary_model_keeps_its_sigmoid_and_loads_with_the_default_loss():
    net, data = trained("xor", loss="mse")
    d = model_io.to_dict(net)
    assert d["layers"][-1]["activation"] == "sigmoid"
    loaded, _ = model_io.from_dict(d)
    assert loaded.loss.name == "bce"
    np.testing.assert_array_equal(loaded.forward(data.X), net.forward(data.X))


def test_bytes_with_a_byte_order_mark_load(binary_text):
    net, _ = model_io.loads(b"\xef\xbb\xbf" + binary_text.encode())
    assert net.task == "binary"


def test_a_network_the_format_cannot_hold_is_refused_when_saving():
    rng = np.random.default_rng(0)
    three_inputs = Network.create(3, [4], "tanh", "binary", 2, rng)
    with pytest.raises(ValueError, match="cannot be saved"):
        model_io.dumps(three_inputs)
    net, _ = trained("circles")
    net.W[0][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"layers\[0\]\.W\[0\]\[0\]"):
        model_io.dumps(net)


# --- damaged files ----------------------------------------------------------------------
def _set(path, value):
    def change(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        d[last] = value
    return change


def _drop(key):
    return lambda d: d.pop(key)


# name -> (change to the parsed file, fragment the message must hold). The network is
# 2-8-7-1, binary, with input scaling.
TAMPERED = {
    "W rows": (lambda d: d["layers"][1]["W"].pop(),
               "layers[1].W: expected 8 rows (the previous layer's units), got 7"),
    "first W rows": (lambda d: d["layers"][0]["W"].append([0.0] * 8),
                     "layers[0].W: expected 2 rows (the 2 input features), got 3"),
    "W row length": (lambda d: d["layers"][2]["W"][4].append(1.0),
                     "layers[2].W[4]: expected 1 numbers"),
    "b length": (lambda d: d["layers"][0]["b"].pop(), "layers[0].b: expected 8 numbers"),
    "units vs W": (_set(("layers", 0, "units"), 9), "layers[0].W[0]: expected 9 numbers"),
    "string weight": (_set(("layers", 1, "b", 3), "0.5"),
                      'layers[1].b[3]: expected a number, got "0.5"'),
    "boolean weight": (_set(("layers", 1, "W", 0, 0), True),
                       "layers[1].W[0][0]: expected a number, got true"),
    "W not a list": (_set(("layers", 1, "W"), {"a": 1}),
                     "layers[1].W: expected a list of 8 rows, got an object"),
    "unknown activation": (_set(("layers", 0, "activation"), "swish"),
                           'layers[0].activation: unknown activation "swish"'),
    "softmax hidden": (_set(("layers", 1, "activation"), "softmax"),
                       "layers[1].activation: unknown activation"),
    "output activation": (_set(("layers", 2, "activation"), "tanh"),
                          "layers[2].activation: the output layer of a binary model uses "
                          "sigmoid"),
    "output units": (_set(("layers", 2, "units"), 2), "layers[2].units: the output layer"),
    "hidden units too many": (_set(("layers", 0, "units"), 5000),
                              "layers[0].units: a hidden layer has 1 to 1024 units"),
    "units not whole": (_set(("layers", 0, "units"), 8.0),
                        "layers[0].units: expected a whole number"),
    "missing layer field": (lambda d: d["layers"][1].pop("b"), "layers[1]: missing field 'b'"),
    "extra layer field": (_set(("layers", 1, "bias"), []), "layers[1]: unknown field 'bias'"),
    "no layers": (_set(("layers",), []), "layers: expected a non-empty list"),
    "format tag": (_set(("format",), "keras"), "format: expected"),
    "no format tag": (_drop("format"), "format: expected"),
    "newer version": (_set(("version",), 3), "version: the file is version 3"),
    "version text": (_set(("version",), "1"), "version: expected a whole number"),
    "unknown task": (_set(("task",), "ranking"), "task: expected one of"),
    "task vs output": (_set(("task",), "regression"), "classes: a regression model has 0"),
    "classes": (_set(("classes",), 3), "classes: a binary model has 2 classes, got 3"),
    "missing classes": (_drop("classes"), "missing field 'classes'"),
    "extra field": (_set(("comment",), "hi"), "unknown field 'comment'"),
    "scaling std zero": (_set(("input_scaling", "std", 1), 0),
                         "input_scaling.std[1]: must be positive"),
    "scaling length": (_set(("input_scaling", "mean"), [1.0]),
                       "input_scaling.mean: expected 2 numbers"),
    "scaling not object": (_set(("input_scaling",), [1, 2]),
                           "input_scaling: expected an object, got a list"),
}


@pytest.mark.parametrize("name", TAMPERED)
def test_a_tampered_file_names_the_field_at_fault(binary_text, name):
    change, fragment = TAMPERED[name]
    d = json.loads(binary_text)
    change(d)
    with pytest.raises(ModelFileError) as caught:
        model_io.loads(json.dumps(d))
    assert fragment in str(caught.value)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_non_finite_weight_is_refused(binary_text, literal):
    d = json.loads(binary_text)
    d["layers"][1]["W"][2][5] = "MARK"
    text = json.dumps(d).replace('"MARK"', literal)
    with pytest.raises(ModelFileError, match=r"layers\[1\]\.W\[2\]\[5\]: expected a finite"):
        model_io.loads(text)


def test_a_huge_integer_weight_is_refused(binary_text):
    d = json.loads(binary_text)
    d["layers"][0]["b"][0] = 10**400
    with pytest.raises(ModelFileError, match=r"layers\[0\]\.b\[0\]: expected a finite"):
        model_io.loads(json.dumps(d))


@pytest.mark.parametrize("content, fragment", [
    ("", "not valid JSON"),
    ('{"format": "neural-playground/model",', "not valid JSON"),
    ("[1, 2, 3]", "expected a JSON object, got a list"),
    (b"\xff\xfe\x00{", "not UTF-8"),
    ("[" * 100_000, "not a model file"),
])
def test_a_file_that_is_not_a_model_at_all_is_refused(content, fragment):
    with pytest.raises(ModelFileError, match=fragment):
        model_io.loads(content)


def test_an_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch, binary_text):
    path = tmp_path / "big.json"
    path.write_text(binary_text)
    monkeypatch.setattr(model_io, "MAX_FILE_BYTES", 100)
    with pytest.raises(ModelFileError, match="larger than"):
        model_io.load(path)


def test_code_that_catches_value_errors_gets_the_model_files_message(tmp_path):
    """The CLI and older callers catch ValueError: a bad model file reaches them as one,
    with the field at fault named."""
    path = tmp_path / "bad.json"
    path.write_text('{"format": "neural-playground-model", "version": 2}', encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        model_io.load(path)
    assert isinstance(caught.value, ModelFileError) and str(caught.value)
