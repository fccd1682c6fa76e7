"""Backpropagation written out number by number, for the lesson "Backpropagation, step by
step" (seed articles 001 and 004).

Everything here reads the engine's own arrays: a ``Walkthrough`` runs ``Network.forward``
and ``Network.backward`` on one sample and then keeps, next to each value the network
stored (``Z``, ``A``, ``dZ``, ``dW``, ``db``), the factors of the chain-rule product that
made it, so a page can write ``dW[1]_12 = a[0]_1 * dZ[1]_2 = 1 * 0.0832 = 0.0832``. Tests
check that every written product equals the value the network computed.

Conventions (those of core.losses): the loss is the mean squared error, the mean over
samples *and* outputs of (a - y)^2 with no 1/2. For the article's network (one sample,
one output) that is exactly the article's squared error (y - y_hat)^2; with n outputs it
is (1/n) * sum_k (a_k - y_k)^2, so the output delta is dZ = (2/n)(a - y) * g'(z).

Layers are numbered from 1 as the articles write [l]; ``net.W[l - 1]`` is ``W[l]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import activations as acts
from . import articles, optimizers
from .network import Network

LIMIT = 100.0  # any input, weight, bias or target is clamped to [-LIMIT, LIMIT]
MAX_LR = 10.0


# --- the worked examples -------------------------------------------------------------------
@dataclass(frozen=True)
class Example:
    """One sample ``x`` ``(n_inputs,)`` with target ``y`` ``(n_outputs,)`` and the network's
    parameters: ``W[l-1]`` ``(units of l-1, units of l)``, ``b[l-1]`` ``(units of l,)``.
    Hidden layers use ``hidden_activation``; the output is linear (a regression head)."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    W: tuple[tuple[tuple[float, ...], ...], ...]
    b: tuple[tuple[float, ...], ...]
    hidden_activation: str = "sigmoid"

    @property
    def sizes(self) -> list[int]:
        return [len(self.x), *(len(b) for b in self.b)]


# Article 001: input (1, 1), target 0; hidden units h1 = (0.8, 0.2), h2 = (0.4, 0.9),
# h3 = (0.3, 0.5) are the *columns* of W[1] (samples are rows: z = a W + b).
ARTICLE_001 = Example(
    x=(1.0, 1.0), y=(0.0,),
    W=(((0.8, 0.4, 0.3), (0.2, 0.9, 0.5)), ((0.3,), (0.5,), (0.9,))),
    b=((0.0, 0.0, 0.0), (0.0,)),
)
# A second worked example, 2-2-2 with two outputs and biases; the numbers of the widely
# used hand-worked example (inputs 0.05/0.10, targets 0.01/0.99), with a linear output.
TWO_TWO_TWO = Example(
    x=(0.05, 0.10), y=(0.01, 0.99),
    W=(((0.15, 0.25), (0.20, 0.30)), ((0.40, 0.50), (0.45, 0.55))),
    b=((0.35, 0.35), (0.60, 0.60)),
)
EXAMPLES = {"article_001": ARTICLE_001, "two_two_two": TWO_TWO_TWO}


def clamp(value: float, limit: float = LIMIT) -> float:
    """``value`` inside [-limit, limit]; NaN becomes 0."""
    value = float(value)
    if not np.isfinite(value):
        return 0.0 if np.isnan(value) else float(np.sign(value) * limit)
    return float(min(max(value, -limit), limit))


def build(example: Example) -> tuple[Network, np.ndarray, np.ndarray]:
    """The example as a core ``Network`` (regression head, MSE loss), ``X`` ``(1, n_inputs)``
    and ``Y`` ``(1, n_outputs)``. Values are clamped to [-LIMIT, LIMIT]."""
    W = [np.array([[clamp(v) for v in row] for row in w], dtype=float) for w in example.W]
    b = [np.array([clamp(v) for v in bias], dtype=float) for bias in example.b]
    names = [example.hidden_activation] * (len(W) - 1) + ["linear"]
    n_out = W[-1].shape[1]
    net = Network(W, b, names, "regression", n_out, "mse")
    X = np.array([[clamp(v) for v in example.x]])
    Y = np.array([[clamp(v) for v in example.y]])
    return net, X, Y


