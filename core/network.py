"""The multilayer perceptron: forward pass, backward pass, parameters.

Samples are rows. For layer l (1-based, as the seed articles write a^[l]):

    Z[l] = A[l-1] @ W[l] + b[l]        W[l]: (fan_in, units), b[l]: (units,)
    A[l] = g[l](Z[l])                  Z[l], A[l]: (n_samples, units)

with A[0] = X ``(n_samples, 2)``. The last layer is the output layer. The
forward pass keeps every Z and A, and the backward pass every delta dZ[l] = dJ/dZ[l],
so the app can draw both passes afterwards (as TF Playground keeps every node's
derivatives for the same reason).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import activations as acts
from . import losses
from .dtype import DTYPE

INIT_SCHEMES = ("auto", "xavier", "he")
MAX_HIDDEN_LAYERS = 16
MAX_UNITS = 1024


def init_weights(fan_in: int, fan_out: int, he: bool, rng: np.random.Generator) -> np.ndarray:
    """Random ``W`` ``(fan_in, fan_out)``: He (std sqrt(2/fan_in)) keeps ReLU layers' variance,
    Xavier/Glorot (std sqrt(2/(fan_in+fan_out))) keeps tanh/sigmoid layers' variance."""
    std = np.sqrt(2.0 / fan_in) if he else np.sqrt(2.0 / (fan_in + fan_out))
    return rng.normal(0.0, std, size=(fan_in, fan_out)).astype(DTYPE)


