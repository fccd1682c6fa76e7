"""Loss surfaces over two parameters, and descents down them with the real optimizers.

Each surface is a registry entry with ``value(theta)`` and ``gradient(theta)`` for
``theta`` of shape ``(2,)`` or a grid ``(..., 2)``: value gives ``(...)``, gradient
``(..., 2)``. The three model surfaces are a loss of core/losses.py over a tiny data set:

- ``line``: y = 3x from x = 1, 3, 4, 8, 10 (seed article 001), theta = (w, b), mean
  squared error of the linear output w x + b.
- ``logistic``: one-feature logistic regression, theta = (w, b), sigmoid output with
  binary cross-entropy: convex, a bowl (article 003).
- ``logistic_mse``: the same model and data with squared error: not convex, with
  plateaus (article 003).

Two toy surfaces show the optimizers' characters:

- ``saddle``: f = t1^2/2 + t2^4/4 - t2^2/2, a saddle at (0, 0) between minima (0, +-1).
- ``ravine``: f = (t1^2/10 + 15 t2^2)/2, a narrow valley (curvatures 0.1 and 15).

``descend`` runs SGD, momentum or Adam of core/optimizers.py on a 2-vector and keeps,
per step, the gradient, momentum's velocity and Adam's m^ and v^; ``verdict`` says
whether the run reached the minimum, crawled, oscillated or diverged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import articles, optimizers
from .activations import sigmoid
from .dtype import DTYPE
from .losses import HEADS
from .network import Network

Array = np.ndarray

THETA_LIMIT = 1e6  # a path beyond this distance from the origin has diverged: cut it there
MAX_STEPS = 1000
REACHED = 1e-3  # reached the minimum: the gap to the lowest loss fell below 0.1 % of the start's
STALLED = 1e-3  # stalled: over the run's second half the loss moved less than 0.1 % of the
STALLED_GRAD = 1e-2  # start's gap, and the gradient shrank below 1 % of its largest size


# --- the model surfaces: a loss of core/losses.py over (w, b) ------------------------------
def _model_value_and_gradient(head: tuple[str, str], x: Array, y: Array
                              ) -> tuple[Callable, Callable]:
    """value(theta) and gradient(theta) of the one-input model a = g(w x + b) with the
    output and loss ``head`` ((task, loss) of core.losses.HEADS) over samples ``x``, ``y``
    ``(n,)``, at one theta = (w, b): the engine's own Network, forward pass, cost and
    backward pass. One network per thread: the surfaces are shared by every session."""
    X, Y = x.reshape(-1, 1).astype(DTYPE), y.reshape(-1, 1).astype(DTYPE)
    task, loss = head
    output = HEADS[head][0]
    mine = threading.local()

    def at(theta) -> Network:
        net = getattr(mine, "net", None)
        if net is None:
            net = mine.net = Network([np.zeros((1, 1))], [np.zeros(1)], [output], task,
                                     2 if task == "binary" else 0, loss=loss)
        net.W[0][0, 0], net.b[0][0] = theta
        net.forward(X)
        return net

    def value(theta):
        return at(theta).cost(Y)

    def gradient(theta):
        dW, db = at(theta).backward(Y)
        return np.array([dW[0][0, 0], db[0][0]])

    return value, gradient


def _over_grid(one: Callable[[Array], object], out_shape: tuple[int, ...]) -> Callable:
    """``one`` (of a single theta (2,)) applied to theta ``(..., 2)``."""
    def many(theta):
        theta = np.asarray(theta, dtype=DTYPE)
        flat = theta.reshape(-1, 2)
        out = np.empty((flat.shape[0], *out_shape), dtype=DTYPE)
        with np.errstate(over="ignore", invalid="ignore"):
            for i, t in enumerate(flat):
                out[i] = one(t)
        return out.reshape(theta.shape[:-1] + out_shape)
    return many


@dataclass(frozen=True)
class Surface:
    """A loss over two parameters. ``box`` ((lo1, hi1), (lo2, hi2)) is the region drawn
    and the range of start points; ``minimum`` the lowest point (theta, value)."""

    name: str
    symbols: tuple[str, str]
    value: Callable[[Array], Array]
    gradient: Callable[[Array], Array]
    box: tuple[tuple[float, float], tuple[float, float]]
    start: tuple[float, float]
    lr: float
    minimum: tuple[tuple[float, float], float]
    formula: str  # LaTeX

    def grid(self, n: int = 61) -> tuple[Array, Array, Array]:
        """Axes ``t1`` ``(n,)``, ``t2`` ``(n,)`` over the box and the loss ``L`` ``(n, n)``
        with ``L[j, i]`` at (t1[i], t2[j]) (the layout contour plots expect)."""
        (a1, b1), (a2, b2) = self.box
        t1, t2 = np.linspace(a1, b1, n), np.linspace(a2, b2, n)
        T1, T2 = np.meshgrid(t1, t2)
        return t1, t2, self.value(np.stack([T1, T2], axis=-1))


def _model_surface(name, symbols, head, x, y, box, start, lr, minimum, formula) -> Surface:
    value, gradient = _model_value_and_gradient(head, np.asarray(x), np.asarray(y))
    return Surface(name, symbols, _over_grid(value, ()), _over_grid(gradient, (2,)), box,
                   start, lr, minimum, formula)


# --- the toy surfaces: closed forms --------------------------------------------------------
def _saddle_value(theta):
    t = np.asarray(theta, dtype=DTYPE)
    return 0.5 * t[..., 0] ** 2 + 0.25 * t[..., 1] ** 4 - 0.5 * t[..., 1] ** 2


def _saddle_gradient(theta):
    t = np.asarray(theta, dtype=DTYPE)
    return np.stack([t[..., 0], t[..., 1] ** 3 - t[..., 1]], axis=-1)


RAVINE_CURVATURE = (0.1, 15.0)


def _ravine_value(theta):
    t = np.asarray(theta, dtype=DTYPE)
    c1, c2 = RAVINE_CURVATURE
    return 0.5 * (c1 * t[..., 0] ** 2 + c2 * t[..., 1] ** 2)


def _ravine_gradient(theta):
    t = np.asarray(theta, dtype=DTYPE)
    return t * np.asarray(RAVINE_CURVATURE)


# --- the data of the model surfaces --------------------------------------------------------
LINE_X, LINE_Y = articles.LINE_X, articles.LINE_Y
# One feature, two classes that overlap (so the best w and b are finite).
LOGISTIC_X = np.array([-3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0, -0.2])
LOGISTIC_Y = np.array([0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0])

SURFACES: dict[str, Surface] = {s.name: s for s in [
    _model_surface("line", ("w", "b"), ("regression", "mse"), LINE_X, LINE_Y,
                   ((1.0, 5.0), (-5.0, 6.0)), articles.LINE_START, 0.01,
                   (articles.LINE_ANSWER, 0.0),
                   r"L(w, b) = \frac{1}{5}\sum_i (w \cdot x_i + b - y_i)^2"),
    _model_surface("logistic", ("w", "b"), ("binary", "bce"), LOGISTIC_X, LOGISTIC_Y,
                   ((-6.0, 8.0), (-7.0, 7.0)), (-5.0, 5.0), 0.1, ((0.0, 0.0), 0.0),
                   r"L(w, b) = -\frac{1}{m}\sum_i \left[y_i \log a_i + (1 - y_i)\log(1 - a_i)"
                   r"\right],\ a_i = \sigma(w \cdot x_i + b)"),
    _model_surface("logistic_mse", ("w", "b"), ("binary", "mse"), LOGISTIC_X, LOGISTIC_Y,
                   ((-6.0, 8.0), (-7.0, 7.0)), (-5.0, 5.0), 0.3, ((0.0, 0.0), 0.0),
                   r"L(w, b) = \frac{1}{m}\sum_i (a_i - y_i)^2,\ a_i = \sigma(w \cdot x_i + b)"),
    Surface("saddle", ("θ1", "θ2"), _saddle_value, _saddle_gradient,
            ((-2.0, 2.0), (-1.8, 1.8)), (1.8, 0.01), 0.03, ((0.0, 1.0), -0.25),
            r"L(\theta_1, \theta_2) = \tfrac{1}{2}\theta_1^2 + \tfrac{1}{4}\theta_2^4"
            r" - \tfrac{1}{2}\theta_2^2"),
    Surface("ravine", ("θ1", "θ2"), _ravine_value, _ravine_gradient,
            ((-10.0, 10.0), (-3.0, 3.0)), (-9.0, 2.0), 0.1, ((0.0, 0.0), 0.0),
            r"L(\theta_1, \theta_2) = \tfrac{1}{2}\left(0.1\,\theta_1^2 + 15\,\theta_2^2\right)"),
]}


# --- descents -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Path:
    """One optimizer's descent: ``theta`` ``(k + 1, 2)`` (the start, then each step) and its
    ``loss`` ``(k + 1,)``; per step ``grad`` ``(k, 2)`` (at the point the step left from),
    ``velocity`` (momentum), ``m_hat`` and ``v_hat`` (Adam), ``(k, 2)`` or None.
    ``diverged``: the run hit a non-finite value or left |theta| < THETA_LIMIT and was cut
    at its last finite point, so k may be fewer than the steps asked for."""

    optimizer: str
    lr: float
    theta: Array
    loss: Array
    grad: Array
    velocity: Array | None
    m_hat: Array | None
    v_hat: Array | None
    diverged: bool
    steps_asked: int

    @property
    def steps(self) -> int:
        return len(self.grad)


def descend(surface: Surface, optimizer: str, start, lr: float, steps: int) -> Path:
    """Run ``optimizer`` ("sgd", "momentum", "adam") with learning rate ``lr`` from
    ``start`` (2,) for ``steps`` steps (clamped to 0..MAX_STEPS) on ``surface``."""
    steps = int(np.clip(steps, 0, MAX_STEPS))
    opt = optimizers.create(optimizer, lr)
    theta = np.array(start, dtype=DTYPE)
    thetas, losses = [theta.copy()], [float(surface.value(theta))]
    grads, velocity, m_hat, v_hat = [], [], [], []
    diverged = False
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            g = surface.gradient(theta)
            if not np.all(np.isfinite(g)):
                diverged = True
                break
            opt.step([theta], [g])
            value = float(surface.value(theta))
            if not (np.all(np.isfinite(theta)) and np.isfinite(value)):
                diverged = True
                break
            grads.append(g)
            if optimizer == "momentum":
                velocity.append(opt.v[0].copy())
            if optimizer == "adam":
                m, v = opt.corrected_moments()
                m_hat.append(m[0])
                v_hat.append(v[0])
            thetas.append(theta.copy())
            losses.append(value)
            if np.max(np.abs(theta)) > THETA_LIMIT:
                diverged = True
                break

    def stack(rows):
        return np.array(rows, dtype=DTYPE).reshape(-1, 2) if rows else None

    return Path(optimizer, float(lr), np.array(thetas), np.array(losses),
                np.array(grads, dtype=DTYPE).reshape(-1, 2),
                stack(velocity) if optimizer == "momentum" else None,
                stack(m_hat) if optimizer == "adam" else None,
                stack(v_hat) if optimizer == "adam" else None, diverged, steps)


VERDICTS = ("reached", "crawls", "stalled", "oscillates", "diverged")


def verdict(path: Path, lowest: float) -> str:
    """What a learner would say of the run, given the surface's lowest loss:

    - "diverged": cut at a non-finite value or beyond THETA_LIMIT;
    - "reached": the gap to the minimum fell below REACHED of the start's gap;
    - "stalled": not there, but the loss has stopped moving (less than STALLED of the
      start's gap over the second half) because the gradient almost vanished (below
      STALLED_GRAD of its largest size): a plateau or a saddle;
    - "oscillates": it ended higher than it started, or the loss rose on a third or more
      of the steps in the second half of the run (bouncing across a valley);
    - "crawls": it is still going down, slowly.
    """
    if path.diverged:
        return "diverged"
    gap = path.loss - lowest
    if gap[-1] <= REACHED * gap[0] + 1e-12:
        return "reached"
    half = path.loss[len(path.loss) // 2:]
    size = np.linalg.norm(path.grad, axis=-1) if path.steps else np.zeros(1)
    if (size.max() > 0 and size[-1] < STALLED_GRAD * size.max()
            and np.ptp(half) < STALLED * gap[0]):
        return "stalled"
    late = np.diff(half)
    if gap[-1] > gap[0] or (len(late) and np.mean(late > 0) >= 1 / 3):
        return "oscillates"
    return "crawls"


def reached_at(path: Path, lowest: float) -> int | None:
    """The step from which ``path`` stays at the minimum (its gap below REACHED of the
    start's, as ``verdict`` judges "reached") to its end; None if it ends elsewhere."""
    if path.diverged:
        return None
    gap = path.loss - lowest
    near = gap <= REACHED * gap[0] + 1e-12
    if not near[-1]:
        return None
    away = np.flatnonzero(~near)
    return int(away[-1] + 1) if len(away) else 0


def first_to_reach(paths: dict[str, Path], lowest: float) -> tuple[str, ...]:
    """The optimizers (keys of ``paths``) that reach the minimum in the fewest steps, all
    of them when they tie; empty when none reaches it."""
    steps = {name: reached_at(p, lowest) for name, p in paths.items()}
    steps = {name: k for name, k in steps.items() if k is not None}
    fewest = min(steps.values(), default=None)
    return tuple(name for name, k in steps.items() if k == fewest)


# --- convexity, measured ---------------------------------------------------------------------
def hessian(surface: Surface, theta: Array, h: float = 1e-4) -> Array:
    """The Hessian ``(..., 2, 2)`` at theta ``(..., 2)`` by central differences of the
    gradient, symmetrised."""
    theta = np.asarray(theta, dtype=DTYPE)
    cols = []
    for k in range(2):
        e = np.zeros(2)
        e[k] = h
        cols.append((surface.gradient(theta + e) - surface.gradient(theta - e)) / (2 * h))
    H = np.stack(cols, axis=-1)
    return 0.5 * (H + np.swapaxes(H, -1, -2))


def bends_down_share(surface: Surface, n: int = 31, tol: float = 1e-6) -> float:
    """Share of an ``n`` x ``n`` grid over the box where the surface curves downwards in
    some direction (the Hessian's smaller eigenvalue below ``-tol``): 0 for a convex
    surface."""
    (a1, b1), (a2, b2) = surface.box
    T1, T2 = np.meshgrid(np.linspace(a1, b1, n), np.linspace(a2, b2, n))
    eig = np.linalg.eigvalsh(hessian(surface, np.stack([T1, T2], axis=-1)))
    return float(np.mean(eig[..., 0] < -tol))


def _lowest(surface: Surface) -> tuple[tuple[float, float], float]:
    """The minimum of a model surface: Adam from the grid's lowest point, then Newton's
    method to the exact bottom (the data sets are fixed, so this runs once at import)."""
    t1, t2, L = surface.grid(41)
    j, i = np.unravel_index(np.nanargmin(L), L.shape)
    theta = np.array([t1[i], t2[j]])
    opt = optimizers.Adam(0.05)
    for _ in range(500):
        opt.step([theta], [surface.gradient(theta)])
    for _ in range(30):
        theta = theta - np.linalg.solve(hessian(surface, theta, 1e-5), surface.gradient(theta))
    return (float(theta[0]), float(theta[1])), float(surface.value(theta))


for _name in ("logistic", "logistic_mse"):
    _s = SURFACES[_name]
    SURFACES[_name] = Surface(**{**_s.__dict__, "minimum": _lowest(_s)})


# --- one sigmoid output, two losses (article 002) ---------------------------------------------
SIGMOID_LOSSES = ("mse", "bce")


def sigmoid_output_losses(z, y: float) -> dict[str, tuple[Array, Array]]:
    """For one sigmoid output a = sigma(z) with target ``y``: per loss name ("mse",
    "bce") the loss ``(n,)`` and its gradient dL/dz ``(n,)`` at each ``z`` ``(n,)``,
    each point a one-sample batch of core/losses.py's binary heads."""
    z = np.atleast_1d(np.asarray(z, dtype=DTYPE))
    Y = np.full((1, 1), float(y))
    out = {}
    for name in SIGMOID_LOSSES:
        _, loss = HEADS[("binary", name)]
        values, grads = np.empty_like(z), np.empty_like(z)
        for i, zi in enumerate(z):
            Z = np.full((1, 1), zi)
            A = sigmoid(Z)
            values[i] = loss.value(Z, A, Y)
            grads[i] = loss.delta(Z, A, Y)[0, 0]
        out[name] = (values, grads)
    return out


def logit(a) -> Array:
    """z with sigma(z) = a, for a in (0, 1)."""
    a = np.asarray(a, dtype=DTYPE)
    return np.log(a) - np.log1p(-a)