# --- the walkthrough -----------------------------------------------------------------------
@dataclass(frozen=True)
class UnitForward:
    """z = sum_i a_in[i] * w[i] + bias, a = g(z) for one unit of one layer."""
    layer: int
    unit: int
    a_in: tuple[float, ...]
    w: tuple[float, ...]
    bias: float
    z: float
    a: float


@dataclass(frozen=True)
class UnitDelta:
    """dZ of one unit. Output layer: ``scale * (a - y) * g_prime``; hidden layer:
    ``(sum_k upstream[k] * w_out[k]) * g_prime``. ``value`` is the network's own dZ."""
    layer: int
    unit: int
    is_output: bool
    a: float
    g_prime: float
    value: float
    scale: float = 0.0  # 2 / (samples * outputs) for the output layer
    y: float = 0.0
    upstream: tuple[float, ...] = ()  # dZ of the next layer's units
    w_out: tuple[float, ...] = ()  # this unit's weights to them

    def product(self) -> float:
        """The chain-rule product as written on the page (tests hold it to ``value``)."""
        if self.is_output:
            return self.scale * (self.a - self.y) * self.g_prime
        return float(np.dot(self.upstream, self.w_out)) * self.g_prime


@dataclass(frozen=True)
class WeightGrad:
    """dW[l]_ij = a[l-1]_i * dZ[l]_j (one sample). ``value`` is the network's own dW."""
    layer: int
    i: int
    j: int
    a_in: float
    delta: float
    value: float
    w: float
    w_new: float


@dataclass(frozen=True)
class BiasGrad:
    """db[l]_j = dZ[l]_j (one sample)."""
    layer: int
    j: int
    value: float
    b: float
    b_new: float


@dataclass
class Walkthrough:
    """One forward pass, one backward pass and one SGD update of ``net`` on one sample.

    ``forward[l-1]``, ``deltas[l-1]``, ``weight_grads[l-1]``, ``bias_grads[l-1]`` hold
    layer l's units. ``Z``, ``A``, ``dZ``, ``dW``, ``db`` are copies of the network's
    arrays (``A[0]`` is X). ``new_loss`` is the loss after the update with ``lr``.
    """
    net: Network
    X: np.ndarray
    Y: np.ndarray
    lr: float
    Z: list[np.ndarray]
    A: list[np.ndarray]
    dZ: list[np.ndarray]
    dW: list[np.ndarray]
    db: list[np.ndarray]
    loss: float
    forward: list[list[UnitForward]]
    deltas: list[list[UnitDelta]]
    weight_grads: list[list[WeightGrad]]
    bias_grads: list[list[BiasGrad]]
    W_new: list[np.ndarray]
    b_new: list[np.ndarray]
    output_new: np.ndarray
    new_loss: float
    stages: list[tuple[str, int]] = field(default_factory=list)

    @property
    def output(self) -> np.ndarray:
        return self.A[-1][0]

    @property
    def n_layers(self) -> int:
        return len(self.Z)


def stages(n_layers: int) -> list[tuple[str, int]]:
    """The order the lesson walks in: ``("start", 0)``, ``("forward", 1..L)``,
    ``("loss", L)``, ``("backward", L..1)``, ``("update", 0)``."""
    return ([("start", 0)] + [("forward", l) for l in range(1, n_layers + 1)]
            + [("loss", n_layers)] + [("backward", l) for l in range(n_layers, 0, -1)]
            + [("update", 0)])


