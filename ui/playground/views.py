"""What the Playground shows, built from a ``LiveRun``: figure dicts, metric values and
hints. Plain Python (no Streamlit), so every picture can be tested from a run."""

from __future__ import annotations

import html

import numpy as np

from core import diagnosis, multiclass
from core import region as core_region
from core.activations import ELU_ALPHA, LEAKY_SLOPE
from core.inputs import DEFAULT as DEFAULT_FEATURES
from figures import curves, network
from figures.multiclass import confusion_figure as confusion_picture
from figures.region import (
    marker_swatch,
    points_layer_html,
    points_svg,
    region_bytes,
    region_html,
    region_image,
    region_net,
)

from ..charts import spoken
from .live import LiveRun
from .settings import LIMITS


def region_live(run: LiveRun, hard: bool, T: dict) -> str:
    """The live region as HTML: the network's prediction over the plane, redrawn every
    frame, described in words for a screen reader (``region_sentence``). The data goes
    over it apart (``region_points``)."""
    output = run.region_output()
    image = region_image(output, run.data.task, hard, run.value_scale())
    return region_html(image, alt=region_sentence(run, output, T))


def region_sentence(run: LiveRun, output: np.ndarray, T: dict) -> str:
    """The region in words, from the numbers it is drawn from (``output``: the output
    layer on the grid): which class holds how much of the plane and the test accuracy, or
    for regression the range of the prediction."""
    shares = core_region.class_shares(output, run.data.task)
    if shares is None:
        values = np.nan_to_num(output[..., 0])
        return T["region_says_values"].format(lo=number(float(values.min())),
                                              hi=number(float(values.max())))
    held = T["list_sep"].join(T["region_share"].format(name=name, share=share)
                              for name, share in zip(_class_names(run, T), shares))
    return T["region_says"].format(shares=held,
                                   acc=number(run.last.test_accuracy, percent=True))


def region_data(run: LiveRun, hard: bool) -> dict:
    """The live region as data for the learner's browser to draw (live_region.js): a
    network as small as TF Playground's as its weights, which the browser evaluates on
    the grid (``figures.region.region_net``: no server time at all), a larger one as its
    output on the grid, as bytes (``region_bytes``): what ``region_live`` shows, without
    the server's colouring and picture encoding."""
    net, grid = run.trainer.network, run.grid
    spec = region_net(net.W, net.b, net.activations, run.settings.features,
                      (float(grid.x1[0]), float(grid.x1[-1])), grid.resolution,
                      run.data.task, hard, run.value_scale(), ACTIVATION_CONSTANTS)
    if spec is None:
        spec = region_bytes(run.region_output(), run.data.task, hard, run.value_scale())
    return spec


ACTIVATION_CONSTANTS = {"leaky": LEAKY_SLOPE, "elu": ELU_ALPHA}  # for live_region.js


def region_points(run: LiveRun, show_test: bool) -> str:
    """The data over the region, as HTML: training points, and test points on request.
    Cached on the run: it changes only with the data."""
    split, grid, scale = run.split, run.grid, run.value_scale()  # points, not net inputs
    key = ("points", run.data_version, show_test)
    if key not in run.picture_cache:
        run.picture_cache.clear()
        run.picture_cache[key] = points_layer_html(points_svg(
            (float(grid.x1[0]), float(grid.x1[-1])), run.data.task,
            (split.X_train, split.y_train), (split.X_test, split.y_test) if show_test else None,
            scale))
    return run.picture_cache[key]


def class_legend(run: LiveRun, T: dict) -> str:
    """HTML naming each class beside its colour (the CSV file's own names, else class 1,
    class 2, ...), and the axes' column names for a CSV file: "" for built-in data."""
    data = run.data
    if data.input_scaling is None and not data.class_names:
        return ""
    names = [str(n) for n in data.class_names] or (
        [T["class_name"].format(k=k + 1) for k in range(data.n_classes)])
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;gap:4px;white-space:nowrap">'
        f'{marker_swatch(k)}{html.escape(n)}</span>' for k, n in enumerate(names))
    x1, x2 = data.feature_names
    axes = html.escape(T["axes"].format(x=x1, y=x2))
    return (f'<div class="np-class-legend" style="display:flex;flex-wrap:wrap;gap:2px 14px;'
            f'justify-content:center;font-size:13px;color:#333">{items}'
            f'<span style="color:#666">{axes}</span></div>')


