"""The training loop, as a generator of snapshots, and what it measures each epoch.

One epoch = one pass over the (reshuffled) training set in minibatches, one
optimizer step per minibatch. After each epoch a ``Snapshot`` records train/test
loss and accuracy and, per layer, what the seed articles ask a learner to watch:
gradient norms (vanishing gradients), weight norms, the update/weight ratio (is the
learning rate sane?) and the share of dead ReLU units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from . import activations as acts
from . import losses
from .datasets import Split
from .network import Network


@dataclass
class LayerStats:
    """Measurements of one layer (hidden or output) after an epoch."""

    grad_norm_W: float  # ||dJ/dW||, Frobenius norm of the full-batch gradient
    grad_norm_b: float  # ||dJ/db||
    weight_norm: float  # ||W||
    update_ratio: float  # ||W after epoch - W before|| / ||W after||
    dead_fraction: float | None  # ReLU units that output 0 on every training sample; None if n/a


@dataclass
class Snapshot:
    """The state of a run after ``epoch`` epochs. Never holds NaN: losses are finite or None."""

    epoch: int
    train_loss: float
    test_loss: float | None  # None when there is no test set
    train_accuracy: float | None  # None for regression
    test_accuracy: float | None
    layers: list[LayerStats]
    diverged: bool = False

    def as_row(self) -> dict:
        """A flat dict (one row of a history table); layer l's stats get the suffix _l."""
        # vars, not dataclasses.asdict: this runs every epoch, and asdict deep-copies
        row = {k: v for k, v in vars(self).items() if k != "layers"}
        for l, stats in enumerate(self.layers, start=1):
            row.update({f"{k}_{l}": v for k, v in vars(stats).items()})
        return row


class Trainer:
    """Trains ``network`` on ``split`` with ``optimizer``.

    ``batch_size`` 0 (or at least the training set size) means full batch; otherwise
    the training set is reshuffled with ``rng`` every epoch. ``l1``/``l2`` are the
    weight penalties. ``optimizer.lr`` may be changed between epochs.
    """

    def __init__(self, network: Network, split: Split, optimizer, batch_size: int = 0,
                 l1: float = 0.0, l2: float = 0.0, rng: np.random.Generator | None = None):
        if len(split.y_train) == 0:
            raise ValueError("the training set is empty")
        self.network, self.split, self.optimizer = network, split, optimizer
        self.batch_size, self.l1, self.l2 = int(batch_size), float(l1), float(l2)
        self.rng = rng if rng is not None else np.random.default_rng(0)
        task, k = network.task, network.n_classes
        self.Y_train = losses.encode_targets(split.y_train, task, k)
        self.Y_test = losses.encode_targets(split.y_test, task, k)
        self.epoch = 0
        self.diverged = False

    # --- one epoch ----------------------------------------------------------------------
    def fit_epoch(self) -> None:
        """One pass of minibatch steps over the training set; no measurements."""
        net, opt, X, Y = self.network, self.optimizer, self.split.X_train, self.Y_train
        theta, grad = [net.theta], [net.grad]
        n = len(X)
        bs = self.batch_size if 0 < self.batch_size < n else n
        if bs < n:
            order = self.rng.permutation(n)
            X, Y = X[order], Y[order]
        for start in range(0, n, bs):
            net.forward(X[start:start + bs])
            net.backward(Y[start:start + bs], self.l1, self.l2)  # fills net.grad
            opt.step(theta, grad)

    def train_epoch(self) -> Snapshot:
        """Train one epoch and measure it. If the loss or a weight becomes non-finite, the
        weights go back to the last finite state and the snapshot says ``diverged``."""
        before, epoch_before = self.network.theta.copy(), self.epoch
        with np.errstate(all="ignore"):
            self.fit_epoch()
            snap = self.measure(before) if self.network.is_finite() else None
        if snap is None or not _all_finite(snap):
            self.epoch = epoch_before  # measure() may have counted this epoch already
            return self._roll_back(before)
        self.diverged = False
        return snap

    def measure(self, theta_before: np.ndarray | None = None) -> Snapshot:
        """A snapshot of the current state (counts the epoch when ``theta_before``, the
        parameters at the start of the epoch, is given)."""
        net = self.network
        W_before = None
        if theta_before is not None:
            self.epoch += 1
            W_before = net.weights_in(theta_before)
        train_loss, dW, db = net.gradients(self.split.X_train, self.Y_train, self.l1, self.l2)
        train_acc = losses.accuracy(net.A[-1], self.split.y_train, net.task)
        dead = [self._dead_fraction(l) for l in range(len(net.W))]
        layers = [
            LayerStats(
                grad_norm_W=float(np.linalg.norm(dW[l])),
                grad_norm_b=float(np.linalg.norm(db[l])),
                weight_norm=float(np.linalg.norm(W)),
                update_ratio=self._update_ratio(W, None if W_before is None else W_before[l]),
                dead_fraction=dead[l],
            )
            for l, W in enumerate(net.W)
        ]
        test_loss = test_acc = None
        if len(self.split.y_test):
            A = net.forward(self.split.X_test)
            test_loss = net.cost(self.Y_test, self.l1, self.l2)
            test_acc = losses.accuracy(A, self.split.y_test, net.task)
        return Snapshot(self.epoch, train_loss, test_loss, train_acc, test_acc, layers)

    def run(self, epochs: int) -> Iterator[Snapshot]:
        """Train up to ``epochs`` epochs, yielding a snapshot after each; stops after a
        snapshot flagged ``diverged``."""
        for _ in range(int(epochs)):
            snap = self.train_epoch()
            yield snap
            if snap.diverged:
                return

    # --- helpers ------------------------------------------------------------------------
    def _dead_fraction(self, l: int) -> float | None:
        """Share of layer l's units that output 0 for every training sample (ReLU only:
        their gradient is 0 there too, so they never recover)."""
        net = self.network
        if l == len(net.W) - 1 or not acts.ACTIVATIONS[net.activations[l]].can_die:
            return None
        # the last forward pass was over the whole training set (in measure)
        return float(np.mean(np.all(net.A[l + 1] <= 0.0, axis=0)))

    @staticmethod
    def _update_ratio(W: np.ndarray, W_before: np.ndarray | None) -> float:
        if W_before is None:
            return 0.0
        norm = float(np.linalg.norm(W))
        return float(np.linalg.norm(W - W_before)) / norm if norm > 0 else 0.0

    def _roll_back(self, before: np.ndarray) -> Snapshot:
        self.network.theta[...] = before
        # The optimizer's memory (momentum, Adam moments) is non-finite too: start it afresh,
        # so a learner who lowers the learning rate can carry on from the last finite weights.
        self.optimizer.__init__(self.optimizer.lr)
        self.epoch += 1
        snap = self.measure(None)
        snap.diverged = True
        self.diverged = True
        return snap


def _all_finite(snap: Snapshot) -> bool:
    values = [snap.train_loss, snap.test_loss]
    # every per-layer stat: weights near 1e155 are finite but their norm is not (and the
    # update ratio becomes inf/inf = NaN), even while a saturated loss still looks finite
    values += [v for s in snap.layers for v in vars(s).values()]  # vars: asdict is 40x slower
    return all(v is None or np.isfinite(v) for v in values)