class Network:
    """A fully connected network for one task.

    ``W[i]``/``b[i]`` are layer i+1's parameters; ``activations[i]`` names its activation
    (the last one is the output activation, fixed by the task and loss).

    All parameters live in one flat vector ``theta`` and all gradients in ``grad``;
    ``W``, ``b``, ``dW`` and ``db`` are views into them. An optimizer then updates the
    whole network with a handful of vector operations instead of a few per layer, which
    is what makes small networks fast in NumPy. Change parameters in place
    (``net.W[0][...] = ...``), never by rebinding the list items.
    """

    def __init__(self, W: list[np.ndarray], b: list[np.ndarray], activations: list[str],
                 task: str, n_classes: int, loss: str | None = None):
        output_activation, loss_entry = losses.head(task, loss)
        if activations[-1] != output_activation:
            raise ValueError(f"a {task} network with loss {loss_entry.name!r} needs a "
                             f"{output_activation} output, not {activations[-1]}")
        for name in activations[:-1]:
            acts.get(name)
        _check_shapes(W, b, activations, losses.n_outputs(task, n_classes))
        self._pack(W, b)
        self.activations = list(activations)
        self.task, self.n_classes, self.loss = task, n_classes, loss_entry
        self._g = [acts.ACTIVATIONS[a].function for a in activations[:-1]]
        self._g.append(acts.OUTPUT_FUNCTIONS[output_activation])
        self._dg = [acts.ACTIVATIONS[a].derivative for a in activations[:-1]]
        self.Z: list[np.ndarray] = []
        self.A: list[np.ndarray] = []
        self.dZ: list[np.ndarray] = []  # dJ/dZ per layer, filled by the backward pass

    def _pack(self, W: list[np.ndarray], b: list[np.ndarray]) -> None:
        shapes = [(w.shape, (w.shape[1],)) for w in W]
        self._layout = [shape for pair in shapes for shape in pair]  # W1, b1, W2, b2, ...
        sizes = [int(np.prod(s)) for s in self._layout]
        self._block_starts = np.cumsum([0, *sizes[:-1]])  # W1, b1, W2, b2, ... in theta
        self._W_slices = [(slice(int(start), int(start) + size), shape) for start, size, shape
                          in zip(self._block_starts[::2], sizes[::2], self._layout[::2])]
        self.bind(np.empty(sum(sizes), dtype=DTYPE), np.zeros(sum(sizes), dtype=DTYPE))
        for params, values in ((self.W, W), (self.b, b)):
            for p, value in zip(params, values):
                p[...] = np.asarray(value, dtype=DTYPE).reshape(p.shape)

    def bind(self, theta: np.ndarray, grad: np.ndarray) -> None:
        """Keep the parameters in ``theta`` and the gradients in ``grad`` from now on (flat
        arrays of ``n_parameters()``, e.g. one row of a stack of networks trained together,
        ``core.stacked``): ``W``, ``b``, ``dW``, ``db`` become views into them. The caller
        copies the current values in first; nothing here copies."""
        W, b, dW, db = [], [], [], []
        offset = 0
        for l, shape in enumerate(self._layout):
            size = int(np.prod(shape))
            params, grads = (W, dW) if l % 2 == 0 else (b, db)
            params.append(theta[offset:offset + size].reshape(shape))
            grads.append(grad[offset:offset + size].reshape(shape))
            offset += size
        # all at once: a reader never sees a half-built list
        self.theta, self.grad, self.W, self.b, self.dW, self.db = theta, grad, W, b, dW, db

    # --- construction -----------------------------------------------------------------
    @classmethod
    def create(cls, n_inputs: int, hidden: Sequence[int], activation: str | Sequence[str],
               task: str, n_classes: int, rng: np.random.Generator, loss: str | None = None,
               init: str = "auto") -> Network:
        """A freshly initialised network ``n_inputs -> hidden... -> outputs``.

        ``activation`` is one name for every hidden layer or one name per hidden layer.
        ``init`` is "auto" (He for ReLU-like layers, Xavier otherwise), "xavier" or "he".
        Biases start at 0.
        """
        hidden = [int(h) for h in hidden]
        if len(hidden) > MAX_HIDDEN_LAYERS:
            raise ValueError(f"at most {MAX_HIDDEN_LAYERS} hidden layers, not {len(hidden)}")
        if any(not 1 <= h <= MAX_UNITS for h in hidden):
            raise ValueError(f"every hidden layer needs 1 to {MAX_UNITS} units, not {hidden}")
        names = [activation] * len(hidden) if isinstance(activation, str) else list(activation)
        if len(names) != len(hidden):
            raise ValueError(f"{len(names)} activations given for {len(hidden)} hidden layers")
        if init not in INIT_SCHEMES:
            raise ValueError(f"unknown init {init!r}; choose from {', '.join(INIT_SCHEMES)}")
        output_activation, _ = losses.head(task, loss)
        sizes = [n_inputs, *hidden, losses.n_outputs(task, n_classes)]
        W, b = [], []
        for l, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            is_hidden = l < len(hidden)
            he = init == "he" or (init == "auto" and is_hidden and acts.get(names[l]).he_init)
            W.append(init_weights(fan_in, fan_out, he, rng))
            b.append(np.zeros(fan_out, dtype=DTYPE))
        return cls(W, b, [*names, output_activation], task, n_classes, loss)

    # --- shape --------------------------------------------------------------------------
    @property
    def sizes(self) -> list[int]:
        """Units per layer, input first: e.g. [2, 8, 8, 1]."""
        return [self.W[0].shape[0], *(W.shape[1] for W in self.W)]

    @property
    def hidden(self) -> list[int]:
        return self.sizes[1:-1]

    @property
    def params(self) -> list[np.ndarray]:
        """[W1, b1, W2, b2, ...] as views into ``theta``."""
        return [p for pair in zip(self.W, self.b) for p in pair]

    @property
    def block_shapes(self) -> list[tuple[int, ...]]:
        """The shapes of the blocks ``[W1, b1, W2, b2, ...]`` laid end to end in ``theta``."""
        return list(self._layout)

    def n_parameters(self) -> int:
        return self.theta.size

    def copy(self) -> Network:
        return Network([W.copy() for W in self.W], [b.copy() for b in self.b],
                       self.activations, self.task, self.n_classes, self.loss.name)

    def weights_in(self, theta: np.ndarray) -> list[np.ndarray]:
        """The weight matrices stored in another flat vector of this network's layout."""
        return [theta[sl].reshape(shape) for sl, shape in self._W_slices]

    def block_norms(self, vector: np.ndarray) -> np.ndarray:
        """Euclidean norms of the blocks ``[W1, b1, W2, b2, ...]`` of a flat vector of this
        network's layout (``theta``, ``grad``, a difference of two thetas): ``(2 L,)``; of
        each row of ``(K, P)`` rows (a stack of such networks, ``core.stacked``): ``(K, 2 L)``.
        One pass for all layers: per-array ``np.linalg.norm`` calls cost more than the sums."""
        return np.sqrt(np.add.reduceat(np.square(vector), self._block_starts, axis=-1))

    # --- forward pass -------------------------------------------------------------------
    def forward(self, X: np.ndarray) -> np.ndarray:
        """Output activations ``(n_samples, n_outputs)`` for ``X`` ``(n_samples, n_inputs)``.

        Keeps ``self.Z`` (one per layer) and ``self.A`` (``A[0]`` is X) for the backward pass.
        """
        A = np.asarray(X, dtype=DTYPE)
        self.Z, self.A = [], [A]
        for W, b, g in zip(self.W, self.b, self._g):
            Z = np.dot(A, W)  # np.dot: half the call overhead of @ on tiny arrays
            Z += b
            A = g(Z)
            self.Z.append(Z)
            self.A.append(A)
        return A

    predict_proba = forward

    def activations_for_drawing(self, X: np.ndarray, dtype=np.float32) -> list[np.ndarray]:
        """Every layer's activations ``[A1, ..., A_out]`` for ``X``, in ``dtype``, keeping
        nothing for a backward pass. A picture needs no float64, and float32 tanh/exp
        are about three times faster, which matters when a 100 x 100 grid is redrawn
        every frame. The activation functions keep the dtype of their input."""
        A = np.asarray(X, dtype=dtype)
        out = []
        for W, b, g in zip(self.W, self.b, self._g):
            Z = A @ W.astype(dtype)
            Z += b.astype(dtype)
            A = g(Z)
            out.append(A)
        return out

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class ids ``(n_samples,)`` for classification, values ``(n_samples,)`` for regression."""
        A = self.forward(X)
        labels = losses.predict_labels(A, self.task)
        return A[:, 0] if labels is None else labels

    # --- loss and backward pass ---------------------------------------------------------
    def cost(self, Y: np.ndarray, l1: float = 0.0, l2: float = 0.0) -> float:
        """Loss of the last forward pass against ``Y`` plus the weight penalty."""
        return self.loss.value(self.Z[-1], self.A[-1], Y) + losses.penalty(self.W, l1, l2)

    def backward(self, Y: np.ndarray, l1: float = 0.0, l2: float = 0.0
                 ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Gradients ``(dW, db)`` of the cost of the last forward pass, averaged over the batch.

        ``Y`` is the encoded target ``(n_samples, n_outputs)``; each ``dW[i]`` has the shape
        of ``W[i]`` and each ``db[i]`` of ``b[i]``. They are views into ``self.grad``, which
        the next backward pass overwrites: copy them to keep them. Each layer's delta
        ``dZ[i]`` ``(n_samples, units)`` is kept in ``self.dZ``.
        """
        dZ = self.loss.delta(self.Z[-1], self.A[-1], Y)
        ones = self._ones(len(Y))
        self.dZ = [dZ] * len(self.W)  # filled from the output back; a list of references
        for l in range(len(self.W) - 1, -1, -1):
            self.dZ[l] = dZ
            np.dot(self.A[l].T, dZ, out=self.dW[l])
            np.dot(ones, dZ, out=self.db[l])  # column sums; twice as fast as np.sum here
            if l:
                # chain rule back through layer l: dA[l-1] = dZ W^T, then times g'(z) from a
                dZ = np.dot(dZ, self.W[l].T)
                dZ *= self._dg[l - 1](self.A[l])
        if l2 or l1:
            for W, dW in zip(self.W, self.dW):
                if l2:
                    dW += l2 * W
                if l1:
                    dW += l1 * np.sign(W)
        return self.dW, self.db

    def _ones(self, n: int) -> np.ndarray:
        if getattr(self, "_ones_cache", np.empty(0)).shape != (n,):
            self._ones_cache = np.ones(n, dtype=DTYPE)
        return self._ones_cache

    def gradients(self, X: np.ndarray, Y: np.ndarray, l1: float = 0.0, l2: float = 0.0
                  ) -> tuple[float, list[np.ndarray], list[np.ndarray]]:
        """One forward and backward pass: ``(cost, dW, db)``."""
        self.forward(X)
        cost = self.cost(Y, l1, l2)
        return (cost, *self.backward(Y, l1, l2))

    def is_finite(self) -> bool:
        return bool(np.isfinite(self.theta).all())

    def describe(self) -> str:
        """e.g. '2-8-8-1 (tanh, tanh; sigmoid output)'."""
        sizes = "-".join(str(s) for s in self.sizes)
        hidden = ", ".join(self.activations[:-1]) or "no hidden layer"
        return f"{sizes} ({hidden}; {self.activations[-1]} output)"


def _check_shapes(W, b, activations, n_out: int) -> None:
    """Layers must chain: W[l] is (units of l-1, units of l), b[l] has units of l, and the
    output layer has one unit per output of the task."""
    if not (len(W) == len(b) == len(activations)) or not W:
        raise ValueError(f"{len(W)} weight matrices, {len(b)} bias vectors and "
                         f"{len(activations)} activations: they must match, and be at least 1")
    for l, (w, bias) in enumerate(zip(W, b), start=1):
        w, bias = np.asarray(w), np.asarray(bias)
        if w.ndim != 2 or bias.shape != (w.shape[1],):
            raise ValueError(f"layer {l}: W has shape {w.shape} and b {bias.shape}; "
                             f"expected (fan_in, units) and (units,)")
        if l > 1 and w.shape[0] != np.shape(W[l - 2])[1]:
            raise ValueError(f"layer {l}: W has {w.shape[0]} rows but layer {l - 1} has "
                             f"{np.shape(W[l - 2])[1]} units")
    if np.shape(W[-1])[1] != n_out:
        raise ValueError(f"the output layer has {np.shape(W[-1])[1]} units; "
                         f"this task needs {n_out}")
