"""The Playground's sidebar: every setting a learner can change, read into ``Settings``.

Widget values live in ``st.session_state`` under ``w_*`` keys. They are seeded once
per session from the URL (so a shared link opens the same run) and can be replaced
wholesale by a preset.
"""

from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from core import datasets, losses
from core.activations import ACTIVATIONS
from core.optimizers import OPTIMIZERS

from .. import language
from ..i18n import texts
from . import drawing, presets
from .keys import NS, W
from .settings import CSV_DATASET, DEFAULTS, LIMITS, MAX_LAYERS, MAX_UNITS, REGULARIZERS, Settings

RESET_RUN = NS + "reset_run"  # a lesson was (re)loaded: start a fresh run of it
NOTE = NS + "sidebar_note"  # a one-shot note from a widget's callback (a clamped value)
LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
REG_RATES = [0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]


def write_widgets(s: Settings) -> None:
    """Put ``s`` into the widgets' state (before the widgets are drawn, or in a callback)."""
    state = st.session_state
    for key, value in asdict(s).items():
        if key not in ("hidden", "act"):
            state[f"{W}{key}"] = value
    state[f"{W}layers"] = len(s.hidden)
    for l, n in enumerate(s.hidden):
        state[f"{W}units_{l}"] = n
    acts = s.activations()
    state[f"{W}same_act"] = len(set(acts)) <= 1
    state[f"{W}act"] = acts[0] if acts else s.act[0]
    for l, a in enumerate(acts):
        state[f"{W}act_{l}"] = a


def _apply_preset() -> None:
    choice = st.session_state.get(f"{W}preset")
    if choice in presets.load():
        write_widgets(presets.load()[choice])
        st.session_state[RESET_RUN] = True


def _clamp_units(l: int, T: dict) -> None:
    """A unit count typed out of range becomes the nearest allowed one, with a note."""
    key = f"{W}units_{l}"
    n = st.session_state.get(key)
    clamped = min(max(int(n if n is not None else 1), 1), MAX_UNITS)
    if clamped != n:
        st.session_state[key] = clamped
        st.session_state[NOTE] = T["units_clamped"].format(hi=MAX_UNITS, l=l + 1, n=clamped)


def _same_lesson(s: Settings, preset: Settings) -> bool:
    """Whether the sidebar still shows the lesson (the speed and the view aside)."""
    def core(x: Settings) -> Settings:
        loss = x.loss or losses.losses_for(x.task())[0]  # "" is the task's usual loss
        return x.with_(act=x.activations(), loss=loss, speed=0, show_test=True, hard=False)
    return core(s) == core(preset)


def _lesson_picker(box, T: dict, settings: Settings) -> None:
    """The lesson picker, drawn last into ``box`` at the top of the sidebar (it needs the
    settings the rest of the sidebar shows). Once a lesson's settings are changed it says
    so, and offers to load the lesson afresh. Under it, the lesson's explanation and a
    link to the lesson page that teaches it, in the learner's language."""
    state, all_presets = st.session_state, presets.load()
    chosen = state.get(f"{W}preset")
    changed = chosen in all_presets and not _same_lesson(settings, all_presets[chosen])

    box.selectbox(T["preset_pick"], [None, *all_presets], key=f"{W}preset",
                  on_change=_apply_preset,
                  format_func=lambda p: T["preset_none"] if p is None else T["preset_names"][p])
    if chosen not in all_presets:
        return
    if changed:  # (a select box reports only changes: picking it again would do nothing)
        box.warning(T["preset_changed"])
        box.button(T["preset_reload"], on_click=_apply_preset, key=f"{W}preset_reload",
                   icon=":material/refresh:")
    box.caption(T["preset_about"].get(chosen, ""))
    lesson = presets.LESSON_PAGES.get(chosen)
    if lesson is not None:
        path, nav_key = lesson
        common = texts("common", language.current())
        box.page_link(path, label=T["lesson_link"].format(lesson=common[nav_key]),
                      icon=":material/menu_book:", query_params=language.link_params())


def _options_with(options: list[float], value: float) -> list[float]:
    return sorted({*options, value})


