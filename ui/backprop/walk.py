"""The walkthrough (forward, backward, one update) of the worked network, and beside it
the article's "nudge a weight" check. One Streamlit fragment: a press of Next step or a
changed number reruns only this part of the page."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from core import backprop_steps as bs
from core import engine_code
from figures import backprop as figs

from .. import charts, predict
from . import latex, state

H_CHOICES = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7]
PLOT_CONFIG = {"displayModeBar": False}


# --- the number boxes ------------------------------------------------------------------
def _box(T: dict, k: str, label: str) -> None:
    st.number_input(label, key=k, step=0.1, format="%.4f", on_change=state.on_number,
                    args=(k, T["clamped"]))


def editor(T: dict, ex_id: str) -> None:
    """Every input, target, weight and bias in a number box (collapsed by default)."""
    ex = bs.EXAMPLES[ex_id]
    with st.expander(T["edit"], expanded=False):
        st.caption(T["edit_help"].format(limit=bs.LIMIT))
        cols = st.columns(len(ex.W) + 1)
        with cols[0]:
            st.markdown(f"**{T['inputs']}**")
            for i in range(len(ex.x)):
                _box(T, state.key(ex_id, "x", i), f"$x_{{{i + 1}}}$")
            st.markdown(f"**{T['targets']}**")
            for j in range(len(ex.y)):
                _box(T, state.key(ex_id, "y", j), f"$y_{{{j + 1}}}$")
        for l, (W, b) in enumerate(zip(ex.W, ex.b), start=1):
            with cols[l]:
                st.markdown(f"**{T['weights_of'].format(l=l)}**")
                for i, row in enumerate(W):
                    boxes = st.columns(len(row))
                    for j in range(len(row)):
                        with boxes[j]:
                            _box(T, state.key(ex_id, "W", l, i, j),
                                 f"${latex.sym('W', l, i, j)}$")
                boxes = st.columns(len(b))
                for j in range(len(b)):
                    with boxes[j]:
                        _box(T, state.key(ex_id, "b", l, j), f"${latex.sym('b', l, j)}$")
        st.button(T["restore"], on_click=state.restore, args=(ex_id,), key=state.NS + "restore")


# --- the picture -----------------------------------------------------------------------
def _sub(name: str, j: int, n: int) -> str:
    return f"{name}<sub>{j + 1}</sub>" if n > 1 else name


def picture(w: bs.Walkthrough, k: int, T: dict) -> object:
    """The network with what is known at step ``k`` written on it."""
    order = w.stages
    at = {s: i for i, s in enumerate(order)}
    L = w.n_layers
    kind, layer = order[k]
    forward_done = [True] + [k >= at[("forward", l)] for l in range(1, L + 1)]
    backward_done = [False] + [k >= at[("backward", l)] for l in range(1, L + 1)]
    updated = k >= at[("update", 0)]
    sizes = [a.shape[1] for a in w.A]
    names, values = [], []
    for l, n in enumerate(sizes):
        if l == 0:
            names.append([_sub(T["unit_names"]["input"], j, n) for j in range(n)])
            values.append([latex.num(v) for v in w.X[0]])
            continue
        is_out = l == L
        names.append([_sub(T["unit_names"]["output" if is_out else "hidden"], j, n)
                      for j in range(n)])
        column = []
        for j in range(n):
            lines = []
            if forward_done[l]:
                lines.append(f"z = {latex.num(w.Z[l - 1][0, j])}")
                lines.append(("ŷ" if is_out else "a") + f" = {latex.num(w.A[l][0, j])}")
            if is_out:
                lines.append(f"y = {latex.num(w.Y[0, j])}")
            if backward_done[l]:
                lines.append(f"dZ = {latex.num(w.dZ[l - 1][0, j])}")
            if is_out and updated:
                lines.append(f"ŷ → {latex.num(w.output_new[j])}")
            column.append("<br>".join(lines))
        values.append(column)
    edges = []
    for l in range(L):
        W, dW, W_new = w.net.W[l], w.dW[l], w.W_new[l]
        labels = np.empty(W.shape, dtype=object)
        for (i, j), v in np.ndenumerate(W):
            if updated:
                labels[i, j] = f"{v:.4g}→{W_new[i, j]:.4g}"
            elif backward_done[l + 1]:
                labels[i, j] = f"dW {dW[i, j]:.4g}"  # one line: W itself is in the text
            else:
                labels[i, j] = f"{v:.4g}"
        edges.append(labels)
    titles = [T["layer_titles"]["input"]]
    titles += [T["layer_titles"]["hidden"].format(l=l) for l in range(1, L)]
    titles.append(T["layer_titles"]["output"])
    active = layer if kind in ("forward", "backward", "loss") else None
    colour = {"backward": figs.BACKWARD_HEX, "update": figs.UPDATE_HEX}.get(kind,
                                                                           figs.FORWARD_HEX)
    return figs.network_figure(sizes, names, values, edges, titles, active=active,
                               active_hex=colour, done=forward_done)


# --- the text of each step -------------------------------------------------------------
def _stage_name(T: dict, kind: str, layer: int) -> str:
    return T["stage_names"][kind].format(l=layer)


def _about(T: dict, w: bs.Walkthrough, kind: str, layer: int) -> str:
    about = T["stage_about"]
    if kind == "forward":
        text = about["forward"].format(l=layer, p=layer - 1)
        return text + (" " + about["forward_output"] if layer == w.n_layers else "")
    if kind == "backward":
        return about["backward_output" if layer == w.n_layers else "backward_hidden"]
    return about[kind]


def _lines(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def numbers_of_step(T: dict, w: bs.Walkthrough, kind: str, layer: int) -> None:
    """Each value of this step as the product that made it."""
    L = w.n_layers
    if kind == "forward":
        act = w.net.activations[layer - 1]
        st.markdown(_lines([latex.forward_line(u, act, layer == L)
                            for u in w.forward[layer - 1]]))
    elif kind == "loss":
        st.markdown(_lines([latex.loss_line(w)]))
    elif kind == "backward":
        st.markdown(f"**{T['deltas']}**")
        st.markdown(_lines([latex.delta_line(d, L) for d in w.deltas[layer - 1]]))
        st.markdown(f"**{T['weight_grads']}**")
        st.markdown(_lines([latex.weight_grad_line(g) for g in w.weight_grads[layer - 1]]))
        st.markdown(f"**{T['bias_grads']}**")
        st.markdown(_lines([latex.bias_grad_line(g) for g in w.bias_grads[layer - 1]]))
    elif kind == "update":
        st.markdown(f"**{T['new_weights']}**")
        for l, column in enumerate(st.columns(L)):
            column.markdown(_lines([latex.weight_update_line(g, w.lr) for g in w.weight_grads[l]]
                                   + [latex.bias_update_line(g, w.lr) for g in w.bias_grads[l]]))
        st.markdown(_lines([latex.new_loss_line(w)]))
        if w.new_loss > w.loss:
            st.warning(T["loss_went_up"])
        elif w.new_loss == w.loss:  # α = 0, or every gradient is 0
            st.info(T["loss_same"].format(old=latex.num(w.loss)))
        else:
            st.success(T["loss_went_down"].format(old=latex.num(w.loss),
                                                  new=latex.num(w.new_loss)))


def code_of_step(T: dict, kind: str, output_layer: bool) -> None:
    """The engine's own lines that compute this step (core/engine_code.py reads them from
    its source), under the numbers they produce."""
    step = ("backward_output" if output_layer else "backward_hidden") if kind == "backward" \
        else kind
    st.markdown(f"**{T['code_header']}**")
    st.code(engine_code.as_text(engine_code.snippet(step)), language="python")
    st.caption(T["code_caption"])


def _metric_values(w: bs.Walkthrough, kind: str, k: int) -> tuple[str, str, str]:
    at = {s: i for i, s in enumerate(w.stages)}
    dash = "—"
    out = ", ".join(latex.num(v) for v in w.output) if k >= at[("forward", w.n_layers)] else dash
    loss = latex.num(w.loss) if k >= at[("loss", w.n_layers)] else dash
    new = latex.num(w.new_loss) if kind == "update" else dash
    return out, loss, new


def predictions(T: dict, w: bs.Walkthrough, k: int, situation: tuple) -> None:
    """Predict, then see: before the forward pass reaches the output, what ŷ will be (for
    one output); after it, before the update, what the loss will be after the update.
    Each answer is compared with the truth on the step that shows it."""
    out_at, last = w.stages.index(("forward", w.n_layers)), len(w.stages) - 1
    if len(w.output) == 1:
        if k < out_at:
            predict.ask("backprop.output", T["predict_output"], situation)
        elif (answer := predict.held("backprop.output", situation)) is not None:
            predict.reveal_number(answer, float(w.output[0]))
    if (len(w.output) > 1 or k > out_at) and k < last:
        predict.ask("backprop.new_loss", T["predict_new_loss"].format(lr=w.lr), situation)
    elif k == last and (answer := predict.held("backprop.new_loss", situation)) is not None:
        predict.reveal_number(answer, w.new_loss)


# --- the fragment ------------------------------------------------------------------------
@st.fragment
def walkthrough(T: dict, ex_id: str) -> None:
    """Editor, step buttons, picture, the numbers of the step, then the nudge check."""
    state.start(ex_id)
    editor(T, ex_id)
    note = state.state.pop(state.NOTE, None)
    if note:
        st.warning(note)
    example = state.current_example(ex_id)  # the learner's numbers
    net, X, Y = bs.build(example)
    w = bs.walkthrough(net, X, Y, state.learning_rate())
    n = len(w.stages)
    k = state.stage(n)
    kind, layer = w.stages[k]

    buttons = st.columns([1.2, 1, 1.2, 3])
    # never disabled: at either end a press simply stays on the first or last step
    buttons[0].button(T["next"], type="primary" if k < n - 1 else "secondary",
                      on_click=state.next_step, args=(n,), key=state.NS + "next",
                      width="stretch")
    buttons[1].button(T["back"], on_click=state.back, key=state.NS + "back", width="stretch")
    buttons[2].button(T["start_over"], on_click=state.start_over, key=state.NS + "over",
                      width="stretch")
    buttons[3].number_input(T["lr"], key=state.LR, step=0.05, format="%.4g",
                            help=T["lr_help"].format(max=bs.MAX_LR), on_change=state.on_lr,
                            args=(T["lr_clamped"],))
    st.markdown(f"**{T['progress'].format(k=k + 1, n=n, what=_stage_name(T, kind, layer))}**")
    predictions(T, w, k, (example, state.learning_rate()))
    out, loss, new = _metric_values(w, kind, k)
    # the three numbers beside the picture, under the text of the step: in a row above it
    # they pushed the picture below the fold at 1280 x 720, and a phone stacked them into
    # a column of dashes between the buttons and the picture
    left, right = st.columns([3, 2], gap="medium")
    with left:
        charts.show(st, picture(w, k, T), width="stretch", config=PLOT_CONFIG,
                        key=state.NS + "network")
    with right:
        st.markdown(_about(T, w, kind, layer))
        st.metric(T["output"], out)
        m = st.columns(2)
        m[0].metric(T["loss"], loss)
        m[1].metric(T["new_loss"], new)
    if kind != "start":
        st.markdown(f"#### {T['chain_header']}")
        numbers_of_step(T, w, kind, layer)
        code_of_step(T, kind, layer == w.n_layers)
    n_out = Y.shape[1]
    tail = T["convention_one"] if n_out == 1 else T["convention_many"].format(n=n_out)
    st.caption(T["convention"] + " " + tail)
    if example == bs.ARTICLE_001:
        article_rounding(T, w)
    nudge(T, net, X, Y)


def article_rounding(T: dict, w: bs.Walkthrough) -> None:
    """Where article 001 rounds as it goes, what it says beside the exact numbers, so that
    a reader of both is not confused (only while the numbers are the article's own)."""
    h2, out = float(w.A[1][0, 1]), float(w.A[-1][0, 0])  # sigmoid(1.3), the output
    st.caption(T["article_rounds"].format(h2=h2, out=out, error=out ** 2))


# --- the article's nudge ------------------------------------------------------------------
def _params(net) -> list[tuple[str, int, tuple[int, ...]]]:
    out = []
    for l, (W, b) in enumerate(zip(net.W, net.b), start=1):
        out += [("W", l, (i, j)) for i in range(W.shape[0]) for j in range(W.shape[1])]
        out += [("b", l, (j,)) for j in range(b.shape[0])]
    return out


def _param_label(p: tuple[str, int, tuple[int, ...]]) -> str:
    kind, l, index = p
    return f"{kind}[{l}]_" + "".join(str(i + 1) for i in index)


def nudge(T: dict, net, X, Y) -> None:
    st.subheader(T["nudge_header"])
    st.markdown(T["nudge_intro"])
    params = _params(net)
    labels = [_param_label(p) for p in params]
    pick_key, h_key = state.NS + "nudge_param", state.NS + "nudge_h"
    if st.session_state.get(pick_key) not in labels:
        st.session_state[pick_key] = labels[0]
    if st.session_state.get(h_key) not in H_CHOICES:
        st.session_state[h_key] = 1e-4
    c = st.columns(2)
    label = c[0].selectbox(T["nudge_param"], labels, key=pick_key)
    h = c[1].select_slider(T["nudge_h"], H_CHOICES, key=h_key, format_func=lambda v: f"{v:g}")
    kind, layer, index = params[labels.index(label)]
    result = bs.nudge(net, X, Y, kind, layer, index, h)
    st.markdown(latex.nudge_line(kind, layer, index, result.w, h, result.loss_plus,
                                 result.loss_minus, result.numerical))
    m = st.columns(3)
    m[0].metric(T["numerical"], f"{result.numerical:.6f}")
    m[1].metric(T["one_sided"], f"{result.one_sided:.6f}")
    m[2].metric(T["backprop"], f"{result.backprop:.6f}")
    diff = result.difference
    if diff <= 1e-6 * max(1.0, abs(result.backprop)):
        digits = min(12, int(-math.log10(max(diff, 1e-16))))
        st.success(T["agree"].format(digits=digits, diff=diff))
    else:
        st.info(T["disagree"].format(diff=diff))