def walkthrough(net: Network, X: np.ndarray, Y: np.ndarray, lr: float) -> Walkthrough:
    """Forward, backward and one SGD step with ``lr`` (clamped to [0, MAX_LR]) on the one
    sample ``X`` ``(1, n_inputs)``, ``Y`` ``(1, n_outputs)``. ``net`` is left unchanged
    apart from its caches (Z, A, dZ, gradients)."""
    if X.shape[0] != 1:
        raise ValueError(f"the walkthrough is for one sample, not {X.shape[0]}")
    lr = float(min(max(lr, 0.0), MAX_LR))
    net.forward(X)
    loss = net.cost(Y)
    dW, db = net.backward(Y)
    Z, A = [z.copy() for z in net.Z], [a.copy() for a in net.A]
    dZ = [d.copy() for d in net.dZ]
    dW, db = [g.copy() for g in dW], [g.copy() for g in db]

    after = net.copy()
    optimizers.SGD(lr).step(after.params, [g for pair in zip(dW, db) for g in pair])
    output_new = after.forward(X).copy()
    new_loss = after.cost(Y)

    L = len(Z)
    forward = [[UnitForward(l + 1, j, tuple(A[l][0]), tuple(net.W[l][:, j]),
                            float(net.b[l][j]), float(Z[l][0, j]), float(A[l + 1][0, j]))
                for j in range(Z[l].shape[1])] for l in range(L)]
    deltas = []
    for l in range(L):
        g_prime = _g_prime(net.activations[l], A[l + 1])
        if l == L - 1:
            scale = 2.0 / A[-1].size  # core's MSE: the mean over samples and outputs
            row = [UnitDelta(l + 1, j, True, float(A[-1][0, j]), float(g_prime[0, j]),
                             float(dZ[l][0, j]), scale=scale, y=float(Y[0, j]))
                   for j in range(Z[l].shape[1])]
        else:
            row = [UnitDelta(l + 1, j, False, float(A[l + 1][0, j]), float(g_prime[0, j]),
                             float(dZ[l][0, j]), upstream=tuple(dZ[l + 1][0]),
                             w_out=tuple(net.W[l + 1][j]))
                   for j in range(Z[l].shape[1])]
        deltas.append(row)
    weight_grads = [[WeightGrad(l + 1, i, j, float(A[l][0, i]), float(dZ[l][0, j]),
                                float(dW[l][i, j]), float(net.W[l][i, j]),
                                float(after.W[l][i, j]))
                     for i in range(dW[l].shape[0]) for j in range(dW[l].shape[1])]
                    for l in range(L)]
    bias_grads = [[BiasGrad(l + 1, j, float(db[l][j]), float(net.b[l][j]), float(after.b[l][j]))
                   for j in range(db[l].shape[0])] for l in range(L)]
    return Walkthrough(net, X, Y, lr, Z, A, dZ, dW, db, loss, forward, deltas, weight_grads,
                       bias_grads, [w.copy() for w in after.W], [b.copy() for b in after.b],
                       output_new[0], new_loss, stages(L))


def _g_prime(name: str, A: np.ndarray) -> np.ndarray:
    """g'(z) of the layer with activation ``name``, from its output ``A`` (as core does)."""
    return acts.ACTIVATIONS[name].derivative(A)


# --- the article's "nudge a weight" --------------------------------------------------------
@dataclass(frozen=True)
class Nudge:
    """The loss at a weight ``w`` and at ``w +- h``, the numerical gradient
    (J(w+h) - J(w-h)) / 2h, the article's one-sided (J(w+h) - J(w)) / h, and backprop's."""
    w: float
    h: float
    loss: float
    loss_plus: float
    loss_minus: float
    numerical: float
    one_sided: float
    backprop: float

    @property
    def difference(self) -> float:
        return abs(self.numerical - self.backprop)


def nudge(net: Network, X: np.ndarray, Y: np.ndarray, kind: str, layer: int,
          index: tuple[int, ...], h: float = 1e-4) -> Nudge:
    """Nudge one parameter (``kind`` "W" or "b", ``layer`` from 1, ``index`` (i, j) or (j,))
    of a copy of ``net`` by ``+-h`` and measure the cost; compare with backprop."""
    probe = net.copy()
    params = probe.W if kind == "W" else probe.b
    target = params[layer - 1]
    original = float(target[index])

    def cost_at(value: float) -> float:
        target[index] = value
        probe.forward(X)
        return probe.cost(Y)

    loss_plus, loss_minus, loss = cost_at(original + h), cost_at(original - h), cost_at(original)
    probe.backward(Y)
    grads = probe.dW if kind == "W" else probe.db
    return Nudge(original, h, loss, loss_plus, loss_minus, (loss_plus - loss_minus) / (2 * h),
                 (loss_plus - loss) / h, float(grads[layer - 1][index]))


