"""Opening a trained model in the Playground: every problem a model file can have is a
message in the learner's language (never a traceback), a model for other data changes
nothing, and a good model trains on from its own weights."""

from __future__ import annotations

import json

import hypothesis
import hypothesis.strategies as hs
import numpy as np
import pytest
import streamlit as st

from core import experiment, inputs, model_io
from core.network import Network
from ui import i18n
from ui.playground import controller, model_import, sidebar
from ui.playground.live import LiveRun
from ui.playground.settings import DEFAULTS

st_testing = pytest.importorskip("streamlit.testing.v1")

RNG = np.random.default_rng(0)
SCALING = {"mean": [0.5, -1.0], "std": [2.0, 0.5]}


def model_dict(task: str = "binary", k: int = 2, hidden=(3,), scaling=None,
               features=inputs.DEFAULT) -> dict:
    net = Network.create(len(features), hidden, "tanh", task, k, np.random.default_rng(1))
    return model_io.to_dict(net, scaling, features)


def changed(d: dict, change) -> str:
    d = json.loads(json.dumps(d))
    change(d)
    return json.dumps(d)


def put(*path_and_value):
    *path, last, value = path_and_value

    def change(d):
        for key in path:
            d = d[key]
        d[last] = value
    return change


BINARY = model_dict(scaling=SCALING)
V2 = model_dict(features=("x1", "x2", "x1^2"))
MULTI = model_dict("multiclass", 3)
REGRESSION = model_dict("regression", 0)

# key -> a file that reaches it (all but "network", which only guards the engine's checks)
FILES = {
    "not_utf8": b"\xff\xfe{",
    "not_json": "{",
    "unreadable_json": '{"format": ' + "1" * 5000 + "}",
    "not_a_json_object": "[1, 2]",
    "format": '{"format": "x"}',
    "version_newer": changed(BINARY, put("version", 3)),
    "version_range": changed(BINARY, put("version", 0)),
    "whole_number": changed(BINARY, put("version", "1")),
    "features_list": changed(V2, put("features", [])),
    "feature_unknown": changed(V2, put("features", 1, "x3")),
    "feature_twice": changed(V2, put("features", 1, "x1")),
    "not_an_object": changed(BINARY, put("layers", 0, 5)),
    "missing_field_top": changed(BINARY, lambda d: d.pop("task")),
    "missing_field": changed(BINARY, lambda d: d["layers"][0].pop("b")),
    "unknown_field_top": changed(BINARY, put("comment", "hi")),
    "unknown_field": changed(BINARY, put("layers", 0, "bias", [])),
    "task": changed(BINARY, put("task", "ranking")),
    "classes_binary": changed(BINARY, put("classes", 3)),
    "classes_regression": changed(REGRESSION, put("classes", 2)),
    "classes_multiclass": changed(MULTI, put("classes", 1)),
    "std_positive": changed(BINARY, put("input_scaling", "std", 1, 0)),
    "layers_list": changed(BINARY, put("layers", [])),
    "layers_count": changed(BINARY, lambda d: d["layers"].extend([d["layers"][0]] * 20)),
    "hidden_units": changed(BINARY, put("layers", 0, "units", 5000)),
    "output_units_binary": changed(BINARY, put("layers", 1, "units", 2)),
    "output_units_multiclass": changed(MULTI, put("layers", 1, "units", 2)),
    "output_units_regression": changed(REGRESSION, put("layers", 1, "units", 3)),
    "hidden_activation": changed(BINARY, put("layers", 0, "activation", "swish")),
    "output_activation_binary": changed(BINARY, put("layers", 1, "activation", "tanh")),
    "output_activation_multiclass": changed(MULTI, put("layers", 1, "activation", "sigmoid")),
    "output_activation_regression": changed(REGRESSION, put("layers", 1, "activation", "relu")),
    "rows_type": changed(BINARY, put("layers", 0, "W", {})),
    "rows_inputs": changed(BINARY, lambda d: d["layers"][0]["W"].append([0.0] * 3)),
    "rows_units": changed(BINARY, lambda d: d["layers"][1]["W"].pop()),
    "numbers_type": changed(BINARY, put("layers", 0, "b", 5)),
    "numbers_units": changed(BINARY, lambda d: d["layers"][0]["b"].pop()),
    "numbers_inputs": changed(BINARY, put("input_scaling", "mean", [1.0])),
    "not_a_number": changed(BINARY, put("layers", 0, "b", 1, "0.5")),
    "not_finite": changed(BINARY, put("layers", 0, "b", 1, "MARK")).replace('"MARK"', "1e999"),
}


