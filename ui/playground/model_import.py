"""Open a trained model (the engine's JSON model file) in the Playground and keep training it.

The file's network replaces the run's network on the current data, from its own weights:
epoch 0, a fresh history, the learner's optimizer, learning rate, batch and loss. The
sidebar's network widgets (hidden layers, units, activations, input features) are set to
match it, so the rerun that follows keeps it (``LiveRun.apply`` rebuilds a network only
when they change). A file that cannot be read, or a model for another kind of data, is
said once in the learner's language and changes nothing.

``open_model`` is plain Python over a ``LiveRun`` (testable without a browser); the
uploader and its callback are the Streamlit side.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core import datasets, inputs, model_io
from core.network import Network

from .. import language
from ..i18n import error_text
from . import sidebar
from .keys import NS, W
from .live import LiveRun
from .settings import MAX_LAYERS, MAX_UNITS, Settings

VERSION = NS + "model_upload_version"  # a new, empty uploader after every file
MESSAGE = NS + "model_message"  # ("ok" | "error", text): said once, on the next page drawn
W_MODEL = W + "model"

state = st.session_state


# --- plain Python: a model file onto a run ------------------------------------------------
def open_model(run: LiveRun, content: bytes | str, name: str, T: dict,
               lang: str = "en") -> tuple[str, str]:
    """Put the model file ``content`` (named ``name``) into ``run``, or leave ``run`` as it
    was. Returns ``("ok" | "error", message)`` in the language of ``T`` and ``lang``; on
    "ok", ``run.settings`` describe the model's network (for the sidebar's widgets)."""
    unchanged = T["model_unchanged"]
    try:
        model = model_io.loads_model(content)
    except model_io.ModelFileError as error:
        why = error_text(error, lang).rstrip(" .。")
        return "error", T["model_bad"].format(name=name, error=why) + unchanged
    net, data = model.network, run.data
    if (net.task, net.n_classes) != (data.task, data.n_classes):
        return "error", _wrong_task(net, run, name, T) + unchanged
    hidden = net.hidden
    if len(hidden) > MAX_LAYERS or max(hidden, default=1) > MAX_UNITS:
        return "error", T["model_too_big"].format(
            name=name, layers=len(hidden), units=max(hidden), max_layers=MAX_LAYERS,
            max_units=MAX_UNITS) + unchanged
    settings = settings_for(model, run.settings)
    run.adopt(_network_for(model, settings.features, settings.to_config(data.task).loss),
              settings)
    return "ok", _opened(model, run, name, T)


def settings_for(model: model_io.Model, settings: Settings) -> Settings:
    """``settings`` with the model's hidden layers, activations and input features (in the
    order the feature picker lists them), in the form the sidebar reads them back."""
    net = model.network
    hidden_acts = tuple(net.activations[:-1])
    act = (hidden_acts[:1] if len(set(hidden_acts)) == 1 else hidden_acts) or settings.act[:1]
    return settings.with_(hidden=tuple(net.hidden), act=act,
                          features=inputs.check(model.features))


def _network_for(model: model_io.Model, features: tuple[str, ...], loss: str | None
                 ) -> Network:
    """The model's network with its first layer's rows in the order of ``features`` (a
    hand-written file may list them in another order) and the learner's ``loss``."""
    net = model.network
    rows = [model.features.index(f) for f in features]
    W = [np.array(w) for w in net.W]
    W[0] = W[0][rows]
    return Network(W, [np.array(b) for b in net.b], net.activations, net.task, net.n_classes,
                   loss)


def _task_words(net, T: dict) -> str:
    return T["model_tasks"][net.task].format(k=net.n_classes)


def _wrong_task(net: Network, run: LiveRun, name: str, T: dict) -> str:
    """The model is for other data: say what each needs, and which data sets it fits."""
    message = T["model_wrong_task"].format(
        name=name, model_task=_task_words(net, T), data_task=_task_words(run.data, T),
        data=T["dataset_names"].get(run.settings.dataset, run.settings.dataset))
    fits = [T["model_dataset"].format(name=T["dataset_names"].get(d, d))
            for d, spec in datasets.DATASETS.items()
            if (spec.task, spec.n_classes) == (net.task, net.n_classes)]
    return message + (T["model_try"].format(datasets=T["model_list_sep"].join(fits))
                      if fits else "")


def _opened(model: model_io.Model, run: LiveRun, name: str, T: dict) -> str:
    net = model.network
    names = list(dict.fromkeys(net.activations[:-1]))  # each once, in layer order
    acts = T["model_list_sep"].join(T["activation_names"].get(a, a) for a in names) or (
        T["model_no_hidden"])
    message = T["model_opened"].format(name=name, shape="-".join(map(str, net.sizes)),
                                       acts=acts)
    if model.features != inputs.DEFAULT:
        message += T["model_inputs"].format(
            features=T["model_list_sep"].join(T["feature_names"].get(f, f)
                                              for f in model.features))
    if model.input_scaling is not None:
        same = _same_scaling(model.input_scaling, run.data.input_scaling)
        message += T["model_scaling_same" if same else "model_scaling_other"]
    return message


def _same_scaling(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return False
    return all(np.allclose(a[k], b[k], rtol=1e-9, atol=0.0) for k in model_io.SCALING_FIELDS)


# --- Streamlit: the uploader, its callback, the message -----------------------------------
def _key() -> str:
    return f"{W_MODEL}_{state.get(VERSION, 0)}"


def uploader(T: dict, run_key: str) -> None:
    """The sidebar's "Open a trained model" uploader (``run_key``: the session key of the
    ``LiveRun`` it changes)."""
    st.sidebar.file_uploader(T["model_upload"], type=["json"], key=_key(),
                             on_change=_on_upload, args=(T, run_key), help=T["model_upload_help"])


def _on_upload(T: dict, run_key: str) -> None:
    file = state.get(_key())
    if file is not None:
        receive(file, T, run_key)


def receive(file, T: dict, run_key: str) -> None:
    """Open an uploaded ``file`` (``.name``, ``.getvalue()``). Either way the uploader is
    emptied (a new one): the message says what happened, and the file's name never stays
    beside a network that is not it."""
    run = state.get(run_key)
    state[VERSION] = state.get(VERSION, 0) + 1
    if run is None:
        return
    kind, text = open_model(run, file.getvalue(), file.name, T, language.current())
    state[MESSAGE] = (kind, text)
    if kind == "ok":
        sidebar.write_widgets(run.settings)  # the rerun draws the model's network: no rebuild


def show_message() -> None:
    """The outcome of the last file, said once (the next rerun no longer shows it)."""
    said = state.pop(MESSAGE, None)
    if said is not None:
        kind, text = said
        (st.success if kind == "ok" else st.error)(text)
