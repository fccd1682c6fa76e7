"""Pictures for the lesson "Backpropagation, step by step": the worked network with every
value written on it, and gradient descent on the y = 3x fit, animated with Plotly's own
frames (the browser plays them; no server round trip per step).

Pure functions: plain data and labels in, a new figure out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import colors, png

FORWARD_HEX = colors.POSITIVE_HEX
BACKWARD_HEX = colors.NEGATIVE_HEX
UPDATE_HEX = "#2ca02c"
GREY = "#9aa0a6"
UNIT_GAP = 1.7  # vertical distance between units of a layer, in plot units
def unit_ys(n: int) -> np.ndarray:
    """Vertical positions of ``n`` units, centred on 0, first unit on top."""
    return UNIT_GAP * ((n - 1) / 2.0 - np.arange(n))


# Where along its edge a weight's label may sit, in order of preference, and how far
# apart (in plot units) two labels, or a label and a unit, must be to not overlap.
LABEL_TS = (0.3, 0.5, 0.7, 0.22, 0.4, 0.6, 0.78, 0.35, 0.45, 0.55, 0.65)
LABEL_DX, LABEL_DY_PER_LINE, UNIT_DX, UNIT_DY = 0.45, 0.3, 0.32, 0.4
VALUES_BELOW, INPUT_BELOW = 1.3, 0.7  # how far under a unit its values reach


def place_labels(edges: list[tuple[float, float, float, float, int]],
                 below: dict[float, float] | None = None) -> list[tuple[float, float]]:
    """A spot ``(x, y)`` on each edge ``(x0, y0, x1, y1, lines)`` for its label: the first
    of ``LABEL_TS`` that is clear of the labels placed before and of the units at the
    edges' ends (crossing edges otherwise put their labels on top of each other). Units
    in column x have their values written under them down to ``below[x]``: kept clear too.
    """
    below = below or {}
    units = {(x, y) for x0, y0, x1, y1, _ in edges for x, y in ((x0, y0), (x1, y1))}
    placed: list[tuple[float, float, int]] = []
    for x0, y0, x1, y1, lines in edges:
        spots = [(x0 + t * (x1 - x0), y0 + t * (y1 - y0)) for t in LABEL_TS]

        def clear(spot, lines=lines):
            x, y = spot
            far_from_labels = all(
                abs(x - px) >= LABEL_DX or abs(y - py) >= LABEL_DY_PER_LINE * (lines + n) / 2
                for px, py, n in placed)
            far_from_units = all(
                abs(x - ux) >= UNIT_DX
                or not uy - below.get(ux, UNIT_DY) < y < uy + UNIT_DY
                for ux, uy in units)
            return far_from_labels and far_from_units

        x, y = next((spot for spot in spots if clear(spot)), spots[0])
        placed.append((x, y, lines))
    return [(x, y) for x, y, _ in placed]


def network_figure(sizes: Sequence[int], unit_names: Sequence[Sequence[str]],
                   unit_values: Sequence[Sequence[str]],
                   edge_labels: Sequence[np.ndarray], layer_titles: Sequence[str],
                   active: int | None = None, active_hex: str = FORWARD_HEX,
                   done: Sequence[bool] | None = None, height: int = 520) -> go.Figure:
    """The network drawn left to right, ``sizes`` units per layer (input first).

    ``unit_names[l][j]`` is written inside unit j of layer l and ``unit_values[l][j]``
    (lines joined by ``<br>``) under it; ``edge_labels[l]`` ``(sizes[l], sizes[l+1])``
    holds the text on each weight from layer l to l+1. Layer ``active`` (and the weights
    into it) is drawn in ``active_hex``; ``done[l]`` marks layers whose values are known.
    """
    done = list(done) if done is not None else [True] * len(sizes)
    ys = [unit_ys(n) for n in sizes]
    top = max(float(y.max()) for y in ys)
    bottom = min(float(y.min()) for y in ys)
    shapes, notes, traces = [], [], []  # gathered first: one Figure build, not ~40 updates
    for l in range(len(sizes) - 1):
        into_active = active == l + 1
        colour = active_hex if into_active else GREY
        ends = [(l, y0, l + 1, y1, str(edge_labels[l][i][j]).count("<br>") + 1)
                for i, y0 in enumerate(ys[l]) for j, y1 in enumerate(ys[l + 1])]
        below = {0: INPUT_BELOW, **{k: VALUES_BELOW for k in range(1, len(sizes) - 1)}}
        spots = place_labels(ends, below)
        for (x0, y0, x1, y1, _), (x, y), text in zip(ends, spots,
                                                     np.asarray(edge_labels[l]).ravel()):
            shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, layer="below",
                               line=dict(color=colour, width=2.5 if into_active else 1.2)))
            notes.append(dict(x=x, y=y, text=text, showarrow=False,
                              font=dict(size=11, color="#222"), bgcolor="rgba(255,255,255,0.9)",
                              bordercolor=colour, borderwidth=1, borderpad=2))
    for l, n in enumerate(sizes):
        is_active = active == l
        fill = "#fff4e5" if is_active and active_hex == BACKWARD_HEX else (
            "#e8f1fa" if done[l] else "#ffffff")
        traces.append(dict(
            type="scatter", x=[l] * n, y=list(ys[l]), mode="markers+text",
            text=list(unit_names[l]), textfont=dict(size=13, color="#111"), hoverinfo="skip",
            showlegend=False, marker=dict(size=44, color=fill, line=dict(
                color=active_hex if is_active else "#555", width=3 if is_active else 1.5))))
        # values under a unit; the output layer's (the longest) to its right, where there
        # is room whatever the number of outputs
        last = l == len(sizes) - 1
        notes += [dict(x=l + 0.14 if last else l, y=y if last else y - 0.42,
                       text=unit_values[l][j], showarrow=False,
                       xanchor="left" if last else "center", yanchor="middle" if last else "top",
                       align="left" if last else "center", font=dict(size=12, color="#111"),
                       bgcolor="rgba(255,255,255,0.85)")
                  for j, y in enumerate(ys[l]) if unit_values[l][j]]
        notes.append(dict(x=l, y=top + 0.75, text=f"<b>{layer_titles[l]}</b>",
                          showarrow=False, font=dict(size=13)))
    layout = dict(
        height=height, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
        xaxis=dict(visible=False, range=[-0.3, len(sizes) - 0.3], fixedrange=True),
        yaxis=dict(visible=False, range=[bottom - 1.45, top + 1.05], fixedrange=True),
        dragmode=False, shapes=shapes, annotations=notes)
    return go.Figure(dict(data=traces, layout=layout))


def surface_picture(surface: np.ndarray) -> str:
    """A PNG data URI of a loss surface ``(rows = b from low to high, columns = w)``:
    darker blue where the loss is lower, on a log scale."""
    levels = np.log10(np.maximum(surface, 0.0) + 0.1)  # + 0.1: the valley floor stays wide
    span = float(levels.max() - levels.min()) or 1.0
    depth = 1.0 - (levels - levels.min()) / span  # 1 at the minimum
    bands = np.floor(depth * 10) / 10  # steps like contour bands make the valley's shape clear
    strength = (0.05 + 0.8 * bands)[..., None]
    rgb = colors.BACKGROUND * (1 - strength) + colors.hex_to_rgb(colors.POSITIVE_HEX) * strength
    return png.data_uri(rgb[::-1].astype(np.uint8))  # the first row is the highest b


def frame_steps(n_steps: int, n_frames: int = 60) -> np.ndarray:
    """About ``n_frames`` step numbers from 0 to ``n_steps - 1``, denser at the start
    where descent moves fastest."""
    if n_steps <= n_frames:
        return np.arange(n_steps)
    picks = np.round(np.geomspace(1, n_steps - 1, n_frames)).astype(int)
    return np.unique(np.concatenate([[0], picks, [n_steps - 1]]))


def descent_figure(x: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray,
                   loss: np.ndarray, w_grid: np.ndarray, b_grid: np.ndarray,
                   surface: np.ndarray, labels: dict, n_frames: int = 60,
                   frame_ms: int = 80) -> go.Figure:
    """Gradient descent on the fit y_hat = w x + b, animated by the browser.

    ``w``, ``b``, ``loss`` are the path (one entry per step, the start first); ``surface``
    ``(len(b_grid), len(w_grid))`` is the loss over the (w, b) grid. ``labels`` gives
    "data", "fit", "path", "target", "loss_curve", "x", "y", "w", "b", "loss", "step",
    "play", "pause", the panel titles "panel_fit", "panel_surface", "panel_loss" and
    "title" (a format string with {step}, {w}, {b}, {loss}). No legend: each panel says
    what it shows, which stays readable on a phone.
    Top left the data and the current line, top right the path on the loss surface,
    below the loss curve; Play and the slider move all three together.
    """
    fig = make_subplots(rows=2, cols=2, specs=[[{}, {}], [{"colspan": 2}, None]],
                        row_heights=[0.62, 0.38], vertical_spacing=0.16,
                        horizontal_spacing=0.12,
                        subplot_titles=[labels["panel_fit"], labels["panel_surface"],
                                        labels["panel_loss"]])
    steps = np.arange(len(loss))
    x_line = np.array([0.0, float(np.max(x)) * 1.05])
    frames_at = frame_steps(len(loss), n_frames)

    def line(k):
        return dict(x=x_line, y=w[k] * x_line + b[k])

    def title(k):
        return labels["title"].format(step=int(k), w=f"{w[k]:.3f}", b=f"{b[k]:.3f}",
                                      loss=f"{loss[k]:.3f}")

    # static traces first; the four moving ones (indices 1, 3, 4, 7) follow their order
    fig.add_trace(go.Scatter(x=x, y=y, mode="markers", name=labels["data"],
                             marker=dict(size=10, color=FORWARD_HEX)), 1, 1)
    fig.add_trace(go.Scatter(**line(0), mode="lines", name=labels["fit"],
                             line=dict(color=BACKWARD_HEX, width=3)), 1, 1)
    # The surface is a picture under the (w, b) panel, not a contour trace: Plotly's
    # animation clears contour traces of a subplot it animates, but keeps layout images.
    fig.add_layout_image(source=surface_picture(surface), xref="x2", yref="y2",
                         x=float(w_grid[0]), y=float(b_grid[-1]),
                         sizex=float(w_grid[-1] - w_grid[0]),
                         sizey=float(b_grid[-1] - b_grid[0]), sizing="stretch", layer="below")
    fig.add_trace(go.Scatter(x=[], y=[], showlegend=False, hoverinfo="skip"), 1, 2)
    fig.add_trace(go.Scatter(x=w[:1], y=b[:1], mode="lines", name=labels["path"],
                             line=dict(color=BACKWARD_HEX, width=2)), 1, 2)
    fig.add_trace(go.Scatter(x=w[:1], y=b[:1], mode="markers", showlegend=False,
                             marker=dict(size=11, color=BACKWARD_HEX,
                                         line=dict(color="white", width=1.5))), 1, 2)
    fig.add_trace(go.Scatter(x=[3.0], y=[0.0], mode="markers", name=labels["target"],
                             marker=dict(symbol="star", size=15, color=UPDATE_HEX)), 1, 2)
    fig.add_trace(go.Scatter(x=steps, y=loss, mode="lines", name=labels["loss_curve"],
                             line=dict(color=FORWARD_HEX, width=2)), 2, 1)
    fig.add_trace(go.Scatter(x=[0], y=loss[:1], mode="markers", showlegend=False,
                             marker=dict(size=11, color=BACKWARD_HEX)), 2, 1)

    fig.frames = [go.Frame(name=str(int(k)), traces=[1, 3, 4, 7], data=[
        go.Scatter(**line(k)),
        go.Scatter(x=w[:k + 1], y=b[:k + 1]),
        go.Scatter(x=w[k:k + 1], y=b[k:k + 1]),
        go.Scatter(x=[int(k)], y=loss[k:k + 1]),
    ], layout=dict(title_text=title(k))) for k in frames_at]

    play = dict(frame=dict(duration=frame_ms, redraw=True), transition=dict(duration=0),
                fromcurrent=True, mode="immediate")
    fig.update_layout(
        height=660, margin=dict(l=10, r=10, t=80, b=10), title=dict(text=title(0), x=0.01,
                                                                     font=dict(size=15)),
        showlegend=False, plot_bgcolor="white",
        updatemenus=[dict(type="buttons", direction="left", x=0.0, y=-0.12, xanchor="left",
                          yanchor="top", showactive=False, pad=dict(t=0, r=8), buttons=[
                              dict(label=labels["play"], method="animate",
                                   args=[None, play]),
                              dict(label=labels["pause"], method="animate",
                                   args=[[None], dict(frame=dict(duration=0, redraw=False),
                                                      mode="immediate")])])],
        sliders=[dict(active=0, x=0.16, y=-0.08, len=0.84, pad=dict(t=0, b=0),
                      currentvalue=dict(prefix=labels["step"] + " ", font=dict(size=12)),
                      steps=[dict(label=str(int(k)), method="animate",
                                  args=[[str(int(k))], dict(mode="immediate", frame=dict(
                                      duration=0, redraw=True), transition=dict(duration=0))])
                             for k in frames_at])])
    fig.update_annotations(font_size=13)  # the panel titles
    fig.update_xaxes(title_text=labels["x"], row=1, col=1, gridcolor="#eee")
    fig.update_yaxes(title_text=labels["y"], row=1, col=1, gridcolor="#eee",
                     range=[-2, float(np.max(y)) * 1.25])
    fig.update_xaxes(title_text=labels["w"], row=1, col=2, range=[w_grid[0], w_grid[-1]])
    fig.update_yaxes(title_text=labels["b"], row=1, col=2, range=[b_grid[0], b_grid[-1]])
    fig.update_xaxes(title_text=labels["step"], row=2, col=1, gridcolor="#eee")
    fig.update_yaxes(title_text=labels["loss"], type="log", row=2, col=1, gridcolor="#eee",
                     exponentformat="power")
    return fig
