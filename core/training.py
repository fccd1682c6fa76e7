"""The training loop, as a generator of snapshots, and what it measures each epoch.

One epoch = one pass over the (reshuffled) training set in minibatches, one
optimizer step per minibatch. After each epoch a ``Snapshot`` records train/test
loss and accuracy and, per layer, what the seed articles ask a learner to watch:
gradient norms (vanishing gradients), weight norms, the update/weight ratio (is the
learning rate sane?) and the share of dead ReLU units.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
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


BLOWUP_FACTOR = 10.0  # a train loss this many times the reference one is blown up ...
BLOWUP_EPOCHS = 30  # ... judged over the measured epochs of at least this many epochs ...
BLOWUP_SHARE = 0.6  # ... of which this share were blown up (a brief spike can recover)


class Trainer:
    """Trains ``network`` on ``split`` with ``optimizer``.

    ``batch_size`` 0 (or at least the training set size) means full batch; otherwise
    the training set is reshuffled with ``rng`` every epoch. ``l1``/``l2`` are the
    weight penalties. ``optimizer.lr`` may be changed between epochs.

    A run has diverged when a weight or the loss stops being finite, or when the train
    loss has blown up: past ``loss_limit`` (``BLOWUP_FACTOR`` times the larger of the best
    constant guess's loss and the loss at the start) for most of the last
    ``BLOWUP_EPOCHS`` epochs or more. The weights then go back to the last state that
    measured sane.
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
        self.loss_limit: float | None = None  # set on the first run (see the class docstring)
        self._good: np.ndarray | None = None  # the last parameters that measured sane
        self._above: list[tuple[int, bool]] = []  # recent measured epochs: past loss_limit?
        # In full batch, the gradient that measure() computes is the next step's: the
        # parameters and penalties it was computed for, to know when it can be reused.
        self._grad_for: tuple[np.ndarray, np.ndarray, float, float] | None = None
        # the parameters at the start of the last epoch of a run that did not measure it
        # (``run(..., last=False)``), until ``catch_up`` measures it or the next run starts
        self.pending: np.ndarray | None = None

    # --- one epoch ----------------------------------------------------------------------
    def _full_batch(self) -> bool:
        return not 0 < self.batch_size < len(self.split.y_train)

    def fit_epoch(self) -> None:
        """One pass of minibatch steps over the training set; no measurements."""
        net, opt, X, Y = self.network, self.optimizer, self.split.X_train, self.Y_train
        theta, grad = [net.theta], [net.grad]
        if self._full_batch():
            if not self._gradient_is_current():
                net.forward(X)
                net.backward(Y, self.l1, self.l2)  # fills net.grad
            self._grad_for = None
            opt.step(theta, grad)
            return
        n, bs = len(X), self.batch_size
        order = self.rng.permutation(n)
        X, Y = X[order], Y[order]
        for start in range(0, n, bs):
            net.forward(X[start:start + bs])
            net.backward(Y[start:start + bs], self.l1, self.l2)  # fills net.grad
            opt.step(theta, grad)

    def forget_gradient(self) -> None:
        """``network.grad`` no longer holds the measured full-batch gradient (someone else,
        ``core.stacked``, stepped the network), so the next epoch computes its own."""
        self._grad_for = None

    def _gradient_is_current(self) -> bool:
        """Does ``network.grad`` hold the full-batch gradient at the current parameters?"""
        g = self._grad_for
        return (g is not None and g[2] == self.l1 and g[3] == self.l2
                and np.array_equal(g[0], self.network.theta)
                and np.array_equal(g[1], self.network.grad))

    def train_epoch(self) -> Snapshot:
        """Train one epoch and measure it (see ``run`` for what happens on divergence)."""
        return next(self.run(1))

    def run(self, epochs: int, keep: Callable[[int], bool] | None = None,
            until: Callable[[], bool] | None = None, last: bool = True) -> Iterator[Snapshot]:
        """Train up to ``epochs`` epochs, or fewer: ``until()`` is asked after each epoch,
        and true ends the run there (a deadline: a frame's time is up). Yields a snapshot
        after each epoch for which ``keep(epoch)`` is true (default: every epoch), after the
        last one (unless ``last`` is False: then ``catch_up`` measures it when asked), and
        when the run diverges, which ends it: measuring costs a full pass over the data, so
        a caller that shows only some epochs asks only for those.

        Divergence: the parameters go back to the state before the epoch that overflowed,
        or, for a loss that blew up, to the last state that measured sane; the optimizer's
        memory starts afresh; the snapshot, numbered with the diverging epoch, says
        ``diverged``."""
        net = self.network
        self.begin_run()
        before = np.empty_like(net.theta)
        for i in range(int(epochs)):
            np.copyto(before, net.theta)  # the last finite state, should this epoch overflow
            with np.errstate(all="ignore"):
                self.fit_epoch()
            self.epoch += 1
            end = i == int(epochs) - 1 or (until is not None and until())
            snap = self.end_epoch(before, self.wants(end and last, keep))
            if snap is not None:
                yield snap
                if snap.diverged:
                    return
            if end:
                if snap is None:
                    self.pending = before  # (this run's own buffer: nothing writes it now)
                return

    def catch_up(self) -> Snapshot | None:
        """Measure the last epoch a run left unmeasured (``run(..., last=False)``), as that
        run would have: its snapshot (diverged, should it have blown up), or None if there
        is none to measure."""
        if self.pending is None:
            return None
        before, self.pending = self.pending, None
        return self.end_epoch(before, True)

    # --- the bookkeeping around each epoch (shared with core.stacked) --------------------
    def begin_run(self) -> None:
        """Before a run's first epoch: the blow-up limit, and the last sane state."""
        self.pending = None  # an earlier run's last epoch: no longer the last
        if self.loss_limit is None:
            self.loss_limit = self._loss_limit()
        if self._good is None or not (self._above and self._above[-1][1]):
            self._good = self.network.theta.copy()  # unless a blow-up may be under way

    def end_epoch(self, before: np.ndarray, measure: bool, finite: bool | None = None,
                  snap: Snapshot | None = None) -> Snapshot | None:
        """After an epoch's steps, counted in ``epoch`` (``before``: the parameters at its
        start): measure it if ``measure`` (or take ``snap``, measured already). Returns the
        snapshot, None when not measured, or the diverged snapshot after rolling back (see
        ``run``). ``finite``: whether every parameter is finite, when the caller knows."""
        net = self.network
        with np.errstate(all="ignore"):
            if not (net.is_finite() if finite is None else finite):
                return self._roll_back(before)
            if not measure:
                return None
            snap = snap if snap is not None else self._measure(before)
            if not _all_finite(snap):
                return self._roll_back(before)
            if self._blown_up(snap):
                return self._roll_back(self._good)
        self.diverged = False
        if not self._above[-1][1]:
            np.copyto(self._good, net.theta)
        return snap

    def wants(self, last: bool, keep: Callable[[int], bool] | None) -> bool:
        """Is the epoch just counted one to measure: the ``last`` of a run, or one that
        ``keep`` asks for (None: every one)?"""
        return last or keep is None or keep(self.epoch)

    def measure(self, theta_before: np.ndarray | None = None) -> Snapshot:
        """A snapshot of the current state (counts the epoch when ``theta_before``, the
        parameters at the start of the epoch, is given)."""
        if theta_before is not None:
            self.epoch += 1
        with np.errstate(all="ignore"):
            return self._measure(theta_before)

    def _measure(self, theta_before: np.ndarray | None) -> Snapshot:
        net = self.network
        train_loss, _, _ = net.gradients(self.split.X_train, self.Y_train, self.l1, self.l2)
        if self._full_batch():
            self._grad_for = (net.theta.copy(), net.grad.copy(), self.l1, self.l2)
        train_acc = losses.accuracy(net.A[-1], self.split.y_train, net.task)
        step = None if theta_before is None else net.block_norms(net.theta - theta_before)
        dead = [self.dead_fraction(l, net.A[l + 1]) for l in range(len(net.W))]
        test_loss = test_acc = None
        if len(self.split.y_test):
            A = net.forward(self.split.X_test)
            test_loss = net.cost(self.Y_test, self.l1, self.l2)
            test_acc = losses.accuracy(A, self.split.y_test, net.task)
        return self.snapshot(train_loss, train_acc, net.block_norms(net.grad),
                             net.block_norms(net.theta), step, dead, test_loss, test_acc)

    def snapshot(self, train_loss: float, train_acc: float | None, grad: np.ndarray,
                 weight: np.ndarray, step: np.ndarray | None, dead: list[float | None],
                 test_loss: float | None, test_acc: float | None) -> Snapshot:
        """The snapshot of this epoch from what was measured: ``grad``, ``weight`` and
        ``step`` are the norms (arrays or lists) of the blocks ``[W1, b1, W2, b2, ...]``
        of the full-batch gradient, of the parameters and of the epoch's change (None: not
        known), ``dead`` each layer's ``dead_fraction``. (``core.stacked`` measures many
        networks at once and makes each one's snapshot here.)"""
        grad, weight = _floats(grad), _floats(weight)
        step = [0.0] * len(weight) if step is None else _floats(step)
        layers = [
            LayerStats(
                grad_norm_W=grad[2 * l],
                grad_norm_b=grad[2 * l + 1],
                weight_norm=weight[2 * l],
                update_ratio=step[2 * l] / weight[2 * l] if weight[2 * l] > 0 else 0.0,
                dead_fraction=dead[l],
            )
            for l in range(len(weight) // 2)
        ]
        return Snapshot(self.epoch, train_loss, test_loss, train_acc, test_acc, layers)

    # --- divergence -----------------------------------------------------------------------
    def guessing_loss(self) -> float:
        """The loss of the best constant prediction (the class shares, or the mean): what
        a network that learnt nothing scores."""
        net, Y = self.network, self.Y_train
        A = np.broadcast_to(Y.mean(axis=0), Y.shape).astype(float)
        out = net.activations[-1]
        if out == "sigmoid":
            A = np.clip(A, 1e-7, 1 - 1e-7)
            Z = np.log(A) - np.log1p(-A)
        elif out == "softmax":
            A = np.clip(A, 1e-7, 1.0)
            Z = np.log(A)
        else:
            Z = A
        return float(net.loss.value(Z, A, Y))

    def _loss_limit(self) -> float:
        net = self.network
        with np.errstate(all="ignore"):
            net.forward(self.split.X_train)
            start = net.cost(self.Y_train, self.l1, self.l2)
        start = start if np.isfinite(start) else 0.0
        return BLOWUP_FACTOR * max(self.guessing_loss(), start)

    def _blown_up(self, snap: Snapshot) -> bool:
        """Record ``snap``; has the loss been past ``loss_limit`` for most of the last
        ``BLOWUP_EPOCHS`` epochs (at least three measurements), ``snap``'s included?"""
        above = snap.train_loss > self.loss_limit
        self._above.append((snap.epoch, above))
        del self._above[:-64]
        if not above:
            return False
        seen = hits = 0
        for epoch, was_above in reversed(self._above):
            seen, hits = seen + 1, hits + was_above
            if snap.epoch - epoch + 1 >= BLOWUP_EPOCHS and seen >= 3:
                return hits >= BLOWUP_SHARE * seen
        return False

    # --- helpers ------------------------------------------------------------------------
    def dead_fraction(self, l: int, A: np.ndarray):
        """Share of layer l's units that output 0 for every training sample, from its
        activations ``A`` ``(n_train, units)`` over the whole training set (ReLU only:
        their gradient is 0 there too, so they learn nothing more unless the layers before
        them change); None for other layers and the output. (A stack's ``(K, n_train,
        units)`` gives ``(K,)``.)"""
        net = self.network
        if l == len(net.W) - 1 or not acts.ACTIVATIONS[net.activations[l]].can_die:
            return None
        share = np.mean(np.all(A <= 0.0, axis=-2), axis=-1)
        return float(share) if share.ndim == 0 else share

    def _roll_back(self, theta: np.ndarray) -> Snapshot:
        self.network.theta[...] = theta
        self._grad_for = None
        self._above.clear()
        # The optimizer's memory (momentum, Adam moments) is non-finite too: start it afresh,
        # so a learner who lowers the learning rate can carry on from the last sane weights.
        self.optimizer.reset()
        snap = self._measure(None)
        snap.diverged = True
        self.diverged = True
        return snap


def _floats(values) -> list[float]:
    return values.tolist() if isinstance(values, np.ndarray) else list(values)


def _all_finite(snap: Snapshot) -> bool:
    values = [snap.train_loss, snap.test_loss]
    # every per-layer stat: weights near 1e155 are finite but their norm is not (and the
    # update ratio becomes inf/inf = NaN), even while a saturated loss still looks finite
    values += [v for s in snap.layers for v in vars(s).values()]  # vars: asdict is 40x slower
    # math.isfinite: 1/13 of np.isfinite's cost on a Python float (measured), and this runs every
    # measured epoch
    return all(v is None or math.isfinite(v) for v in values)
