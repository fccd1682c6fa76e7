"""What the Playground shows, built from a ``LiveRun``: figure dicts, metric values and
hints. Plain Python (no Streamlit), so every picture can be tested from a run."""

from __future__ import annotations

import numpy as np

from figures import curves, network
from figures.region import points_svg, region_html, region_image

from .live import LiveRun
from .settings import LIMITS

VANISHING_RATIO = 1e-3  # first/last layer gradient ratio that earns a hint
DEAD_SHARE = 0.5  # share of dead ReLU units that earns a hint


def region_live(run: LiveRun, show_test: bool, hard: bool) -> str:
    """The live region as HTML (image + points layer); the points layer is cached on the
    run, since the data does not change while it trains."""
    split, grid, scale = run.trainer.split, run.grid, run.value_scale()
    key = ("points", run.data_version, show_test)
    if key not in run.picture_cache:
        run.picture_cache.clear()
        run.picture_cache[key] = points_svg(
            (float(grid.x1[0]), float(grid.x1[-1])), run.data.task,
            (split.X_train, split.y_train), (split.X_test, split.y_test) if show_test else None,
            scale)
    return region_html(region_image(run.region_output(), run.data.task, hard, scale),
                       run.picture_cache[key])


def _layer_titles(run: LiveRun, T: dict) -> list[str]:
    net = run.trainer.network
    names = T["activation_names"]
    hidden = [T["hidden_title"].format(l=l, n=n, act=names.get(a, a))
              for l, (n, a) in enumerate(zip(net.hidden, net.activations[:-1]), start=1)]
    output = names.get(net.activations[-1], net.activations[-1])
    return [T["input_title"], *hidden, T["output_title"].format(act=output)]


def network_diagram(run: LiveRun, T: dict, tooltips: bool = False) -> str:
    net = run.trainer.network
    _, _, node = network.unit_positions(net.sizes)
    maps = run.unit_maps(network.thumbnail_size(node))
    shown = [min(n, network.MAX_UNITS_DRAWN) for n in net.sizes]
    acts = ["linear", *net.activations]
    images = [network.thumbnail_rgb(A[..., :n], act) for A, n, act in zip(maps, shown, acts)]
    return network.network_html(net.sizes, net.W, net.b, images, _layer_titles(run, T),
                                T["more_units"], tooltips)


def _layer_names(run: LiveRun, T: dict) -> list[str]:
    L = len(run.trainer.network.W)
    return [T["layer_name"].format(l=l) for l in range(1, L)] + [T["output_layer"]]


def loss_chart(run: LiveRun, T: dict) -> curves.Chart:
    h = run.history
    return curves.metric_chart(h.column("epoch"), h.column("train_loss"), h.column("test_loss"),
                               T["loss_chart"], (T["train"], T["test"]))


def accuracy_chart(run: LiveRun, T: dict) -> curves.Chart | None:
    if run.data.task == "regression":
        return None
    h = run.history
    return curves.metric_chart(h.column("epoch"), h.column("train_accuracy"),
                               h.column("test_accuracy"), T["acc_chart"], (T["train"], T["test"]),
                               y_range=(0.0, 1.0), percent=True)


def gradient_chart(run: LiveRun, T: dict) -> curves.Chart:
    h = run.history
    names = _layer_names(run, T)
    return curves.gradient_chart(h.column("epoch"), h.layer_columns("grad_norm_W", len(names)),
                                 names, T["grad_chart"], T["grad_empty"])


def dead_chart(run: LiveRun, T: dict) -> curves.Chart | None:
    dead = [s.dead_fraction for s in run.last.layers]
    if all(d is None for d in dead):
        return None
    return curves.dead_units_chart(_layer_names(run, T), dead, T["dead_chart"])


def _fmt(value: float | None, percent: bool = False) -> str:
    if value is None or not np.isfinite(value):
        return "–"
    if percent:
        return f"{value:.1%}"
    return f"{value:.3e}" if abs(value) >= 1e4 else f"{value:.4f}"


def metrics(run: LiveRun, T: dict) -> list[tuple[str, str]]:
    """(label, value) for each metric the page shows; no accuracy for regression."""
    s = run.last
    out = [(T["epoch"], f"{s.epoch:,}"), (T["train_loss"], _fmt(s.train_loss)),
           (T["test_loss"], _fmt(s.test_loss))]
    if run.data.task != "regression":
        out += [(T["train_acc"], _fmt(s.train_accuracy, True)),
                (T["test_acc"], _fmt(s.test_accuracy, True))]
    return out


def hints(run: LiveRun, T: dict) -> list[str]:
    """One line for each problem the seeds teach to spot: vanishing gradients, dead ReLUs."""
    s = run.last
    out = []
    g = [l.grad_norm_W for l in s.layers]
    if len(g) >= 3 and g[-1] > 0 and s.epoch > 0 and g[0] / g[-1] < VANISHING_RATIO:
        out.append(T["hint_vanishing"].format(ratio=g[0] / g[-1]))
    dead = [l.dead_fraction for l in s.layers if l.dead_fraction is not None]
    units = [n for n, l in zip(run.trainer.network.hidden, s.layers) if l.dead_fraction is not None]
    if dead and s.epoch > 0:
        share = sum(d * n for d, n in zip(dead, units)) / sum(units)
        if share >= DEAD_SHARE:
            out.append(T["hint_dead"].format(share=share))
    return out


def diverged_message(run: LiveRun, T: dict) -> str:
    lr = run.trainer.optimizer.lr
    suggest = max(float(f"{lr / 10:.1g}"), LIMITS["lr"][0])
    return T["diverged"].format(epoch=run.last.epoch, lr=lr, suggest=suggest)
