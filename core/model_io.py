"""Model files: a trained network as JSON, read back only after checking every field.

No pickle, ever: a model file comes from a stranger as often as from oneself, and
unpickling runs code. The format (version 2)::

    {"format": "neural-playground/model", "version": 2,
     "task": "binary" | "multiclass" | "regression",
     "classes": 2 for binary, K for multiclass, 0 for regression,
     "input_scaling": null or {"mean": [m1, m2], "std": [s1, s2]},
     "features": ["x1", "x2", "x1^2", ...] (the network's inputs, core/inputs.py),
     "layers": [{"units": n, "activation": name,
                 "W": [[...], ...] (fan_in rows x n columns), "b": [...] (n)}, ...]}

The last layer is the output layer; its activation follows from the task (sigmoid,
softmax or linear). The loss is not stored: a loaded network trains with its task's
default loss. ``input_scaling`` maps raw features to what the network saw in training,
``X = (raw - mean) / std``; the input features are computed from the scaled point.

Version 1 is version 2 without "features": its networks were fed x1, x2. A network fed
x1, x2 is still written as version 1, so older readers keep reading it; any other choice
of features needs version 2.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import numpy as np

from . import activations as acts
from . import csvdata, inputs, losses
from .dtype import DTYPE
from .network import MAX_HIDDEN_LAYERS, MAX_UNITS, Network

FORMAT = "neural-playground/model"
VERSION = 2  # the newest version this module reads and writes
N_INPUTS = 2  # the point (x1, x2) that input scaling applies to
MAX_FILE_BYTES = 64 * 1024 * 1024  # a sanity limit: json.loads of more would eat gigabytes
TOP_FIELDS = ("format", "version", "task", "classes", "input_scaling", "layers")
TOP_FIELDS_V2 = ("format", "version", "task", "classes", "input_scaling", "features", "layers")
LAYER_FIELDS = ("units", "activation", "W", "b")
SCALING_FIELDS = ("mean", "std")
OUTPUT_ACTIVATION = {task: losses.head(task)[0] for task in losses.TASKS}
FIXED_CLASSES = {"binary": 2, "regression": 0}  # multiclass: K from the network

# Every problem a file can have, as a template of named fields (``path`` is the field at
# fault, as JSON names it: layers[1].W[2]). The app shows the same problem in the
# learner's language from its own catalogue (ui/locales/*/errors.py, table "model": same
# keys and fields); the command line shows these.
MESSAGES = {
    "too_large": "not a model file: larger than {mb} MB",
    "not_utf8": "not a model file: not UTF-8 text",
    "not_json": "not a model file: not valid JSON ({detail} at line {line}, column {col})",
    "unreadable_json": "not a model file: unreadable JSON ({detail})",
    "not_a_json_object": "not a model file: expected a JSON object, got {got}",
    "format": "format: expected {expected} (a Neural Playground model file), got {got}",
    "version_newer": "version: the file is version {version}, from a newer Neural "
                     "Playground; this one reads versions 1 to {newest}",
    "version_range": "version: expected 1 to {newest}, got {got}",
    "features_list": "features: expected a non-empty list of feature names, got {got}",
    "feature_unknown": "{path}: unknown input feature {got}; choose from {known}",
    "feature_twice": "features: a feature is listed twice",
    "needs_load_model": "features: this model reads {features}; load it with load_model",
    "not_an_object": "{path}: expected an object, got {got}",
    "missing_field_top": "missing field '{name}'",
    "missing_field": "{path}: missing field '{name}'",
    "unknown_field_top": "unknown field {name}; expected only {expected}",
    "unknown_field": "{path}: unknown field {name}; expected only {expected}",
    "task": "task: expected one of {tasks}, got {got}",
    "whole_number": "{path}: expected a whole number, got {got}",
    "classes_binary": "classes: a binary model has 2 classes, got {got}",
    "classes_regression": "classes: a regression model has 0 classes, got {got}",
    "classes_multiclass": "classes: a multiclass model has 2 to {most} classes, got {got}",
    "std_positive": "{path}: must be positive, got {got}",
    "layers_list": "layers: expected a non-empty list of layers, got {got}",
    "layers_count": "layers: at most {most} hidden layers and the output layer, got {n} layers",
    "hidden_units": "{path}: a hidden layer has 1 to {most} units, got {got}",
    "output_units_binary": "{path}: the output layer of a binary model has 1 unit, got {got}",
    "output_units_regression": "{path}: the output layer of a regression model has 1 unit, "
                               "got {got}",
    "output_units_multiclass": "{path}: the output layer of a multiclass model with {k} "
                               "classes has {k} units, got {got}",
    "hidden_activation": "{path}: unknown activation {got}; choose from {known}",
    "output_activation_binary": "{path}: the output layer of a binary model uses sigmoid, "
                                "got {got}",
    "output_activation_multiclass": "{path}: the output layer of a multiclass model uses "
                                    "softmax, got {got}",
    "output_activation_regression": "{path}: the output layer of a regression model uses "
                                    "linear, got {got}",
    "rows_type": "{path}: expected a list of {rows} rows, got {got}",
    "rows_inputs": "{path}: expected {rows} rows (the {rows} input features), got {got}",
    "rows_units": "{path}: expected {rows} rows (the previous layer's units), got {got}",
    "numbers_type": "{path}: expected a list of {n} numbers, got {got}",
    "numbers_units": "{path}: expected {n} numbers (the layer's units), got {got}",
    "numbers_inputs": "{path}: expected {n} numbers (one per input feature), got {got}",
    "not_a_number": "{path}: expected a number, got {got}",
    "not_finite": "{path}: expected a finite number, got {got}",
    "network": "{detail}",
}
# What a message says of a value that it does not quote (its ``got``): the app words these
# from its catalogue too (table "model_values", keyed by the English).
VALUE_WORDS = ("null", "a boolean", "a number", "a string", "a list", "an object",
               "an empty list")


class ModelFileError(ValueError):
    """A model file that cannot be loaded; the message names the field at fault.

    ``key`` names the problem (a key of ``MESSAGES``) and ``fields`` fill its template, so
    the app can say the same in another language (catalogue table ``catalogue``)."""

    catalogue = "model"

    def __init__(self, key: str, **fields):
        self.key, self.fields = key, fields
        super().__init__(MESSAGES[key].format(**fields))


class Model(NamedTuple):
    """What a model file holds: the network, the scaling of the raw point (or None) and
    the input features computed from the scaled point."""

    network: Network
    input_scaling: dict | None
    features: tuple[str, ...]

    def inputs_for(self, X: np.ndarray) -> np.ndarray:
        """The network's input ``(n, len(features))`` for raw points ``X`` ``(n, 2)``."""
        return inputs.expand(csvdata.apply_scaling(X, self.input_scaling), self.features)