def refusal(content) -> model_io.ModelFileError:
    with pytest.raises(model_io.ModelFileError) as caught:
        model_io.loads_model(content)
    return caught.value


# --- the engine's errors carry a key and fields -------------------------------------------
@pytest.mark.parametrize("key", FILES)
def test_every_problem_has_its_key_and_its_english_message(key):
    error = refusal(FILES[key])
    assert error.key == key
    assert str(error) == model_io.MESSAGES[key].format(**error.fields)
    assert i18n.error_text(error, "en") == str(error)
    chinese = i18n.error_text(error, "zh")
    assert chinese != str(error) and any("\u4e00" <= c <= "\u9fff" for c in chinese)
    for word in ("expected", " got ", "model file", "numbers", "a list", "an object"):
        assert word not in chinese


def test_every_key_is_reached_by_some_file():
    reached = set(FILES) | {"too_large", "needs_load_model"}  # tested below
    assert set(model_io.MESSAGES) - reached == {"network"}  # a guard behind the checks


def test_the_other_two_keys(monkeypatch):
    with pytest.raises(model_io.ModelFileError) as caught:
        model_io.loads(json.dumps(V2))  # the x1, x2 reader refuses other features
    assert caught.value.key == "needs_load_model"
    monkeypatch.setattr(model_io, "MAX_FILE_BYTES", 10)
    assert refusal(json.dumps(BINARY)).key == "too_large"


@pytest.mark.parametrize("key, english, chinese", [
    ("format", 'format: expected "neural-playground/model" (a Neural Playground model file), '
               'got "x"',
     "format：应为 \"neural-playground/model\"（Neural Playground 的模型文件），实际是 \"x\""),
    ("rows_type", "layers[0].W: expected a list of 2 rows, got an object",
     "layers[0].W：应为 2 行的列表，实际是对象"),
])
def test_a_bad_model_file_is_explained_in_the_learners_language(key, english, chinese):
    error = refusal(FILES[key])
    assert i18n.error_text(error, "en") == english == str(error)
    assert i18n.error_text(error, "zh") == chinese


def test_the_catalogues_word_every_model_problem():
    for lang in i18n.LANGUAGES:
        T = i18n.texts("errors", lang)
        assert set(T["model"]) == set(model_io.MESSAGES)
        assert set(T["model_values"]) == set(model_io.VALUE_WORDS)


# --- a model onto a run (plain Python) -----------------------------------------------------
def trained_run(**changes) -> LiveRun:
    run = LiveRun(DEFAULTS.with_(**changes))
    run.advance(15)
    return run


@pytest.fixture(scope="module")
def source():
    """A 2-5-3-1 network fed x1, x2, x1^2, trained 15 epochs on the default circles."""
    run = trained_run(hidden=(5, 3), act=("relu", "tanh"), features=("x1", "x2", "x1^2"))
    return run, model_io.dumps(run.trainer.network, run.data.input_scaling,
                               run.settings.features)


def T(lang="en"):
    return i18n.texts("playground", lang)


