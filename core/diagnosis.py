"""What is going wrong with a run, read from its measurements: the problems the seed
articles teach to spot (a learning rate too high, vanishing gradients, dead ReLUs).

The Playground words each cause for the learner, a class's dashboard shows its key, and
the command line reports it (``python -m core train --json``). Pure: a run's last
snapshot, its history, its network and learning rate in; causes (keys and numbers) out."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .history import History
from .network import Network
from .training import Snapshot

CAUSES = ("lr", "vanishing", "no_gradient", "dead")
VANISHING_RATIO = 1e-3  # first/last layer gradient ratio that names vanishing gradients
DEAD_SHARE = 0.5  # share of dead ReLU units that names them
# The learning rate is too high when one epoch moves a layer's weights by more than this
# share of their size (measured after 300 epochs: healthy runs below 0.04, lr 10 on the
# default network 0.5 to 0.75, lr 3 up to 0.1) ...
UPDATE_RATIO_HIGH = 0.08
LOSS_ABOVE_BEST = 1.2  # ... and the loss is this far above the best it has reached,
GAIN_LOST = 0.1  # ... and has lost this share of what the run had gained from its start
RECENT_ROWS = 8  # ... both over the history's last few rows, not one epoch
MIN_EPOCHS = 1
TINY_RATIO = 1e-12  # a first-layer gradient this much smaller than the last one's: none at all


@dataclass(frozen=True)
class Cause:
    """``key``: one of ``CAUSES``. ``fields``: its numbers (``lr``, ``ratio`` and
    ``rising`` for a learning rate too high; ``ratio`` (first layer's gradient over the
    last's) and ``fix`` ("sigmoid" or "deep") for vanishing gradients; ``fix`` when no
    gradient reaches the first layer; ``share`` of dead units)."""

    key: str
    fields: dict = field(default_factory=dict)


def learning_rate_too_high(last: Snapshot, history: History) -> tuple[float, bool] | None:
    """(the largest update/weight ratio of the last few measured epochs, whether the loss is
    now above where it started) when both say the learning rate is too high: epochs move
    some layer's weights by a large share of their size, and the loss stays well above the
    best it has reached and has given back part of what it had gained (so the steps jump
    past the minimum rather than descend: a healthy run's early steps can be large too,
    but its loss falls). Judged over the last
    ``RECENT_ROWS`` rows of the history, so that one calmer epoch in a jumping run does not
    take the cause away (measured on lr 10, seed 2: the last epoch alone lost it on 9 % of
    epochs, and a page paused there named vanishing gradients instead). Else None."""
    losses = history.column("train_loss")
    losses = losses[np.isfinite(losses)]
    recent = history.rows[-RECENT_ROWS:]
    ratios = [row.get(f"update_ratio_{l}") for row in recent
              for l in range(1, len(last.layers) + 1)]
    ratios += [layer.update_ratio for layer in last.layers]
    ratio = max((float(r) for r in ratios if r is not None and np.isfinite(r)), default=0.0)
    if len(losses) < 2 or ratio < UPDATE_RATIO_HIGH:
        return None
    now = [row["train_loss"] for row in recent if np.isfinite(row["train_loss"])]
    median, best = float(np.median([*now, last.train_loss])), float(losses.min())
    # (near a loss of 0, twice the best is still nothing: a run at 100 % whose loss wobbles
    # between 0.001 and 0.003 has not lost what it gained)
    if median <= LOSS_ABOVE_BEST * best or median - best <= GAIN_LOST * (losses[0] - best):
        return None
    return ratio, bool(last.train_loss > losses[0])


def causes(last: Snapshot, history: History, network: Network, lr: float) -> list[Cause]:
    """Each problem the run shows now: a learning rate too high (weights jump, loss climbs:
    it also saturates units, so it is named instead of vanishing gradients), vanishing
    gradients (or none at all reaching the first layer), dead ReLUs. None before the first
    epoch, nor for a run that diverged (that has its own message)."""
    if last.epoch < MIN_EPOCHS or last.diverged:
        return []
    out = []
    too_high = learning_rate_too_high(last, history)
    if too_high is not None:
        ratio, rising = too_high
        out.append(Cause("lr", {"lr": float(lr), "ratio": ratio, "rising": rising}))
    dead = [layer.dead_fraction for layer in last.layers if layer.dead_fraction is not None]
    units = [n for n, layer in zip(network.hidden, last.layers)
             if layer.dead_fraction is not None]
    share = sum(d * n for d, n in zip(dead, units)) / sum(units) if dead else 0.0
    g = [layer.grad_norm_W for layer in last.layers]
    if too_high is None and len(g) >= 3 and g[-1] > 0 and g[0] / g[-1] < VANISHING_RATIO:
        fix = "sigmoid" if "sigmoid" in network.activations[:-1] else "deep"
        if g[0] / g[-1] >= TINY_RATIO:
            out.append(Cause("vanishing", {"ratio": g[0] / g[-1], "fix": fix}))
        elif share < DEAD_SHARE:  # (dead ReLUs block every path: that cause names it)
            out.append(Cause("no_gradient", {"fix": fix}))
    if share >= DEAD_SHARE:
        out.append(Cause("dead", {"share": share}))
    return out