WIDE_TITLES_UP_TO = 5  # hidden layers; deeper networks number their columns (no room)


def _layer_titles(run: LiveRun, T: dict) -> list[str]:
    net = run.trainer.network
    names = T["activation_names"]
    title = T["hidden_title" if len(net.hidden) <= WIDE_TITLES_UP_TO else "hidden_title_short"]
    hidden = [title.format(l=l, n=n, act=names.get(a, a))
              for l, (n, a) in enumerate(zip(net.hidden, net.activations[:-1]), start=1)]
    output = names.get(net.activations[-1], net.activations[-1])
    return [T["input_title"], *hidden, T["output_title"].format(act=output)]


def _class_names(run: LiveRun, T: dict) -> list[str]:
    data = run.data
    return [str(n) for n in data.class_names] or [
        T["class_name"].format(k=k + 1) for k in range(max(data.n_classes, 1))]


def has_confusion(run: LiveRun) -> bool:
    """A confusion matrix says more than the accuracy from three classes on."""
    return run.data.task == "multiclass"


def confusion_figure(run: LiveRun, T: dict) -> dict:
    """The network's confusion matrix on the test points (on the training points when the
    split keeps no test point), as it is now: rows true class, columns predicted."""
    split = run.trainer.split
    test = len(split.y_test) > 0
    X, y = (split.X_test, split.y_test) if test else (split.X_train, split.y_train)
    A = run.trainer.network.activations_for_drawing(X, np.float64)[-1]
    C = multiclass.confusion(y, A.argmax(axis=-1), run.data.n_classes)
    title = T["confusion_test" if test else "confusion_train"].format(epoch=run.last.epoch)
    return confusion_picture(C, _class_names(run, T), title,
                             (T["axis_predicted"], T["axis_true"]), T["confusion_hover"])


def _tooltips(run: LiveRun, T: dict, shown: list[int]) -> list[list[str]]:
    """Hover text per drawn unit: the input's name; a hidden unit's layer, number,
    activation and bias; an output unit's class (softmax) and bias."""
    net = run.trainer.network
    names, acts = T["activation_names"], net.activations
    inputs = list(run.data.feature_names) if run.data.input_scaling is not None else []
    inputs = inputs or T["input_names"]
    if run.settings.features != DEFAULT_FEATURES:
        inputs = input_labels(run, T)
    tips = [[inputs[j] if j < len(inputs) else f"x{j + 1}" for j in range(shown[0])]]
    L = len(net.W)
    for l in range(1, L + 1):
        b = net.b[l - 1].ravel()
        act = names.get(acts[l - 1], acts[l - 1])
        if l < L:
            tips.append([T["unit_tip"].format(l=l, j=j + 1, act=act, bias=float(b[j]))
                         for j in range(shown[l])])
        else:
            out = (_class_names(run, T) if acts[-1] == "softmax"
                   else [T["output_unit"]] * shown[l])
            tips.append([T["output_tip"].format(name=out[j], act=act, bias=float(b[j]))
                         for j in range(shown[l])])
    return tips


def input_labels(run: LiveRun, T: dict) -> list[str]:
    """The names of the network's input features, as the diagram shows them (a CSV file's
    own column names for its plain x1, x2)."""
    if run.settings.features == DEFAULT_FEATURES and run.data.input_scaling is not None:
        return [str(n) for n in run.data.feature_names]
    return [T["feature_names"].get(f, f) for f in run.settings.features]


