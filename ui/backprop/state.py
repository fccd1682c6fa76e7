"""Session state of the backprop lesson, namespaced ``backprop.*``: which worked example,
its numbers (one number box each), the step of the walkthrough, the learning rate.

The numbers are also mirrored in ``VALUES``, a plain entry Streamlit keeps when the learner
visits another page (it forgets the widgets of a page that is not shown)."""

from __future__ import annotations

import streamlit as st

from core import backprop_steps as bs

NS = "backprop."
EXAMPLE = NS + "example"  # widget: the example's id, a key of core.backprop_steps.EXAMPLES
STAGE = NS + "stage"  # index into core.backprop_steps.stages(n_layers)
LR = NS + "lr"  # widget: the learning rate of the walkthrough's update
NOTE = NS + "note"  # the last clamping message
VALUES = NS + "values"  # key -> number, mirror of the number boxes
DEFAULT_LR = 0.1

state = st.session_state


def example_id(names: dict[str, str]) -> str:
    """The chosen example's id. ``names`` (id -> label) maps a label back to its id, for a
    client that sends the label it was shown (Streamlit's AppTest does)."""
    chosen = state.get(EXAMPLE)
    by_label = {label: ex_id for ex_id, label in names.items()}
    if chosen in by_label:
        state[EXAMPLE] = chosen = by_label[chosen]
    if chosen not in bs.EXAMPLES:
        state[EXAMPLE] = chosen = next(iter(bs.EXAMPLES))
    return chosen


def key(ex_id: str, kind: str, *index: int) -> str:
    """The widget key of one number: e.g. ``backprop.v.article_001.W.1.0.2``."""
    return ".".join([NS + "v", ex_id, kind, *(str(i) for i in index)])


def _defaults(ex_id: str) -> dict[str, float]:
    ex = bs.EXAMPLES[ex_id]
    out = {key(ex_id, "x", i): v for i, v in enumerate(ex.x)}
    out |= {key(ex_id, "y", j): v for j, v in enumerate(ex.y)}
    for l, (W, b) in enumerate(zip(ex.W, ex.b), start=1):
        out |= {key(ex_id, "W", l, i, j): v for i, row in enumerate(W) for j, v in enumerate(row)}
        out |= {key(ex_id, "b", l, j): v for j, v in enumerate(b)}
    return out


def start(ex_id: str) -> None:
    """Give every number box of the example its value: the learner's last one if any."""
    mirror = state.setdefault(VALUES, {})
    for k, v in _defaults(ex_id).items():
        if k not in state:
            state[k] = float(mirror.get(k, v))
    if LR not in state:
        state[LR] = float(mirror.get(LR, DEFAULT_LR))
    state.setdefault(STAGE, 0)


def current_example(ex_id: str) -> bs.Example:
    """The example with the learner's numbers (each clamped to [-LIMIT, LIMIT])."""
    ex = bs.EXAMPLES[ex_id]
    mirror = state.setdefault(VALUES, {})

    def get(k: str) -> float:
        mirror[k] = bs.clamp(state.get(k, mirror.get(k, 0.0)))
        return mirror[k]

    W = tuple(tuple(tuple(get(key(ex_id, "W", l, i, j)) for j in range(len(row)))
                    for i, row in enumerate(Wl)) for l, Wl in enumerate(ex.W, start=1))
    b = tuple(tuple(get(key(ex_id, "b", l, j)) for j in range(len(bl)))
              for l, bl in enumerate(ex.b, start=1))
    return bs.Example(tuple(get(key(ex_id, "x", i)) for i in range(len(ex.x))),
                      tuple(get(key(ex_id, "y", j)) for j in range(len(ex.y))), W, b,
                      ex.hidden_activation)


def learning_rate() -> float:
    lr = float(min(max(state.get(LR, DEFAULT_LR), 0.0), bs.MAX_LR))
    state.setdefault(VALUES, {})[LR] = lr
    return lr


# --- callbacks -----------------------------------------------------------------------------
def on_number(k: str, message: str) -> None:
    """Clamp a number box to [-LIMIT, LIMIT] and say so."""
    value = state.get(k)
    clamped = bs.clamp(value if value is not None else 0.0)
    state[k] = clamped
    state.setdefault(VALUES, {})[k] = clamped
    if value is None or value != clamped:
        state[NOTE] = message.format(value=float(value or 0.0), clamped=clamped)


def on_lr(message: str) -> None:
    value = state.get(LR)
    value = DEFAULT_LR if value is None else float(value)
    clamped = float(min(max(value, 0.0), bs.MAX_LR)) if value == value else DEFAULT_LR
    state[LR] = clamped
    if clamped != value:
        state[NOTE] = message.format(value=value, clamped=clamped)


def restore(ex_id: str) -> None:
    mirror = state.setdefault(VALUES, {})
    for k, v in _defaults(ex_id).items():
        state[k] = float(v)
        mirror[k] = float(v)
    state[STAGE] = 0
    state.pop(NOTE, None)


def on_example() -> None:
    state[STAGE] = 0
    state.pop(NOTE, None)


def stage(n_stages: int) -> int:
    state[STAGE] = int(min(max(state.get(STAGE, 0), 0), n_stages - 1))
    return state[STAGE]


def next_step(n_stages: int) -> None:
    state[STAGE] = min(state.get(STAGE, 0) + 1, n_stages - 1)


def back() -> None:
    state[STAGE] = max(state.get(STAGE, 0) - 1, 0)


def start_over() -> None:
    state[STAGE] = 0
