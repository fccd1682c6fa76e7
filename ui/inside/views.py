"""What the lesson "Inside the network" shows, built from a core ``Network`` and the data:
the input plane and one hidden layer's space as HTML, the still 3-D view, the notes
that say how exact the drawn boundary is, and the separability numbers. Plain Python
(no Streamlit), so every picture and number can be tested without a browser."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core import features, losses, region
from core.inputs import DEFAULT as DEFAULT_INPUTS
from core.network import Network
from figures import colors
from figures import inside as fig
from figures.region import region_image

GRID_LINES, GRID_POINTS = 15, 50  # lines per direction, points per line
REGION_RESOLUTION = 60
STRIP_HEIGHT = 0.7  # in the one-unit view, each class's band of jittered points


@dataclass
class Pictures:
    input_html: str
    layer_html: str
    notes: list[str] = field(default_factory=list)
    exact: bool = False  # the output's boundary drawn in the layer's space is exact


def extent(X: np.ndarray) -> tuple[float, float]:
    """The square of the input plane that is drawn (the Playground's region grid)."""
    grid = region.make_grid(X, 2)
    return float(grid.x1[0]), float(grid.x1[-1])


def point_hex(y: np.ndarray, task: str) -> list[str]:
    """One colour per point: its class, or for regression its value's sign and size."""
    if task == "regression":
        scale = float(np.max(np.abs(y))) if len(y) else 1.0
        rgb = colors.signed_rgb(np.asarray(y, float), scale)
        return ["#{:02x}{:02x}{:02x}".format(*c) for c in rgb]
    return [colors.class_hex(int(k)) for k in y]


def predicted(A_out: np.ndarray, task: str) -> np.ndarray:
    """Predicted class of each row of output activations ``(..., n_outputs)``; for
    regression 1 where the output is positive (the colour of its sign)."""
    flat = A_out.reshape(-1, A_out.shape[-1])
    labels = losses.predict_labels(flat, task)
    if labels is None:
        labels = (flat[:, 0] > 0).astype(int)
    return labels.reshape(A_out.shape[:-1])


def _strip_y(y: np.ndarray, task: str) -> np.ndarray:
    """In the one-unit view the vertical position carries no data: each class gets a
    band, spread by a fixed (golden-ratio) jitter so equal values stay visible."""
    jitter = (np.arange(len(y)) * 0.6180339887) % 1.0 - 0.5
    band = np.zeros(len(y)) if task == "regression" else np.asarray(y, float)
    return band + STRIP_HEIGHT * jitter


def _units_label(T: dict, u: int) -> str:
    return T["unit_axis"].format(u=u + 1)


def pictures(net: Network, X: np.ndarray, y: np.ndarray, layer: int, ux: int, uy: int,
             T: dict, inputs: tuple[str, ...] = DEFAULT_INPUTS, size_px: int = 420) -> Pictures:
    """The input plane and the space of units ``ux``, ``uy`` (0-based) of hidden ``layer``
    (1 .. L-1), each with the grid lines, the data ``X`` ``(n, 2)`` (points of the plane)
    / ``y`` ``(n,)`` and what the output makes of it; the network is fed the input
    features ``inputs`` of each point."""
    L, task = len(net.W), net.task
    lo, hi = extent(X)
    lines = features.grid_lines(lo, hi, GRID_LINES, GRID_POINTS)
    n_lines = len(lines) * GRID_POINTS
    spaces = features.through_layers(net, np.concatenate([lines.reshape(-1, 2), X]), inputs)
    line_class = predicted(spaces[-1][:n_lines], task).reshape(len(lines), GRID_POINTS)
    hexes = point_hex(y, task)

    grid = region.make_grid(X, REGION_RESOLUTION)
    background = region_image(region.output(net, grid, inputs), task)
    input_svg = fig.space_svg((lo, hi), (lo, hi), X, hexes, lines)
    input_html = fig.space_html(input_svg, background, "x1", "x2", "np-input-space",
                                T["alt_input"], size_px)

    H = spaces[layer]
    units = H.shape[1]
    ux, uy = min(ux, units - 1), min(uy, units - 1)
    act = net.activations[layer - 1]
    notes = []
    if not np.isfinite(H).all():
        notes.append(T["note_nonfinite"])
        H = np.nan_to_num(H, posinf=0.0, neginf=0.0)
    spread = features.spread(H)
    dead = [u for u in dict.fromkeys((ux, uy)) if spread[u] < features.DEAD_SPREAD]
    if np.all(spread < features.DEAD_SPREAD):  # no other unit to pick: the layer is dead
        notes.append(T["note_all_dead"])
    elif dead:
        notes.append(T["note_dead"].format(units=", ".join(str(u + 1) for u in dead)))
    last = layer == L - 1
    if units == 1:
        html, exact = _one_unit(net, H, y, layer, hexes, n_lines, T, size_px)
        notes.insert(0, T["note_one_unit"])
        if last and exact:
            notes.append(T["note_exact_point"])
        return Pictures(input_html, html, notes, exact)

    x_range = fig.axis_range(H[:, ux], act)
    y_range = fig.axis_range(H[:, uy], act)
    exact = last and units == 2 and ux != uy
    mapped_lines = np.stack([H[:n_lines, ux], H[:n_lines, uy]], axis=-1).reshape(lines.shape)
    points = np.stack([H[n_lines:, ux], H[n_lines:, uy]], axis=-1)
    background = segment = None
    if exact:
        plane = features.plane(x_range, y_range, REGION_RESOLUTION)
        Hp = np.zeros((len(plane), units))
        Hp[:, ux], Hp[:, uy] = plane[:, 0], plane[:, 1]
        out = features.output_over(net, layer, Hp)
        background = region_image(out.reshape(REGION_RESOLUTION, REGION_RESOLUTION, -1), task)
        line = features.decision_line(net) if task == "binary" else None
        if line is not None:
            w, c = line
            segment = features.clip_line(w[[ux, uy]], c, x_range, y_range)
        notes.append(T["note_exact_line"] if task == "binary" else T["note_exact_regions"])
    elif ux == uy:
        notes.append(T["note_same_unit"])
    elif last:
        notes.append(T["note_not_exact"].format(n=units))
    else:
        notes.append(T["note_not_last"])
    svg = fig.space_svg(x_range, y_range, points, hexes, mapped_lines,
                        None if exact else line_class, segment)
    html = fig.space_html(svg, background, _units_label(T, ux), _units_label(T, uy),
                          "np-layer-space", T["alt_layer"], size_px)
    return Pictures(input_html, html, notes, exact)


def _one_unit(net, H, y, layer, hexes, n_lines, T, size_px) -> tuple[str, bool]:
    """One unit: one axis. The grid lines would all fall on it, so only the data is drawn,
    in one band per class; in the last hidden layer the output's threshold is exact."""
    values = H[n_lines:, 0]
    x_range = fig.axis_range(H[:, 0], net.activations[layer - 1])
    bands = _strip_y(y, net.task)
    y_range = (float(bands.min()) - 0.5, float(bands.max()) + 0.5) if len(y) else (-1.0, 1.0)
    background = segment = None
    exact = layer == len(net.W) - 1
    if exact:
        axis = np.linspace(*x_range, REGION_RESOLUTION)
        out = features.output_over(net, layer, axis[:, None])
        background = np.repeat(region_image(out.reshape(1, REGION_RESOLUTION, -1), net.task),
                               4, axis=0)
        line = features.decision_line(net) if net.task == "binary" else None
        if line is not None and abs(line[0][0]) > 1e-12:
            h = -line[1] / line[0][0]
            if x_range[0] <= h <= x_range[1]:
                segment = np.array([[h, y_range[0]], [h, y_range[1]]])
    svg = fig.space_svg(x_range, y_range, np.column_stack([values, bands]), hexes,
                        segment=segment, one_axis=True)
    return fig.space_html(svg, background, _units_label(T, 0), "", "np-layer-space",
                          T["alt_layer"], size_px), exact


def figure_3d(net: Network, X: np.ndarray, y: np.ndarray, layer: int,
              units: tuple[int, int, int], T: dict, inputs: tuple[str, ...] = DEFAULT_INPUTS):
    """The still 3-D view of three units of hidden ``layer``, with the output's decision
    plane when the layer is the last hidden one, has exactly three units and the task is
    binary (then the plane is exact)."""
    lo, hi = extent(X)
    lines = features.grid_lines(lo, hi, GRID_LINES // 2 + 1, GRID_POINTS)
    n_lines = lines.shape[0] * lines.shape[1]
    H = features.through_layers(net, np.concatenate([lines.reshape(-1, 2), X]), inputs)[layer]
    H = np.nan_to_num(H[:, list(units)], posinf=0.0, neginf=0.0)
    act = net.activations[layer - 1]
    ranges = [fig.axis_range(H[:, i], act) for i in range(3)]
    surface = None
    line = features.decision_line(net) if net.task == "binary" else None
    if line is not None and layer == len(net.W) - 1 and H.shape[1] == len(line[0]) == 3:
        w, c = line
        surface = features.decision_surface(w[list(units)], c, ranges[0], ranges[1], ranges[2])
    names = T["class_names"]
    hover = [T["hover_point"].format(x1=a, x2=b, cls=names[int(k) % len(names)]
                                     if net.task != "regression" else f"{k:.2f}")
             for (a, b), k in zip(X, y)]
    return fig.space_3d(H[n_lines:], y, point_hex(y, net.task), hover,
                        H[:n_lines].reshape(*lines.shape[:2], 3), ranges,
                        [_units_label(T, u) for u in units], surface, T["decision_plane"])


def space_names(n: int, T: dict) -> dict[str, str]:
    """The ``n`` spaces the table lists (the input plane, then each hidden layer), keyed
    "0", "1", ...: the learner's words for each."""
    return {str(l): T["input_space"] if l == 0 else T["hidden_space"].format(l=l)
            for l in range(n)}


def best_spaces(accuracies: list[float | None]) -> tuple[str, ...]:
    """The spaces (keys as in ``space_names``) where a straight line does best; all of
    them when they tie (a line past every point scores the same everywhere)."""
    scores = [-1.0 if a is None or not np.isfinite(a) else float(a) for a in accuracies]
    top = max(scores)
    return tuple(str(l) for l, a in enumerate(scores) if a >= top - 1e-12)


def layer_table(accuracies: list[float | None], T: dict) -> str:
    """Markdown table: how well a straight line separates the data in each space."""
    rows = [f"| {T['col_space']} | {T['col_line']} |", "|---|---:|"]
    for name, acc in zip(space_names(len(accuracies), T).values(), accuracies):
        rows.append(f"| {name} | {acc:.1%} |")
    return "\n".join(rows)