# --- writing ----------------------------------------------------------------------------
def to_dict(network: Network, input_scaling: dict | None = None,
            features: tuple[str, ...] = inputs.DEFAULT) -> dict:
    """``network`` (the scaling of the raw point, the input features it is fed) as a plain,
    JSON-ready dict: version 1 for the features x1, x2, else version 2.

    Raises ``ValueError`` for a network the format cannot hold (inputs that do not match
    the features, non-finite weights), so every file written loads back."""
    features = tuple(features)
    d = {
        "format": FORMAT,
        "version": 1 if features == inputs.DEFAULT else VERSION,
        "task": network.task,
        "classes": FIXED_CLASSES.get(network.task, network.n_classes),
        "input_scaling": None if input_scaling is None else {
            k: [float(v) for v in input_scaling[k]] for k in SCALING_FIELDS},
        **({} if features == inputs.DEFAULT else {"features": list(features)}),
        "layers": [{"units": int(W.shape[1]), "activation": name, "W": W.tolist(),
                    "b": b.tolist()}
                   for W, b, name in zip(network.W, network.b, network.activations)],
    }
    try:
        _validate(d)
    except ModelFileError as e:
        raise ValueError(f"this network cannot be saved as a model file: {e}") from None
    return d


def dumps(network: Network, input_scaling: dict | None = None,
          features: tuple[str, ...] = inputs.DEFAULT) -> str:
    """The model file's text (JSON; floats written exactly, so predictions survive)."""
    text = json.dumps(to_dict(network, input_scaling, features), allow_nan=False) + "\n"
    if len(text) > MAX_FILE_BYTES:
        raise ValueError(f"this network is too large for a model file "
                         f"(limit {MAX_FILE_BYTES // 2**20} MB)")
    return text


