"""Many networks of one shape trained together: one batched step for all of them.

A class that follows a teacher's link trains thirty networks of the same shape on data of
the same shape. One small network's step is a few thousand floating-point operations, and
what it costs is NumPy's overhead per call, about a thousand times that. Stacked, the K
networks' weights are ``(K, fan_in, fan_out)`` arrays and a step is one batched matmul per
layer for all K: the overhead is paid once for the class.

    Z[l] = A[l-1] @ W[l] + b[l]      A[l-1]: (K, batch, fan_in)   W[l]: (K, fan_in, units)

Each network keeps everything of its own: data, shuffling stream, learning rate,
penalties, optimizer state, epoch count, measurements and divergence check (the bookkeeping
is ``Trainer``'s own, ``begin_run`` and ``end_epoch``). Its ``Network`` and optimizer stay
the owners of its numbers: while in a stack, their arrays are views into one row of the
stack's (``Network.bind``), so whoever reads a network sees its current weights, and a
network that leaves takes copies with it. A network trained in a stack follows the
trajectory it follows alone, to rounding (``tests/core/test_stacked.py``: 1e-12).

``Stack`` trains one group; ``Pool`` keeps a stack per shape for many callers at once (the
app's live loops, one thread per learner).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

import numpy as np

from . import activations as acts
from . import losses
from .dtype import DTYPE
from .training import Snapshot, Trainer

Keep = Callable[[int], bool]
Record = Callable[[Snapshot], None]


def stack_key(trainer: Trainer) -> tuple | None:
    """What trainers must share to be trained in one stack: the network's layers,
    activations and loss, the optimizer's rule, the training and test sets' sizes and the
    batch size (so every network takes the same steps and is measured alike). None if
    ``trainer`` cannot be stacked (an optimizer whose state is not one flat array, as
    ``Trainer`` makes it)."""
    net, opt = trainer.network, trainer.optimizer
    names = getattr(type(opt), "state_names", None)
    if names is None or not hasattr(type(opt), "update"):
        return None
    for name in names:
        state = getattr(opt, name)
        if state is not None and (len(state) != 1 or state[0].shape != net.theta.shape):
            return None
    n = len(trainer.split.y_train)
    batch = n if trainer._full_batch() else trainer.batch_size
    return (tuple(net.block_shapes), tuple(net.activations), net.task, net.loss.name,
            type(opt), n, batch, len(trainer.split.y_test))


@dataclass(eq=False)
class Member:
    """One network in a stack, and what the stack reports to about it."""

    trainer: Trainer
    keep: Keep | None = None  # which epochs to measure (None: every one), as Trainer.run
    record: Record | None = None  # called with each snapshot taken
    optimizer: object = None  # the optimizer whose state is bound into the stack
    state: dict = field(default_factory=dict)  # its state lists, bound into the stack


class Stack:
    """Trainers of one ``stack_key``, trained together (see the module docstring)."""

    def __init__(self, trainers: Iterable[Trainer] = ()):
        self.members: list[Member] = []
        self.key: tuple | None = None
        for trainer in trainers:
            self.join(trainer)

    def __len__(self) -> int:
        return len(self.members)

    def __contains__(self, trainer: Trainer) -> bool:
        return any(m.trainer is trainer for m in self.members)

    @property
    def trainers(self) -> list[Trainer]:
        return [m.trainer for m in self.members]

    # --- who is in --------------------------------------------------------------------
    def join(self, trainer: Trainer, keep: Keep | None = None,
             record: Record | None = None) -> None:
        """Add ``trainer`` (its ``stack_key`` must be this stack's)."""
        key = stack_key(trainer)
        if key is None or (self.members and key != self.key):
            raise ValueError("this network cannot be trained in this stack: its shape, "
                             "optimizer, training set size or batch size differ")
        if trainer in self:
            raise ValueError("this network is in the stack already")
        self._unbind()
        self.members.append(Member(trainer, keep, record))
        self.key = key
        self._bind()

    def leave(self, trainer: Trainer) -> bool:
        """Take ``trainer`` out, with copies of its numbers; False if it was not in. Its
        last epoch, if a run left it unmeasured, is measured first (and recorded), as a
        run alone measures its last: what it shows next is where its network is."""
        member = next((m for m in self.members if m.trainer is trainer), None)
        if member is None:
            return False
        snap = trainer.catch_up()
        if snap is not None and member.record is not None:
            member.record(snap)
        self._unbind()
        self.members = [m for m in self.members if m.trainer is not trainer]
        self._bind()
        return True

    def stale(self) -> list[Trainer]:
        """Members that no longer fit (a new optimizer, batch size or data of their own
        since they joined): take them out and join them where they now belong."""
        return [m.trainer for m in self.members
                if m.trainer.optimizer is not m.optimizer or stack_key(m.trainer) != self.key]

    def _unbind(self) -> None:
        """Every member back on arrays of its own (copies of its rows)."""
        for m in self.members:
            net = m.trainer.network
            net.bind(net.theta.copy(), net.grad.copy())
            for name, bound in m.state.items():
                if getattr(m.optimizer, name) is bound:  # not reset or replaced since
                    setattr(m.optimizer, name, [bound[0].copy()])
            m.state = {}
        self.theta = self.grad = None

    def _bind(self) -> None:
        """One row per member in the stack's arrays, and every member's arrays views of it."""
        if not self.members:
            self.key = None
            return
        trainers = self.trainers
        first = trainers[0].network
        K, P = len(trainers), first.n_parameters()
        self.theta = np.stack([t.network.theta for t in trainers])
        self.grad = np.zeros((K, P), dtype=DTYPE)
        opt_type = self.key[4]
        self._state = {name: np.zeros((K, P), dtype=DTYPE) for name in opt_type.state_names}
        for k, m in enumerate(self.members):
            m.trainer.network.bind(self.theta[k], self.grad[k])
            m.optimizer = m.trainer.optimizer
            for name, rows in self._state.items():
                own = getattr(m.optimizer, name)
                if own is not None:  # else zeros, as the optimizer's first step makes them
                    rows[k] = own[0]
                m.state[name] = [rows[k]]
                setattr(m.optimizer, name, m.state[name])
        self._shapes = first.block_shapes
        self.W, self.b = self._blocks(self.theta)
        self.dW, self.db = self._blocks(self.grad)
        names = first.activations
        self._g = [acts.ACTIVATIONS[a].function for a in names[:-1]]
        self._g.append(acts.OUTPUT_FUNCTIONS[names[-1]])
        self._dg = [acts.ACTIVATIONS[a].derivative for a in names[:-1]]
        self._loss = first.loss
        self._X = np.stack([t.split.X_train for t in trainers]).astype(DTYPE, copy=False)
        self._Y = np.stack([t.Y_train for t in trainers])
        self._X_test = np.stack([t.split.X_test for t in trainers]).astype(DTYPE, copy=False)
        self._Y_test = np.stack([t.Y_test for t in trainers])
        self._y = np.stack([t.split.y_train for t in trainers])
        self._y_test = np.stack([t.split.y_test for t in trainers])

    def _blocks(self, flat: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """``(W, b)``: the layers of ``flat`` ``(K, P)`` (rows laid out as a network's
        ``theta``) as views, ``W[l]`` ``(K, fan_in, units)`` and ``b[l]`` ``(K, units)``."""
        W, b, offset = [], [], 0
        for i, shape in enumerate(self._shapes):
            size = int(np.prod(shape))
            (W if i % 2 == 0 else b).append(
                flat[:, offset:offset + size].reshape(len(flat), *shape))
            offset += size
        return W, b

    # --- one epoch for all --------------------------------------------------------------
    def fit_epoch(self) -> None:
        """One epoch of every member: the same minibatch steps as ``Trainer.fit_epoch``,
        each member's batches drawn from its own shuffling stream; no measurements."""
        if not self.members:
            return
        trainers = self.trainers
        n, batch = self.key[5], self.key[6]
        X, Y = self._X, self._Y
        if batch < n:
            order = np.stack([t.rng.permutation(n) for t in trainers])[:, :, None]
            X, Y = np.take_along_axis(X, order, axis=1), np.take_along_axis(Y, order, axis=1)
        lr = np.array([[t.optimizer.lr] for t in trainers], dtype=DTYPE)
        l1 = np.array([t.l1 for t in trainers], dtype=DTYPE)[:, None, None]
        l2 = np.array([t.l2 for t in trainers], dtype=DTYPE)[:, None, None]
        ones = np.ones(min(batch, n), dtype=DTYPE)
        for start in range(0, n, batch):
            A, Z = self._forward(X[:, start:start + batch], self.W, self.b)
            self._backward(A, Z, Y[:, start:start + batch], self.W, self.dW, self.db, l1, l2,
                           ones)
            self._step(lr)
        for t in trainers:
            t.forget_gradient()

    def _forward(self, X: np.ndarray, W: list[np.ndarray], b: list[np.ndarray]
                 ) -> tuple[list[np.ndarray], np.ndarray]:
        """``([A0, A1, ..., A_out], Z_out)``, each ``(K, batch, units)``, through the layers
        ``W``, ``b`` (views of a stack, see ``_blocks``), as ``Network.forward`` for one."""
        A, out = X, [X]
        for W_l, b_l, g in zip(W, b, self._g):
            Z = np.matmul(A, W_l)
            Z += b_l[:, None, :]
            A = g(Z)
            out.append(A)
        return out, Z

    def _backward(self, A: list[np.ndarray], Z: np.ndarray, Y: np.ndarray,
                  W: list[np.ndarray], dW: list[np.ndarray], db: list[np.ndarray],
                  l1: np.ndarray, l2: np.ndarray, ones: np.ndarray) -> None:
        """Fill ``dW``, ``db`` with every network's mean gradient over its batch, as
        ``Network.backward`` does for one (``l1``, ``l2``: ``(K, 1, 1)`` penalties)."""
        dZ = self._loss.delta(Z, A[-1], Y)
        ones = ones if len(ones) == Y.shape[1] else np.ones(Y.shape[1], dtype=DTYPE)
        for l in range(len(W) - 1, -1, -1):
            np.matmul(A[l].transpose(0, 2, 1), dZ, out=dW[l])
            np.matmul(ones, dZ, out=db[l])  # column sums per network
            if l:
                dZ = np.matmul(dZ, W[l].transpose(0, 2, 1))
                dZ *= self._dg[l - 1](A[l])
        l1_any, l2_any = l1.any(), l2.any()
        for W_l, dW_l in zip(W, dW):
            if l2_any:
                dW_l += l2 * W_l
            if l1_any:
                dW_l += l1 * np.sign(W_l)

    def _measure(self, rows: list[int], before: np.ndarray) -> dict[int, Snapshot]:
        """Snapshots of the members at ``rows`` (``before``: every member's parameters at
        the epoch's start), measured together: the same numbers as ``Trainer.measure``
        gives each one (one full-batch forward and backward pass over its training set,
        one forward pass over its test set), in a handful of batched calls."""
        idx = np.asarray(rows)
        trainers = [self.members[k].trainer for k in rows]
        theta = self.theta[idx]
        grad = np.empty_like(theta)
        W, b = self._blocks(theta)
        dW, db = self._blocks(grad)
        l1 = np.array([t.l1 for t in trainers], dtype=DTYPE)[:, None, None]
        l2 = np.array([t.l2 for t in trainers], dtype=DTYPE)[:, None, None]
        X, Y = self._X[idx], self._Y[idx]
        A, Z = self._forward(X, W, b)
        self._backward(A, Z, Y, W, dW, db, l1, l2, np.ones(X.shape[1], dtype=DTYPE))
        if self._X_test.shape[1]:
            A_test, Z_test = self._forward(self._X_test[idx], W, b)
        # every member's numbers at once, as Trainer._measure takes them one at a time
        first, loss = trainers[0], self._loss
        grad_norms, weight_norms, step_norms = (
            first.network.block_norms(v).tolist() for v in (grad, theta, theta - before[idx]))
        task = first.network.task
        penalty = np.zeros(len(rows))
        for W_l in W:
            penalty += (0.5 * l2[:, 0, 0] * np.sum(W_l * W_l, axis=(1, 2))
                        + l1[:, 0, 0] * np.sum(np.abs(W_l), axis=(1, 2)))
        train_loss = (loss.value(Z, A[-1], Y) + penalty).tolist()
        train_acc = _accuracies(A[-1], self._y[idx], task)
        test_loss = test_acc = [None] * len(rows)
        if self._X_test.shape[1]:
            test_loss = (loss.value(Z_test, A_test[-1], self._Y_test[idx]) + penalty).tolist()
            test_acc = _accuracies(A_test[-1], self._y_test[idx], task)
        dead = [first.dead_fraction(l, A[l + 1]) for l in range(len(W))]
        dead = [[None if d is None else float(d[j]) for d in dead] for j in range(len(rows))]
        snaps = {}
        for j, (k, t) in enumerate(zip(rows, trainers)):
            snaps[k] = t.snapshot(train_loss[j], train_acc[j], grad_norms[j], weight_norms[j],
                                  step_norms[j], dead[j], test_loss[j], test_acc[j])
        return snaps

    def _step(self, lr: np.ndarray) -> None:
        """Every member's optimizer step: the optimizer's own rule (``update``) on all rows."""
        opt_type = self.key[4]
        rows = [self._state[name] for name in opt_type.state_names]
        if hasattr(opt_type, "corrections"):  # Adam: each member's own step count
            t = np.empty((len(self.members), 1), dtype=DTYPE)
            for k, m in enumerate(self.members):
                m.optimizer.t += 1
                t[k] = m.optimizer.t
            opt_type.update(self.theta, self.grad, lr, *opt_type.corrections(t), *rows)
        else:
            opt_type.update(self.theta, self.grad, lr, *rows)

    # --- a run ----------------------------------------------------------------------------
    def run(self, epochs: int, until: Callable[[], bool] | None = None,
            measured: Collection[Trainer] | None = None) -> int:
        """Train every member up to ``epochs`` epochs together, or fewer: ``until()`` is
        asked after each epoch, as by ``Trainer.run``. Each member is measured at the epochs
        its ``keep`` wants and, if it is in ``measured`` (default: all), at the last (one
        not measured there is when it leaves: ``leave``, ``Trainer.catch_up``); each
        snapshot goes to its ``record``. A member that diverges rolls back alone (as in
        ``Trainer.run``), is recorded, and leaves the stack: the others go on. Returns the
        epochs trained."""
        for m in self.members:
            m.trainer.begin_run()
        done = 0
        for i in range(int(epochs)):
            if not self.members:
                break
            before = self.theta.copy()  # every member's last finite state
            with np.errstate(all="ignore"):
                self.fit_epoch()
                finite = np.isfinite(self.theta).all(axis=1)
            done += 1
            last = i == int(epochs) - 1 or (until is not None and until())
            wanted = []
            for k, m in enumerate(self.members):
                t = m.trainer
                t.epoch += 1
                if finite[k] and t.wants(last and (measured is None or t in measured), m.keep):
                    wanted.append(k)
            with np.errstate(all="ignore"):
                snaps = self._measure(wanted, before) if wanted else {}
            if last:  # a last epoch not measured now is measured if its member leaves
                for k, m in enumerate(self.members):
                    if finite[k] and k not in snaps:
                        m.trainer.pending = before[k].copy()
            gone = []
            for k, m in enumerate(self.members):
                snap = m.trainer.end_epoch(before[k], k in snaps, bool(finite[k]), snaps.get(k))
                if snap is not None:
                    if m.record is not None:
                        m.record(snap)
                    if snap.diverged:
                        gone.append(m.trainer)
            for t in gone:
                self.leave(t)
            if last:
                break
        return done


def _accuracies(A: np.ndarray, y: np.ndarray, task: str) -> list[float | None]:
    """Each network's share of right answers, from a stack's outputs ``(K, n, n_outputs)``
    and labels ``(K, n)`` (``losses.accuracy`` for one)."""
    labels = losses.predict_labels(A, task)
    if labels is None or y.shape[1] == 0:
        return [None] * len(A)
    return np.mean(labels == y, axis=-1).tolist()


class Pool:
    """A stack per shape, for many threads at once (the app's live loops, one per
    learner): each joins with its trainer, asks ``train`` for its share of time, and
    leaves. ``train`` trains the caller's whole stack: every member gains the epochs."""

    def __init__(self):
        self._lock = threading.RLock()
        self._stacks: dict[tuple, Stack] = {}
        self._members: dict[int, tuple[Trainer, Keep | None, Record | None]] = {}

    def join(self, trainer: Trainer, keep: Keep | None = None,
             record: Record | None = None) -> bool:
        """Put ``trainer`` in the stack of its shape; False if it cannot be stacked."""
        key = stack_key(trainer)
        if key is None:
            return False
        with self._lock:
            self._leave(trainer)
            self._stacks.setdefault(key, Stack()).join(trainer, keep, record)
            self._members[id(trainer)] = (trainer, keep, record)
            return True

    def leave(self, trainer: Trainer) -> None:
        """Take ``trainer`` out (nothing if it is not in)."""
        with self._lock:
            self._leave(trainer)
            self._members.pop(id(trainer), None)

    def _leave(self, trainer: Trainer) -> None:
        for key, stack in list(self._stacks.items()):
            if stack.leave(trainer) and not stack:
                del self._stacks[key]

    def __contains__(self, trainer: Trainer) -> bool:
        with self._lock:
            return any(trainer in s for s in self._stacks.values())

    def stack_of(self, trainer: Trainer) -> Stack | None:
        """The stack ``trainer`` trains in (None: not in the pool)."""
        with self._lock:
            return next((s for s in self._stacks.values() if trainer in s), None)

    def size(self, trainer: Trainer) -> int:
        """How many networks ``trainer``'s stack holds (0: not in the pool)."""
        with self._lock:
            return next((len(s) for s in self._stacks.values() if trainer in s), 0)

    def stacks(self) -> list[int]:
        """The sizes of the stacks, largest first."""
        with self._lock:
            return sorted((len(s) for s in self._stacks.values()), reverse=True)

    def train(self, trainer: Trainer, epochs: int, until: Callable[[], bool] | None = None,
              measured: Collection[Trainer] | None = None) -> int:
        """Train ``trainer``'s stack (``Stack.run``), measuring at the last epoch the
        members in ``measured`` (default: all; the others where their ``keep`` wants).
        Returns the epochs trained; 0 if ``trainer`` is not in the pool (it left, e.g.
        because it diverged)."""
        with self._lock:
            self._refresh()
            stack = next((s for s in self._stacks.values() if trainer in s), None)
            if stack is None:
                return 0
            done = stack.run(epochs, until, measured)
            for key in [k for k, s in self._stacks.items() if not s]:
                del self._stacks[key]
            return done

    def _refresh(self) -> None:
        """Members whose optimizer, batch size or data changed move to where they fit."""
        for stack in list(self._stacks.values()):
            for trainer in stack.stale():
                _, keep, record = self._members[id(trainer)]
                self._leave(trainer)
                key = stack_key(trainer)
                if key is not None:
                    self._stacks.setdefault(key, Stack()).join(trainer, keep, record)
