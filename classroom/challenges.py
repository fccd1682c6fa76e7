"""A class's challenge: what counts as an entry, and how entries are ranked.

Each challenge scores a student's report: ``None`` while it does not qualify, else a
number where lower is better. The store keeps each student's best score; the leaderboard
sorts by it. Names and explanations live in the catalogues (``challenge_<id>``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

TARGET_ACCURACY = 0.95  # "fewest weights": test accuracy at least this
NO_HIDDEN_ACCURACY = 0.90  # "no hidden layer": test accuracy at least this
EPOCH_BUDGET = 2000  # "lowest test loss": only what was reached by this epoch counts


@dataclass(frozen=True)
class Entry:
    """What a challenge looks at in a report."""

    epoch: int
    test_loss: float | None
    test_accuracy: float | None
    hidden_layers: int
    weights: int


def _fewest_weights(e: Entry) -> float | None:
    ok = e.test_accuracy is not None and e.test_accuracy >= TARGET_ACCURACY
    return float(e.weights) if ok else None


def _lowest_test_loss(e: Entry) -> float | None:
    ok = e.test_loss is not None and e.epoch <= EPOCH_BUDGET
    return float(e.test_loss) if ok else None


def _no_hidden_layer(e: Entry) -> float | None:
    """Fewest epochs to reach the accuracy with no hidden layer at all."""
    ok = (e.hidden_layers == 0 and e.test_accuracy is not None
          and e.test_accuracy >= NO_HIDDEN_ACCURACY)
    return float(e.epoch) if ok else None


@dataclass(frozen=True)
class Challenge:
    score: Callable[[Entry], float | None]
    unit: str  # what the score counts (the catalogue's ``score_<unit>``)


CHALLENGES: dict[str, Challenge] = {
    "fewest_weights": Challenge(_fewest_weights, "weights"),
    "lowest_test_loss": Challenge(_lowest_test_loss, "loss"),
    "no_hidden_layer": Challenge(_no_hidden_layer, "epochs"),
}
NONE = ""  # a class without a challenge


def score(challenge: str, entry: Entry) -> float | None:
    """The entry's score in ``challenge`` (lower is better), None if it does not count."""
    if challenge not in CHALLENGES:
        return None
    return CHALLENGES[challenge].score(entry)
