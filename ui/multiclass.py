"""The many-classes lesson's room: the training of its three-class network (cached), and
its four sections, each controls, pictures and the numbers the prose quotes.

The maths is in core (``core.multiclass``: softmax, categorical cross-entropy, its
gradient, the confusion matrix; ``core.experiment`` trains); the pictures in
``figures.multiclass``."""

from __future__ import annotations

from dataclasses import astuple, dataclass

import numpy as np
import streamlit as st

from core import Config, build
from core import multiclass as mc
from core import region as core_region
from figures import multiclass as fig

from . import charts, lesson, predict
from .i18n import texts
from .language import current

NS = "multiclass."
CHART_CONFIG = {"displayModeBar": False}
DATASETS = ("spiral3", "blobs3")  # the app's three-class data sets (article 000: 2 features, 3)
FIT = {"samples": 600, "noise": 0.1, "epochs": 300, "lr": 0.05, "activation": "tanh",
       "resolution": 80}
MAX_LAYERS, MAX_UNITS = 2, 16
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class Choice:
    """What the learner set in section 1: the network and data it trains."""

    dataset: str
    hidden: tuple[int, ...]
    seed: int

    @property
    def shape(self) -> str:
        return "-".join(str(s) for s in [2, *self.hidden, 3])


@st.cache_data(max_entries=32, show_spinner=False)
def fit(choice: Choice) -> dict:
    """Train the choice's network (core's Config/build/Trainer: full batch, Adam) and keep
    what the page shows before and after: the region on a grid, the test accuracy, and
    the output layer's z for every test point after training."""
    config = Config(dataset=choice.dataset, samples=FIT["samples"], noise=FIT["noise"],
                    hidden=choice.hidden, activation=FIT["activation"], optimizer="adam",
                    lr=FIT["lr"], batch_size=0, seed=choice.seed)
    data, trainer = build(config)
    net, split = trainer.network, trainer.split
    grid = core_region.make_grid(data.X, FIT["resolution"])
    extent = (float(grid.x1[0]), float(grid.x1[-1]))
    before = {"output": core_region.output(net, grid), "accuracy": trainer.measure().test_accuracy}
    for snap in trainer.run(FIT["epochs"]):  # noqa: B007  (the last one is kept)
        pass
    net.forward(split.X_test)
    return {"before": before, "after": {"output": core_region.output(net, grid),
                                        "accuracy": snap.test_accuracy},
            "z_test": net.Z[-1].copy(), "X_test": split.X_test, "y_test": split.y_test,
            "X_train": split.X_train, "y_train": split.y_train, "extent": extent}


def class_names(T: dict, K: int = 3) -> list[str]:
    return [T["class_name"].format(k=k + 1) for k in range(K)]


def percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def _chart(figure: dict, key: str) -> None:
    charts.show(st, figure, width="stretch", config=CHART_CONFIG, key=NS + key)


# --- 1. three classes on one plane ----------------------------------------------------------
def choose(T: dict) -> Choice:
    names = texts("names", current())["datasets"]
    c1, c2, c3, c4 = st.columns([1.4, 1, 1, 0.8])
    dataset = c1.selectbox(T["dataset"], DATASETS, format_func=names.get, key=NS + "dataset")
    layers = c2.slider(T["layers"], 0, MAX_LAYERS, 0, key=NS + "layers")
    units = c3.slider(T["units"], 2, MAX_UNITS, 16, key=NS + "units", disabled=layers == 0)
    seed = int(c4.number_input(T["seed"], min_value=0, max_value=9999, value=0, step=1,
                               key=NS + "seed"))
    return Choice(dataset, (units,) * layers, seed)


def regions_section(T: dict, choice: Choice) -> dict:
    """The regions before and after training; the trained one waits for the learner's
    guess of its test accuracy. Returns the fitted run."""
    run = fit(choice)
    names = class_names(T)
    st.html(fig.legend_html(names))
    train, test = (run["X_train"], run["y_train"]), (run["X_test"], run["y_test"])
    left, right = st.columns(2)
    before, after = run["before"], run["after"]
    with left:
        st.markdown(T["before_title"].format(acc=percent(before["accuracy"])))
        st.html(fig.regions_html(before["output"], run["extent"], train, test,
                                 T["alt_region"].format(shape=choice.shape, epochs=0,
                                                        acc=percent(before["accuracy"]))))
    question = T["predict_accuracy"].format(shape=choice.shape, epochs=FIT["epochs"])
    with right:
        show, answer = predict.before("multiclass.accuracy", question, astuple(choice),
                                      number_format="%.0f", limits=(0.0, 100.0))
        if not show:
            return run
        st.markdown(T["after_title"].format(epochs=FIT["epochs"],
                                            acc=percent(after["accuracy"])))
        st.html(fig.regions_html(after["output"], run["extent"], train, test,
                                 T["alt_region"].format(shape=choice.shape, epochs=FIT["epochs"],
                                                        acc=percent(after["accuracy"]))))
    if answer is not None:
        predict.reveal_number(answer, round(after["accuracy"] * 100, 1), "%.3g")
    shares = core_region.class_shares(after["output"], "multiclass")
    st.markdown(T["regions_said"].format(
        before=percent(before["accuracy"]), after=percent(after["accuracy"]),
        epochs=FIT["epochs"], shape=choice.shape, chance=percent(1 / 3),
        shares=T["list_sep"].join(T["share_of"].format(name=n, share=percent(s))
                                 for n, s in zip(names, shares))))
    return run


