"""Model files: a trained network as JSON, read back only after checking every field.

No pickle, ever: a model file comes from a stranger as often as from oneself, and
unpickling runs code. The format (version 1)::

    {"format": "neural-playground/model", "version": 1,
     "task": "binary" | "multiclass" | "regression",
     "classes": 2 for binary, K for multiclass, 0 for regression,
     "input_scaling": null or {"mean": [m1, m2], "std": [s1, s2]},
     "layers": [{"units": n, "activation": name,
                 "W": [[...], ...] (fan_in rows x n columns), "b": [...] (n)}, ...]}

The last layer is the output layer; its activation follows from the task (sigmoid,
softmax or linear). The loss is not stored: a loaded network trains with its task's
default loss. ``input_scaling`` maps raw features to what the network saw in training,
``X = (raw - mean) / std``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from . import activations as acts
from . import losses
from .dtype import DTYPE
from .network import MAX_HIDDEN_LAYERS, MAX_UNITS, Network

FORMAT = "neural-playground/model"
VERSION = 1
N_INPUTS = 2
MAX_FILE_BYTES = 64 * 1024 * 1024  # a sanity limit: json.loads of more would eat gigabytes
TOP_FIELDS = ("format", "version", "task", "classes", "input_scaling", "layers")
LAYER_FIELDS = ("units", "activation", "W", "b")
SCALING_FIELDS = ("mean", "std")
OUTPUT_ACTIVATION = {task: losses.head(task)[0] for task in losses.TASKS}
FIXED_CLASSES = {"binary": 2, "regression": 0}  # multiclass: K from the network
TASK_WORDS = {"binary": "a binary", "multiclass": "a multiclass", "regression": "a regression"}


class ModelFileError(ValueError):
    """A model file that cannot be loaded; the message names the field at fault."""


# --- writing ----------------------------------------------------------------------------
def to_dict(network: Network, input_scaling: dict | None = None) -> dict:
    """``network`` (and the scaling of its inputs) as a plain, JSON-ready dict.

    Raises ``ValueError`` for a network the format cannot hold (not 2 inputs,
    non-finite weights), so every file written loads back."""
    d = {
        "format": FORMAT,
        "version": VERSION,
        "task": network.task,
        "classes": FIXED_CLASSES.get(network.task, network.n_classes),
        "input_scaling": None if input_scaling is None else {
            k: [float(v) for v in input_scaling[k]] for k in SCALING_FIELDS},
        "layers": [{"units": int(W.shape[1]), "activation": name, "W": W.tolist(),
                    "b": b.tolist()}
                   for W, b, name in zip(network.W, network.b, network.activations)],
    }
    try:
        _validate(d)
    except ModelFileError as e:
        raise ValueError(f"this network cannot be saved as a model file: {e}") from None
    return d


def dumps(network: Network, input_scaling: dict | None = None) -> str:
    """The model file's text (JSON; floats written exactly, so predictions survive)."""
    text = json.dumps(to_dict(network, input_scaling), allow_nan=False) + "\n"
    if len(text) > MAX_FILE_BYTES:
        raise ValueError(f"this network is too large for a model file "
                         f"(limit {MAX_FILE_BYTES // 2**20} MB)")
    return text


def save(path: str | os.PathLike, network: Network, input_scaling: dict | None = None) -> None:
    """Write ``network`` to the model file ``path`` (UTF-8 JSON)."""
    Path(path).write_text(dumps(network, input_scaling), encoding="utf-8")


# --- reading ----------------------------------------------------------------------------
def load(path: str | os.PathLike) -> tuple[Network, dict | None]:
    """``(network, input_scaling)`` from the model file ``path``; ``ModelFileError`` if the
    file is not a valid model, ``OSError`` if it cannot be read."""
    if os.path.getsize(path) > MAX_FILE_BYTES:
        raise ModelFileError(f"not a model file: larger than {MAX_FILE_BYTES // 2**20} MB")
    return loads(Path(path).read_bytes())