def save(path: str | os.PathLike, network: Network, input_scaling: dict | None = None,
         features: tuple[str, ...] = inputs.DEFAULT) -> None:
    """Write ``network`` to the model file ``path`` (UTF-8 JSON)."""
    Path(path).write_text(dumps(network, input_scaling, features), encoding="utf-8")


# --- reading ----------------------------------------------------------------------------
def load_model(path: str | os.PathLike) -> Model:
    """The ``Model`` in the model file ``path`` (version 1 or 2); ``ModelFileError`` if the
    file is not a valid model, ``OSError`` if it cannot be read."""
    if os.path.getsize(path) > MAX_FILE_BYTES:
        raise ModelFileError("too_large", mb=MAX_FILE_BYTES // 2**20)
    return loads_model(Path(path).read_bytes())


def load(path: str | os.PathLike) -> tuple[Network, dict | None]:
    """``(network, input_scaling)`` from the model file ``path``, for a network fed x1, x2
    (``load_model`` reads any)."""
    return _plain_inputs(load_model(path))


def loads(text: str | bytes) -> tuple[Network, dict | None]:
    """``(network, input_scaling)`` from a model file's text or bytes, for a network fed
    x1, x2 (``loads_model`` reads any)."""
    return _plain_inputs(loads_model(text))


def from_dict(d: dict) -> tuple[Network, dict | None]:
    """``(network, input_scaling)`` from a parsed model file, for a network fed x1, x2
    (``model_from_dict`` reads any)."""
    return _plain_inputs(model_from_dict(d))


def _plain_inputs(model: Model) -> tuple[Network, dict | None]:
    # These three predate input features: a caller that ignores them would feed the
    # network the wrong inputs, so such a file is refused here rather than mispredicted.
    if model.features != inputs.DEFAULT:
        raise ModelFileError("needs_load_model", features=", ".join(model.features))
    return model.network, model.input_scaling


def loads_model(text: str | bytes) -> Model:
    """The ``Model`` in a model file's text or bytes."""
    if len(text) > MAX_FILE_BYTES:
        raise ModelFileError("too_large", mb=MAX_FILE_BYTES // 2**20)
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ModelFileError("not_utf8") from None
    try:
        d = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as e:
        raise ModelFileError("not_json", detail=e.msg, line=e.lineno, col=e.colno) from None
    except (ValueError, RecursionError) as e:  # e.g. an integer of 5,000 digits
        raise ModelFileError("unreadable_json", detail=str(e)) from None
    return model_from_dict(d)


def model_from_dict(d: dict) -> Model:
    """The ``Model`` of a parsed model file, after checking every field.

    The network gets its task's default loss."""
    task, k, scaling, features, W, b, names = _validate(d)
    try:
        return Model(Network(W, b, names, task, k), scaling, features)
    except ValueError as e:  # the checks above should leave nothing for Network to reject
        raise ModelFileError("network", detail=str(e)) from None


# --- validation -------------------------------------------------------------------------
def _validate(d) -> tuple:
    """``(task, classes, input_scaling, features, W list, b list, activation names)`` of a
    model dict, or ``ModelFileError`` naming the first field at fault."""
    if not isinstance(d, dict):
        raise ModelFileError("not_a_json_object", got=_kind(d))
    if d.get("format") != FORMAT:
        raise ModelFileError("format", expected=_show(FORMAT), got=_show(d.get("format")))
    version = _version(d.get("version"))
    _fields(d, TOP_FIELDS if version == 1 else TOP_FIELDS_V2, "")
    task = _task(d["task"])
    k = _classes(d["classes"], task)
    scaling = _scaling(d["input_scaling"])
    features = inputs.DEFAULT if version == 1 else _features(d["features"])
    W, b, names = _layers(d["layers"], task, k, len(features))
    return task, k, scaling, features, W, b, names


def _version(v) -> int:
    v = _whole(v, "version")
    if v > VERSION:
        raise ModelFileError("version_newer", version=v, newest=VERSION)
    if v < 1:
        raise ModelFileError("version_range", newest=VERSION, got=v)
    return v


def _features(names) -> tuple[str, ...]:
    if not isinstance(names, list) or not names:
        got = "an empty list" if names == [] else _kind(names)
        raise ModelFileError("features_list", got=got)
    for j, name in enumerate(names):
        if not isinstance(name, str) or name not in inputs.FEATURES:
            raise ModelFileError("feature_unknown", path=f"features[{j}]", got=_show(name),
                                 known=", ".join(inputs.FEATURES))
    if len(set(names)) != len(names):
        raise ModelFileError("feature_twice")
    return tuple(names)


def _fields(obj, names: tuple[str, ...], path: str) -> None:
    """``obj`` must be an object with exactly the fields ``names``."""
    top = "" if path else "_top"
    if not isinstance(obj, dict):
        raise ModelFileError("not_an_object", path=path or "model", got=_kind(obj))
    for name in names:
        if name not in obj:
            raise ModelFileError("missing_field" + top, path=path, name=name)
    for name in obj:
        if name not in names:
            raise ModelFileError("unknown_field" + top, path=path, name=repr(name),
                                 expected=", ".join(names))


def _task(task) -> str:
    if task not in losses.TASKS:
        raise ModelFileError("task", tasks=", ".join(losses.TASKS), got=_show(task))
    return task


def _classes(k, task: str) -> int:
    k = _whole(k, "classes")
    fixed = FIXED_CLASSES.get(task)
    if fixed is not None and k != fixed or fixed is None and not 2 <= k <= MAX_UNITS:
        raise ModelFileError(f"classes_{task}", most=MAX_UNITS, got=k)
    return k


def _scaling(scaling) -> dict | None:
    if scaling is None:
        return None
    _fields(scaling, SCALING_FIELDS, "input_scaling")
    mean = _vector(scaling["mean"], "input_scaling.mean", N_INPUTS, "numbers_inputs")
    std = _vector(scaling["std"], "input_scaling.std", N_INPUTS, "numbers_inputs")
    for j, s in enumerate(std):
        if s <= 0:
            raise ModelFileError("std_positive", path=f"input_scaling.std[{j}]", got=s)
    return {"mean": mean.tolist(), "std": std.tolist()}


def _layers(layers, task: str, k: int, n_inputs: int) -> tuple[list, list, list[str]]:
    if not isinstance(layers, list) or not layers:
        got = "an empty list" if layers == [] else _kind(layers)
        raise ModelFileError("layers_list", got=got)
    if len(layers) > MAX_HIDDEN_LAYERS + 1:
        raise ModelFileError("layers_count", most=MAX_HIDDEN_LAYERS, n=len(layers))
    W, b, names = [], [], []
    fan_in, rows_are = n_inputs, "rows_inputs"
    for i, layer in enumerate(layers):
        path = f"layers[{i}]"
        _fields(layer, LAYER_FIELDS, path)
        is_output = i == len(layers) - 1
        check_units, check_activation = (_output_units, _output_activation) if is_output \
            else (_hidden_units, _hidden_activation)
        units = check_units(layer["units"], path, task, k)
        names.append(check_activation(layer["activation"], path, task))
        W.append(_matrix(layer["W"], f"{path}.W", fan_in, units, rows_are))
        b.append(_vector(layer["b"], f"{path}.b", units, "numbers_units"))
        fan_in, rows_are = units, "rows_units"
    return W, b, names


def _hidden_units(units, path: str, task: str, k: int) -> int:
    units = _whole(units, f"{path}.units")
    if not 1 <= units <= MAX_UNITS:
        raise ModelFileError("hidden_units", path=f"{path}.units", most=MAX_UNITS, got=units)
    return units


def _output_units(units, path: str, task: str, k: int) -> int:
    units = _whole(units, f"{path}.units")
    expected = losses.n_outputs(task, k)
    if units != expected:
        raise ModelFileError(f"output_units_{task}", path=f"{path}.units", k=k, got=units)
    return units


def _hidden_activation(name, path: str, task: str) -> str:
    if not isinstance(name, str) or name not in acts.ACTIVATIONS:
        raise ModelFileError("hidden_activation", path=f"{path}.activation", got=_show(name),
                             known=", ".join(acts.ACTIVATIONS))
    return name


def _output_activation(name, path: str, task: str) -> str:
    expected = OUTPUT_ACTIVATION[task]
    if name != expected:
        raise ModelFileError(f"output_activation_{task}", path=f"{path}.activation",
                             got=_show(name))
    return name


def _matrix(value, path: str, rows: int, cols: int, rows_are: str) -> np.ndarray:
    """A ``(rows, cols)`` array from a list of ``rows`` lists of ``cols`` finite numbers
    (``rows_are``: the message key that says what the rows are)."""
    if not isinstance(value, list):
        raise ModelFileError("rows_type", path=path, rows=rows, got=_kind(value))
    if len(value) != rows:
        raise ModelFileError(rows_are, path=path, rows=rows, got=len(value))
    return np.array([_vector(row, f"{path}[{r}]", cols, "numbers_units")
                     for r, row in enumerate(value)], dtype=DTYPE).reshape(rows, cols)


def _vector(value, path: str, n: int, meaning: str) -> np.ndarray:
    """A ``(n,)`` array from a list of ``n`` finite numbers (``meaning``: the message key
    that says what the numbers are)."""
    if not isinstance(value, list):
        raise ModelFileError("numbers_type", path=path, n=n, got=_kind(value))
    if len(value) != n:
        raise ModelFileError(meaning, path=path, n=n, got=len(value))
    for j, v in enumerate(value):
        if type(v) not in (int, float):  # bool is an int subclass; true is not a weight
            raise ModelFileError("not_a_number", path=f"{path}[{j}]", got=_show(v))
    try:
        x = np.array(value, dtype=DTYPE)
    except OverflowError:  # an integer beyond float range; name it below as not finite
        x = np.array([_to_float(v) for v in value], dtype=DTYPE)
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        j = int(bad[0])
        raise ModelFileError("not_finite", path=f"{path}[{j}]", got=_show(value[j]))
    return x


def _to_float(v: int | float) -> float:
    try:
        return float(v)
    except OverflowError:
        return np.inf


def _whole(v, path: str) -> int:
    if type(v) is not int:
        raise ModelFileError("whole_number", path=path, got=_show(v))
    return v


_KINDS = {type(None): "null", bool: "a boolean", int: "a number", float: "a number",
          str: "a string", list: "a list", dict: "an object"}


def _kind(v) -> str:
    return _KINDS.get(type(v), type(v).__name__)


def _show(v) -> str:
    """A value as a message quotes it: strings and numbers shown, containers named."""
    if isinstance(v, (list, dict)) or v is None:
        return _kind(v)
    text = json.dumps(v) if not isinstance(v, float) else repr(v)
    return text if len(text) <= 40 else text[:37] + "..."