# --- article 001's fit of y = 3x -----------------------------------------------------------
LINE_X, LINE_Y = articles.LINE_X[:, None], articles.LINE_Y[:, None]  # (5, 1): one feature
LINE_START = articles.LINE_START
DIVERGED_LOSS = 1e12


def line_network(w: float, b: float) -> Network:
    """y_hat = w x + b as a core Network: one weight ``(1, 1)``, one bias, linear output."""
    return Network([np.array([[w]])], [np.array([b])], ["linear"], "regression", 0)


@dataclass(frozen=True)
class FitPath:
    """Gradient descent on the y = 3x data: ``w``, ``b``, ``loss``, ``dw``, ``db`` have
    one entry per step, the start included (``steps + 1``, or fewer if it diverged).
    ``diverged_at`` is the step whose loss passed ``DIVERGED_LOSS`` (or None)."""
    lr: float
    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    dw: np.ndarray
    db: np.ndarray
    diverged_at: int | None


def line_fit(w0: float = LINE_START[0], b0: float = LINE_START[1], lr: float = 0.02,
             steps: int = 2000) -> FitPath:
    """Full-batch gradient descent with core's SGD from (w0, b0) for ``steps`` steps."""
    net = line_network(w0, b0)
    sgd = optimizers.SGD(lr)
    rows = []
    for step in range(steps + 1):
        loss, dW, db = net.gradients(LINE_X, LINE_Y)
        if not np.isfinite(loss) or loss > DIVERGED_LOSS:
            break
        rows.append((net.W[0][0, 0], net.b[0][0], loss, dW[0][0, 0], db[0][0]))
        if step < steps:
            sgd.step(net.params, [dW[0], db[0]])
    diverged = len(rows) if len(rows) < steps + 1 else None
    w, b, loss, dw, dbs = (np.array(c, dtype=float) for c in zip(*rows))
    return FitPath(lr, w, b, loss, dw, dbs, diverged)


def line_loss_surface(w_values: np.ndarray, b_values: np.ndarray) -> np.ndarray:
    """The mean squared error ``(len(b_values), len(w_values))`` of y_hat = w x + b on the
    y = 3x data, each point from core's forward pass and loss."""
    net = line_network(0.0, 0.0)
    surface = np.empty((len(b_values), len(w_values)))
    for r, b in enumerate(b_values):
        for c, w in enumerate(w_values):
            net.W[0][0, 0], net.b[0][0] = w, b
            net.forward(LINE_X)
            surface[r, c] = net.cost(LINE_Y)
    return surface


# --- article 004: the shapes of every matrix for m samples -------------------------------
@dataclass(frozen=True)
class LayerShapes:
    """Shapes of layer l's matrices for m samples, as the engine holds them."""
    layer: int
    W: tuple[int, ...]
    b: tuple[int, ...]
    Z: tuple[int, ...]
    A: tuple[int, ...]
    dZ: tuple[int, ...]
    dW: tuple[int, ...]
    db: tuple[int, ...]


def matrix_shapes(net: Network, X: np.ndarray) -> tuple[tuple[int, ...], list[LayerShapes]]:
    """The shape of ``X`` ``(m, n_inputs)`` and every layer's W, b, Z, A, dZ, dW, db, read
    from a forward and backward pass of a copy of ``net`` on ``X`` (``net`` is untouched)."""
    probe = net.copy()
    probe.forward(X)
    probe.backward(np.zeros_like(probe.A[-1]))
    return X.shape, [LayerShapes(l + 1, probe.W[l].shape, probe.b[l].shape, probe.Z[l].shape,
                                 probe.A[l + 1].shape, probe.dZ[l].shape, probe.dW[l].shape,
                                 probe.db[l].shape) for l in range(len(probe.W))]