def network_diagram(run: LiveRun, T: dict, tooltips: bool = False) -> str:
    net = run.trainer.network
    _, _, node = network.unit_positions(net.sizes)
    maps = run.unit_maps(network.thumbnail_size(node))
    shown = [min(n, network.MAX_UNITS_DRAWN) for n in net.sizes]
    acts = ["linear", *net.activations]
    images = [network.thumbnail_rgb(A[..., :n], act) for A, n, act in zip(maps, shown, acts)]
    labels = _class_names(run, T) if net.activations[-1] == "softmax" else None
    return network.network_html(net.sizes, net.W, net.b, images, _layer_titles(run, T),
                                T["more_units"], _tooltips(run, T, shown) if tooltips else None,
                                labels, input_labels(run, T))


def network_data(run: LiveRun) -> dict | None:
    """The live parts of ``network_diagram`` (thumbnails and edges) as data for the
    learner's browser to draw (``figures.network.diagram_data``): the network's weights
    and the layout; None for a network too large to evaluate there (drawn on the server)."""
    net, grid = run.trainer.network, run.grid
    _, _, node = network.unit_positions(net.sizes)
    extent = (float(grid.x1[0]), float(grid.x1[-1]))  # every picture's plane, any resolution
    spec = region_net(net.W, net.b, net.activations, run.settings.features, extent,
                      network.thumbnail_size(node), run.data.task, constants=ACTIVATION_CONSTANTS)
    if spec is None:
        return None
    return network.diagram_data(net.sizes, spec, ["linear", *net.activations], extent)


MAX_TABLE_UNITS = 16  # rows and columns of one layer's table: a screen reader's patience


def weights_tables(run: LiveRun, T: dict, live: bool = False) -> str:
    """The network's weights as numbers, one HTML table per layer, for whoever cannot
    read them off the diagram's edges (a screen reader, a teacher who wants the values):
    a row per unit the layer reads from (its name in a row header), a column per unit of
    the layer, the biases in the last row; at most ``MAX_TABLE_UNITS`` rows and columns,
    said in the caption. ``live``: the page plays, and the tables stand at this epoch."""
    net = run.trainer.network
    names = _layer_names(run, T)
    to_output = (_class_names(run, T) if net.activations[-1] == "softmax"
                 else [T["output_unit"]] * net.sizes[-1])
    sources = input_labels(run, T)
    acts = T["activation_names"]
    tables = []
    for l, (W, b) in enumerate(zip(net.W, net.b), start=1):
        n_in, n_out = W.shape
        rows, cols = min(n_in, MAX_TABLE_UNITS), min(n_out, MAX_TABLE_UNITS)
        targets = (to_output if l == len(net.W)
                   else [T["weights_unit"].format(j=j + 1) for j in range(n_out)])
        caption = T["weights_caption"].format(
            layer=names[l - 1], n=n_out, act=acts.get(net.activations[l - 1],
                                                       net.activations[l - 1]))
        if (rows, cols) != (n_in, n_out):
            caption += " " + T["weights_more"].format(rows=rows, n_rows=n_in, cols=cols,
                                                      n_cols=n_out)
        head = "".join(f'<th scope="col">{html.escape(str(t))}</th>' for t in targets[:cols])
        body = "".join(
            f'<tr><th scope="row">{html.escape(str(sources[i]))}</th>'
            + "".join(map(_cell, W[i, :cols])) + "</tr>"
            for i in range(rows))
        body += (f'<tr class="np-bias"><th scope="row">{html.escape(T["weights_bias"])}</th>'
                 + "".join(map(_cell, b.ravel()[:cols])) + "</tr>")
        # in a box of its own that scrolls sideways where the column is narrower than the
        # table (a phone, 16 columns), reachable from the keyboard to scroll it
        tables.append(f'<div class="np-weights-box" role="region" tabindex="0" '
                      f'aria-label="{html.escape(caption)}">'
                      f'<table class="np-weights"><caption>{html.escape(caption)}</caption>'
                      f'<thead><tr><th scope="col">{html.escape(T["weights_corner"])}</th>'
                      f"{head}</tr></thead><tbody>{body}</tbody></table></div>")
        sources = targets
    when = T["weights_live" if live else "weights_epoch"].format(epoch=f"{run.epoch:,}")
    return (f"<style>{WEIGHTS_CSS}</style><p class=\"np-weights-when\">{html.escape(when)}</p>"
            + "".join(tables))