# --- 2 and 3. one point's output layer, and which head for which task -----------------------
@st.fragment  # picking another point redraws these two sections only
def point_sections(T: dict, run: dict, choice: Choice) -> None:
    n = len(run["y_test"])
    k = st.slider(T["point"], 1, n, 1, key=NS + "point") - 1
    z, y = run["z_test"][k], int(run["y_test"][k])
    p, L = mc.probabilities(z), mc.cross_entropy(z, y)
    names = class_names(T)
    x = run["X_test"][k]
    m1, m2, m3 = st.columns(3)
    m1.metric(T["m_class"], names[y])
    m2.metric(T["m_p"], f"{p[y]:.4f}")
    m3.metric(T["m_loss"], f"{L:.4f}")
    st.markdown(T["point_said"].format(x1=f"{x[0]:.2f}", x2=f"{x[1]:.2f}", cls=names[y],
                                       p=f"{p[y]:.4f}", loss=f"{L:.4f}",
                                       guess=names[int(np.argmax(p))]))
    st.latex(r"\hat y_j = \frac{e^{z_j}}{\sum_{i=1}^{K} e^{z_i}}")
    st.latex(r"L = -\sum_{j=1}^{K} y_j \log \hat y_j = -\log \hat y_{" + str(y + 1) + "}")
    st.markdown(T["derivation_intro"])
    st.latex(r"\frac{\partial \hat y_j}{\partial z_k} = \hat y_j\,(\delta_{jk} - \hat y_k)")
    st.latex(r"\begin{aligned}\frac{\partial L}{\partial z_k} &= -\sum_{j} "
             r"\frac{y_j}{\hat y_j}\,\hat y_j\,(\delta_{jk} - \hat y_k) \\ "
             r"&= -y_k + \hat y_k \sum_j y_j = \hat y_k - y_k\end{aligned}")
    question = T["predict_gradient"].format(cls=names[y])
    situation = (*astuple(choice), k)
    show, answer = predict.before("multiclass.gradient", question, situation, number_format="%.3f")
    if show:
        grad, numeric = mc.gradient(z, y), mc.numerical_gradient(z, y)
        target = mc.one_hot(y, len(z))
        labels = [f"z{j + 1}".translate(SUBSCRIPTS) for j in range(len(z))]
        _chart(fig.output_figure(p, target, grad, labels, (T["series_p"], T["series_y"],
                                                           T["series_grad"]),
                                 T["output_title"].format(cls=names[y])), "output")
        st.table([{T["col_class"]: names[j], "z": f"{z[j]:.4f}", T["col_p"]: f"{p[j]:.4f}",
                   T["col_y"]: f"{target[j]:g}", T["col_engine"]: f"{grad[j]:+.6f}",
                   T["col_numeric"]: f"{numeric[j]:+.6f}",
                   T["col_diff"]: f"{abs(grad[j] - numeric[j]):.1e}"} for j in range(len(z))])
        if answer is not None:
            predict.reveal_number(answer, float(grad[y]), "%.3f")
        st.markdown(T["gradient_said"].format(
            cls=names[y], g=f"{grad[y]:+.4f}", p=f"{p[y]:.4f}",
            diff=f"{float(np.max(np.abs(grad - numeric))):.1e}", h=f"{mc.NUDGE:g}"))

    lesson.notice(T["point_notice"], expanded=predict.seen("multiclass.gradient"))

    st.header(T["heads_header"])
    st.markdown(T["heads_intro"])
    N = texts("names", current())
    st.table([{T["col_task"]: T["task_names"][h.task],
               T["col_units"]: T["units_names"][h.units],
               T["col_output"]: N["activations"][h.activation],
               T["col_loss"]: N["losses"][h.loss],
               T["col_target"]: T["target_names"][h.target],
               T["col_in_app"]: T["yes"] if h.in_engine else T["no"]} for h in mc.task_heads()])
    sig = mc.independent_sigmoids(z)
    st.markdown(T["labels_intro"])
    rows = [{T["col_class"]: names[j], "z": f"{z[j]:.4f}", T["col_softmax"]: f"{p[j]:.4f}",
             T["col_sigmoid"]: f"{sig[j]:.4f}"} for j in range(len(z))]
    rows.append({T["col_class"]: T["row_sum"], "z": "", T["col_softmax"]: f"{p.sum():.4f}",
                 T["col_sigmoid"]: f"{sig.sum():.4f}"})
    st.table(rows)
    st.markdown(T["labels_said"].format(soft=f"{p.sum():.4f}", sig=f"{sig.sum():.4f}"))


# --- 4. where the network goes wrong --------------------------------------------------------
def confusion_section(T: dict, run: dict, choice: Choice) -> None:
    if not predict.seen("multiclass.accuracy"):  # the matrix would give the accuracy away
        st.info(T["confusion_waits"], icon="ℹ️")
        return
    names = class_names(T)
    z = run["z_test"]
    C = mc.confusion(run["y_test"], np.argmax(z, axis=1), len(names))
    _chart(fig.confusion_figure(C, names, T["confusion_title"].format(shape=choice.shape),
                                (T["axis_predicted"], T["axis_true"]), T["confusion_hover"]),
           "confusion")
    right, n = int(np.trace(C)), int(C.sum())
    mixup = mc.largest_mixup(C)
    worst = (T["mixup"].format(true=names[mixup[0]], predicted=names[mixup[1]], count=mixup[2])
             if mixup else T["no_mixup"])
    st.markdown(T["confusion_said"].format(right=right, n=n, acc=percent(right / n),
                                           worst=worst))