def draw(T: dict, upload: datasets.Dataset | None) -> Settings:
    """Draw the sidebar and return the settings it shows (``upload``: the learner's own
    data set, if any, offered as the data set "My CSV file")."""
    csv_task = upload.task if upload is not None else None
    state = st.session_state
    sb = st.sidebar
    lesson_box = sb.container()

    sb.header(T["data"])
    names = [*datasets.DATASETS, drawing.DRAWN_DATASET] + ([CSV_DATASET] if csv_task else [])
    if state.get(f"{W}dataset") not in names:
        state[f"{W}dataset"] = names[0]
    dataset = sb.selectbox(T["dataset"], names, key=f"{W}dataset",
                           format_func=lambda d: T["dataset_names"].get(d, d))
    is_csv = dataset == CSV_DATASET
    if is_csv:  # the file decides: say so, and keep the sliders' values for the way back
        for key, default in (("samples", DEFAULTS.samples), ("noise", DEFAULTS.noise)):
            state[f"{W}{key}"] = state.get(f"{W}{key}", default)
        samples, noise = state[f"{W}samples"], state[f"{W}noise"]
        if upload is not None:
            sb.caption(T["samples_csv"].format(n=len(upload), name=upload.name))
    else:
        drawn = dataset == drawing.DRAWN_DATASET  # the learner's points: all of them train
        samples = sb.slider(T["samples"], *LIMITS["samples"], step=10, key=f"{W}samples",
                            disabled=drawn)
        noise = sb.slider(T["noise"], 0.0, 1.0, step=0.05, key=f"{W}noise", disabled=drawn)
    train_pct = sb.slider(T["train_pct"], *LIMITS["train_pct"], step=5, key=f"{W}train_pct",
                          disabled=dataset == drawing.DRAWN_DATASET)

    sb.header(T["network"])
    layers = sb.number_input(T["layers"], 0, MAX_LAYERS, step=1, key=f"{W}layers")
    if int(layers):
        sb.caption(T["units_caption"].format(hi=MAX_UNITS))
    cols = sb.columns(4)
    hidden = []
    for l in range(int(layers)):
        state.setdefault(f"{W}units_{l}", state.get(f"{W}units_{l - 1}", 4))
        # No min/max on the widget: a value typed out of range is clamped with a note
        # (_clamp_units), where the widget itself would only show a red icon.
        n = cols[l % 4].number_input(T["units"].format(l=l + 1), step=1, key=f"{W}units_{l}",
                                     on_change=_clamp_units, args=(l, T))
        hidden.append(min(max(int(n), 1), MAX_UNITS))
    if NOTE in state:
        sb.warning(state.pop(NOTE))
    act_names = list(ACTIVATIONS)
    fmt = lambda a: T["activation_names"].get(a, a)  # noqa: E731
    if not hidden:  # no hidden layer, no activation to choose: keep the choice for later
        state[f"{W}act"] = state.get(f"{W}act", DEFAULTS.act[0])
        act = (sb.selectbox(T["activation"], act_names, key=f"{W}act", format_func=fmt,
                            disabled=True),)
    elif sb.checkbox(T["same_act"], key=f"{W}same_act"):
        act = (sb.selectbox(T["activation"], act_names, key=f"{W}act", format_func=fmt),)
    else:
        act = tuple(
            sb.selectbox(T["activation_l"].format(l=l + 1), act_names, format_func=fmt,
                         key=f"{W}act_{l}", index=act_names.index(state.get(f"{W}act", "tanh")))
            for l in range(len(hidden))
        ) or (state.get(f"{W}act", "tanh"),)
    task = csv_task if is_csv else "binary" if dataset == drawing.DRAWN_DATASET else (
        datasets.DATASETS[dataset].task)
    loss_names = losses.losses_for(task)
    if state.get(f"{W}loss") not in loss_names:
        state[f"{W}loss"] = loss_names[0]
    loss = sb.selectbox(T["loss"], loss_names, key=f"{W}loss", disabled=len(loss_names) < 2,
                        format_func=lambda n: T["loss_names"].get(n, n))

    sb.header(T["training"])
    opt = sb.selectbox(T["optimizer"], list(OPTIMIZERS), key=f"{W}opt",
                       format_func=lambda o: T["optimizer_names"].get(o, o))
    lr = sb.select_slider(T["lr"], _options_with(LEARNING_RATES, state.get(f"{W}lr", 0.03)),
                          key=f"{W}lr", format_func=lambda v: f"{v:g}")
    batch = sb.number_input(T["batch"], *LIMITS["batch"], step=1, key=f"{W}batch")
    reg = sb.selectbox(T["reg"], list(REGULARIZERS), key=f"{W}reg",
                       format_func=lambda r: T["reg_names"][r])
    reg_rate = sb.select_slider(T["reg_rate"],
                                _options_with(REG_RATES, state.get(f"{W}reg_rate", 0.0)),
                                key=f"{W}reg_rate", format_func=lambda v: f"{v:g}",
                                disabled=reg == "none")
    seed = sb.number_input(T["seed"], *LIMITS["seed"], step=1, key=f"{W}seed")
    speed = sb.slider(T["speed"], *LIMITS["speed"], key=f"{W}speed")
    show_test = sb.toggle(T["show_test"], key=f"{W}show_test")
    hard = sb.toggle(T["hard"], key=f"{W}hard")
    settings = Settings(dataset=dataset, samples=int(samples), noise=float(noise),
                        train_pct=int(train_pct), hidden=tuple(hidden), act=act, loss=loss,
                        opt=opt, lr=float(lr), batch=int(batch), reg=reg,
                        reg_rate=float(reg_rate), seed=int(seed), speed=int(speed),
                        show_test=bool(show_test), hard=bool(hard),
                        features=drawing.features_from_state(),
                        pts=drawing.points_from_state() if dataset == drawing.DRAWN_DATASET
                        else "")
    _lesson_picker(lesson_box, T, settings)
    return settings