def _cell(weight: float) -> str:
    """A weight's cell: its sign always said (a weight's sign is half its meaning)."""
    return f"<td>{spoken(weight, signed=True)}</td>"


WEIGHTS_CSS = (
    ".np-weights {border-collapse: collapse; font-size: 0.8rem; margin: 0 0 0.8rem 0;"
    " font-variant-numeric: tabular-nums;}"
    " .np-weights caption {caption-side: top; text-align: left; color: #31333f;"
    " padding: 0 0 0.2rem 0;}"
    " .np-weights th, .np-weights td {border: 1px solid #d5d5d9; padding: 1px 6px;"
    " text-align: right; white-space: nowrap;}"
    " .np-weights th {font-weight: 600; background: #f3f3f5;}"
    " .np-weights .np-bias th, .np-weights .np-bias td {border-top: 2px solid #8a8a90;}"
    " .np-weights-box {overflow-x: auto; max-width: 100%;}"
    " .np-weights-when {font-size: 0.85rem; color: #5f5e5c; margin: 0 0 0.4rem 0;}")


def _layer_names(run: LiveRun, T: dict) -> list[str]:
    L = len(run.trainer.network.W)
    return [T["layer_name"].format(l=l) for l in range(1, L)] + [T["output_layer"]]


def loss_chart(run: LiveRun, T: dict) -> curves.Chart:
    h = run.history
    return curves.metric_chart(h.column("epoch"), h.column("train_loss"), h.column("test_loss"),
                               T["loss_chart"], (T["train"], T["test"]), x_title=T["epoch_axis"])


def accuracy_chart(run: LiveRun, T: dict) -> curves.Chart | None:
    if run.data.task == "regression":
        return None
    h = run.history
    return curves.metric_chart(h.column("epoch"), h.column("train_accuracy"),
                               h.column("test_accuracy"), T["acc_chart"], (T["train"], T["test"]),
                               y_range=(0.0, 1.0), percent=True, x_title=T["epoch_axis"])


def gradient_chart(run: LiveRun, T: dict) -> curves.Chart:
    h = run.history
    names = _layer_names(run, T)
    return curves.gradient_chart(h.column("epoch"), h.layer_columns("grad_norm_W", len(names)),
                                 names, T["grad_chart"], T["grad_empty"], T["epoch_axis"])


def dead_chart(run: LiveRun, T: dict) -> curves.Chart | None:
    dead = [s.dead_fraction for s in run.last.layers]
    if all(d is None for d in dead):
        return None
    return curves.dead_units_chart(_layer_names(run, T), dead, T["dead_chart"])


def number(value: float | None, percent: bool = False) -> str:
    """A metric as shown: 4 significant figures (0.0001234, 0.6931, 1.235e+04), a share as
    a percentage with one decimal, "–" when there is no finite value."""
    if value is None or not np.isfinite(value):
        return "–"
    if percent:
        return f"{value:.1%}"
    return f"{value:.4g}"


def metrics(run: LiveRun, T: dict) -> list[tuple[str, str]]:
    """(label, value) for each metric the page shows; no accuracy for regression."""
    s = run.last
    out = [(T["epoch"], f"{s.epoch:,}"), (T["train_loss"], number(s.train_loss)),
           (T["test_loss"], number(s.test_loss))]
    if run.data.task != "regression":
        out += [(T["train_acc"], number(s.train_accuracy, True)),
                (T["test_acc"], number(s.test_accuracy, True))]
    return out


# The numbers as one row that wraps (all five on a screen, two or three a line on a
# phone), drawn like st.metric: label above, large value below.
NUMBERS_STYLE = ("display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));"
                 "gap:0.5rem 1rem;margin:0;padding:0")