def test_an_opened_model_trains_on_from_its_weights(source):
    first, text = source
    run = LiveRun(DEFAULTS)  # 2-4-4-1 tanh on the same circles
    kind, message = model_import.open_model(run, text, "model.json", T())
    assert kind == "ok"
    assert message.startswith("Opened model.json: 3-5-3-1, ReLU, Tanh; training continues")
    assert (run.epoch, len(run.history.rows)) == (0, 1)
    np.testing.assert_array_equal(run.trainer.network.theta, first.trainer.network.theta)
    assert run.last.train_loss == first.last.train_loss  # the loss it left off with
    assert run.settings.hidden == (5, 3) and run.settings.activations() == ("relu", "tanh")
    assert run.settings.features == ("x1", "x2", "x1^2")
    assert run.apply(run.settings) is None  # the sidebar showing it keeps the network
    np.testing.assert_array_equal(run.region_output(), first.region_output())


def test_the_learners_loss_and_optimizer_stay(source):
    _, text = source
    run = LiveRun(DEFAULTS.with_(loss="mse", opt="adam", lr=0.1))
    assert model_import.open_model(run, text, "m.json", T())[0] == "ok"
    assert run.trainer.network.loss.name == "mse"
    assert type(run.trainer.optimizer).__name__.lower() == "adam"
    assert run.trainer.optimizer.lr == 0.1


def test_features_listed_in_another_order_feed_the_same_inputs():
    d = model_dict(hidden=(4,), features=("x1", "x2", "x1^2"))
    swapped = json.loads(json.dumps(d))
    swapped["features"] = ["x1^2", "x1", "x2"]
    swapped["layers"][0]["W"] = [d["layers"][0]["W"][i] for i in (2, 0, 1)]
    a, b = LiveRun(DEFAULTS), LiveRun(DEFAULTS)
    assert model_import.open_model(a, json.dumps(d), "a", T())[0] == "ok"
    assert model_import.open_model(b, json.dumps(swapped), "b", T())[0] == "ok"
    assert b.settings.features == ("x1", "x2", "x1^2")
    np.testing.assert_allclose(b.region_output(), a.region_output())


@pytest.mark.parametrize("text, lang, fragment", [
    (json.dumps(MULTI), "en", "model.json is a 3-class model, but the current data (Circles) "
                              "needs a two-class model. It fits “Spiral, 3 arms”, “Three blobs”: "),
    (json.dumps(REGRESSION), "zh", "是回归模型，而当前数据（圆环）需要二分类模型"),
    ('{"format": "x"}', "en", "Could not open model.json: format: expected"),
    ("not json", "zh", "无法打开 model.json：不是模型文件"),
    (json.dumps(model_dict(hidden=(65,))), "en", "the Playground shows at most 8 hidden layers "
                                                 "of 64 units"),
])
def test_a_model_that_does_not_fit_changes_nothing(source, text, lang, fragment):
    run = trained_run()
    theta, epoch, settings = run.trainer.network.theta.copy(), run.epoch, run.settings
    kind, message = model_import.open_model(run, text, "model.json", T(lang), lang)
    assert kind == "error" and fragment in message
    assert message.endswith("Your network and data are unchanged." if lang == "en"
                            else "你的网络和数据保持不变。")
    np.testing.assert_array_equal(run.trainer.network.theta, theta)
    assert (run.epoch, run.settings) == (epoch, settings)


def test_a_csv_models_scaling_is_named_honestly():
    d = model_dict(scaling=SCALING)
    run = LiveRun(DEFAULTS)
    kind, message = model_import.open_model(run, json.dumps(d), "csv_model.json", T())
    assert kind == "ok" and "fits only data in that file's units" in message


# --- the page: upload, message once, Step trains from the model ----------------------------
class FakeUpload:
    def __init__(self, name: str, content: str | bytes):
        self.name = name
        self._content = content.encode() if isinstance(content, str) else content

    def getvalue(self) -> bytes:
        return self._content


def upload(at, monkeypatch, name: str, content) -> None:
    """What the uploader's callback does, on the AppTest's session."""
    monkeypatch.setattr(model_import, "state", at.session_state)
    monkeypatch.setattr(st, "session_state", at.session_state)  # write_widgets, language
    model_import.receive(FakeUpload(name, content), T(), controller.RUN)
    monkeypatch.undo()
    at.run()