def loads(text: str | bytes) -> tuple[Network, dict | None]:
    """``(network, input_scaling)`` from a model file's text or bytes."""
    if len(text) > MAX_FILE_BYTES:
        raise ModelFileError(f"not a model file: larger than {MAX_FILE_BYTES // 2**20} MB")
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ModelFileError("not a model file: not UTF-8 text") from None
    try:
        d = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as e:
        raise ModelFileError(f"not a model file: not valid JSON ({e.msg} at line {e.lineno}, "
                             f"column {e.colno})") from None
    except (ValueError, RecursionError) as e:  # e.g. an integer of 5,000 digits
        raise ModelFileError(f"not a model file: unreadable JSON ({e})") from None
    return from_dict(d)


def from_dict(d: dict) -> tuple[Network, dict | None]:
    """``(network, input_scaling)`` from a parsed model file, after checking every field.

    The network gets its task's default loss."""
    task, k, scaling, W, b, names = _validate(d)
    try:
        return Network(W, b, names, task, k), scaling
    except ValueError as e:  # the checks above should leave nothing for Network to reject
        raise ModelFileError(str(e)) from None


# --- validation -------------------------------------------------------------------------
def _validate(d) -> tuple:
    """``(task, classes, input_scaling, W list, b list, activation names)`` of a model dict,
    or ``ModelFileError`` naming the first field at fault."""
    if not isinstance(d, dict):
        raise ModelFileError(f"not a model file: expected a JSON object, got {_kind(d)}")
    if d.get("format") != FORMAT:
        raise ModelFileError(f"format: expected {_show(FORMAT)} (a Neural Playground model file), "
                             f"got {_show(d.get('format'))}")
    _version(d.get("version"))
    _fields(d, TOP_FIELDS, "")
    task = _task(d["task"])
    k = _classes(d["classes"], task)
    scaling = _scaling(d["input_scaling"])
    W, b, names = _layers(d["layers"], task, k)
    return task, k, scaling, W, b, names


def _version(v) -> None:
    if type(v) is not int:
        raise ModelFileError(f"version: expected a whole number, got {_show(v)}")
    if v > VERSION:
        raise ModelFileError(f"version: the file is version {v}, from a newer Neural "
                             f"Playground; this one reads version {VERSION}")
    if v != VERSION:
        raise ModelFileError(f"version: expected {VERSION}, got {v}")


def _fields(obj, names: tuple[str, ...], path: str) -> None:
    """``obj`` must be an object with exactly the fields ``names``."""
    where = f"{path}: " if path else ""
    if not isinstance(obj, dict):
        raise ModelFileError(f"{path or 'model'}: expected an object, got {_kind(obj)}")
    for name in names:
        if name not in obj:
            raise ModelFileError(f"{where}missing field {name!r}")
    for name in obj:
        if name not in names:
            raise ModelFileError(f"{where}unknown field {name!r}; expected only "
                                 f"{', '.join(names)}")


def _task(task) -> str:
    if task not in losses.TASKS:
        raise ModelFileError(f"task: expected one of {', '.join(losses.TASKS)}, "
                             f"got {_show(task)}")
    return task


def _classes(k, task: str) -> int:
    k = _whole(k, "classes")
    fixed = FIXED_CLASSES.get(task)
    if fixed is not None and k != fixed:
        raise ModelFileError(f"classes: {TASK_WORDS[task]} model has {fixed} classes, "
                             f"got {k}")
    if fixed is None and not 2 <= k <= MAX_UNITS:
        raise ModelFileError(f"classes: a multiclass model has 2 to {MAX_UNITS} classes, "
                             f"got {k}")
    return k


def _scaling(scaling) -> dict | None:
    if scaling is None:
        return None
    _fields(scaling, SCALING_FIELDS, "input_scaling")
    mean = _vector(scaling["mean"], "input_scaling.mean", N_INPUTS, "one per input feature")
    std = _vector(scaling["std"], "input_scaling.std", N_INPUTS, "one per input feature")
    for j, s in enumerate(std):
        if s <= 0:
            raise ModelFileError(f"input_scaling.std[{j}]: must be positive, got {s}")
    return {"mean": mean.tolist(), "std": std.tolist()}


