"""The drawing pad: the plane a learner clicks on to add or erase data points.

Streamlit reports a click on a Plotly chart only when it lands on a point (a click on
empty space selects nothing, and heatmap cells report nothing either), so the pad is
covered by a grid of invisible points: a click anywhere selects the grid point under
it, which gives the click's coordinates at the grid's resolution. The drawn points
sit on top, in their class colours, and report their own coordinates when clicked.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import colors

CLICK_GRID = 49  # grid points per side: a spacing of 0.275 on the 13.2-wide plane
GRID_CURVE, POINTS_CURVE = 0, 1  # curve numbers of the two traces, as a selection names them


def click_grid(frame: float, n: int = CLICK_GRID) -> np.ndarray:
    """The invisible click targets: ``(n * n, 2)`` points evenly over ``[-frame, frame]^2``."""
    axis = np.linspace(-frame, frame, n)
    g1, g2 = np.meshgrid(axis, axis)
    return np.column_stack([g1.ravel(), g2.ravel()])


def draw_pad(X: np.ndarray, y: np.ndarray, frame: float, axis_titles: tuple[str, str],
             height: int = 380) -> go.Figure:
    """The pad over ``[-frame, frame]^2`` with the drawn points ``X`` ``(n, 2)`` coloured
    by class ``y`` ``(n,)``. Curve 0 is the click grid, curve 1 the points."""
    targets = click_grid(frame)
    spacing = 2 * frame / (CLICK_GRID - 1)
    invisible = dict(color="rgba(0,0,0,0)", size=12)
    fig = go.Figure([
        go.Scatter(x=targets[:, 0], y=targets[:, 1], mode="markers", marker=invisible,
                   hoverinfo="none", selected=dict(marker=dict(opacity=0)),
                   unselected=dict(marker=dict(opacity=0)), showlegend=False),
        go.Scatter(x=X[:, 0], y=X[:, 1], mode="markers", hoverinfo="none", showlegend=False,
                   marker=dict(color=[colors.class_hex(int(k)) for k in y], size=11,
                               line=dict(color="#ffffff", width=1.5)),
                   selected=dict(marker=dict(opacity=1)),
                   unselected=dict(marker=dict(opacity=1))),
    ])
    axis = dict(range=[-frame - spacing / 2, frame + spacing / 2], fixedrange=True,
                zeroline=True, zerolinecolor="#cccccc", gridcolor="#eeeeee", dtick=2)
    fig.update_layout(
        height=height, margin=dict(l=40, r=10, t=10, b=40), plot_bgcolor="#fafafa",
        xaxis=dict(axis, title=dict(text=axis_titles[0])),
        yaxis=dict(axis, title=dict(text=axis_titles[1]), scaleanchor="x", scaleratio=1),
        dragmode=False, hovermode="closest", hoverdistance=30, clickmode="event+select")
    return fig