def page(query: dict) -> st_testing.AppTest:
    at = st_testing.AppTest.from_file("../../pages/playground.py", default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def step(at):
    next(b for b in at.button if b.label == "Step").click().run()


def test_the_page_opens_a_model_and_step_trains_from_its_weights(source, monkeypatch):
    first, text = source
    at = page({"hidden": "3", "act": "relu"})
    assert not at.exception
    upload(at, monkeypatch, "model.json", text)
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Opened model.json: 3-5-3-1, ReLU, Tanh; training continues from its weights. "
        "Its inputs: x1, x2, x1²."]
    assert at.number_input(key=sidebar.W + "layers").value == 2
    assert [at.number_input(key=f"{sidebar.W}units_{i}").value for i in (0, 1)] == [5, 3]
    run = at.session_state[controller.RUN]
    np.testing.assert_array_equal(run.trainer.network.theta, first.trainer.network.theta)

    step(at)
    assert not at.exception and not at.success  # said once
    run = at.session_state[controller.RUN]
    assert run.epoch == 1
    model = model_io.loads_model(text)
    X = model.inputs_for(run.split.X_train)
    model.network.forward(X)
    own_loss = model.network.cost(run.trainer.Y_train)
    assert run.history.rows[0]["train_loss"] == pytest.approx(own_loss, rel=1e-12)
    assert run.history.rows[0]["train_loss"] == first.last.train_loss
    # and its epoch 1 is one epoch of the learner's training from the file's weights
    config = run.settings.to_config(run.data.task)
    alone = experiment.make_trainer(config, model.network.copy(), run.split)
    for _ in alone.run(1):
        pass
    np.testing.assert_array_equal(run.trainer.network.theta, alone.network.theta)


def test_the_page_says_why_a_bad_file_is_refused_and_keeps_the_network(monkeypatch):
    at = page({"hidden": "3"})
    step(at)
    run = at.session_state[controller.RUN]
    theta = run.trainer.network.theta.copy()
    upload(at, monkeypatch, "bad.json", '{"format": "x"}')
    assert not at.exception
    assert len(at.error) == 1 and "Could not open bad.json: format" in at.error[0].value
    run = at.session_state[controller.RUN]
    assert run.epoch == 1
    np.testing.assert_array_equal(run.trainer.network.theta, theta)
    step(at)
    assert not at.error and at.session_state[controller.RUN].epoch == 2


# --- any damaged file: a message, and the run as it was -------------------------------------
json_value = hs.recursive(
    hs.none() | hs.booleans() | hs.integers(-10**20, 10**20) | hs.floats() | hs.text(max_size=8),
    lambda inner: hs.lists(inner, max_size=4) | hs.dictionaries(hs.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)


def field_paths(d, prefix=()):
    yield prefix
    if isinstance(d, dict):
        for k, v in d.items():
            yield from field_paths(v, (*prefix, k))
    elif isinstance(d, list):
        for i, v in enumerate(d[:2]):
            yield from field_paths(v, (*prefix, i))


@hypothesis.settings(max_examples=300, deadline=None, derandomize=True)
@hypothesis.given(hs.sampled_from(list(field_paths(MULTI))[1:]), json_value)
def test_a_damaged_model_file_is_opened_or_refused_and_never_raises(path, new):
    run = SPIRAL3_RUN
    theta, settings = run.trainer.network.theta.copy(), run.settings
    text = changed(MULTI, put(*path, new))
    kind, message = model_import.open_model(run, text, "m.json", T("zh"), "zh")
    assert message
    if kind == "error":
        np.testing.assert_array_equal(run.trainer.network.theta, theta)
        assert run.settings == settings
    else:
        assert run.epoch == 0 and len(run.history.rows) == 1


SPIRAL3_RUN = LiveRun(DEFAULTS.with_(dataset="spiral3", samples=60))
