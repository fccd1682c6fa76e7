"""Everything a learner sets on the Playground, its limits, and its URL form.

``Settings`` is flat and hashable. ``from_query`` reads a URL query string (possibly
edited by hand): values out of range are clamped and reported, junk is ignored and
reported, nothing raises. ``to_query`` writes the same keys back, so a shared link
reopens the same data, network and seed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from core import activations, datasets, losses, optimizers
from core.experiment import Config

CSV_DATASET = "csv"  # the learner's own upload; cannot travel in a URL
REGULARIZERS = ("none", "l1", "l2")
MAX_LAYERS, MAX_UNITS = 8, 64
LIMITS = {  # name: (low, high) for numbers, clamped when read from a URL
    "samples": (20, 2000), "noise": (0.0, 1.0), "train_pct": (10, 90), "lr": (1e-5, 10.0),
    "batch": (0, 2000), "reg_rate": (0.0, 1.0), "seed": (0, 2**31 - 1), "speed": (1, 50),
}


@dataclass(frozen=True)
class Settings:
    dataset: str = "circles"
    samples: int = 500
    noise: float = 0.0
    train_pct: int = 50
    hidden: tuple[int, ...] = (4, 4)
    act: tuple[str, ...] = ("tanh",)  # one name for every layer, or one per hidden layer
    loss: str = ""  # "" = the task's default
    opt: str = "sgd"
    lr: float = 0.03
    batch: int = 10
    reg: str = "none"
    reg_rate: float = 0.0
    seed: int = 0
    speed: int = 5  # epochs per frame

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    def activations(self) -> tuple[str, ...]:
        """One activation per hidden layer."""
        if len(self.act) == len(self.hidden):
            return self.act
        return (self.act[0],) * len(self.hidden)

    def task(self, csv_task: str | None = None) -> str:
        if self.dataset == CSV_DATASET:
            return csv_task or "binary"
        return datasets.DATASETS[self.dataset].task

    def to_config(self, task: str | None = None) -> Config:
        """The engine's configuration for these settings."""
        task = task or self.task()
        loss = self.loss if (task, self.loss) in losses.HEADS else None
        return Config(
            dataset=self.dataset, samples=self.samples, noise=self.noise,
            test_ratio=1.0 - self.train_pct / 100.0, hidden=self.hidden,
            activation=self.activations(), loss=loss, optimizer=self.opt, lr=self.lr,
            batch_size=self.batch, l1=self.reg_rate if self.reg == "l1" else 0.0,
            l2=self.reg_rate if self.reg == "l2" else 0.0, seed=self.seed,
        )


DEFAULTS = Settings()
URL_KEYS = tuple(f.name for f in fields(Settings))


def _clamp(name: str, value, notes: list[str]):
    lo, hi = LIMITS[name]
    clamped = min(max(value, lo), hi)
    if clamped != value:
        notes.append(f"{name}={value} is out of range; using {clamped} ({lo} to {hi}).")
    return clamped


def _number(name: str, raw: str, kind, notes: list[str]):
    try:
        value = kind(float(raw)) if kind is int else float(raw)
    except (TypeError, ValueError, OverflowError):
        notes.append(f"{name}={raw!r} is not a number; ignored.")
        return None
    if isinstance(value, float) and not math.isfinite(value):
        notes.append(f"{name}={raw!r} is not a finite number; ignored.")
        return None
    return _clamp(name, value, notes)


def _choice(name: str, raw: str, allowed, notes: list[str]):
    if raw in allowed:
        return raw
    notes.append(f"{name}={raw!r} is not one of {', '.join(allowed)}; ignored.")
    return None


def _hidden(raw: str, notes: list[str]):
    parts = [p for p in raw.replace(" ", "").split(",") if p != ""]
    if raw.strip() in ("", "0", "none"):
        return ()
    try:
        units = [int(float(p)) for p in parts]
    except (ValueError, OverflowError):
        notes.append(f"hidden={raw!r} should look like 8,8,8; ignored.")
        return None
    if len(units) > MAX_LAYERS:
        notes.append(f"hidden has {len(units)} layers; keeping the first {MAX_LAYERS}.")
        units = units[:MAX_LAYERS]
    clamped = tuple(min(max(u, 1), MAX_UNITS) for u in units)
    if list(clamped) != units:
        notes.append(f"hidden={raw!r}: each layer has 1 to {MAX_UNITS} units; "
                     f"using {','.join(map(str, clamped))}.")
    return clamped


def _act(raw: str, notes: list[str]):
    names = tuple(p for p in raw.replace(" ", "").split(",") if p)
    bad = [n for n in names if n not in activations.ACTIVATIONS]
    if not names or bad:
        notes.append(f"act={raw!r}: choose from {', '.join(activations.ACTIVATIONS)}; ignored.")
        return None
    return names


PARSERS = {
    "dataset": lambda raw, notes: _choice("dataset", raw, tuple(datasets.DATASETS), notes),
    "samples": lambda raw, notes: _number("samples", raw, int, notes),
    "noise": lambda raw, notes: _number("noise", raw, float, notes),
    "train_pct": lambda raw, notes: _number("train_pct", raw, int, notes),
    "hidden": _hidden,
    "act": _act,
    "loss": lambda raw, notes: _choice("loss", raw, ("", *{l for _, l in losses.HEADS}), notes),
    "opt": lambda raw, notes: _choice("opt", raw, tuple(optimizers.OPTIMIZERS), notes),
    "lr": lambda raw, notes: _number("lr", raw, float, notes),
    "batch": lambda raw, notes: _number("batch", raw, int, notes),
    "reg": lambda raw, notes: _choice("reg", raw, REGULARIZERS, notes),
    "reg_rate": lambda raw, notes: _number("reg_rate", raw, float, notes),
    "seed": lambda raw, notes: _number("seed", raw, int, notes),
    "speed": lambda raw, notes: _number("speed", raw, int, notes),
}


def from_query(params: dict[str, str], base: Settings = DEFAULTS) -> tuple[Settings, list[str]]:
    """Settings from URL parameters over ``base``, and notes on what was clamped or ignored.

    Unknown keys are ignored silently (other tools may add their own); never raises.
    """
    notes: list[str] = []
    changes = {}
    for key, parse in PARSERS.items():
        if key in params:
            raw = params[key]
            if isinstance(raw, list):  # a repeated key: the last value wins
                if not raw:
                    continue
                raw = raw[-1]
            value = parse(str(raw), notes)
            if value is not None:
                changes[key] = value
    settings = replace(base, **changes)
    if len(settings.act) not in (1, len(settings.hidden)):
        notes.append(f"act lists {len(settings.act)} names for {len(settings.hidden)} hidden "
                     f"layers; using {settings.act[0]} for all.")
        settings = replace(settings, act=settings.act[:1])
    if settings.loss and (settings.task(), settings.loss) not in losses.HEADS:
        notes.append(f"loss={settings.loss!r} does not fit this data set; using its default.")
        settings = replace(settings, loss="")
    return settings, notes


def to_query(settings: Settings) -> dict[str, str]:
    """URL parameters for ``settings`` (numbers written so they read back exactly)."""
    out = {}
    for key, value in asdict(settings).items():
        if isinstance(value, (tuple, list)):
            out[key] = ",".join(str(v) for v in value) if value else "0"
        else:
            out[key] = repr(value) if isinstance(value, float) else str(value)
    if settings.dataset == CSV_DATASET:
        out.pop("dataset")  # an upload cannot travel in a link
    return out
