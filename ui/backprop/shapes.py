"""Article 004's vectorisation: the shape of every matrix for m samples, read from the
engine's arrays, for the lesson's network and for the Playground's current one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import backprop_steps as bs
from core import experiment
from core.network import Network

from ..playground import controller
from ..playground.settings import DEFAULTS
from . import state

M_LIMIT = 100_000


def _shape(s: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(v) for v in s) + ("," if len(s) == 1 else "") + ")"


def table(net: Network, X: np.ndarray, layer_label: str) -> tuple[str, pd.DataFrame]:
    """X's shape and one row per layer: the shapes of W, b, Z, A, dZ, dW, db."""
    x_shape, layers = bs.matrix_shapes(net, X)
    rows = [{layer_label: s.layer, "W[l]": _shape(s.W), "b[l]": _shape(s.b),
             "Z[l]": _shape(s.Z), "A[l]": _shape(s.A), "dZ[l]": _shape(s.dZ),
             "dW[l]": _shape(s.dW), "db[l]": _shape(s.db)} for s in layers]
    return _shape(x_shape), pd.DataFrame(rows)


@st.cache_resource(show_spinner=False)
def _default_playground() -> tuple[Network, np.ndarray]:
    _, trainer = experiment.build(DEFAULTS.to_config())
    return trainer.network, trainer.split.X_train


def playground_network() -> tuple[Network, np.ndarray, bool]:
    """The Playground's current network and training inputs, or its default (False)."""
    run = controller.current_run()
    if run is not None:
        return run.trainer.network, run.trainer.split.X_train, True
    net, X = _default_playground()
    return net, X, False


def _sizes(net: Network) -> str:
    return "-".join(str(s) for s in net.sizes)


def section(T: dict, ex_id: str) -> None:
    st.subheader(T["shapes_header"])
    st.markdown(T["shapes_intro"])
    m = int(st.number_input(T["shapes_m"], min_value=1, max_value=M_LIMIT, value=5, step=1,
                            key=state.NS + "shapes_m"))
    net, _, _ = bs.build(bs.EXAMPLES[ex_id])
    x, df = table(net, np.zeros((m, net.sizes[0])), T["layer"])
    st.markdown(T["shapes_this"].format(sizes=_sizes(net), x=x))
    st.table(df)
    live, X, is_live = playground_network()
    x, df = table(live, X, T["layer"])
    key = "shapes_live" if is_live else "shapes_default"
    st.markdown(T[key].format(sizes=_sizes(live), m=len(X), x=x))
    st.table(df)