def _layers(layers, task: str, k: int) -> tuple[list, list, list[str]]:
    if not isinstance(layers, list) or not layers:
        got = "an empty list" if layers == [] else _kind(layers)
        raise ModelFileError(f"layers: expected a non-empty list of layers, got {got}")
    if len(layers) > MAX_HIDDEN_LAYERS + 1:
        raise ModelFileError(f"layers: at most {MAX_HIDDEN_LAYERS} hidden layers and the "
                             f"output layer, got {len(layers)} layers")
    W, b, names = [], [], []
    fan_in, rows_are = N_INPUTS, f"the {N_INPUTS} input features"
    for i, layer in enumerate(layers):
        path = f"layers[{i}]"
        _fields(layer, LAYER_FIELDS, path)
        is_output = i == len(layers) - 1
        check_units, check_activation = (_output_units, _output_activation) if is_output \
            else (_hidden_units, _hidden_activation)
        units = check_units(layer["units"], path, task, k)
        names.append(check_activation(layer["activation"], path, task))
        W.append(_matrix(layer["W"], f"{path}.W", fan_in, units, rows_are))
        b.append(_vector(layer["b"], f"{path}.b", units, "the layer's units"))
        fan_in, rows_are = units, "the previous layer's units"
    return W, b, names


def _hidden_units(units, path: str, task: str, k: int) -> int:
    units = _whole(units, f"{path}.units")
    if not 1 <= units <= MAX_UNITS:
        raise ModelFileError(f"{path}.units: a hidden layer has 1 to {MAX_UNITS} units, "
                             f"got {units}")
    return units


def _output_units(units, path: str, task: str, k: int) -> int:
    units = _whole(units, f"{path}.units")
    expected = losses.n_outputs(task, k)
    if units != expected:
        model = f"{TASK_WORDS[task]} model" + (f" with {k} classes" if task == "multiclass"
                                               else "")
        raise ModelFileError(f"{path}.units: the output layer of {model} has {expected} "
                             f"unit{'s' if expected > 1 else ''}, got {units}")
    return units


def _hidden_activation(name, path: str, task: str) -> str:
    if not isinstance(name, str) or name not in acts.ACTIVATIONS:
        raise ModelFileError(f"{path}.activation: unknown activation {_show(name)}; "
                             f"choose from {', '.join(acts.ACTIVATIONS)}")
    return name


def _output_activation(name, path: str, task: str) -> str:
    expected = OUTPUT_ACTIVATION[task]
    if name != expected:
        raise ModelFileError(f"{path}.activation: the output layer of {TASK_WORDS[task]} "
                             f"model uses {expected}, got {_show(name)}")
    return name


def _matrix(value, path: str, rows: int, cols: int, rows_are: str) -> np.ndarray:
    """A ``(rows, cols)`` array from a list of ``rows`` lists of ``cols`` finite numbers."""
    if not isinstance(value, list):
        raise ModelFileError(f"{path}: expected a list of {rows} rows, got {_kind(value)}")
    if len(value) != rows:
        raise ModelFileError(f"{path}: expected {rows} rows ({rows_are}), got {len(value)}")
    return np.array([_vector(row, f"{path}[{r}]", cols, "the layer's units")
                     for r, row in enumerate(value)], dtype=DTYPE).reshape(rows, cols)


def _vector(value, path: str, n: int, meaning: str) -> np.ndarray:
    """A ``(n,)`` array from a list of ``n`` finite numbers."""
    if not isinstance(value, list):
        raise ModelFileError(f"{path}: expected a list of {n} numbers, got {_kind(value)}")
    if len(value) != n:
        raise ModelFileError(f"{path}: expected {n} numbers ({meaning}), got {len(value)}")
    for j, v in enumerate(value):
        if type(v) not in (int, float):  # bool is an int subclass; true is not a weight
            raise ModelFileError(f"{path}[{j}]: expected a number, got {_show(v)}")
    try:
        x = np.array(value, dtype=DTYPE)
    except OverflowError:  # an integer beyond float range; name it below as not finite
        x = np.array([_to_float(v) for v in value], dtype=DTYPE)
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        j = int(bad[0])
        raise ModelFileError(f"{path}[{j}]: expected a finite number, got {_show(value[j])}")
    return x


def _to_float(v: int | float) -> float:
    try:
        return float(v)
    except OverflowError:
        return np.inf


def _whole(v, path: str) -> int:
    if type(v) is not int:
        raise ModelFileError(f"{path}: expected a whole number, got {_show(v)}")
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