LABEL_STYLE = "font-size:0.875rem;margin:0 0 0.25rem 0"
VALUE_STYLE = "font-size:2.25rem;line-height:1.2;margin:0;white-space:nowrap"


def numbers_html(shown: list[tuple[str, str]], pace: str = "") -> str:
    """The numbers of ``metrics`` as one HTML element, and ``pace`` (``pace_text``) under
    them. Live, they travel as one message instead of five st.metric ones: each message
    costs the learner's browser a redraw of the page around it (measured in Chromium:
    about 2.4 ms each, for React)."""
    items = "".join(
        f'<div class="np-metric"><dt class="np-metric-label" style="{LABEL_STYLE}">'
        f'{html.escape(label)}</dt><dd class="np-metric-value" style="{VALUE_STYLE}">'
        f'{html.escape(value)}</dd></div>' for label, value in shown)
    line = f'<p class="np-pace" style="{PACE_STYLE}">{html.escape(pace)}</p>' if pace else ""
    return f'<dl class="np-metrics" style="{NUMBERS_STYLE}">{items}</dl>{line}'


PACE_STYLE = "font-size:0.875rem;margin:0.25rem 0 0 0;color:#555"


def pace_text(pace: tuple[float, float] | None, players: int, together: int, T: dict) -> str:
    """While playing, how fast this page goes (``pace``: pictures/s, epochs/s, as measured
    by the live loop) and, with others playing on the server, how many play and how many
    networks train together with this one; "" until measured. The teacher's view shows it
    too: the class's rate, which falls evenly for everyone on a busy server rather than
    freezing anyone."""
    if pace is None:
        return ""
    fps, eps = pace
    values = {"fps": f"{fps:.0f}", "eps": f"{eps:,.0f}", "players": players,
              "together": together}
    return T["pace_class" if players > 1 else "pace"].format(**values)


def _times(ratio: float) -> str:
    """A small ratio as a learner reads it: "1/3,000" rather than "3e-04 times"."""
    return f"1/{float(f'{1 / ratio:.1g}'):,.0f}"


def causes(run: LiveRun) -> list[tuple[str, dict]]:
    """The run's problems (``core.diagnosis``) as ``(catalogue key, fields)``: the page's
    sentence is ``T[key]``, a class's dashboard shows its short name for the key."""
    net = run.trainer.network
    out = []
    for cause in diagnosis.causes(run.last, run.history, net, run.trainer.optimizer.lr):
        fields = dict(cause.fields)
        if "fix" in fields:
            fields["fix"] = "fix_" + fields["fix"]
        if cause.key == "vanishing":
            fields["times"] = _times(fields.pop("ratio"))
        out.append(("hint_" + cause.key, fields))
    return out


def hints(run: LiveRun, T: dict) -> list[str]:
    """``causes`` in the page's words, one line each with what to try."""
    out = []
    for key, fields in causes(run):
        fields = dict(fields)
        rising = fields.pop("rising", False)
        if "fix" in fields:
            fields["fix"] = T[fields["fix"]]
        out.append(T[key].format(**fields) + (" " + T["hint_lr_rising"] if rising else ""))
    return out


def diverged_message(run: LiveRun, T: dict) -> str:
    lr = run.trainer.optimizer.lr
    suggest = max(float(f"{lr / 10:.1g}"), LIMITS["lr"][0])
    return T["diverged"].format(epoch=run.last.epoch, lr=lr, suggest=suggest)


URL_LABELS = {"hidden": "layers", "act": "activation", "opt": "optimizer"}  # key -> T key


def url_note(note: tuple[str, dict], T: dict) -> str:
    """A ``settings.Note`` in words: the catalogue's template for its kind, with the
    setting's name as the sidebar shows it."""
    kind, fields = note
    label = T.get(URL_LABELS.get(fields["name"], fields["name"]), fields["name"])
    return T["url_note"][kind].format(label=label, **fields)
